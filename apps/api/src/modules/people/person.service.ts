import { QueryFailedError, type EntityManager } from 'typeorm';
import { checkCitizenId, checkSiCode, foldVietnamese, isLocalDate, maskPersonalNumber, type Sex, type SupportCategory } from '@bao-phu/domain';
import { DomainError, FieldErrors } from '../../common/errors';
import type { MessageKey } from '../../common/messages';
import type { RequestContext } from '../../graphql/context';
import { entityRows } from '../../db/entity-rows';
import { likeEscape, runSqlList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { rowById } from '../../graphql/row-loaders';
import { recordAudit } from '../audit/audit.service';
import { forbidden, inScope, requireRole, type Actor } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { HouseholdEntity, PersonEntity } from './person.entity';

/** Who may read people (COLLECTOR sees its due lists, not the register). */
const READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
/** Who registers people: base staff of the base office (and admins). */
const WRITERS: readonly RoleName[] = ['ADMIN', 'BASE_STAFF'];
/** Who works with citizen IDs and phones unmasked; the others may reveal one, and that is audited. */
const UNMASKED: readonly RoleName[] = ['ADMIN', 'BASE_STAFF'];

export function seesPersonalData(actor: Actor | null): boolean {
  return !!actor && UNMASKED.includes(actor.role);
}

const CITIZEN_ID_MESSAGES: Record<string, MessageKey> = {
  FORMAT: 'person.citizenId.format',
  PROVINCE: 'person.citizenId.province',
  CENTURY_MISMATCH: 'person.citizenId.century',
  SEX_MISMATCH: 'person.citizenId.sex',
  YEAR_MISMATCH: 'person.citizenId.year',
};
const PHONE_RE = /^0\d{9,10}$/;
const HOUSEHOLD_CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export interface PersonFilterInput {
  q?: string | null;
  hamletId?: string | null;
  withinId?: string | null;
}

export interface CreatePersonData {
  fullName: string;
  dateOfBirth: string;
  sex: Sex;
  citizenId: string;
  hamletId: string;
  phone?: string | null;
  householdId?: string | null;
  supportCategory: SupportCategory;
  supportFrom?: string | null;
  supportTo?: string | null;
  siCode?: string | null;
}

export interface UpdatePersonData {
  fullName?: string | null;
  hamletId?: string | null;
  phone?: string | null;
  householdId?: string | null;
  supportCategory?: SupportCategory | null;
  supportFrom?: string | null;
  supportTo?: string | null;
  siCode?: string | null;
}

/** What an audit event keeps of a person: personal numbers masked, so the trail is no leak. */
function auditView(p: PersonEntity) {
  return {
    fullName: p.fullName,
    citizenId: maskPersonalNumber(p.citizenId),
    phone: maskPersonalNumber(p.phone),
    sex: p.sex,
    dateOfBirth: p.dateOfBirth,
    hamletId: p.hamletId,
    householdId: p.householdId,
    supportCategory: p.supportCategory,
    supportFrom: p.supportFrom,
    supportTo: p.supportTo,
  };
}

function cleanName(value: string | null | undefined, errors: FieldErrors): string {
  const name = (value ?? '').replace(/\s+/g, ' ').trim();
  if (!name) errors.add('fullName', 'common.required');
  else if (name.length > 120) errors.add('fullName', 'common.tooLong', { max: 120 });
  return name;
}

function cleanPhone(value: string | null | undefined, errors: FieldErrors): string | null {
  if (value == null || value.trim() === '') return null;
  const phone = value.replace(/[\s.-]/g, '');
  if (!PHONE_RE.test(phone)) errors.add('phone', 'person.phone.invalid');
  return phone;
}

function checkSupportDates(from: string | null | undefined, to: string | null | undefined, errors: FieldErrors) {
  if (from && !isLocalDate(from)) errors.add('supportFrom', 'common.invalidDate');
  if (to && !isLocalDate(to)) errors.add('supportTo', 'common.invalidDate');
  if (from && to && to < from) errors.add('supportTo', 'person.support.order');
}

async function hamletInScope(em: EntityManager, actor: Actor, id: string, field: string): Promise<OrgUnitEntity> {
  const hamlet = await em.getRepository(OrgUnitEntity).findOneBy({ id: parseUnitId(id, field) });
  if (!hamlet) throw DomainError.badInput(field, 'org.parent.notFound', { id });
  if (!inScope(actor, hamlet.path)) throw forbidden();
  if (hamlet.level !== 'HAMLET') throw DomainError.badInput(field, 'person.hamlet.level');
  if (hamlet.validTo !== null) throw DomainError.badInput(field, 'org.closed', { name: hamlet.name, date: hamlet.validTo });
  return hamlet;
}

async function householdInScope(em: EntityManager, actor: Actor, id: string): Promise<HouseholdEntity> {
  const household = await em.getRepository(HouseholdEntity).findOneBy({ id: parseUnitId(id, 'householdId') });
  if (!household) throw DomainError.badInput('householdId', 'person.household.unknown', { id });
  const hamlet = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: household.hamletId });
  if (!inScope(actor, hamlet.path)) throw forbidden();
  return household;
}

function duplicateCitizenId(err: unknown): boolean {
  return err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'uq_person_citizen_id';
}

/** The register of people and households, scoped by the hamlet each person lives in. */
export class PersonService {
  async get(ctx: RequestContext, id: string): Promise<PersonEntity | null> {
    const actor = requireRole(ctx, READERS);
    const person = await ctx.ds.getRepository(PersonEntity).findOneBy({ id: parseUnitId(id, 'id') });
    if (!person) return null;
    const hamlet = await ctx.loaders.unitById.load(person.hamletId);
    if (!hamlet || !inScope(actor, hamlet.path)) throw forbidden();
    return person;
  }

  /** People in the caller's scope: `q` is a name without diacritics or the start of a citizen ID. */
  async list(ctx: RequestContext, filter: PersonFilterInput | null | undefined, args: ListArgs): Promise<Page<PersonEntity>> {
    const actor = requireRole(ctx, READERS);
    const f = filter ?? {};
    // Written in SQL: the SPA's main list and the one the API is measured by (test/bench/list.bench.ts).
    const params: unknown[] = [`${likeEscape(actor.scopePath)}%`];
    const where = ['h.path LIKE $1'];
    const q = (f.q ?? '').trim();
    if (/^\d{3,12}$/.test(q)) where.push(`p.citizen_id LIKE $${params.push(`${q}%`)}`);
    else if (q) where.push(`p.search_key LIKE $${params.push(`%${likeEscape(foldVietnamese(q))}%`)}`);
    if (f.hamletId) where.push(`p.hamlet_id = $${params.push(parseUnitId(f.hamletId, 'filter.hamletId'))}`);
    if (f.withinId) {
      const within = await ctx.loaders.unitById.load(parseUnitId(f.withinId, 'filter.withinId'));
      where.push(`h.path LIKE $${params.push(`${likeEscape(within?.path ?? '/none/')}%`)}`);
    }
    // The page brings each person's hamlet (already joined for the scope) and household: the list's
    // screen shows both, and their loaders would otherwise read them in two more statements.
    return runSqlList(
      ctx.ds,
      {
        rows: entityRows(ctx.ds, PersonEntity),
        alias: 'p',
        from: 'person p JOIN org_unit h ON h.id = p.hamlet_id',
        where: where.join(' AND '),
        params,
        sortable: { fullName: 'p.search_key', dateOfBirth: 'p.date_of_birth', citizenId: 'p.citizen_id', createdAt: 'p.created_at' },
        defaultSort: [{ field: 'fullName', direction: SortDirection.ASC }],
        idColumn: 'p.id',
        joined: [
          { rows: entityRows(ctx.ds, OrgUnitEntity), alias: 'h', prime: (u: OrgUnitEntity) => ctx.loaders.unitById.prime(u.id, u) },
          {
            rows: entityRows(ctx.ds, HouseholdEntity),
            alias: 'hh',
            join: 'LEFT JOIN household hh ON hh.id = p.household_id',
            prime: (hh: HouseholdEntity) => rowById(ctx, HouseholdEntity).prime(hh.id, hh),
          },
        ],
      },
      args,
    );
  }

  async create(ctx: RequestContext, input: CreatePersonData): Promise<PersonEntity> {
    const actor = requireRole(ctx, WRITERS);
    const errors = new FieldErrors();
    const fullName = cleanName(input.fullName, errors);
    const citizenId = (input.citizenId ?? '').trim();
    if (!isLocalDate(input.dateOfBirth)) errors.add('dateOfBirth', 'common.invalidDate');
    else if (input.dateOfBirth > ctx.today) errors.add('dateOfBirth', 'person.dateOfBirth.future');
    const idProblem = checkCitizenId(citizenId, isLocalDate(input.dateOfBirth) ? { dateOfBirth: input.dateOfBirth, sex: input.sex } : { sex: input.sex });
    if (idProblem) errors.add('citizenId', CITIZEN_ID_MESSAGES[idProblem]);
    const phone = cleanPhone(input.phone, errors);
    const siCode = input.siCode?.trim() || null;
    if (siCode && checkSiCode(siCode)) errors.add('siCode', 'person.siCode.format');
    checkSupportDates(input.supportFrom, input.supportTo, errors);
    errors.throwIfAny();
    try {
      return await ctx.ds.transaction(async (em) => {
        const hamlet = await hamletInScope(em, actor, input.hamletId, 'hamletId');
        const household = input.householdId ? await householdInScope(em, actor, input.householdId) : null;
        if (await em.getRepository(PersonEntity).existsBy({ citizenId })) throw DomainError.badInput('citizenId', 'person.citizenId.duplicate');
        const { identifiers } = await em.insert(PersonEntity, {
          citizenId,
          siCode,
          fullName,
          searchKey: foldVietnamese(fullName),
          sex: input.sex,
          dateOfBirth: input.dateOfBirth,
          phone,
          hamletId: hamlet.id,
          householdId: household?.id ?? null,
          supportCategory: input.supportCategory,
          supportFrom: input.supportFrom ?? null,
          supportTo: input.supportTo ?? null,
          createdBy: actor.id,
        });
        const person = await em.getRepository(PersonEntity).findOneByOrFail({ id: identifiers[0].id as number });
        await recordAudit(em, ctx, { action: 'person.create', entity: 'person', entityId: person.id, scopePath: hamlet.path, before: null, after: auditView(person) });
        return person;
      });
    } catch (err) {
      if (duplicateCitizenId(err)) throw DomainError.badInput('citizenId', 'person.citizenId.duplicate');
      throw err;
    }
  }

  async update(ctx: RequestContext, id: string, input: UpdatePersonData): Promise<PersonEntity> {
    const actor = requireRole(ctx, WRITERS);
    const errors = new FieldErrors();
    const fullName = input.fullName != null ? cleanName(input.fullName, errors) : null;
    const phone = input.phone !== undefined ? cleanPhone(input.phone, errors) : undefined;
    const siCode = input.siCode !== undefined ? input.siCode?.trim() || null : undefined;
    if (siCode && checkSiCode(siCode)) errors.add('siCode', 'person.siCode.format');
    checkSupportDates(input.supportFrom, input.supportTo, errors);
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const person = await em.getRepository(PersonEntity).findOne({ where: { id: parseUnitId(id, 'id') }, lock: { mode: 'pessimistic_write' } });
      if (!person) throw DomainError.notFound('person', id);
      const current = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: person.hamletId });
      if (!inScope(actor, current.path)) throw forbidden();
      const before = auditView(person);
      let scopePath = current.path;
      if (fullName !== null) {
        person.fullName = fullName;
        person.searchKey = foldVietnamese(fullName);
      }
      if (phone !== undefined) person.phone = phone;
      if (siCode !== undefined) person.siCode = siCode;
      if (input.hamletId) {
        const hamlet = await hamletInScope(em, actor, input.hamletId, 'hamletId');
        person.hamletId = hamlet.id;
        scopePath = hamlet.path;
      }
      if (input.householdId !== undefined) person.householdId = input.householdId ? (await householdInScope(em, actor, input.householdId)).id : null;
      if (input.supportCategory) person.supportCategory = input.supportCategory;
      if (input.supportFrom !== undefined) person.supportFrom = input.supportFrom ?? null;
      if (input.supportTo !== undefined) person.supportTo = input.supportTo ?? null;
      const saved = await em.save(person);
      await recordAudit(em, ctx, { action: 'person.update', entity: 'person', entityId: person.id, scopePath, before, after: auditView(saved) });
      return saved;
    });
  }

  /** The unmasked citizen ID and phone, for a role that sees them masked; every reveal is audited. */
  async reveal(ctx: RequestContext, id: string): Promise<{ citizenId: string; phone: string | null }> {
    const person = await this.get(ctx, id);
    if (!person) throw DomainError.notFound('person', id);
    const hamlet = await ctx.loaders.unitById.load(person.hamletId);
    await ctx.ds.transaction((em) =>
      recordAudit(em, ctx, { action: 'person.revealPersonalData', entity: 'person', entityId: person.id, scopePath: hamlet?.path ?? null, after: { fields: ['citizenId', 'phone'] } }),
    );
    return { citizenId: person.citizenId, phone: person.phone };
  }

  async createHousehold(ctx: RequestContext, input: { code: string; hamletId: string }): Promise<HouseholdEntity> {
    const actor = requireRole(ctx, WRITERS);
    const code = (input.code ?? '').trim();
    if (!HOUSEHOLD_CODE_RE.test(code)) throw DomainError.badInput('code', 'org.code.invalid');
    return ctx.ds.transaction(async (em) => {
      const hamlet = await hamletInScope(em, actor, input.hamletId, 'hamletId');
      if (await em.getRepository(HouseholdEntity).existsBy({ code })) throw DomainError.badInput('code', 'household.code.duplicate', { code });
      const { identifiers } = await em.insert(HouseholdEntity, { code, hamletId: hamlet.id });
      const household = await em.getRepository(HouseholdEntity).findOneByOrFail({ id: identifiers[0].id as number });
      await recordAudit(em, ctx, { action: 'household.create', entity: 'household', entityId: household.id, scopePath: hamlet.path, before: null, after: { code, hamletId: hamlet.id } });
      return household;
    });
  }

  async household(ctx: RequestContext, id: string): Promise<HouseholdEntity | null> {
    const actor = requireRole(ctx, READERS);
    // Batched: a page of persons asks for its households together.
    const household = await rowById(ctx, HouseholdEntity).load(parseUnitId(id, 'id'));
    if (!household) return null;
    const hamlet = await ctx.loaders.unitById.load(household.hamletId);
    if (!hamlet || !inScope(actor, hamlet.path)) throw forbidden();
    return household;
  }

  async members(ctx: RequestContext, household: HouseholdEntity): Promise<PersonEntity[]> {
    return ctx.ds.getRepository(PersonEntity).find({ where: { householdId: household.id }, order: { dateOfBirth: 'ASC', id: 'ASC' } });
  }
}

export const personService = new PersonService();
