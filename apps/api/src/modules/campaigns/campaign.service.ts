import DataLoader from 'dataloader';
import { QueryFailedError, type EntityManager } from 'typeorm';
import { achievementPct, foldVietnamese, isLocalDate, todayInVietnam, type LocalDate } from '@bao-phu/domain';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { likeEscape, runList, SortDirection, type ListArgs, type Page } from '../../graphql/list';
import { requestLoader, rowsBy } from '../../graphql/row-loaders';
import { recordAudit } from '../audit/audit.service';
import { forbidden, inScope, requireRole, type Actor } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { EnrollmentEntity } from '../enrollment/enrollment.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { HouseholdEntity, PersonEntity } from '../people/person.entity';
import { participantsAt, statisticsFor } from '../targets/metrics';
import {
  CampaignEntity,
  CampaignHamletEntity,
  CampaignMemberEntity,
  CampaignReportEntity,
  CampaignSessionEntity,
  VisitEntity,
  type CampaignStatus,
} from './campaign.entity';
import type { CampaignFilter, CampaignMemberInput, CreateCampaignInput, LogVisitInput } from './campaign.types';

export const CAMPAIGN_READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR', 'COLLECTOR'];
export const CAMPAIGN_WRITERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF'];
export const MIN_MEMBERS = 5;
const MAX_SESSIONS = 120;
const CODE_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

export interface Figures {
  visits: number;
  enrolled: number;
  interested: number;
  refused: number;
  notHome: number;
  alreadyInsured: number;
  newVoluntarySI: number;
  newHouseholdHI: number;
  targetNewVoluntarySI: number | null;
  targetNewHouseholdHI: number | null;
  voluntarySIPct: number | null;
  householdHIPct: number | null;
  conversionPct: number | null;
}

interface Counts {
  outcomes: Map<string, number>;
  vsi: number;
  hhi: number;
}

function figures(c: Counts, targetVsi: number | null, targetHhi: number | null): Figures {
  const visits = [...c.outcomes.values()].reduce((a, b) => a + b, 0);
  const enrolled = c.outcomes.get('ENROLLED') ?? 0;
  return {
    visits,
    enrolled,
    interested: c.outcomes.get('INTERESTED') ?? 0,
    refused: c.outcomes.get('REFUSED') ?? 0,
    notHome: c.outcomes.get('NOT_HOME') ?? 0,
    alreadyInsured: c.outcomes.get('ALREADY_INSURED') ?? 0,
    newVoluntarySI: c.vsi,
    newHouseholdHI: c.hhi,
    targetNewVoluntarySI: targetVsi,
    targetNewHouseholdHI: targetHhi,
    voluntarySIPct: targetVsi ? achievementPct(c.vsi, targetVsi) : null,
    householdHIPct: targetHhi ? achievementPct(c.hhi, targetHhi) : null,
    conversionPct: visits ? achievementPct(enrolled, visits) : null,
  };
}

const emptyCounts = (): Counts => ({ outcomes: new Map(), vsi: 0, hhi: 0 });

/** A campaign's counts: overall, per day (YYYY-MM-DD) and per member id. */
interface ResultCounts {
  total: Counts;
  byDate: Map<string, Counts>;
  byMember: Map<string, Counts>;
}
const trimOrNull = (text: string | null | undefined, max: number) => {
  const t = (text ?? '').replace(/\s+/g, ' ').trim();
  return t ? t.slice(0, max) : null;
};
const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

/** Weekly dates on the launch day's weekday after it, up to `until`. */
export function weeklyDates(launch: LocalDate, until: LocalDate): LocalDate[] {
  const out: LocalDate[] = [];
  const t = new Date(`${launch}T00:00:00Z`);
  for (;;) {
    t.setUTCDate(t.getUTCDate() + 7);
    const d = t.toISOString().slice(0, 10);
    if (d > until) return out;
    out.push(d);
  }
}

/** Mobilization models: campaigns, members, sessions, visits, credited enrollments, results and reports. */
export class CampaignService {
  private async campaignInScope(em: EntityManager, actor: Actor, id: string, field = 'id', lock = false): Promise<{ campaign: CampaignEntity; commune: OrgUnitEntity }> {
    const campaign = await em.getRepository(CampaignEntity).findOne({ where: { id: parseUnitId(id, field) }, ...(lock ? { lock: { mode: 'pessimistic_write' as const } } : {}) });
    if (!campaign) throw DomainError.notFound('Campaign', id);
    const commune = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: campaign.communeId });
    if (!inScope(actor, commune.path)) throw forbidden();
    return { campaign, commune };
  }

  /** Writers in scope, or (for visits) a member of the campaign with an account. */
  private async requireWriter(em: EntityManager, actor: Actor, campaign: CampaignEntity, allowMembers = false): Promise<void> {
    if (CAMPAIGN_WRITERS.includes(actor.role)) return;
    if (allowMembers && (await em.getRepository(CampaignMemberEntity).existsBy({ campaignId: campaign.id, userId: actor.id }))) return;
    throw forbidden();
  }

  async list(ctx: RequestContext, filter: CampaignFilter | null | undefined, args: ListArgs): Promise<Page<CampaignEntity>> {
    const actor = requireRole(ctx, CAMPAIGN_READERS);
    const f = filter ?? {};
    const qb = ctx.ds.getRepository(CampaignEntity).createQueryBuilder('c').innerJoin(OrgUnitEntity, 'u', 'u.id = c.commune_id').where('u.path LIKE :scope', { scope: `${actor.scopePath}%` });
    if (f.withinId) {
      const within = await ctx.loaders.unitById.load(parseUnitId(f.withinId, 'filter.withinId'));
      if (!within) throw DomainError.notFound('OrgUnit', f.withinId);
      qb.andWhere('u.path LIKE :within', { within: `${within.path}%` });
    }
    if (f.status) qb.andWhere('c.status = :status', { status: f.status });
    if (f.q?.trim()) qb.andWhere('(c.code ILIKE :q OR c.name ILIKE :q OR u.search_key LIKE :fq)', { q: `%${likeEscape(f.q.trim())}%`, fq: `%${likeEscape(foldVietnamese(f.q))}%` });
    if (f.from) qb.andWhere('EXISTS (SELECT 1 FROM campaign_session s WHERE s.campaign_id = c.id AND s.session_date >= :from)', { from: f.from });
    if (f.to) qb.andWhere('EXISTS (SELECT 1 FROM campaign_session s WHERE s.campaign_id = c.id AND s.session_date <= :to)', { to: f.to });
    return runList(qb, args, { launchDate: 'c.launch_date', name: 'c.name', code: 'c.code', status: 'c.status' }, [{ field: 'launchDate', direction: SortDirection.DESC }], 'c.id');
  }

  async get(ctx: RequestContext, id: string): Promise<CampaignEntity | null> {
    const actor = requireRole(ctx, CAMPAIGN_READERS);
    const campaign = await ctx.ds.getRepository(CampaignEntity).findOneBy({ id: parseUnitId(id, 'id') });
    if (!campaign) return null;
    const commune = await ctx.loaders.unitById.load(campaign.communeId);
    if (!commune || !inScope(actor, commune.path)) throw forbidden();
    return campaign;
  }

  async create(ctx: RequestContext, input: CreateCampaignInput): Promise<CampaignEntity> {
    const actor = requireRole(ctx, CAMPAIGN_WRITERS);
    const errors = new FieldErrors();
    const name = trimOrNull(input.name, 1000);
    if (!name) errors.add('name', 'common.required');
    else if (name.length > 200) errors.add('name', 'common.tooLong', { max: 200 });
    for (const f of ['targetNewVoluntarySI', 'targetNewHouseholdHI'] as const) {
      const v = input[f];
      if (v != null && (!Number.isSafeInteger(v) || v < 0)) errors.add(f, 'target.value.negative');
    }
    if (input.code != null && !CODE_RE.test(input.code.trim())) errors.add('code', 'org.code.invalid');
    const sessions = [...new Set([...(input.sessionDates ?? []), ...(input.weeklyUntil ? weeklyDates(input.launchDate, input.weeklyUntil) : [])])].sort();
    if (sessions.some((d) => d < input.launchDate)) errors.add('sessionDates', 'campaign.session.beforeLaunch', { date: vnDate(input.launchDate) });
    if (input.weeklyUntil && input.weeklyUntil < input.launchDate) errors.add('weeklyUntil', 'campaign.session.beforeLaunch', { date: vnDate(input.launchDate) });
    if (sessions.length + 1 > MAX_SESSIONS) errors.add('sessionDates', 'campaign.session.tooMany', { max: MAX_SESSIONS });
    const commune = await ctx.loaders.unitById.load(parseUnitId(input.communeId, 'communeId'));
    if (!commune) throw DomainError.notFound('OrgUnit', input.communeId);
    if (commune.level !== 'COMMUNE') errors.add('communeId', 'campaign.commune.level');
    else if (commune.validTo !== null) errors.add('communeId', 'target.unit.closed', { name: commune.name, date: commune.validTo });
    errors.throwIfAny();
    if (!inScope(actor, commune.path)) throw forbidden();
    try {
      return await ctx.ds.transaction(async (em) => {
        const hamlets: OrgUnitEntity[] = await em
          .getRepository(OrgUnitEntity)
          .createQueryBuilder('h')
          .where(`h.parent_id = :c AND h.level = 'HAMLET' AND h.valid_to IS NULL`, { c: commune.id })
          .getMany();
        let covered = hamlets;
        if (input.hamletIds?.length) {
          const ids = input.hamletIds.map((h, i) => parseUnitId(h, `hamletIds.${i}`));
          const outside = ids.filter((id) => !hamlets.some((h) => h.id === id));
          if (outside.length) throw DomainError.badInput('hamletIds', 'campaign.hamlet.outside', { name: commune.name });
          covered = hamlets.filter((h) => ids.includes(h.id));
        }
        let code = input.code?.trim();
        if (!code) {
          // The next number of the commune's year: MH-30208-2026-01, -02 …
          const prefix = `MH-${commune.code}-${input.launchDate.slice(0, 4)}-`;
          const [{ n }] = await em.query(
            `SELECT COALESCE(max(substring(code FROM '(\\d+)$')::int), 0) + 1 AS n FROM campaign WHERE code LIKE $1 AND substring(code FROM '(\\d+)$') IS NOT NULL`,
            [`${likeEscape(prefix)}%`],
          );
          code = `${prefix}${String(n).padStart(2, '0')}`;
        }
        const { identifiers } = await em.insert(CampaignEntity, {
          code,
          name: name!,
          communeId: commune.id,
          launchDate: input.launchDate,
          status: 'PLANNED',
          targetNewVoluntarySI: input.targetNewVoluntarySI ?? null,
          targetNewHouseholdHI: input.targetNewHouseholdHI ?? null,
          reason: trimOrNull(input.reason, 2000),
          partners: trimOrNull(input.partners, 1000),
          createdBy: actor.id,
        });
        const id = identifiers[0].id as number;
        if (covered.length) await em.insert(CampaignHamletEntity, covered.map((h) => ({ campaignId: id, hamletId: h.id })));
        await em.insert(CampaignSessionEntity, [input.launchDate, ...sessions.filter((d) => d !== input.launchDate)].map((d) => ({ campaignId: id, sessionDate: d, targetNewVoluntarySI: null, targetNewHouseholdHI: null })));
        await recordAudit(em, ctx, { action: 'campaign.create', entity: 'campaign', entityId: id, scopePath: commune.path, before: null, after: { code, name, communeId: commune.id, launchDate: input.launchDate, sessions: sessions.length + 1 } });
        return em.getRepository(CampaignEntity).findOneByOrFail({ id });
      });
    } catch (err) {
      if (err instanceof QueryFailedError && (err.driverError as { constraint?: string }).constraint === 'uq_campaign_code') throw DomainError.badInput('code', 'campaign.code.duplicate', { code: input.code ?? '' });
      throw err;
    }
  }

  async addMember(ctx: RequestContext, campaignId: string, input: CampaignMemberInput): Promise<CampaignMemberEntity> {
    const actor = requireRole(ctx, CAMPAIGN_WRITERS);
    const errors = new FieldErrors();
    const name = trimOrNull(input.name, 1000);
    if (!name) errors.add('name', 'common.required');
    else if (name.length > 120) errors.add('name', 'common.tooLong', { max: 120 });
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const { campaign, commune } = await this.campaignInScope(em, actor, campaignId, 'campaignId', true);
      if (campaign.status === 'COMPLETED' || campaign.status === 'CANCELLED') throw DomainError.badInput('campaignId', 'campaign.closed', { status: campaign.status });
      let userId: number | null = null;
      if (input.userId) {
        userId = parseUnitId(input.userId, 'userId');
        const rows: { path: string }[] = await em.query(`SELECT u.path FROM app_user a JOIN org_unit u ON u.id = a.scope_unit_id WHERE a.id = $1`, [userId]);
        if (!rows.length) throw DomainError.badInput('userId', 'campaign.member.userUnknown');
        if (await em.getRepository(CampaignMemberEntity).existsBy({ campaignId: campaign.id, userId })) throw DomainError.badInput('userId', 'campaign.member.twice');
      }
      const { identifiers } = await em.insert(CampaignMemberEntity, { campaignId: campaign.id, name: name!, role: input.role, organization: trimOrNull(input.organization, 200), userId });
      await recordAudit(em, ctx, { action: 'campaign.addMember', entity: 'campaign', entityId: campaign.id, scopePath: commune.path, before: null, after: { member: name, role: input.role } });
      return em.getRepository(CampaignMemberEntity).findOneByOrFail({ id: identifiers[0].id as number });
    });
  }

  async removeMember(ctx: RequestContext, memberId: string): Promise<boolean> {
    const actor = requireRole(ctx, CAMPAIGN_WRITERS);
    return ctx.ds.transaction(async (em) => {
      const member = await em.getRepository(CampaignMemberEntity).findOneBy({ id: parseUnitId(memberId, 'memberId') });
      if (!member) throw DomainError.notFound('CampaignMember', memberId);
      const { campaign, commune } = await this.campaignInScope(em, actor, String(member.campaignId), 'memberId', true);
      if (await em.getRepository(VisitEntity).existsBy({ memberId: member.id })) throw DomainError.badInput('memberId', 'campaign.member.hasVisits');
      if (campaign.status === 'ACTIVE') {
        const n = await em.getRepository(CampaignMemberEntity).countBy({ campaignId: campaign.id });
        if (n - 1 < MIN_MEMBERS) throw DomainError.badInput('memberId', 'campaign.members.tooFew', { count: n - 1, min: MIN_MEMBERS, missing: MIN_MEMBERS - (n - 1) });
      }
      await em.delete(CampaignMemberEntity, { id: member.id });
      await recordAudit(em, ctx, { action: 'campaign.removeMember', entity: 'campaign', entityId: campaign.id, scopePath: commune.path, before: { member: member.name, role: member.role }, after: null });
      return true;
    });
  }

  async addSessions(ctx: RequestContext, campaignId: string, dates: string[], targets: { vsi?: number | null; hhi?: number | null }): Promise<CampaignSessionEntity[]> {
    const actor = requireRole(ctx, CAMPAIGN_WRITERS);
    const errors = new FieldErrors();
    if (!dates.length) errors.add('dates', 'common.required');
    if (targets.vsi != null && (!Number.isSafeInteger(targets.vsi) || targets.vsi < 0)) errors.add('targetNewVoluntarySI', 'target.value.negative');
    if (targets.hhi != null && (!Number.isSafeInteger(targets.hhi) || targets.hhi < 0)) errors.add('targetNewHouseholdHI', 'target.value.negative');
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const { campaign, commune } = await this.campaignInScope(em, actor, campaignId, 'campaignId', true);
      if (campaign.status === 'COMPLETED' || campaign.status === 'CANCELLED') throw DomainError.badInput('campaignId', 'campaign.closed', { status: campaign.status });
      if (dates.some((d) => d < campaign.launchDate)) throw DomainError.badInput('dates', 'campaign.session.beforeLaunch', { date: vnDate(campaign.launchDate) });
      const existing = await em.getRepository(CampaignSessionEntity).findBy({ campaignId: campaign.id });
      const unique = [...new Set(dates)].sort();
      if (existing.length + unique.length > MAX_SESSIONS) throw DomainError.badInput('dates', 'campaign.session.tooMany', { max: MAX_SESSIONS });
      const have = new Map(existing.map((s) => [s.sessionDate, s]));
      for (const d of unique) {
        const row = { targetNewVoluntarySI: targets.vsi ?? null, targetNewHouseholdHI: targets.hhi ?? null };
        if (have.has(d)) await em.update(CampaignSessionEntity, { id: have.get(d)!.id }, row);
        else await em.insert(CampaignSessionEntity, { campaignId: campaign.id, sessionDate: d, ...row });
      }
      await recordAudit(em, ctx, { action: 'campaign.addSessions', entity: 'campaign', entityId: campaign.id, scopePath: commune.path, before: null, after: { dates: unique, ...targets } });
      return em.getRepository(CampaignSessionEntity).find({ where: { campaignId: campaign.id }, order: { sessionDate: 'ASC' } });
    });
  }

  /** PLANNED → ACTIVE, refused with fewer than 5 members (saying how many are missing). */
  async start(ctx: RequestContext, id: string): Promise<CampaignEntity> {
    return this.transition(ctx, id, ['PLANNED'], 'ACTIVE', async (em, campaign) => {
      const n = await em.getRepository(CampaignMemberEntity).countBy({ campaignId: campaign.id });
      if (n < MIN_MEMBERS) throw DomainError.badInput('id', 'campaign.members.tooFew', { count: n, min: MIN_MEMBERS, missing: MIN_MEMBERS - n });
    });
  }

  complete(ctx: RequestContext, id: string): Promise<CampaignEntity> {
    return this.transition(ctx, id, ['ACTIVE'], 'COMPLETED');
  }

  cancel(ctx: RequestContext, id: string): Promise<CampaignEntity> {
    return this.transition(ctx, id, ['PLANNED', 'ACTIVE'], 'CANCELLED');
  }

  private async transition(ctx: RequestContext, id: string, from: CampaignStatus[], to: CampaignStatus, check?: (em: EntityManager, c: CampaignEntity) => Promise<void>): Promise<CampaignEntity> {
    const actor = requireRole(ctx, CAMPAIGN_WRITERS);
    return ctx.ds.transaction(async (em) => {
      const { campaign, commune } = await this.campaignInScope(em, actor, id, 'id', true);
      if (!from.includes(campaign.status)) throw new DomainError('CONFLICT', 'campaign.status.cannot', { from: campaign.status, to });
      await check?.(em, campaign);
      await em.getRepository(CampaignEntity).update({ id: campaign.id }, { status: to });
      await recordAudit(em, ctx, { action: `campaign.${to.toLowerCase()}`, entity: 'campaign', entityId: campaign.id, scopePath: commune.path, before: { status: campaign.status }, after: { status: to } });
      return em.getRepository(CampaignEntity).findOneByOrFail({ id: campaign.id });
    });
  }

  /**
   * Logs a door knocked on. The person, household or hamlet must be in the campaign's commune; a
   * refusal needs its reason; "interested" may carry the day to come back.
   */
  async logVisit(ctx: RequestContext, input: LogVisitInput): Promise<VisitEntity> {
    const actor = requireRole(ctx, CAMPAIGN_READERS);
    const errors = new FieldErrors();
    if (!isLocalDate(input.visitDate)) errors.add('visitDate', 'common.invalidDate');
    else if (input.visitDate > todayInVietnam()) errors.add('visitDate', 'visit.future');
    if (!input.personId && !input.householdId && !trimOrNull(input.contactName, 120)) errors.add('personId', 'visit.whom');
    if (input.contactName && !input.personId && !input.householdId && !input.hamletId) errors.add('hamletId', 'common.required');
    if (input.outcome === 'REFUSED' && !trimOrNull(input.refusalReason, 300)) errors.add('refusalReason', 'visit.refusal.reason');
    if (input.followUpDate && input.followUpDate < input.visitDate) errors.add('followUpDate', 'visit.followUp.before');
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const { campaign, commune } = await this.campaignInScope(em, actor, input.campaignId, 'campaignId');
      await this.requireWriter(em, actor, campaign, true);
      if (campaign.status !== 'ACTIVE') throw DomainError.badInput('campaignId', 'visit.notActive', { status: campaign.status });
      if (input.visitDate < campaign.launchDate) throw DomainError.badInput('visitDate', 'visit.beforeLaunch', { date: vnDate(campaign.launchDate) });
      const member = await em.getRepository(CampaignMemberEntity).findOneBy({ id: parseUnitId(input.memberId, 'memberId') });
      if (!member || member.campaignId !== campaign.id) throw DomainError.badInput('memberId', 'visit.member.other');
      let hamletId: number;
      let personId: number | null = null;
      let householdId: number | null = null;
      if (input.personId) {
        const person = await em.getRepository(PersonEntity).findOneBy({ id: parseUnitId(input.personId, 'personId') });
        if (!person) throw DomainError.badInput('personId', 'enrollment.person.unknown', { id: input.personId });
        personId = person.id;
        householdId = person.householdId;
        hamletId = person.hamletId;
      } else if (input.householdId) {
        const household = await em.getRepository(HouseholdEntity).findOneBy({ id: parseUnitId(input.householdId, 'householdId') });
        if (!household) throw DomainError.notFound('Household', input.householdId);
        householdId = household.id;
        hamletId = household.hamletId;
      } else {
        hamletId = parseUnitId(input.hamletId!, 'hamletId');
      }
      const hamlet = await em.getRepository(OrgUnitEntity).findOneBy({ id: hamletId });
      const field = input.personId ? 'personId' : input.householdId ? 'householdId' : 'hamletId';
      if (!hamlet || !hamlet.path.startsWith(commune.path) || hamlet.id === commune.id) throw DomainError.badInput(field, 'visit.outsideCommune', { name: commune.name });
      const session = await em.getRepository(CampaignSessionEntity).findOneBy({ campaignId: campaign.id, sessionDate: input.visitDate });
      const { identifiers } = await em.insert(VisitEntity, {
        campaignId: campaign.id,
        sessionId: session?.id ?? null,
        memberId: member.id,
        personId,
        householdId,
        contactName: personId ? null : trimOrNull(input.contactName, 120),
        hamletId: hamlet.id,
        visitDate: input.visitDate,
        outcome: input.outcome,
        refusalReason: input.outcome === 'REFUSED' ? trimOrNull(input.refusalReason, 300) : null,
        followUpDate: input.followUpDate ?? null,
        note: trimOrNull(input.note, 500),
        createdBy: actor.id,
      });
      const visit = await em.getRepository(VisitEntity).findOneByOrFail({ id: identifiers[0].id as number });
      await recordAudit(em, ctx, { action: 'campaign.visit', entity: 'visit', entityId: visit.id, scopePath: hamlet.path, before: null, after: { campaignId: campaign.id, outcome: input.outcome, personId, householdId } });
      return visit;
    });
  }

  /**
   * Credits an enrollment to a campaign (and its member, through a visit) inside the caller's
   * transaction. The person must live in the campaign's commune; an enrollment credited to another
   * campaign is refused; crediting it again to the same one changes nothing.
   */
  async credit(
    em: EntityManager,
    actor: Actor,
    enrollment: EnrollmentEntity,
    person: PersonEntity,
    ref: { campaignId?: string | null; visitId?: string | null },
    date: LocalDate,
  ): Promise<EnrollmentEntity> {
    let visit: VisitEntity | null = null;
    if (ref.visitId) {
      visit = await em.getRepository(VisitEntity).findOne({ where: { id: parseUnitId(ref.visitId, 'visitId') }, lock: { mode: 'pessimistic_write' } });
      if (!visit) throw DomainError.badInput('visitId', 'visit.unknown');
      if (ref.campaignId && parseUnitId(ref.campaignId, 'campaignId') !== visit.campaignId) throw DomainError.badInput('visitId', 'visit.campaign.other');
      if (visit.personId && visit.personId !== person.id) throw DomainError.badInput('visitId', 'visit.person.other');
      if (!visit.personId && visit.householdId && person.householdId !== visit.householdId) throw DomainError.badInput('visitId', 'visit.person.other');
    }
    const campaignId = visit ? String(visit.campaignId) : ref.campaignId!;
    const { campaign, commune } = await this.campaignInScope(em, actor, campaignId, ref.visitId ? 'visitId' : 'campaignId');
    if (campaign.status !== 'ACTIVE' && campaign.status !== 'COMPLETED') throw DomainError.badInput('campaignId', 'campaign.credit.status', { status: campaign.status });
    const hamlet = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: person.hamletId });
    if (!hamlet.path.startsWith(commune.path)) throw DomainError.badInput('campaignId', 'visit.outsideCommune', { name: commune.name });
    if (enrollment.campaignId !== null && enrollment.campaignId !== campaign.id) throw DomainError.badInput('campaignId', 'campaign.credit.other');
    if (enrollment.campaignId === campaign.id && (!visit || enrollment.visitId === visit.id)) return enrollment;
    await em.update(EnrollmentEntity, { id: enrollment.id }, { campaignId: campaign.id, campaignMemberId: visit?.memberId ?? null, visitId: visit?.id ?? null, creditedOn: visit?.visitDate ?? date });
    if (visit) await em.update(VisitEntity, { id: visit.id }, { outcome: 'ENROLLED', personId: person.id, refusalReason: null });
    return em.getRepository(EnrollmentEntity).findOneByOrFail({ id: enrollment.id });
  }

  /** Credits an enrollment made elsewhere (at the office the next day) to the visit that brought it in. */
  async creditEnrollment(ctx: RequestContext, enrollmentId: string, visitId: string): Promise<EnrollmentEntity> {
    const actor = requireRole(ctx, CAMPAIGN_WRITERS);
    return ctx.ds.transaction(async (em) => {
      const enrollment = await em.getRepository(EnrollmentEntity).findOne({ where: { id: parseUnitId(enrollmentId, 'enrollmentId') }, lock: { mode: 'pessimistic_write' } });
      if (!enrollment) throw DomainError.notFound('Enrollment', enrollmentId);
      const person = await em.getRepository(PersonEntity).findOneByOrFail({ id: enrollment.personId });
      const hamlet = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: person.hamletId });
      if (!inScope(actor, hamlet.path)) throw forbidden();
      const before = { campaignId: enrollment.campaignId, visitId: enrollment.visitId };
      const credited = await this.credit(em, actor, enrollment, person, { visitId }, todayInVietnam());
      await recordAudit(em, ctx, { action: 'enrollment.credit', entity: 'enrollment', entityId: enrollment.id, scopePath: hamlet.path, before, after: { campaignId: credited.campaignId, visitId: credited.visitId } });
      return credited;
    });
  }

  /**
   * Results of a campaign: overall, per session day and per member, against the targets. A page of
   * campaigns reads the counts, sessions and members of all of them together (per-request loaders):
   * the same statements for 10 campaigns as for 100.
   */
  async results(ctx: RequestContext, campaign: CampaignEntity) {
    requireRole(ctx, CAMPAIGN_READERS);
    const [counts, sessions, members] = await Promise.all([
      requestLoader(ctx, 'campaign#results', () => new DataLoader<number, ResultCounts>((ids) => this.resultCounts(ctx.ds.manager, [...ids]))).load(campaign.id),
      rowsBy(ctx, CampaignSessionEntity, 'campaignId', { sessionDate: 'ASC' }).load(campaign.id),
      rowsBy(ctx, CampaignMemberEntity, 'campaignId', { id: 'ASC' }).load(campaign.id),
    ]);
    const dates = [...new Set([...sessions.map((s) => s.sessionDate), ...counts.byDate.keys()])].sort();
    const sessionOf = new Map(sessions.map((s) => [s.sessionDate, s]));
    return {
      total: figures(counts.total, campaign.targetNewVoluntarySI, campaign.targetNewHouseholdHI),
      bySession: dates.map((d) => ({ date: d, figures: figures(counts.byDate.get(d) ?? emptyCounts(), sessionOf.get(d)?.targetNewVoluntarySI ?? null, sessionOf.get(d)?.targetNewHouseholdHI ?? null) })),
      byMember: members.map((m) => ({ member: m, figures: figures(counts.byMember.get(String(m.id)) ?? emptyCounts(), null, null) })),
    };
  }

  /** The counts of `results` for several campaigns: two statements, grouped by campaign, day and member. */
  private async resultCounts(em: EntityManager, ids: number[]): Promise<ResultCounts[]> {
    const out = new Map(ids.map((id) => [id, { total: emptyCounts(), byDate: new Map<string, Counts>(), byMember: new Map<string, Counts>() }]));
    const at = (m: Map<string, Counts>, k: string) => m.get(k) ?? (m.set(k, emptyCounts()), m.get(k)!);
    const visits: { c: number; d: string | null; m: string | null; outcome: string; n: number }[] = await em.query(
      `SELECT v.campaign_id AS c, to_char(v.visit_date, 'YYYY-MM-DD') AS d, v.member_id::text AS m, v.outcome, count(*)::int AS n
         FROM visit v WHERE v.campaign_id = ANY($1) GROUP BY 1, 2, 3, 4`,
      [ids],
    );
    for (const r of visits) {
      const o = out.get(Number(r.c))!;
      const add = (c: Counts) => c.outcomes.set(r.outcome, (c.outcomes.get(r.outcome) ?? 0) + r.n);
      add(o.total);
      if (r.d) add(at(o.byDate, r.d));
      if (r.m) add(at(o.byMember, r.m));
    }
    const enrolled: { c: number; d: string | null; m: string | null; scheme: string; n: number }[] = await em.query(
      `SELECT e.campaign_id AS c, to_char(e.credited_on, 'YYYY-MM-DD') AS d, e.campaign_member_id::text AS m, e.scheme, count(*)::int AS n
         FROM enrollment e WHERE e.campaign_id = ANY($1) GROUP BY 1, 2, 3, 4`,
      [ids],
    );
    for (const r of enrolled) {
      const o = out.get(Number(r.c))!;
      const add = (c: Counts) => (r.scheme === 'VOLUNTARY_SI' ? (c.vsi += r.n) : (c.hhi += r.n));
      add(o.total);
      if (r.d) add(at(o.byDate, r.d));
      if (r.m) add(at(o.byMember, r.m));
    }
    return ids.map((id) => out.get(id)!);
  }

  /** Totals of the campaigns of a unit's communes over a period: 81 models, 428 new VSI … */
  async totals(ctx: RequestContext, unitId: string, from: LocalDate, to: LocalDate) {
    const actor = requireRole(ctx, CAMPAIGN_READERS);
    if (to < from) throw DomainError.badInput('to', 'campaign.period.order');
    const unit = await ctx.loaders.unitById.load(parseUnitId(unitId, 'unitId'));
    if (!unit) throw DomainError.notFound('OrgUnit', unitId);
    if (!inScope(actor, unit.path)) throw forbidden();
    const [row] = await ctx.ds.query(
      `WITH c AS (
         SELECT c.id FROM campaign c JOIN org_unit u ON u.id = c.commune_id
          WHERE u.path LIKE $1 AND c.status <> 'CANCELLED'
            AND EXISTS (SELECT 1 FROM campaign_session s WHERE s.campaign_id = c.id AND s.session_date BETWEEN $2::date AND $3::date))
       SELECT (SELECT count(*)::int FROM c) AS campaigns,
              (SELECT count(*)::int FROM visit v WHERE v.campaign_id IN (SELECT id FROM c) AND v.visit_date BETWEEN $2::date AND $3::date) AS visits,
              (SELECT count(*)::int FROM enrollment e JOIN campaign c2 ON c2.id = e.campaign_id JOIN org_unit u2 ON u2.id = c2.commune_id
                WHERE u2.path LIKE $1 AND e.scheme = 'VOLUNTARY_SI' AND e.credited_on BETWEEN $2::date AND $3::date) AS vsi,
              (SELECT count(*)::int FROM enrollment e JOIN campaign c2 ON c2.id = e.campaign_id JOIN org_unit u2 ON u2.id = c2.commune_id
                WHERE u2.path LIKE $1 AND e.scheme = 'HOUSEHOLD_HI' AND e.credited_on BETWEEN $2::date AND $3::date) AS hhi`,
      [`${unit.path}%`, from, to],
    );
    return { unit, from, to, campaigns: row.campaigns, visits: row.visits, newVoluntarySI: row.vsi, newHouseholdHI: row.hhi };
  }

  /**
   * The end-of-day report of a session for the commune's Party Committee and People's Committee:
   * what was done, the day's figures against its targets, the total since the launch, and the
   * leader's lessons. Built from the same counts as the results, so both always agree.
   */
  async dayReport(ctx: RequestContext, campaignId: string, date: LocalDate) {
    const actor = requireRole(ctx, CAMPAIGN_READERS);
    const em = ctx.ds.manager;
    const { campaign, commune } = await this.campaignInScope(em, actor, campaignId, 'campaignId');
    const [[counts], members, session, saved, hamlets] = await Promise.all([
      this.resultCounts(em, [campaign.id]),
      em.getRepository(CampaignMemberEntity).find({ where: { campaignId: campaign.id }, order: { id: 'ASC' } }),
      em.getRepository(CampaignSessionEntity).findOneBy({ campaignId: campaign.id, sessionDate: date }),
      em.getRepository(CampaignReportEntity).findOneBy({ campaignId: campaign.id, reportDate: date }),
      em.query(`SELECT DISTINCT h.name FROM visit v JOIN org_unit h ON h.id = v.hamlet_id WHERE v.campaign_id = $1 AND v.visit_date = $2 ORDER BY h.name`, [campaign.id, date]) as Promise<{ name: string }[]>,
    ]);
    const day = figures(counts.byDate.get(date) ?? emptyCounts(), session?.targetNewVoluntarySI ?? null, session?.targetNewHouseholdHI ?? null);
    // Since the launch up to that day: the days' counts summed (an enrollment not yet credited to a day counts in none).
    const upTo = emptyCounts();
    for (const [d, c] of counts.byDate) {
      if (d > date) continue;
      for (const [outcome, n] of c.outcomes) upTo.outcomes.set(outcome, (upTo.outcomes.get(outcome) ?? 0) + n);
      upTo.vsi += c.vsi;
      upTo.hhi += c.hhi;
    }
    const cumulative = figures(upTo, campaign.targetNewVoluntarySI, campaign.targetNewHouseholdHI);
    const n = (v: number) => v.toLocaleString('vi-VN');
    const pct = (v: number | null) => (v === null ? '' : ` (đạt ${v.toLocaleString('vi-VN')}%)`);
    const target = (v: number | null) => (v === null ? '' : `/${n(v)} chỉ tiêu`);
    const leader = members.find((m) => m.role === 'LEADER');
    const lines = [
      `BÁO CÁO KẾT QUẢ NGÀY ${vnDate(date)}`,
      `Mô hình: ${campaign.name} (${campaign.code}) — ${commune.name}`,
      `Kính gửi: Đảng ủy ${commune.name}; Ủy ban nhân dân ${commune.name}.`,
      '',
      `1. Công việc đã thực hiện: tổ ${n(members.length)} thành viên${leader ? ` do ${leader.name} làm tổ trưởng` : ''} đã đến ${n(day.visits)} lượt hộ/người${hamlets.length ? ` tại ${hamlets.map((h) => h.name).join(', ')}` : ''}.`,
      `2. Kết quả trong ngày: ${n(day.newVoluntarySI)}${target(day.targetNewVoluntarySI)} người tham gia BHXH tự nguyện${pct(day.voluntarySIPct)}; ${n(day.newHouseholdHI)}${target(day.targetNewHouseholdHI)} người tham gia BHYT hộ gia đình${pct(day.householdHIPct)}.`,
      `   Quan tâm, hẹn quay lại: ${n(day.interested)}; từ chối: ${n(day.refused)}; vắng nhà: ${n(day.notHome)}; đã có bảo hiểm: ${n(day.alreadyInsured)}.`,
      `3. Lũy kế từ ngày ra quân ${vnDate(campaign.launchDate)}: ${n(cumulative.visits)} lượt vận động; ${n(cumulative.newVoluntarySI)}${target(cumulative.targetNewVoluntarySI)} người tham gia BHXH tự nguyện${pct(cumulative.voluntarySIPct)}; ${n(cumulative.newHouseholdHI)}${target(cumulative.targetNewHouseholdHI)} người tham gia BHYT hộ gia đình${pct(cumulative.householdHIPct)}.`,
      `4. Bài học kinh nghiệm: ${saved?.lessons?.trim() || '(tổ trưởng chưa nhập)'}`,
    ];
    return { date, text: lines.join('\n'), day, cumulative, lessons: saved?.lessons ?? null, recipients: saved?.recipients ?? [], sentAt: saved?.updatedAt ?? null };
  }

  /** Saves the leader's lessons and records to whom the day's report went. */
  async saveDayReport(ctx: RequestContext, campaignId: string, date: LocalDate, lessons: string | null | undefined, recipients: string[]) {
    const actor = requireRole(ctx, CAMPAIGN_READERS);
    const clean = [...new Set(recipients.map((r) => trimOrNull(r, 200)).filter((r): r is string => !!r))];
    if (clean.length > 30) throw DomainError.badInput('recipients', 'campaign.report.recipients', { max: 30 });
    if (date > todayInVietnam()) throw DomainError.badInput('date', 'visit.future');
    await ctx.ds.transaction(async (em) => {
      const { campaign, commune } = await this.campaignInScope(em, actor, campaignId, 'campaignId');
      await this.requireWriter(em, actor, campaign, true);
      if (date < campaign.launchDate) throw DomainError.badInput('date', 'visit.beforeLaunch', { date: vnDate(campaign.launchDate) });
      const text = lessons == null ? null : (lessons.trim().slice(0, 4000) || null);
      await em.query(
        `INSERT INTO campaign_report (campaign_id, report_date, lessons, recipients, sent_by) VALUES ($1, $2, $3, $4::jsonb, $5)
         ON CONFLICT (campaign_id, report_date) DO UPDATE SET lessons = EXCLUDED.lessons, recipients = EXCLUDED.recipients, sent_by = EXCLUDED.sent_by, updated_at = now()`,
        [campaign.id, date, text, JSON.stringify(clean), actor.id],
      );
      await recordAudit(em, ctx, { action: 'campaign.report', entity: 'campaign', entityId: campaign.id, scopePath: commune.path, before: null, after: { date, recipients: clean } });
    });
    return this.dayReport(ctx, campaignId, date);
  }

  /**
   * Where to push: the communes of a unit ranked by lowest voluntary SI participation per 1,000
   * working-age people, and by lowest conversion (enrolled visits ÷ visits) in past campaigns, with
   * the figures behind each rank. Ties go to the commune code, so the ranking is reproducible.
   */
  async priorities(ctx: RequestContext, unitId: string) {
    const actor = requireRole(ctx, CAMPAIGN_READERS);
    const unit = await ctx.loaders.unitById.load(parseUnitId(unitId, 'unitId'));
    if (!unit) throw DomainError.notFound('OrgUnit', unitId);
    if (!inScope(actor, unit.path)) throw forbidden();
    const em = ctx.ds.manager;
    const today = ctx.today;
    const communes = await em
      .getRepository(OrgUnitEntity)
      .createQueryBuilder('u')
      .where(`u.path LIKE :p AND u.level = 'COMMUNE' AND u.valid_to IS NULL`, { p: `${unit.path}%` })
      .orderBy('u.code', 'ASC')
      .getMany();
    if (!communes.length) return [];
    const [participants, stats, past] = await Promise.all([
      participantsAt(em, communes, 'VOLUNTARY_SI', today),
      statisticsFor(em, communes, Number(today.slice(0, 4))),
      em.query(
        `SELECT c.commune_id AS id, count(DISTINCT c.id)::int AS campaigns, count(v.id)::int AS visits, count(v.id) FILTER (WHERE v.outcome = 'ENROLLED')::int AS enrolled
           FROM campaign c LEFT JOIN visit v ON v.campaign_id = c.id
          WHERE c.commune_id = ANY($1) AND c.status <> 'CANCELLED' AND c.launch_date <= $2::date
          GROUP BY c.commune_id`,
        [communes.map((c) => c.id), today],
      ) as Promise<{ id: number; campaigns: number; visits: number; enrolled: number }[]>,
    ]);
    const pastBy = new Map(past.map((p) => [p.id, p]));
    const rows = communes.map((c) => {
      const n = participants.get(c.id) ?? 0;
      const working = stats.get(c.id)?.workingAgePopulation ?? null;
      const p = pastBy.get(c.id);
      return {
        unit: c,
        participants: n,
        workingAgePopulation: working,
        perThousand: working ? Math.round((n * 1000 * 100) / working) / 100 : null,
        pastCampaigns: p?.campaigns ?? 0,
        pastVisits: p?.visits ?? 0,
        pastEnrolledVisits: p?.enrolled ?? 0,
        conversionPct: p?.visits ? achievementPct(p.enrolled, p.visits) : null,
        participationRank: 0,
        conversionRank: null as number | null,
      };
    });
    const byCode = (a: { unit: OrgUnitEntity }, b: { unit: OrgUnitEntity }) => (a.unit.code < b.unit.code ? -1 : a.unit.code > b.unit.code ? 1 : 0);
    [...rows]
      .sort((a, b) => (a.perThousand === null ? 1 : 0) - (b.perThousand === null ? 1 : 0) || (a.perThousand ?? 0) - (b.perThousand ?? 0) || byCode(a, b))
      .forEach((r, i) => (r.participationRank = i + 1));
    rows
      .filter((r) => r.conversionPct !== null)
      .sort((a, b) => a.conversionPct! - b.conversionPct! || byCode(a, b))
      .forEach((r, i) => (r.conversionRank = i + 1));
    return rows.sort((a, b) => a.participationRank - b.participationRank);
  }

  async visits(ctx: RequestContext, campaign: CampaignEntity, args: ListArgs): Promise<Page<VisitEntity>> {
    requireRole(ctx, CAMPAIGN_READERS);
    const qb = ctx.ds.getRepository(VisitEntity).createQueryBuilder('v').where('v.campaign_id = :id', { id: campaign.id });
    return runList(qb, args, { visitDate: 'v.visit_date', outcome: 'v.outcome' }, [{ field: 'visitDate', direction: SortDirection.DESC }], 'v.id');
  }
}

export const campaignService = new CampaignService();
