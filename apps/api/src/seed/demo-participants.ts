import type { EntityManager } from 'typeorm';
import { addMonths, daysInMonth, PolicyError, type PaymentMode, type PolicySet, type Scheme, type SupportCategory } from '@bao-phu/domain';
import type { DueStatus, EnrollmentStatus } from '../modules/enrollment/enrollment.entity';
import { markDailyEnrollmentJobsDone } from '../modules/enrollment/enrollment.jobs';
import { chargeDues } from '../modules/enrollment/enrollment.service';
import { checkPersonRow, flushPersonSearchIndex, insertPersons, type PersonRow } from '../modules/imports/persons-import';
import { loadPolicy } from '../modules/policy/policy.service';

/**
 * Demo participants: households and people in the synthetic hamlets, their voluntary SI and
 * household HI enrollments, and the dues and payments of their history up to the day the seed runs.
 *
 * Nothing here is a rule of its own. The history is played day by day through the same steps the
 * product takes: `enroll` (dues of the coming 12 months, charged by `chargeDues` with the stored
 * policy), the daily jobs (an ACTIVE enrollment with an unpaid due past its due date becomes LAPSED;
 * ACTIVE ones get their dues rolled 12 months ahead, a period the rules refuse is left out as the job
 * leaves it), `recordPayment` (oldest dues first, LATE_PAID after the due date, a LAPSED enrollment
 * ACTIVE again once nothing overdue is left) and `end` (STOPPED, open dues after the end date
 * cancelled). Then everything is written set-based.
 *
 * Deterministic: every random choice comes from a seeded generator keyed by hamlet, person or
 * enrollment, so the people are the same whatever the day, and the history up to a given day is the
 * same whenever the seed runs; only where it stops is `today`.
 */

/** How many people enroll in voluntary SI per base office (Hoa Long's plan for 2025 was 2,708). */
const VSI_PERSONS: Record<string, number> = { 'BHXH-HOALONG': 2_700, 'BHXH-SADEC': 170, 'BHXH-CAOLANH': 110, 'BHXH-MYTHO': 60 };
/** How many households buy household HI per base office. */
const HI_HOUSEHOLDS: Record<string, number> = { 'BHXH-HOALONG': 160, 'BHXH-SADEC': 14, 'BHXH-CAOLANH': 9, 'BHXH-MYTHO': 6 };
/** Households per hamlet: every hamlet of Hoa Long, and a few hamlets of the other base offices. */
const HOUSEHOLDS_PER_HAMLET: Record<string, [number, number]> = { 'BHXH-HOALONG': [90, 140], other: [25, 45] };
/** Hamlets of the other base offices that get people: the first ones of their first communes. */
const OTHER_BASE_HAMLETS = { communes: 2, hamletsPerCommune: 2 };
/** Letters of the receipts of each base office when the SI office itself takes the money. */
const OFFICE_RECEIPT_PREFIX: Record<string, string> = { 'BHXH-HOALONG': 'HL', 'BHXH-SADEC': 'SD', 'BHXH-CAOLANH': 'CL', 'BHXH-MYTHO': 'MT' };
const ORG_RECEIPT_PREFIX: Record<string, string> = { 'BUUDIEN-DT': 'BD', 'VIETTEL-DT': 'VT' };
/** Enrollments are registered from this month on, more of them in the first one (people already participating) and in the mobilization drive of April–June 2025. */
const FIRST_MONTH = '2024-01';
const LAST_MONTH = '2026-11';

export interface DemoParticipantsSummary {
  households: number;
  persons: number;
  voluntarySiEnrollments: number;
  householdHiEnrollments: number;
  activeEnrollments: number;
  lapsedEnrollments: number;
  stoppedEnrollments: number;
  dues: number;
  payments: number;
}

// ── Seeded randomness ────────────────────────────────────────────────────────────────────────────

type Rand = () => number;

/** mulberry32: small, fast, and the same sequence on every machine (the other demo seeds use it too). */
export function generator(seed: number): Rand {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A generator of its own for each key (FNV-1a of the key), so that one stream never shifts another. */
function streamFor(...key: (string | number)[]): Rand {
  let h = 2166136261;
  for (const ch of key.join('|')) h = Math.imul(h ^ ch.charCodeAt(0), 16777619);
  return generator(h);
}

const int = (rand: Rand, lo: number, hi: number) => lo + Math.floor(rand() * (hi - lo + 1));
const pick = <T>(rand: Rand, list: readonly T[]): T => list[Math.floor(rand() * list.length)];
function weighted<T>(rand: Rand, items: readonly (readonly [T, number])[]): T {
  let r = rand() * items.reduce((s, [, w]) => s + w, 0);
  for (const [item, w] of items) if ((r -= w) < 0) return item;
  return items[items.length - 1][0];
}

// ── Dates as day numbers ─────────────────────────────────────────────────────────────────────────

const DAY_MS = 86_400_000;
const dayOf = (date: string) => Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / DAY_MS;
const dateOf = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
/** Months counted from year 0, so that month arithmetic is integer arithmetic. */
const monthIndex = (dateOrMonth: string) => Number(dateOrMonth.slice(0, 4)) * 12 + Number(dateOrMonth.slice(5, 7)) - 1;
const monthOfIndex = (i: number) => `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
const pad = (n: number) => String(n).padStart(2, '0');
/** The month index of a day, from a table: the histories ask it for every day they play. */
const monthOfDay = (() => {
  const first = dayOf('2020-01-01');
  const table: number[] = [];
  return (day: number): number => (table[day - first] ??= monthIndex(dateOf(day)));
})();

// ── People ───────────────────────────────────────────────────────────────────────────────────────

/** Family names of the Mekong delta, roughly as common as they are there. */
const FAMILY: readonly (readonly [string, number])[] = [
  ['Nguyễn', 30], ['Trần', 11], ['Lê', 9], ['Phạm', 6], ['Huỳnh', 6], ['Võ', 5], ['Phan', 4], ['Trương', 3], ['Đặng', 2],
  ['Bùi', 2], ['Đỗ', 2], ['Ngô', 2], ['Hồ', 2], ['Dương', 2], ['Lâm', 2], ['Đinh', 1], ['Lý', 1], ['Châu', 1], ['Mai', 1],
  ['Tô', 1], ['Cao', 1], ['Đoàn', 1], ['Thái', 1], ['Lương', 1],
];
const MIDDLE = {
  MALE: [['Văn', 10], ['Minh', 3], ['Hoàng', 2], ['Hữu', 2], ['Thanh', 2], ['Quốc', 2], ['Thành', 1], ['Tấn', 2], ['Công', 1], ['Chí', 1], ['Trung', 1], ['Phước', 1]],
  FEMALE: [['Thị', 12], ['Ngọc', 3], ['Thanh', 2], ['Kim', 2], ['Mỹ', 2], ['Thu', 1], ['Bích', 1], ['Hồng', 1], ['Thùy', 1], ['Diễm', 1]],
} as const;
const GIVEN = {
  MALE: ['An', 'Bảo', 'Bình', 'Cường', 'Dũng', 'Đạt', 'Đức', 'Hải', 'Hậu', 'Hiếu', 'Hòa', 'Hùng', 'Huy', 'Khang', 'Khoa', 'Kiệt', 'Lâm', 'Lộc', 'Long', 'Lợi', 'Nam', 'Nghĩa', 'Nhân', 'Phong', 'Phúc', 'Phước', 'Quang', 'Sang', 'Sơn', 'Tài', 'Tâm', 'Thắng', 'Thành', 'Thiện', 'Thịnh', 'Tín', 'Toàn', 'Trí', 'Trung', 'Tuấn', 'Tùng', 'Út', 'Vinh', 'Vũ'],
  FEMALE: ['Anh', 'Cúc', 'Diễm', 'Dung', 'Duyên', 'Giang', 'Hà', 'Hạnh', 'Hằng', 'Hiền', 'Hoa', 'Hồng', 'Hương', 'Lài', 'Lan', 'Lệ', 'Liên', 'Linh', 'Loan', 'Mai', 'My', 'Nga', 'Ngân', 'Ngọc', 'Nhi', 'Nhung', 'Oanh', 'Phượng', 'Quyên', 'Thảo', 'Thu', 'Thủy', 'Trang', 'Trinh', 'Tuyết', 'Uyên', 'Út', 'Vân', 'Xuân', 'Yến'],
} as const;
/** Where births were registered (citizen ID provinces before 2025): mostly Đồng Tháp, some neighbours. */
const BIRTH_PROVINCES: readonly (readonly [string, number])[] = [['087', 80], ['082', 6], ['089', 4], ['086', 3], ['092', 3], ['079', 2], ['083', 2]];
const PHONE_PREFIXES = ['086', '096', '097', '098', '032', '033', '035', '038', '039', '088', '091', '094', '083', '084', '089', '090', '093', '070', '077', '079'];
const HOUSEHOLD_SIZE: readonly (readonly [number, number])[] = [[1, 6], [2, 16], [3, 26], [4, 28], [5, 16], [6, 8]];
const HOUSEHOLD_CATEGORY: readonly (readonly [SupportCategory, number])[] = [['OTHER', 88], ['NEAR_POOR', 7], ['POOR', 4], ['ETHNIC_MINORITY', 1]];

type Sex = 'MALE' | 'FEMALE';
type Role = 'HEAD' | 'SPOUSE' | 'ELDER' | 'CHILD';

interface Hamlet {
  id: number;
  code: string;
  base: string;
  /** Collection organization most of the hamlet pays through. */
  mainOrg: string;
}

interface DemoPerson {
  row: PersonRow;
  role: Role;
  base: string;
  hamlet: Hamlet;
  household: string;
  id?: number;
}

function fullName(rand: Rand, family: string, sex: Sex): string {
  const middle = weighted(rand, MIDDLE[sex]);
  let given: string;
  do given = pick(rand, GIVEN[sex]);
  while (given === middle);
  return `${family} ${middle} ${given}`;
}

function birthDate(rand: Rand, year: number): string {
  const month = int(rand, 1, 12);
  return `${year}-${pad(month)}-${pad(int(rand, 1, daysInMonth(year, month)))}`;
}

/** Households of one hamlet with their members, as the values of a persons CSV row. */
function householdsOf(hamlet: Hamlet, usedIds: Set<string>): { values: Record<string, string>; role: Role; household: string }[] {
  const rand = streamFor('people', hamlet.code);
  const [lo, hi] = HOUSEHOLDS_PER_HAMLET[hamlet.base === 'BHXH-HOALONG' ? 'BHXH-HOALONG' : 'other'];
  const out: { values: Record<string, string>; role: Role; household: string }[] = [];
  const count = int(rand, lo, hi);
  for (let n = 1; n <= count; n++) {
    const household = `HO-${hamlet.code}-${String(n).padStart(3, '0')}`;
    const size = weighted(rand, HOUSEHOLD_SIZE);
    const category = weighted(rand, HOUSEHOLD_CATEGORY);
    const add = (role: Role, sex: Sex, year: number, family: string) => {
      const dateOfBirth = birthDate(rand, year);
      const centuryAndSex = (year >= 2000 ? 2 : 0) + (sex === 'FEMALE' ? 1 : 0);
      const province = weighted(rand, BIRTH_PROVINCES);
      let citizenId: string;
      // The six last digits start at 100000: hand-typed test IDs (…0001234) never meet the demo's.
      do citizenId = `${province}${centuryAndSex}${String(year % 100).padStart(2, '0')}${int(rand, 100_000, 999_999)}`;
      while (usedIds.has(citizenId));
      usedIds.add(citizenId);
      const adult = year <= 2006;
      const phone = adult && rand() < (role === 'ELDER' ? 0.4 : 0.75) ? `${pick(rand, PHONE_PREFIXES)}${String(int(rand, 0, 9_999_999)).padStart(7, '0')}` : '';
      out.push({
        role,
        household,
        values: { citizenId, fullName: fullName(rand, family, sex), dateOfBirth, sex, hamletCode: hamlet.code, phone, householdCode: household, supportCategory: category },
      });
    };
    const headSex: Sex = rand() < 0.78 ? 'MALE' : 'FEMALE';
    const [from, to] = weighted(rand, [[[1950, 1964], 2], [[1965, 1979], 4], [[1980, 1994], 4]] as const);
    const headYear = int(rand, from, to);
    const headFamily = weighted(rand, FAMILY);
    add('HEAD', headSex, headYear, headFamily);
    let fatherFamily = headSex === 'MALE' ? headFamily : null;
    let left = size - 1;
    if (left > 0 && rand() < 0.85) {
      const spouseSex: Sex = headSex === 'MALE' ? 'FEMALE' : 'MALE';
      const spouseFamily = weighted(rand, FAMILY);
      add('SPOUSE', spouseSex, Math.min(2004, headYear + int(rand, -6, 4)), spouseFamily);
      if (spouseSex === 'MALE') fatherFamily = spouseFamily;
      left--;
    }
    const elder = left > 0 && (left >= 3 || rand() < 0.25) && headYear - 25 >= 1930;
    if (elder) {
      const sex: Sex = rand() < 0.6 ? 'FEMALE' : 'MALE';
      add('ELDER', sex, headYear - int(rand, 22, Math.min(32, headYear - 1930)), sex === 'MALE' ? headFamily : weighted(rand, FAMILY));
      left--;
    }
    for (let i = 0; i < left; i++) {
      const year = Math.min(2024, headYear + int(rand, 20, 38));
      add('CHILD', rand() < 0.5 ? 'MALE' : 'FEMALE', year, fatherFamily ?? headFamily);
    }
  }
  return out;
}

// ── Enrollments: who, when, how ──────────────────────────────────────────────────────────────────

/** Weight of each registration month: the participants already there at the start, the April–June 2025 drive, the year-end pushes. */
function monthWeights(stock: number): [string, number][] {
  const out: [string, number][] = [];
  for (let i = monthIndex(FIRST_MONTH); i <= monthIndex(LAST_MONTH); i++) {
    const m = monthOfIndex(i);
    let w = 1;
    if (m === FIRST_MONTH) w = stock;
    else if (m >= '2025-04' && m <= '2025-06') w = 2.6;
    else if (m.endsWith('-11') || m.endsWith('-12')) w = 1.4;
    out.push([m, w]);
  }
  return out;
}
const VSI_MONTHS = monthWeights(10);
const HI_MONTHS = monthWeights(4);
const VSI_MODES: readonly (readonly [PaymentMode, number])[] = [['MONTHLY', 45], ['QUARTERLY', 35], ['SEMIANNUAL', 12], ['ANNUAL', 8]];
const HI_MODES: readonly (readonly [PaymentMode, number])[] = [['ANNUAL', 55], ['SEMIANNUAL', 30], ['QUARTERLY', 15]];
/** Declared incomes: most people choose the floor. */
const INCOMES: readonly (readonly [number, number])[] = [[1_500_000, 52], [2_000_000, 14], [2_340_000, 8], [3_000_000, 12], [4_000_000, 7], [5_000_000, 5], [7_000_000, 2]];
const PERIOD_MONTHS: Record<string, number> = { MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12 };

/**
 * How a participant pays: `late` the share of dues paid after their due date; `stopAt` the number of
 * dues paid before they stop (null: never); after the lapse that follows, staff may end the
 * enrollment (`endAfter` days) or the person may come back with a new one (`reEnrolAfter` days).
 */
interface Behaviour {
  late: number;
  stopAt: number | null;
  endAfter: number | null;
  reEnrolAfter: number | null;
}

function behaviourOf(rand: Rand, scheme: Scheme, mode: PaymentMode, canReEnrol: boolean): Behaviour {
  const perPeriod = PERIOD_MONTHS[mode];
  const kind = scheme === 'VOLUNTARY_SI'
    ? weighted(rand, [['regular', 70], ['late', 15], ['stopper', 12], ['never', 3]] as const)
    : weighted(rand, [['regular', 82], ['late', 8], ['stopper', 10]] as const);
  const b: Behaviour = { late: kind === 'late' ? 0.35 : 0.03, stopAt: null, endAfter: null, reEnrolAfter: null };
  if (kind === 'stopper' || kind === 'never') {
    b.stopAt = kind === 'never' ? 0 : int(rand, 1, Math.max(1, Math.round(24 / perPeriod)));
    const next = weighted(rand, [['end', 45], ['reEnrol', canReEnrol ? 35 : 0], ['stay', 20]] as const);
    if (next === 'end') b.endAfter = int(rand, 30, 150);
    if (next === 'reEnrol') b.reEnrolAfter = int(rand, 120, 420);
  }
  return b;
}

interface EnrollmentPlan {
  person: DemoPerson;
  scheme: Scheme;
  /** The day staff register it; voluntary SI starts that day, a household HI card the 1st of the next month. */
  regDay: number;
  startDate: string;
  mode: PaymentMode;
  income: number | null;
  orgCode: string | null;
  behaviour: Behaviour;
  rand: Rand;
  /** Household HI: the enrollments of the household registered before, for the ladder. */
  household?: SimEnrollment[];
}

function orgOf(rand: Rand, hamlet: Hamlet): string | null {
  const other = hamlet.mainOrg === 'BUUDIEN-DT' ? 'VIETTEL-DT' : 'BUUDIEN-DT';
  return weighted(rand, [[hamlet.mainOrg, 75], [other, 15], [null, 10]] as const);
}

function vsiPlan(person: DemoPerson, regDay: number, rand: Rand, canReEnrol: boolean): EnrollmentPlan {
  const mode = weighted(rand, VSI_MODES);
  return {
    person,
    scheme: 'VOLUNTARY_SI',
    regDay,
    startDate: dateOf(regDay),
    mode,
    income: weighted(rand, INCOMES),
    orgCode: orgOf(rand, person.hamlet),
    behaviour: behaviourOf(rand, 'VOLUNTARY_SI', mode, canReEnrol),
    rand,
  };
}

// ── The history of one enrollment ────────────────────────────────────────────────────────────────

interface SimDue {
  periodStart: string;
  periodEnd: string;
  dueDate: string;
  dueDay: number;
  /** The first day people pay for it: the period's start (voluntary SI), the month before it (a HI card). */
  opensDay: number;
  months: number;
  gross: number;
  support: number;
  payable: number;
  paid: number;
  status: DueStatus;
  settledOn: string | null;
  id?: number;
}

interface SimPayment {
  day: number;
  amount: number;
  allocations: { due: SimDue; amount: number }[];
  receiptNo?: string;
  id?: number;
}

interface SimEnrollment {
  plan: EnrollmentPlan;
  income: number | null;
  memberOrder: number | null;
  status: EnrollmentStatus;
  endDate: string | null;
  version: number;
  dues: SimDue[];
  payments: SimPayment[];
  /** [day, status from that day] */
  statusLog: [number, EnrollmentStatus][];
  id?: number;
}

function statusOn(e: SimEnrollment, day: number): EnrollmentStatus {
  let status = e.statusLog[0][1];
  for (const [from, s] of e.statusLog) if (from <= day) status = s;
  return status;
}

/** The household HI ladder as `enroll` counts it: ACTIVE HI enrollments of the household starting in the same year, plus one. */
function memberOrderOf(plan: EnrollmentPlan): number {
  const year = plan.startDate.slice(0, 4);
  return 1 + (plan.household ?? []).filter((o) => o.plan.startDate.slice(0, 4) === year && statusOn(o, plan.regDay) === 'ACTIVE').length;
}

/**
 * Plays one enrollment from its registration to `today`. Returns it, and the day its person comes
 * back with a new enrollment (the old one ended STOPPED that day), if they do.
 */
type Charges = Map<string, ReturnType<typeof chargeDues> | PolicyError>;

/** chargeDues, remembered: thousands of participants share an income, a category and a month. */
function chargedDues(charges: Charges, policy: PolicySet, ...args: Parameters<typeof chargeDues> extends [PolicySet, ...infer R] ? R : never): ReturnType<typeof chargeDues> {
  const [e, category, provinceCode, fromMonth, months] = args;
  const key = `${e.scheme}|${e.paymentMode}|${e.declaredMonthlyIncome}|${e.memberOrder}|${category}|${provinceCode}|${fromMonth}|${months}`;
  let result = charges.get(key);
  if (result === undefined) {
    try {
      result = chargeDues(policy, ...args);
    } catch (err) {
      if (!(err instanceof PolicyError)) throw err;
      result = err;
    }
    charges.set(key, result);
  }
  if (result instanceof PolicyError) throw result;
  return result;
}

function simulate(plan: EnrollmentPlan, policy: PolicySet, charges: Charges, provinceCode: string, today: number): { enrollment: SimEnrollment; reEnrolDay: number | null } | null {
  const { rand, behaviour, scheme } = plan;
  const category = plan.person.row.supportCategory;
  const memberOrder = scheme === 'HOUSEHOLD_HI' ? memberOrderOf(plan) : null;
  const entity = { id: 0, scheme, paymentMode: plan.mode, declaredMonthlyIncome: plan.income, memberOrder };
  const charge = (fromMonth: string, months: number): SimDue[] =>
    chargedDues(charges, policy, entity, category, provinceCode, fromMonth, months).map((d) => {
      const opens = scheme === 'HOUSEHOLD_HI' ? `${addMonths(d.periodStart!.slice(0, 7), -1)}-01` : d.periodStart!;
      return {
        periodStart: d.periodStart!,
        periodEnd: d.periodEnd!,
        dueDate: d.dueDate!,
        dueDay: dayOf(d.dueDate!),
        opensDay: dayOf(opens),
        months: d.months!,
        gross: d.gross!,
        support: d.support!,
        payable: d.payable!,
        paid: 0,
        status: 'OPEN',
        settledOn: null,
      };
    });

  // enroll: the dues of the coming 12 months; staff raise an income the rules of a coming month refuse, as the form tells them to.
  let dues: SimDue[];
  for (;;) {
    try {
      dues = charge(plan.startDate.slice(0, 7), 12);
      break;
    } catch (err) {
      if (!(err instanceof PolicyError) || err.code !== 'INCOME_BELOW_FLOOR' || !err.details.bound) return null;
      entity.declaredMonthlyIncome = err.details.bound;
    }
  }
  const e: SimEnrollment = { plan, income: entity.declaredMonthlyIncome, memberOrder, status: 'ACTIVE', endDate: null, version: 1, dues, payments: [], statusLog: [[plan.regDay, 'ACTIVE']] };
  const setStatus = (day: number, status: EnrollmentStatus) => {
    e.status = status;
    e.version++;
    e.statusLog.push([day, status]);
  };

  let oldest = 0; // the oldest due not settled
  let lastEnd = monthIndex(dues[dues.length - 1].periodEnd);
  let lastAttempt = -1;
  let endDay: number | null = null;
  let reEnrolDay: number | null = null;

  /** The day the person pays the oldest open due, or null when they do not. */
  const planPayment = (notBefore: number, partlyPaid = false): number | null => {
    const due = dues[oldest];
    if (!due || (!partlyPaid && behaviour.stopAt !== null && oldest >= behaviour.stopAt)) return null;
    const opens = Math.max(plan.regDay, due.opensDay);
    let day: number;
    if (oldest === 0 && !partlyPaid && rand() < 0.75) day = plan.regDay;
    else if (rand() < behaviour.late) day = due.dueDay + int(rand, 3, 45);
    else day = opens + Math.floor(rand() * Math.min(25, Math.max(1, due.dueDay - opens + 1)));
    return Math.max(day, notBefore);
  };
  let payDay = planPayment(plan.regDay);

  /** ContributionDue rows of `end`: open dues of periods starting after the end date are cancelled. */
  const end = (day: number) => {
    const endDate = oldest > 0 ? dues[oldest - 1].periodEnd : plan.startDate;
    for (const d of dues) if (d.status === 'OPEN' && d.periodStart > endDate) d.status = 'CANCELLED';
    e.endDate = endDate;
    setStatus(day, 'STOPPED');
  };

  /** recordPayment: the oldest dues first; LATE_PAID after the due date; LAPSED → ACTIVE once nothing overdue is left. */
  const pay = (day: number) => {
    let last = oldest;
    while (last + 1 < dues.length && dues[last + 1].dueDay <= day) last++;
    let amount = 0;
    for (let i = oldest; i <= last; i++) amount += dues[i].payable - dues[i].paid;
    const partial = last === oldest && day < dues[oldest].dueDay && dues[oldest].paid === 0 && amount >= 20_000 && rand() < 0.03;
    if (partial) amount = Math.floor(amount / 2 / 1000) * 1000;
    else if (plan.mode === 'MONTHLY' && behaviour.late < 0.1 && last + 1 < dues.length && rand() < 0.08) amount += dues[++last].payable;
    const payment: SimPayment = { day, amount, allocations: [] };
    let left = amount;
    for (let i = oldest; left > 0; i++) {
      const d = dues[i];
      const take = Math.min(left, d.payable - d.paid);
      left -= take;
      d.paid += take;
      payment.allocations.push({ due: d, amount: take });
      if (d.paid === d.payable) {
        d.status = day <= d.dueDay ? 'PAID' : 'LATE_PAID';
        d.settledOn = dateOf(day);
      }
    }
    while (oldest < dues.length && dues[oldest].status !== 'OPEN') oldest++;
    e.payments.push(payment);
    if (e.status === 'LAPSED' && !(oldest < dues.length && dues[oldest].dueDay < day)) setStatus(day, 'ACTIVE');
    payDay = planPayment(day + 1, partial);
  };

  for (let day = plan.regDay; day <= today; day++) {
    if (day > plan.regDay) {
      // The daily jobs, shortly after midnight: lapse, then roll ACTIVE enrollments forward.
      if (e.status === 'ACTIVE' && oldest < dues.length && dues[oldest].dueDay < day) {
        setStatus(day, 'LAPSED');
        if (payDay === null && behaviour.endAfter !== null) endDay = day + behaviour.endAfter;
        if (payDay === null && behaviour.reEnrolAfter !== null) reEnrolDay = day + behaviour.reEnrolAfter;
      }
      const horizon = monthOfDay(day) + 12;
      if (e.status === 'ACTIVE' && lastEnd < horizon && lastEnd + 1 !== lastAttempt) {
        // The job asks for the months from the last period to the horizon; a period the rules refuse
        // (an income under a coming floor) is left out, and asked again when the horizon moves.
        const from = lastEnd + 1;
        const months = horizon - from;
        if (months > 0) {
          try {
            const added = charge(monthOfIndex(from), months);
            if (added.length) {
              dues.push(...added);
              lastEnd = monthIndex(added[added.length - 1].periodEnd);
              if (payDay === null) payDay = planPayment(day);
            }
          } catch (err) {
            if (!(err instanceof PolicyError)) throw err;
            lastAttempt = from;
          }
        }
      }
    }
    if (day === reEnrolDay && e.status === 'LAPSED') {
      end(day);
      return { enrollment: e, reEnrolDay: day };
    }
    if (day === endDay && e.status === 'LAPSED') {
      end(day);
      break;
    }
    if (day === payDay) pay(day);
  }
  return { enrollment: e, reEnrolDay: null };
}

// ── Writing ──────────────────────────────────────────────────────────────────────────────────────

/** Ids taken from the table's sequence first, so that rows can name the rows they belong to. */
async function reserveIds(em: EntityManager, table: string, count: number): Promise<number[]> {
  if (!count) return [];
  // The sequence looked up once: pg_get_serial_sequence in the select list costs five times the nextval.
  const [{ seq }]: { seq: string }[] = await em.query(`SELECT pg_get_serial_sequence($1, 'id') AS seq`, [table]);
  const rows: { id: number }[] = await em.query(`SELECT nextval($1::regclass)::int AS id FROM generate_series(1, $2::int)`, [seq, count]);
  return rows.map((r) => r.id);
}

async function insertChunks(em: EntityManager, sql: string, rows: object[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 5_000) await em.query(sql, [JSON.stringify(rows.slice(i, i + 5_000))]);
}

/**
 * Adds the demo's people and their participation (see the top of this file). Needs the demo's
 * hamlets, collection organizations and accounts: people and enrollments of Hoa Long are registered
 * by staff.hoalong, those of the other base offices by the administrator; payments through Bưu điện
 * in Hoa Long are recorded by its collector. `today` is where the history stops.
 */
export async function seedDemoParticipants(em: EntityManager, today: string): Promise<DemoParticipantsSummary> {
  const users = new Map(((await em.query(`SELECT id, username FROM app_user WHERE username IN ('admin', 'staff.hoalong', 'collector.buudien.hoalong')`)) as { id: number; username: string }[]).map((u) => [u.username, u.id]));
  const orgs = new Map(((await em.query(`SELECT id, code FROM collection_organization WHERE code IN ('BUUDIEN-DT', 'VIETTEL-DT')`)) as { id: number; code: string }[]).map((o) => [o.code, o.id]));
  if (!users.has('admin') || !users.has('staff.hoalong') || orgs.size < 2) throw new Error('Demo participants need the demo accounts and collection organizations: seed them first');
  const hamletRows: { id: number; code: string; base: string; province: string; commune_rank: number; hamlet_rank: number }[] = await em.query(
    `SELECT h.id, h.code, b.code AS base, p.code AS province,
            dense_rank() OVER (PARTITION BY b.id ORDER BY c.code)::int AS commune_rank,
            row_number() OVER (PARTITION BY c.id ORDER BY h.code)::int AS hamlet_rank
       FROM org_unit h
       JOIN org_unit c ON c.id = h.parent_id
       JOIN org_unit b ON b.id = c.parent_id AND b.level = 'BASE'
       JOIN org_unit p ON p.id = b.parent_id AND p.level = 'PROVINCE'
      WHERE h.level = 'HAMLET' AND h.valid_to IS NULL AND b.code = ANY($1)
      ORDER BY h.code`,
    [Object.keys(VSI_PERSONS)],
  );
  const hamlets: Hamlet[] = hamletRows
    .filter((h) => h.base === 'BHXH-HOALONG' || (h.commune_rank <= OTHER_BASE_HAMLETS.communes && h.hamlet_rank <= OTHER_BASE_HAMLETS.hamletsPerCommune))
    .map((h, i) => ({ id: h.id, code: h.code, base: h.base, mainOrg: i % 3 === 2 ? 'VIETTEL-DT' : 'BUUDIEN-DT' }));
  const provinceOf = new Map(hamletRows.map((h) => [h.base, h.province]));

  // People, checked by the same rules as an import of persons, and written by its code.
  const usedIds = new Set<string>();
  const hamletIds = new Map(hamlets.map((h) => [h.code, h.id]));
  const people: DemoPerson[] = [];
  for (const hamlet of hamlets) {
    for (const { values, role, household } of householdsOf(hamlet, usedIds)) {
      const checked = checkPersonRow(values, hamletIds, today);
      if (!checked.ok) throw new Error(`Demo person ${values.citizenId} refused: ${checked.message.en}`);
      people.push({ row: checked.row, role, base: hamlet.base, hamlet, household });
    }
  }
  const hoaLong = people.filter((p) => p.base === 'BHXH-HOALONG').map((p) => p.row);
  await insertPersons(em, hoaLong, users.get('staff.hoalong')!);
  await insertPersons(em, people.filter((p) => p.base !== 'BHXH-HOALONG').map((p) => p.row), users.get('admin')!);
  await flushPersonSearchIndex(em);
  const ids: { id: number; citizen_id: string }[] = await em.query('SELECT id, citizen_id FROM person WHERE citizen_id = ANY($1)', [people.map((p) => p.row.citizenId)]);
  const idOf = new Map(ids.map((r) => [r.citizen_id, r.id]));
  for (const p of people) p.id = idOf.get(p.row.citizenId)!;

  // Who enrolls: working-age people for voluntary SI (heads and spouses first), whole households for HI.
  const policy = await loadPolicy(em);
  const todayDay = dayOf(today);
  const plans: EnrollmentPlan[] = [];
  for (const base of Object.keys(VSI_PERSONS)) {
    const rand = streamFor('choose', base);
    const candidates = people
      .filter((p) => p.base === base && p.row.dateOfBirth >= '1966-01-01' && p.row.dateOfBirth <= '2006-01-01')
      .map((p) => ({ p, key: rand() ** (1 / (p.role === 'CHILD' ? 0.45 : 1)) }))
      .sort((a, b) => b.key - a.key)
      .slice(0, VSI_PERSONS[base]);
    for (const { p } of candidates) {
      const r = streamFor('vsi', p.row.citizenId, 0);
      const month = weighted(r, VSI_MONTHS);
      const regDay = dayOf(`${month}-${pad(int(r, 1, 28))}`);
      if (regDay <= todayDay) plans.push(vsiPlan(p, regDay, r, true));
    }
  }
  const households = new Map<string, DemoPerson[]>();
  for (const p of people) households.set(p.household, [...(households.get(p.household) ?? []), p]);
  const hiGroups: EnrollmentPlan[][] = [];
  for (const base of Object.keys(HI_HOUSEHOLDS)) {
    const rand = streamFor('choose-hi', base);
    const chosen = [...households.entries()]
      .filter(([, members]) => members[0].base === base)
      .map(([code, members]) => ({ code, members, key: rand() }))
      .sort((a, b) => b.key - a.key)
      .slice(0, HI_HOUSEHOLDS[base]);
    for (const { code, members } of chosen) {
      const r = streamFor('hi', code);
      const month = weighted(r, HI_MONTHS);
      const mode = weighted(r, HI_MODES);
      const orgCode = orgOf(r, members[0].hamlet);
      // A card starts on the 1st of the month after the household registers (and pays).
      const regDay = dayOf(`${addMonths(month, -1)}-${pad(int(r, 5, 25))}`);
      const lateJoiner = members.length >= 3 && r() < 0.2 ? int(r, 30, 90) : 0;
      const group: EnrollmentPlan[] = [];
      members.forEach((person, i) => {
        const day = regDay + (i === members.length - 1 ? lateJoiner : 0);
        const startDate = `${addMonths(dateOf(day).slice(0, 7), 1)}-01`;
        const pr = streamFor('hi', person.row.citizenId);
        if (day <= todayDay) group.push({ person, scheme: 'HOUSEHOLD_HI', regDay: day, startDate, mode, income: null, orgCode, behaviour: behaviourOf(pr, 'HOUSEHOLD_HI', mode, false), rand: pr });
      });
      hiGroups.push(group);
    }
  }

  // The histories, in registration order within a household (the ladder counts the members before).
  const enrollments: SimEnrollment[] = [];
  const charges: Charges = new Map();
  const queue = [...plans];
  while (queue.length) {
    const plan = queue.shift()!;
    const result = simulate(plan, policy, charges, provinceOf.get(plan.person.base)!, todayDay);
    if (!result) continue;
    enrollments.push(result.enrollment);
    if (result.reEnrolDay !== null && result.reEnrolDay <= todayDay) {
      const r = streamFor('vsi', plan.person.row.citizenId, 1);
      const again = vsiPlan(plan.person, result.reEnrolDay, r, false);
      again.behaviour = { late: 0.03, stopAt: null, endAfter: null, reEnrolAfter: null };
      queue.push(again);
    }
  }
  for (const group of hiGroups) {
    const done: SimEnrollment[] = [];
    for (const plan of [...group].sort((a, b) => a.regDay - b.regDay)) {
      const result = simulate({ ...plan, household: [...done] }, policy, charges, provinceOf.get(plan.person.base)!, todayDay);
      if (result) done.push(result.enrollment);
    }
    enrollments.push(...done);
  }

  // Receipt numbers run per collection organization (or base office) and year, in the order of payment.
  const allPayments = enrollments.flatMap((e, i) => e.payments.map((p, j) => ({ e, p, order: i * 1_000 + j })));
  allPayments.sort((a, b) => a.p.day - b.p.day || a.order - b.order);
  const counters = new Map<string, number>();
  for (const { e, p } of allPayments) {
    const prefix = e.plan.orgCode ? ORG_RECEIPT_PREFIX[e.plan.orgCode] : OFFICE_RECEIPT_PREFIX[e.plan.person.base];
    const series = `${prefix}${dateOf(p.day).slice(2, 4)}`;
    const n = (counters.get(series) ?? 0) + 1;
    counters.set(series, n);
    p.receiptNo = `${series}-${String(n).padStart(6, '0')}`;
  }

  const enrollmentIds = await reserveIds(em, 'enrollment', enrollments.length);
  enrollments.forEach((e, i) => (e.id = enrollmentIds[i]));
  const dues = enrollments.flatMap((e) => e.dues.map((d) => ({ e, d })));
  const dueIds = await reserveIds(em, 'contribution_due', dues.length);
  dues.forEach(({ d }, i) => (d.id = dueIds[i]));
  const paymentIds = await reserveIds(em, 'payment', allPayments.length);
  allPayments.forEach(({ p }, i) => (p.id = paymentIds[i]));

  const registeredBy = (e: SimEnrollment) => users.get(e.plan.person.base === 'BHXH-HOALONG' ? 'staff.hoalong' : 'admin')!;
  const recordedBy = (e: SimEnrollment) =>
    e.plan.person.base !== 'BHXH-HOALONG' ? users.get('admin')! : e.plan.orgCode === 'BUUDIEN-DT' && users.has('collector.buudien.hoalong') ? users.get('collector.buudien.hoalong')! : users.get('staff.hoalong')!;
  await insertChunks(
    em,
    `INSERT INTO enrollment (id, person_id, scheme, status, start_date, end_date, declared_monthly_income, payment_mode, member_order, collection_organization_id, registered_by, version)
     SELECT r.id, r.person, r.scheme, r.status, r.start::date, r."end"::date, r.income, r.mode, r."memberOrder", r.org, r."registeredBy", r.version
       FROM jsonb_to_recordset($1::jsonb) AS r(id int, person int, scheme text, status text, start text, "end" text, income int, mode text, "memberOrder" int, org int, "registeredBy" int, version int)`,
    enrollments.map((e) => ({
      id: e.id,
      person: e.plan.person.id,
      scheme: e.plan.scheme,
      status: e.status,
      start: e.plan.startDate,
      end: e.endDate,
      income: e.income,
      mode: e.plan.mode,
      memberOrder: e.memberOrder,
      org: e.plan.orgCode ? orgs.get(e.plan.orgCode) : null,
      registeredBy: registeredBy(e),
      version: e.version,
    })),
  );
  await insertChunks(
    em,
    `INSERT INTO contribution_due (id, enrollment_id, period_start, period_end, due_date, months, gross, support, payable, paid, status, settled_on)
     SELECT d.id, d.e, d.ps::date, d.pe::date, d.dd::date, d.m, d.g, d.s, d.p, d.paid, d.st, d.so::date
       FROM jsonb_to_recordset($1::jsonb) AS d(id int, e int, ps text, pe text, dd text, m int, g int, s int, p int, paid int, st text, so text)`,
    dues.map(({ e, d }) => ({ id: d.id, e: e.id, ps: d.periodStart, pe: d.periodEnd, dd: d.dueDate, m: d.months, g: d.gross, s: d.support, p: d.payable, paid: d.paid, st: d.status, so: d.settledOn })),
  );
  await insertChunks(
    em,
    `INSERT INTO payment (id, enrollment_id, amount, paid_on, receipt_no, collection_organization_key, recorded_by)
     SELECT p.id, p.e, p.amount, p.on::date, p.receipt, p.org, p.by
       FROM jsonb_to_recordset($1::jsonb) AS p(id int, e int, amount int, "on" text, receipt text, org int, by int)`,
    allPayments.map(({ e, p }) => ({ id: p.id, e: e.id, amount: p.amount, on: dateOf(p.day), receipt: p.receiptNo, org: e.plan.orgCode ? orgs.get(e.plan.orgCode) : 0, by: recordedBy(e) })),
  );
  await insertChunks(
    em,
    `INSERT INTO payment_allocation (payment_id, due_id, amount)
     SELECT a.p, a.d, a.amount FROM jsonb_to_recordset($1::jsonb) AS a(p int, d int, amount int)`,
    allPayments.flatMap(({ p }) => p.allocations.map((a) => ({ p: p.id, d: a.due.id, amount: a.amount }))),
  );

  // Today's lapses and rolls are in the history already: the daily job's catch-up at start has nothing to do.
  await markDailyEnrollmentJobsDone(em, today);

  const byStatus = (s: EnrollmentStatus) => enrollments.filter((e) => e.status === s).length;
  return {
    households: households.size,
    persons: people.length,
    voluntarySiEnrollments: enrollments.filter((e) => e.plan.scheme === 'VOLUNTARY_SI').length,
    householdHiEnrollments: enrollments.filter((e) => e.plan.scheme === 'HOUSEHOLD_HI').length,
    activeEnrollments: byStatus('ACTIVE'),
    lapsedEnrollments: byStatus('LAPSED'),
    stoppedEnrollments: byStatus('STOPPED'),
    dues: dues.length,
    payments: allPayments.length,
  };
}
