import { In, type EntityManager } from 'typeorm';
import {
  allowedModes,
  formatVnd,
  householdHiPeriod,
  isLocalDate,
  lastDayOfMonth,
  paymentModeSchedule,
  PolicyError,
  voluntarySiIncomeBounds,
  voluntarySiPeriod,
  type PaymentMode,
  type PolicySet,
  type Scheme,
  type SupportCategory,
  todayInVietnam,
} from '@bao-phu/domain';
import { DomainError, FieldErrors } from '../../common/errors';
import type { RequestContext } from '../../graphql/context';
import { rowsBy } from '../../graphql/row-loaders';
import { recordAudit } from '../audit/audit.service';
import { forbidden, inScope, requireRole, type Actor } from '../auth/actor';
import type { RoleName } from '../auth/user.entity';
import { campaignService } from '../campaigns/campaign.service';
import { CollectionOrganizationEntity } from '../collection/collection-organization.entity';
import { OrgUnitEntity } from '../org/org-unit.entity';
import { parseUnitId } from '../org/org-unit.service';
import { PersonEntity } from '../people/person.entity';
import { loadPolicy } from '../policy/policy.service';
import { ContributionDueEntity, EnrollmentEntity, PaymentAllocationEntity, PaymentEntity } from './enrollment.entity';

const READERS: readonly RoleName[] = ['ADMIN', 'PROVINCE_PLANNER', 'BASE_STAFF', 'SUPERVISOR'];
const WRITERS: readonly RoleName[] = ['ADMIN', 'BASE_STAFF'];
const PAYMENT_TAKERS: readonly RoleName[] = ['ADMIN', 'BASE_STAFF', 'COLLECTOR'];
/** Dues are created this far ahead at enrollment; a job rolls them forward as time passes. */
const MONTHS_AHEAD = 12;
export const MIN_AGE_VSI = 15;

export interface EnrollData {
  personId: string;
  scheme: Scheme;
  startDate: string;
  declaredMonthlyIncome?: number | null;
  paymentMode: PaymentMode;
  collectionOrganizationId?: string | null;
  campaignId?: string | null;
  visitId?: string | null;
  years?: number | null;
}

export interface RecordPaymentData {
  enrollmentId: string;
  amount: number;
  paidOn: string;
  receiptNo?: string | null;
  idempotencyKey?: string | null;
}


async function personInScope(em: EntityManager, actor: Actor, personId: string): Promise<{ person: PersonEntity; hamlet: OrgUnitEntity }> {
  const person = await em.getRepository(PersonEntity).findOneBy({ id: parseUnitId(personId, 'personId') });
  if (!person) throw DomainError.badInput('personId', 'enrollment.person.unknown', { id: personId });
  const hamlet = await em.getRepository(OrgUnitEntity).findOneByOrFail({ id: person.hamletId });
  if (!inScope(actor, hamlet.path)) throw forbidden();
  return { person, hamlet };
}

/** The current province code of a unit (for provincial support top-ups). */
export async function provinceCodeOf(em: EntityManager, unit: OrgUnitEntity): Promise<string | null> {
  const ids = unit.path.split('/').filter(Boolean).map(Number);
  const province = await em.getRepository(OrgUnitEntity).findOne({ where: { id: In(ids), level: 'PROVINCE' } });
  return province?.code ?? null;
}

export function ageOn(dateOfBirth: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return date.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** Turns a refusal of the contribution rules into a field error the user can act on. */
function policyFieldError(err: unknown): never {
  if (err instanceof PolicyError) {
    if (err.code === 'INCOME_BELOW_FLOOR') throw DomainError.badInput('declaredMonthlyIncome', 'enrollment.income.belowFloor', { bound: formatVnd(err.details.bound ?? 0) });
    if (err.code === 'INCOME_ABOVE_CEILING') throw DomainError.badInput('declaredMonthlyIncome', 'enrollment.income.aboveCeiling', { bound: formatVnd(err.details.bound ?? 0) });
    if (err.code === 'MODE_NOT_ALLOWED') throw DomainError.badInput('paymentMode', 'enrollment.mode.notAllowed');
    if (err.code === 'NO_RULE') throw DomainError.badInput('startDate', 'enrollment.policy.none', { date: err.details.date ?? err.details.month ?? '' });
    throw DomainError.badInput('paymentMode', 'enrollment.policy.invalid', { reason: err.message });
  }
  throw err;
}

/** Enrollments, their dues and the payments that settle them. */
export class EnrollmentService {
  async get(ctx: RequestContext, id: string): Promise<EnrollmentEntity | null> {
    const actor = requireRole(ctx, READERS);
    const enrollment = await ctx.ds.getRepository(EnrollmentEntity).findOneBy({ id: parseUnitId(id, 'id') });
    if (!enrollment) return null;
    await personInScope(ctx.ds.manager, actor, String(enrollment.personId));
    return enrollment;
  }

  /** Enrollments of a person already shown to the caller (the person resolver checked scope). */
  // The three below are batched per request (rowsBy): a page of persons or enrollments asks together.
  async ofPerson(ctx: RequestContext, personId: number): Promise<EnrollmentEntity[]> {
    return rowsBy(ctx, EnrollmentEntity, 'personId', { startDate: 'DESC', id: 'DESC' }).load(personId);
  }

  async dues(ctx: RequestContext, enrollmentId: number): Promise<ContributionDueEntity[]> {
    return rowsBy(ctx, ContributionDueEntity, 'enrollmentId', { periodStart: 'ASC' }).load(enrollmentId);
  }

  async payments(ctx: RequestContext, enrollmentId: number): Promise<PaymentEntity[]> {
    return rowsBy(ctx, PaymentEntity, 'enrollmentId', { paidOn: 'ASC', id: 'ASC' }).load(enrollmentId);
  }

  /**
   * Enrolls a person and creates the dues of the coming 12 months (one lump for a multi-year
   * mode), each charged with the rules in force in the months it covers.
   */
  async enroll(ctx: RequestContext, input: EnrollData): Promise<EnrollmentEntity> {
    const actor = requireRole(ctx, WRITERS);
    const errors = new FieldErrors();
    if (!isLocalDate(input.startDate)) errors.add('startDate', 'common.invalidDate');
    if (!allowedModes(input.scheme).includes(input.paymentMode)) errors.add('paymentMode', 'enrollment.mode.notAllowed');
    const income = input.declaredMonthlyIncome ?? null;
    if (input.scheme === 'VOLUNTARY_SI' && income === null) errors.add('declaredMonthlyIncome', 'common.required');
    if (input.scheme === 'HOUSEHOLD_HI' && income !== null) errors.add('declaredMonthlyIncome', 'enrollment.income.onlyVsi');
    if (income !== null && (!Number.isInteger(income) || income <= 0)) errors.add('declaredMonthlyIncome', 'enrollment.income.positive');
    const multiYear = input.paymentMode === 'YEARS_AHEAD' || input.paymentMode === 'REMAINING_YEARS';
    if (multiYear && !(Number.isInteger(input.years) && input.years! >= 1 && input.years! <= 5)) errors.add('years', 'enrollment.years.range');
    errors.throwIfAny();
    const policy = await loadPolicy(ctx.ds);
    if (input.scheme === 'VOLUNTARY_SI') {
      try {
        const bounds = voluntarySiIncomeBounds(policy, input.startDate);
        if (income! < bounds.floor) throw DomainError.badInput('declaredMonthlyIncome', 'enrollment.income.belowFloor', { bound: formatVnd(bounds.floor) });
        if (income! > bounds.ceiling) throw DomainError.badInput('declaredMonthlyIncome', 'enrollment.income.aboveCeiling', { bound: formatVnd(bounds.ceiling) });
      } catch (err) {
        if (err instanceof DomainError) throw err;
        policyFieldError(err);
      }
    }
    return ctx.ds.transaction(async (em) => {
      const { person, hamlet } = await personInScope(em, actor, input.personId);
      if (input.scheme === 'VOLUNTARY_SI' && ageOn(person.dateOfBirth, input.startDate) < MIN_AGE_VSI) {
        throw DomainError.badInput('startDate', 'enrollment.age.min', { age: MIN_AGE_VSI });
      }
      const running = await em.getRepository(EnrollmentEntity).findOne({ where: { personId: person.id, scheme: input.scheme, status: 'ACTIVE' }, lock: { mode: 'pessimistic_write' } });
      if (running) throw DomainError.badInput('personId', 'enrollment.alreadyActive', { since: running.startDate });
      let collectionOrganizationId: number | null = null;
      if (input.collectionOrganizationId) {
        const org = await em.getRepository(CollectionOrganizationEntity).findOneBy({ id: parseUnitId(input.collectionOrganizationId, 'collectionOrganizationId') });
        if (!org) throw DomainError.badInput('collectionOrganizationId', 'user.collector.unknown', { id: input.collectionOrganizationId });
        collectionOrganizationId = org.id;
      }
      let memberOrder: number | null = null;
      if (input.scheme === 'HOUSEHOLD_HI') {
        // The ladder counts the household's members who joined in the same fiscal (calendar) year.
        const year = input.startDate.slice(0, 4);
        const before: { n: number }[] = person.householdId
          ? await em.query(
              `SELECT count(*)::int AS n FROM enrollment e JOIN person p ON p.id = e.person_id
                WHERE p.household_id = $1 AND e.scheme = 'HOUSEHOLD_HI' AND e.status = 'ACTIVE'
                  AND to_char(e.start_date, 'YYYY') = $2`,
              [person.householdId, year],
            )
          : [{ n: 0 }];
        memberOrder = before[0].n + 1;
      }
      const { identifiers } = await em.insert(EnrollmentEntity, {
        personId: person.id,
        scheme: input.scheme,
        status: 'ACTIVE',
        startDate: input.startDate,
        endDate: null,
        declaredMonthlyIncome: income,
        paymentMode: input.paymentMode,
        memberOrder,
        collectionOrganizationId,
        registeredBy: actor.id,
      });
      const enrollment = await em.getRepository(EnrollmentEntity).findOneByOrFail({ id: identifiers[0].id as number });
      const provinceCode = await provinceCodeOf(em, hamlet);
      let rows: Partial<ContributionDueEntity>[];
      try {
        rows = chargeDues(policy, enrollment, person.supportCategory, provinceCode, input.startDate.slice(0, 7), MONTHS_AHEAD, input.years ?? undefined);
      } catch (err) {
        policyFieldError(err);
      }
      await em.insert(ContributionDueEntity, rows);
      const credited =
        input.campaignId || input.visitId ? await campaignService.credit(em, actor, enrollment, person, { campaignId: input.campaignId, visitId: input.visitId }, todayInVietnam()) : enrollment;
      await recordAudit(em, ctx, {
        action: 'enrollment.create',
        entity: 'enrollment',
        entityId: enrollment.id,
        scopePath: hamlet.path,
        before: null,
        after: { personId: person.id, scheme: input.scheme, startDate: input.startDate, declaredMonthlyIncome: income, paymentMode: input.paymentMode, dues: rows.length, campaignId: credited.campaignId, visitId: credited.visitId },
      });
      return credited;
    });
  }

  /**
   * Ends an enrollment (the person stopped, or died): the end date is kept, and the open dues of
   * periods starting after it are cancelled; paid periods are never touched.
   */
  async end(ctx: RequestContext, id: string, status: 'STOPPED' | 'DECEASED', endDate: string): Promise<EnrollmentEntity> {
    const actor = requireRole(ctx, WRITERS);
    if (!isLocalDate(endDate)) throw DomainError.badInput('endDate', 'common.invalidDate');
    return ctx.ds.transaction(async (em) => {
      const enrollment = await em.getRepository(EnrollmentEntity).findOne({ where: { id: parseUnitId(id, 'id') }, lock: { mode: 'pessimistic_write' } });
      if (!enrollment) throw DomainError.notFound('enrollment', id);
      const { hamlet } = await personInScope(em, actor, String(enrollment.personId));
      if (enrollment.status === 'STOPPED' || enrollment.status === 'DECEASED') throw DomainError.badInput('id', 'payment.enrollment.closed', { status: enrollment.status });
      if (endDate < enrollment.startDate) throw DomainError.badInput('endDate', 'enrollment.end.beforeStart', { date: enrollment.startDate });
      const before = { status: enrollment.status, endDate: enrollment.endDate };
      const cancelled: unknown[] = await em.query(
        `UPDATE contribution_due SET status = 'CANCELLED' WHERE enrollment_id = $1 AND status = 'OPEN' AND period_start > $2::date RETURNING id`,
        [enrollment.id, endDate],
      );
      enrollment.status = status;
      enrollment.endDate = endDate;
      const saved = await em.save(enrollment);
      await recordAudit(em, ctx, {
        action: 'enrollment.end',
        entity: 'enrollment',
        entityId: enrollment.id,
        scopePath: hamlet.path,
        before,
        after: { status, endDate, cancelledDues: Array.isArray(cancelled[0]) ? cancelled[1] : cancelled.length },
      });
      return saved;
    });
  }

  /**
   * Records a payment: it settles the oldest open dues first, a due it does not cover stays partly
   * paid, more than is owed is refused with the amount owed, and the same idempotency key (a retry)
   * returns the first payment instead of paying twice.
   */
  async recordPayment(ctx: RequestContext, input: RecordPaymentData): Promise<PaymentEntity> {
    const actor = requireRole(ctx, PAYMENT_TAKERS);
    const errors = new FieldErrors();
    if (!Number.isInteger(input.amount) || input.amount <= 0) errors.add('amount', 'payment.amount.positive');
    if (!isLocalDate(input.paidOn)) errors.add('paidOn', 'common.invalidDate');
    else if (input.paidOn > ctx.today) errors.add('paidOn', 'payment.paidOn.future');
    const receiptNo = input.receiptNo?.trim() || null;
    if (receiptNo && receiptNo.length > 40) errors.add('receiptNo', 'common.tooLong', { max: 40 });
    const key = input.idempotencyKey?.trim() || null;
    errors.throwIfAny();
    return ctx.ds.transaction(async (em) => {
      const enrollment = await em.getRepository(EnrollmentEntity).findOne({ where: { id: parseUnitId(input.enrollmentId, 'enrollmentId') }, lock: { mode: 'pessimistic_write' } });
      if (!enrollment) throw DomainError.badInput('enrollmentId', 'payment.enrollment.unknown', { id: input.enrollmentId });
      const { hamlet } = await personInScope(em, actor, String(enrollment.personId));
      if (actor.role === 'COLLECTOR' && enrollment.collectionOrganizationId !== actor.collectionOrganizationId) throw forbidden();
      if (key) {
        const earlier = await em.getRepository(PaymentEntity).findOneBy({ idempotencyKey: key });
        if (earlier) {
          if (earlier.enrollmentId !== enrollment.id || earlier.amount !== input.amount) throw new DomainError('CONFLICT', 'payment.idempotency.mismatch');
          return earlier;
        }
      }
      if (enrollment.status === 'STOPPED' || enrollment.status === 'DECEASED') {
        throw DomainError.badInput('enrollmentId', 'payment.enrollment.closed', { status: enrollment.status });
      }
      const orgKey = actor.role === 'COLLECTOR' ? actor.collectionOrganizationId! : enrollment.collectionOrganizationId ?? 0;
      if (receiptNo && (await em.getRepository(PaymentEntity).existsBy({ collectionOrganizationKey: orgKey, receiptNo }))) {
        throw DomainError.badInput('receiptNo', 'payment.receipt.duplicate', { receiptNo });
      }
      const open = await em.getRepository(ContributionDueEntity).find({
        where: { enrollmentId: enrollment.id, status: 'OPEN' },
        order: { periodStart: 'ASC' },
        lock: { mode: 'pessimistic_write' },
      });
      const owed = open.reduce((sum, d) => sum + d.payable - d.paid, 0);
      if (input.amount > owed) throw DomainError.badInput('amount', 'payment.amount.overpaid', { owed: formatVnd(owed) });
      const { identifiers } = await em.insert(PaymentEntity, {
        enrollmentId: enrollment.id,
        amount: input.amount,
        paidOn: input.paidOn,
        receiptNo,
        collectionOrganizationKey: orgKey,
        idempotencyKey: key,
        recordedBy: actor.id,
      });
      const paymentId = identifiers[0].id as number;
      let left = input.amount;
      for (const due of open) {
        if (left === 0) break;
        const take = Math.min(left, due.payable - due.paid);
        left -= take;
        due.paid += take;
        if (due.paid === due.payable) {
          due.status = input.paidOn <= due.dueDate ? 'PAID' : 'LATE_PAID';
          due.settledOn = input.paidOn;
        }
        await em.update(ContributionDueEntity, { id: due.id }, { paid: due.paid, status: due.status, settledOn: due.settledOn });
        await em.insert(PaymentAllocationEntity, { paymentId, dueId: due.id, amount: take });
      }
      if (enrollment.status === 'LAPSED' && !open.some((d) => d.status === 'OPEN' && d.dueDate < ctx.today)) {
        await em.update(EnrollmentEntity, { id: enrollment.id }, { status: 'ACTIVE' });
      }
      await recordAudit(em, ctx, {
        action: 'payment.record',
        entity: 'enrollment',
        entityId: enrollment.id,
        scopePath: hamlet.path,
        before: { owed },
        after: { owed: owed - input.amount, amount: input.amount, paidOn: input.paidOn, receiptNo },
      });
      return em.getRepository(PaymentEntity).findOneByOrFail({ id: paymentId });
    });
  }
}

/**
 * The dues of an enrollment from `fromMonth` for `months` months (or one lump for a multi-year
 * mode), each period charged with the rules in force in the months it covers.
 */
export function chargeDues(
  policy: PolicySet,
  enrollment: Pick<EnrollmentEntity, 'id' | 'scheme' | 'paymentMode' | 'declaredMonthlyIncome' | 'memberOrder'>,
  category: SupportCategory,
  provinceCode: string | null,
  fromMonth: string,
  months: number,
  years?: number,
): Partial<ContributionDueEntity>[] {
  const multiYear = enrollment.paymentMode === 'YEARS_AHEAD' || enrollment.paymentMode === 'REMAINING_YEARS';
  const schedule = paymentModeSchedule(enrollment.paymentMode, fromMonth, {
    scheme: enrollment.scheme,
    policy,
    ...(multiYear ? { years } : { periods: Math.ceil(months / monthsPerPeriod(enrollment.paymentMode)) }),
  });
  return schedule.periods
    .filter((p) => multiYear || monthsBetween(fromMonth, p.start) < months)
    .map((p) => {
      const charge =
        enrollment.scheme === 'VOLUNTARY_SI'
          ? voluntarySiPeriod({ policy, declaredMonthlyIncome: enrollment.declaredMonthlyIncome!, categories: [category], provinceCode, periodStart: p.start, months: p.months, mode: enrollment.paymentMode })
          : householdHiPeriod({ policy, memberOrder: enrollment.memberOrder ?? 1, periodStart: p.start, months: p.months as 3 | 6 | 12 });
      return {
        enrollmentId: enrollment.id,
        periodStart: `${p.start}-01`,
        periodEnd: lastDayOfMonth(p.end),
        dueDate: p.dueDate,
        months: p.months,
        gross: charge.gross,
        support: charge.support,
        payable: charge.payable,
        paid: 0,
        status: 'OPEN' as const,
        settledOn: null,
      };
    });
}

const PERIOD_MONTHS: Record<string, number> = { MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12 };
function monthsPerPeriod(mode: PaymentMode): number {
  return PERIOD_MONTHS[mode] ?? 12;
}

export function monthsBetween(a: string, b: string): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

export const enrollmentService = new EnrollmentService();
