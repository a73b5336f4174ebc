import { CITIZEN_ID_PROVINCES, foldVietnamese, PolicyError, type PaymentMode, type PolicySet, type Scheme, type SupportCategory } from '@bao-phu/domain';
import { chargeDues } from '../../../apps/api/src/modules/enrollment/enrollment.service';
import { nul, type CopyWriter } from './copy';
import { dateOf, dayOf, monthIndexOf, monthLabel, monthStartDay } from './days';
import { FAMILY, GIVEN_FEMALE, GIVEN_MALE, MIDDLE_FEMALE, MIDDLE_MALE, PHONE_PREFIXES } from './names';
import { intBetween, streamOf, weighted, type Rand } from './random';

/**
 * People, households, enrollments, contribution dues, payments and their allocations of one
 * hamlet after another, written as they are made (COPY). Deterministic: every hamlet draws from a
 * stream of its own (seed, hamlet id), so the rows do not depend on what else is generated; ids
 * run in the order of the hamlets.
 *
 * What is made, per hamlet with a quota of `vsi` voluntary SI participants and `hi` household HI
 * members:
 *  - households of 1–6 (mean 3.6): a head born 1950–1994, a spouse, an elder, children born 20–38
 *    years after the head; a support category per household (ethnic minorities by province);
 *    about 1.5 registered people per participant; citizen IDs built as the rules say (birth
 *    province of the pre-2025 provinces the province was made of, 15 % elsewhere; century and sex;
 *    year; six digits unique per province, sex and year), phones for 70 % of adults;
 *  - household HI for whole households until `hi` members (ladder by order in the household),
 *    voluntary SI for `vsi` others aged 16–59 (heads and spouses first);
 *  - an enrollment each: 80 % started in the 36 months before the window, the others in the window
 *    (more in April–June and November–December, the mobilization months); VSI payment mode
 *    MONTHLY 85 %, QUARTERLY 9 %, SEMIANNUAL 4 %, ANNUAL 2 %; incomes mostly at the floor; HI
 *    ANNUAL 55 %, SEMIANNUAL 30 %, QUARTERLY 15 %; the collection organization of the hamlet
 *    (75 %), the other one (15 %) or the office (10 %);
 *  - its dues of the periods overlapping the window (`months` months up to today's), charged by
 *    the API's `chargeDues` with the stored policy (remembered per distinct input): an income the
 *    rules refuse in the first 12 months is raised to the floor, as staff do at `enroll`; a later
 *    period the rules refuse (the 2027 floor) is left out, with the ones after it, as the daily job
 *    leaves them;
 *  - how they pay: regular (VSI 70 %, HI 82 %: 3 % of dues late), late payers (15 %, 8 %: 35 %
 *    late, 3–45 days after the due date), stoppers (12 %, 10 %: stop at a due of the window; 45 %
 *    of them ended by staff 30–150 days after the first unpaid due date, their later open dues
 *    cancelled), never paying after registering (3 % of new VSI ones); a new participant pays the
 *    first due at registration (75 %); the oldest due is settled first (a late payment settles the
 *    dues after it that have come due in the same payment); 8 % of regular monthly payers pay the
 *    next month with this one; 3 % of the dues open today are half paid; around Tết people pay
 *    less: a payment planned from 7 days before to 9 days after Tết is put off to 10–24 days
 *    after it (60 %), and dues falling due around Tết are paid late twice as often;
 *  - an enrollment is STOPPED when ended, LAPSED when a due past its date is open, else ACTIVE.
 */

export const VSI_MODES: readonly (readonly [PaymentMode, number])[] = [['MONTHLY', 85], ['QUARTERLY', 9], ['SEMIANNUAL', 4], ['ANNUAL', 2]];
export const HI_MODES: readonly (readonly [PaymentMode, number])[] = [['ANNUAL', 55], ['SEMIANNUAL', 30], ['QUARTERLY', 15]];
const INCOMES: readonly (readonly [number, number])[] = [[1_500_000, 52], [2_000_000, 14], [2_340_000, 8], [3_000_000, 12], [4_000_000, 7], [5_000_000, 5], [7_000_000, 2]];
const PERIOD: Record<string, number> = { MONTHLY: 1, QUARTERLY: 3, SEMIANNUAL: 6, ANNUAL: 12 };
const HOUSEHOLD_SIZE: readonly (readonly [number, number])[] = [[1, 6], [2, 16], [3, 26], [4, 28], [5, 16], [6, 8]];
/** Tết (lunar new year) of each year. */
const TET: Record<number, string> = { 2023: '2023-01-22', 2024: '2024-02-10', 2025: '2025-01-29', 2026: '2026-02-17', 2027: '2027-02-06', 2028: '2028-01-26', 2029: '2029-02-13' };
/** Share of ethnic-minority households: the northern mountains, the Central Highlands, elsewhere. */
const ETHNIC_SHARE: Record<string, number> = { '04': 0.45, '08': 0.45, '11': 0.45, '12': 0.45, '14': 0.45, '15': 0.45, '20': 0.45, '52': 0.25, '66': 0.25, '68': 0.25 };
export const PERSONS_PER_PARTICIPANT = 1.5;
const STARTS_BEFORE_WINDOW = 0.8;
const MONTHS_BEFORE_WINDOW = 36;

export interface HamletPlan {
  id: number;
  code: string;
  provinceCode: string;
  vsi: number;
  hi: number;
  /** The hamlet's collection organizations: [main, other]. */
  orgs: [number, number];
  /** Citizen ID province codes of the pre-2025 provinces the province was made of. */
  birthCodes: string[];
}

export interface PeopleWriters {
  household: CopyWriter;
  person: CopyWriter;
  enrollment: CopyWriter;
  due: CopyWriter;
  payment: CopyWriter;
  allocation: CopyWriter;
}

export const COPY_COLUMNS: Record<keyof PeopleWriters, [string, string[]]> = {
  household: ['household', ['id', 'code', 'hamlet_id']],
  person: ['person', ['id', 'citizen_id', 'full_name', 'search_key', 'sex', 'date_of_birth', 'phone', 'hamlet_id', 'household_id', 'support_category', 'created_by', 'version']],
  enrollment: ['enrollment', ['id', 'person_id', 'scheme', 'status', 'start_date', 'end_date', 'declared_monthly_income', 'payment_mode', 'member_order', 'collection_organization_id', 'registered_by', 'version']],
  due: ['contribution_due', ['id', 'enrollment_id', 'period_start', 'period_end', 'due_date', 'months', 'gross', 'support', 'payable', 'paid', 'status', 'settled_on']],
  payment: ['payment', ['id', 'enrollment_id', 'amount', 'paid_on', 'receipt_no', 'collection_organization_key', 'recorded_by']],
  allocation: ['payment_allocation', ['id', 'payment_id', 'due_id', 'amount']],
};

interface Charge {
  ps: number;
  psDate: string;
  peDate: string;
  pe: number;
  due: number;
  dueDate: string;
  months: number;
  gross: number;
  support: number;
  payable: number;
}

interface Person {
  id: number;
  household: number;
  year: number;
  role: 'HEAD' | 'SPOUSE' | 'ELDER' | 'CHILD';
  category: SupportCategory;
}

type Kind = 'regular' | 'late' | 'stopper' | 'never';

/** What became of an enrollment's dues: the day each was settled (a prefix), a half payment, an end. */
interface Schedule {
  paydays: number[];
  partial: { day: number } | null;
  endDay: number | null;
}

export interface PeopleCounts {
  households: number;
  persons: number;
  enrollments: number;
  vsiEnrollments: number;
  hiEnrollments: number;
  active: number;
  lapsed: number;
  stopped: number;
  dues: number;
  payments: number;
  allocations: number;
  distinctCharges: number;
}

const fold = (list: string[]) => list.map((n) => foldVietnamese(n));
const NAMES = {
  family: FAMILY, familyKey: fold(FAMILY),
  middle: { MALE: MIDDLE_MALE, FEMALE: MIDDLE_FEMALE }, middleKey: { MALE: fold(MIDDLE_MALE), FEMALE: fold(MIDDLE_FEMALE) },
  given: { MALE: GIVEN_MALE, FEMALE: GIVEN_FEMALE }, givenKey: { MALE: fold(GIVEN_MALE), FEMALE: fold(GIVEN_FEMALE) },
};
const ALL_BIRTH_CODES = Object.keys(CITIZEN_ID_PROVINCES);

export class PeopleGenerator {
  readonly counts: PeopleCounts = { households: 0, persons: 0, enrollments: 0, vsiEnrollments: 0, hiEnrollments: 0, active: 0, lapsed: 0, stopped: 0, dues: 0, payments: 0, allocations: 0, distinctCharges: 0 };
  private ids = { household: 0, person: 0, enrollment: 0, due: 0, payment: 0, allocation: 0 };
  private readonly charges = new Map<string, Charge | PolicyError>();
  private readonly serials = new Map<string, number>();
  /** (hamlet, year) pairs the rollups need, as rollup_rebuild finds them: per hamlet, the years. */
  readonly rollupYears = new Map<number, Set<number>>();
  private readonly today: number;
  private readonly todayYear: number;
  private readonly w0: number;
  private readonly m: number;
  private readonly windowMonths: [number, number][];

  constructor(
    private readonly seed: number,
    today: string,
    months: number,
    private readonly policy: PolicySet,
    private readonly adminId: number,
    private readonly w: PeopleWriters,
  ) {
    this.today = dayOf(today);
    this.todayYear = Number(today.slice(0, 4));
    this.m = monthIndexOf(today);
    this.w0 = this.m - months + 1;
    this.windowMonths = [];
    for (let mi = this.w0; mi <= this.m; mi++) {
      const month = (mi % 12) + 1;
      this.windowMonths.push([mi, month >= 4 && month <= 6 ? 2.6 : month >= 11 ? 1.4 : 1]);
    }
  }

  get distinctCharges(): number {
    return this.charges.size;
  }

  /** The hamlet's people and their participation; returns its VSI and HI enrollments. */
  hamlet(h: HamletPlan): { vsi: number; hi: number } {
    const rand = streamOf(this.seed, 1, h.id);
    const ethnic = ETHNIC_SHARE[h.provinceCode] ?? 0.01;
    const households: { id: number; members: Person[]; hi: boolean }[] = [];
    const need = Math.ceil((h.vsi + h.hi) * PERSONS_PER_PARTICIPANT);
    const minAge = this.todayYear - 59;
    const maxAge = this.todayYear - 16;
    const eligible = (p: Person) => p.year >= minAge && p.year <= maxAge;
    let persons = 0;
    let eligibleCount = 0;
    let hiMembers = 0;
    const addHousehold = () => {
      const hh = this.household(h, rand, ethnic);
      households.push(hh);
      persons += hh.members.length;
      eligibleCount += hh.members.filter(eligible).length;
      return hh;
    };
    while (persons < need || eligibleCount < h.vsi * 1.3) addHousehold();
    // Whole households into household HI, a random half of them in turn until enough members.
    for (let pass = 0; hiMembers < h.hi && pass < 4; pass++) {
      for (const hh of households) {
        if (hiMembers >= h.hi) break;
        if (!hh.hi && rand() < 0.5) {
          hh.hi = true;
          hiMembers += hh.members.length;
        }
      }
    }
    let candidates = households.filter((hh) => !hh.hi).flatMap((hh) => hh.members.filter(eligible));
    while (candidates.length < h.vsi) candidates.push(...addHousehold().members.filter(eligible));
    const chosen = candidates
      .map((p) => ({ p, key: p.role === 'CHILD' ? rand() * 0.6 : rand() }))
      .sort((a, b) => b.key - a.key || a.p.id - b.p.id)
      .slice(0, h.vsi)
      .map((x) => x.p)
      .sort((a, b) => a.id - b.id);
    this.counts.households += households.length;
    this.counts.persons += persons;

    const org = () => {
      const r = rand();
      return r < 0.75 ? h.orgs[0] : r < 0.9 ? h.orgs[1] : null;
    };
    let vsi = 0;
    for (const p of chosen) {
      this.vsiEnrollment(h, p, org());
      vsi++;
    }
    let hi = 0;
    for (const hh of households) {
      if (!hh.hi) continue;
      hi += this.hiHousehold(h, hh.members, org());
    }
    return { vsi, hi };
  }

  // ── People ────────────────────────────────────────────────────────────────────────────────────

  private household(h: HamletPlan, rand: Rand, ethnic: number): { id: number; members: Person[]; hi: boolean } {
    const id = ++this.ids.household;
    const size = weighted(rand, HOUSEHOLD_SIZE);
    const r = rand();
    const category: SupportCategory = r < 0.04 ? 'POOR' : r < 0.11 ? 'NEAR_POOR' : r < 0.11 + ethnic ? 'ETHNIC_MINORITY' : 'OTHER';
    const code = `HO-${h.code}-${String(id).padStart(7, '0')}`;
    this.w.household.line(`${id}\t${code}\t${h.id}\n`);
    const members: Person[] = [];
    const headMale = rand() < 0.78;
    const headYear = intBetween(rand, 1950, 1994);
    const headFamily = Math.floor(rand() * FAMILY.length);
    let fatherFamily = headMale ? headFamily : -1;
    const add = (role: Person['role'], male: boolean, year: number, family: number) => {
      const pid = ++this.ids.person;
      members.push({ id: pid, household: id, year, role, category });
      this.person(h, rand, pid, id, male, year, family, category);
    };
    add('HEAD', headMale, headYear, headFamily);
    let left = size - 1;
    if (left > 0 && rand() < 0.85) {
      const spouseFamily = Math.floor(rand() * FAMILY.length);
      if (headMale === false) fatherFamily = spouseFamily;
      add('SPOUSE', !headMale, Math.min(2004, headYear + intBetween(rand, -6, 4)), spouseFamily);
      left--;
    }
    if (left > 0 && (left >= 3 || rand() < 0.25) && headYear - 25 >= 1930) {
      const male = rand() < 0.4;
      add('ELDER', male, headYear - intBetween(rand, 22, Math.min(32, headYear - 1930)), male ? headFamily : Math.floor(rand() * FAMILY.length));
      left--;
    }
    for (let i = 0; i < left; i++) add('CHILD', rand() < 0.5, Math.min(2024, headYear + intBetween(rand, 20, 38)), fatherFamily >= 0 ? fatherFamily : headFamily);
    return { id, members, hi: false };
  }

  private person(h: HamletPlan, rand: Rand, id: number, household: number, male: boolean, year: number, family: number, category: SupportCategory): void {
    const sex = male ? 'MALE' : 'FEMALE';
    const mi = Math.floor(rand() * NAMES.middle[sex].length);
    const gi = Math.floor(rand() * NAMES.given[sex].length);
    const name = `${NAMES.family[family]} ${NAMES.middle[sex][mi]} ${NAMES.given[sex][gi]}`;
    const key = `${NAMES.familyKey[family]} ${NAMES.middleKey[sex][mi]} ${NAMES.givenKey[sex][gi]}`;
    const birth = rand() < 0.85 ? h.birthCodes[Math.floor(rand() * h.birthCodes.length)] : ALL_BIRTH_CODES[Math.floor(rand() * ALL_BIRTH_CODES.length)];
    const cs = (year >= 2000 ? 2 : 0) + (male ? 0 : 1);
    const bucket = `${birth}${cs}${String(year % 100).padStart(2, '0')}`;
    const serial = this.serials.get(bucket) ?? 0;
    if (serial >= 900_000) throw new Error(`citizen IDs of ${bucket} exhausted`);
    this.serials.set(bucket, serial + 1);
    const citizenId = `${bucket}${100_000 + ((serial * 611_953 + Number(bucket.slice(-5)) * 7_919) % 900_000)}`;
    const dob = `${year}-${String(intBetween(rand, 1, 12)).padStart(2, '0')}-${String(intBetween(rand, 1, 28)).padStart(2, '0')}`;
    const phone = year <= 2006 && rand() < 0.7 ? `${PHONE_PREFIXES[Math.floor(rand() * PHONE_PREFIXES.length)]}${String(Math.floor(rand() * 10_000_000)).padStart(7, '0')}` : '\\N';
    this.w.person.line(`${id}\t${citizenId}\t${name}\t${key}\t${sex}\t${dob}\t${phone}\t${h.id}\t${household}\t${category}\t${this.adminId}\t1\n`);
  }

  // ── Enrollments ───────────────────────────────────────────────────────────────────────────────

  /** Start month and day: before the window (80 %) or in it, weighted by the mobilization months. */
  private startOf(rand: Rand): { month: number; day: number; isNew: boolean } {
    if (rand() < STARTS_BEFORE_WINDOW) {
      const month = this.w0 - 1 - Math.floor(rand() * MONTHS_BEFORE_WINDOW);
      return { month, day: monthStartDay(month) + intBetween(rand, 0, 27), isNew: false };
    }
    const month = weighted(rand, this.windowMonths);
    return { month, day: Math.min(this.today, monthStartDay(month) + intBetween(rand, 0, 27)), isNew: true };
  }

  private charge(scheme: Scheme, mode: PaymentMode, income: number | null, order: number | null, category: SupportCategory, province: string, month: number): Charge | PolicyError {
    const prov = province === '01' ? '01' : '';
    const key = `${scheme}|${mode}|${income}|${order}|${scheme === 'VOLUNTARY_SI' ? category : ''}|${prov}|${month}`;
    let c = this.charges.get(key);
    if (c === undefined) {
      try {
        const [d] = chargeDues(this.policy, { id: 0, scheme, paymentMode: mode, declaredMonthlyIncome: income, memberOrder: order } as never, category, province, monthLabel(month), PERIOD[mode]);
        c = {
          ps: dayOf(d.periodStart!),
          psDate: d.periodStart!,
          pe: dayOf(d.periodEnd!),
          peDate: d.periodEnd!,
          due: dayOf(d.dueDate!),
          dueDate: d.dueDate!,
          months: d.months!,
          gross: d.gross!,
          support: d.support!,
          payable: d.payable!,
        };
      } catch (err) {
        if (!(err instanceof PolicyError)) throw err;
        c = err;
      }
      this.charges.set(key, c);
    }
    return c;
  }

  /** The dues of the periods overlapping the window, aligned on the start month; null: the income to raise first. */
  private dues(scheme: Scheme, mode: PaymentMode, income: number | null, order: number | null, category: SupportCategory, province: string, startMonth: number): Charge[] | { raise: number } {
    const len = PERIOD[mode];
    // What `enroll` charges: the first 12 months; an income the rules refuse is raised by staff.
    for (let k = 0; k * len < 12; k++) {
      const c = this.charge(scheme, mode, income, order, category, province, startMonth + k * len);
      if (c instanceof PolicyError) {
        if (c.code === 'INCOME_BELOW_FLOOR' && c.details.bound) return { raise: c.details.bound };
        throw c;
      }
    }
    const k0 = Math.max(0, Math.ceil((this.w0 - startMonth - len + 1) / len));
    const k1 = Math.floor((this.m - startMonth) / len);
    const out: Charge[] = [];
    for (let k = k0; k <= k1; k++) {
      const c = this.charge(scheme, mode, income, order, category, province, startMonth + k * len);
      if (c instanceof PolicyError) break; // the daily job leaves a refused period out, and the ones after it
      out.push(c);
    }
    return out;
  }

  private vsiEnrollment(h: HamletPlan, p: Person, org: number | null): void {
    const rand = streamOf(this.seed, 2, p.id);
    const mode = weighted(rand, VSI_MODES);
    let income = weighted(rand, INCOMES);
    const start = this.startOf(rand);
    let dues: Charge[] | { raise: number } = this.dues('VOLUNTARY_SI', mode, income, null, p.category, h.provinceCode, start.month);
    for (let tries = 0; !Array.isArray(dues) && tries < 3; tries++) {
      income = dues.raise;
      dues = this.dues('VOLUNTARY_SI', mode, income, null, p.category, h.provinceCode, start.month);
    }
    if (!Array.isArray(dues)) throw new Error(`enrollment of person ${p.id}: the income cannot be raised to what the rules want`);
    const r = rand();
    const kind: Kind = r < 0.7 ? 'regular' : r < 0.85 ? 'late' : r < 0.97 || !start.isNew ? 'stopper' : 'never';
    const schedule = this.schedule(dues, kind, start.isNew, start.day, mode === 'MONTHLY', rand, (c) => c.ps);
    this.counts.vsiEnrollments++;
    this.write(h, p.id, 'VOLUNTARY_SI', mode, start.day, income, null, org, dues, schedule);
  }

  /** A household's HI: one start, mode and way of paying for all its members, the ladder by their order. */
  private hiHousehold(h: HamletPlan, members: Person[], org: number | null): number {
    const rand = streamOf(this.seed, 3, members[0].household);
    const mode = weighted(rand, HI_MODES);
    const start = this.startOf(rand);
    const startDay = monthStartDay(start.month);
    // They register (and pay the first card) 5–25 days into the month before the card starts.
    const regDay = Math.min(this.today, monthStartDay(start.month - 1) + intBetween(rand, 4, 24));
    const r = rand();
    const kind: Kind = r < 0.82 ? 'regular' : r < 0.9 ? 'late' : 'stopper';
    const first = this.dues('HOUSEHOLD_HI', mode, null, 1, 'OTHER', h.provinceCode, start.month);
    if (!Array.isArray(first)) throw new Error('household HI refused by the rules');
    const schedule = this.schedule(first, kind, start.isNew, regDay, false, rand, (c) => monthStartDay(monthIndexOf(c.psDate) - 1));
    members.forEach((p, i) => {
      const dues = this.dues('HOUSEHOLD_HI', mode, null, i + 1, 'OTHER', h.provinceCode, start.month) as Charge[];
      this.counts.hiEnrollments++;
      this.write(h, p.id, 'HOUSEHOLD_HI', mode, startDay, null, i + 1, org, dues, schedule);
    });
    return members.length;
  }

  /** When each due is paid (see the top of the file). `opensOf`: the first day people pay a due. */
  private schedule(dues: Charge[], kind: Kind, isNew: boolean, regDay: number, monthly: boolean, rand: Rand, opensOf: (c: Charge) => number): Schedule {
    const n = dues.length;
    const late = kind === 'late' ? 0.35 : 0.03;
    const stopAt = kind === 'never' ? 0 : kind === 'stopper' ? intBetween(rand, 0, Math.max(0, n - 1)) : n;
    const paydays: number[] = [];
    let prev = -Infinity;
    let withNext = false;
    for (let i = 0; i < n && i < stopAt; i++) {
      const d = dues[i];
      const opens = Math.max(regDay, opensOf(d));
      const tet = dayOf(TET[Number(d.dueDate.slice(0, 4))] ?? `${d.dueDate.slice(0, 4)}-02-01`);
      let day: number;
      if (withNext) day = prev;
      else if (i === 0 && isNew && rand() < 0.75) day = regDay;
      else {
        const lateP = d.due >= tet - 10 && d.due <= tet + 20 ? Math.min(1, late * 2 + 0.05) : late;
        day = rand() < lateP ? d.due + intBetween(rand, 3, 45) : opens + Math.floor(rand() * Math.min(25, Math.max(1, d.due - opens + 1)));
        const tetPay = dayOf(TET[Number(dateOf(day).slice(0, 4))] ?? '1970-01-01');
        if (day >= tetPay - 7 && day <= tetPay + 9 && rand() < 0.6) day = tetPay + intBetween(rand, 10, 24);
      }
      day = Math.max(day, prev);
      if (day > this.today) break;
      paydays.push(day);
      prev = day;
      withNext = monthly && kind === 'regular' && rand() < 0.08;
    }
    const firstUnpaid = paydays.length;
    let partial: Schedule['partial'] = null;
    let endDay: number | null = null;
    if (firstUnpaid < n) {
      const d = dues[firstUnpaid];
      const opens = Math.max(regDay, opensOf(d));
      if ((kind === 'regular' || kind === 'late') && opens <= this.today && d.due >= this.today && rand() < 0.03) {
        partial = { day: Math.max(prev, opens + Math.floor(rand() * (this.today - opens + 1))) };
      } else if ((kind === 'stopper' || kind === 'never') && rand() < 0.45) {
        const day = d.due + intBetween(rand, 30, 150);
        if (day <= this.today) endDay = day;
      }
    }
    return { paydays, partial, endDay };
  }

  /** The rows of one enrollment: itself, its dues, its payments and their allocations. */
  private write(h: HamletPlan, personId: number, scheme: Scheme, mode: PaymentMode, startDay: number, income: number | null, order: number | null, org: number | null, dues: Charge[], s: Schedule): void {
    const id = ++this.ids.enrollment;
    this.counts.enrollments++;
    const n = dues.length;
    const paid = s.paydays.length;
    let endDate: number | null = null;
    if (s.endDay !== null) endDate = paid > 0 ? dues[paid - 1].pe : n && dues[0].ps - 1 >= startDay ? dues[0].ps - 1 : startDay;
    let lapsed = false;
    const years = this.rollupYears.get(h.id) ?? new Set<number>();
    this.rollupYears.set(h.id, years);
    // The (hamlet, year) pairs rollup_rebuild() asks for: every year from the earliest of a due's
    // period, due date and the enrollment's start to the year after the latest (one enrollment
    // without dues: its start year and the next).
    const startYear = Number(dateOf(startDay).slice(0, 4));
    years.add(startYear);
    if (!dues.length) years.add(startYear + 1);
    // Dues, and the payments that settled them (consecutive dues paid the same day are one payment).
    let payment = 0;
    let paymentDay = -1;
    const orgKey = org ?? 0;
    const receipt = (day: number, pid: number) => `${org === null ? 'CQ' : org === h.orgs[0] ? 'TC' : 'DV'}${dateOf(day).slice(2, 4)}-${pid}`;
    const paymentRows: [number, number, number][] = [];
    for (let i = 0; i < n; i++) {
      const d = dues[i];
      const did = ++this.ids.due;
      for (let y = Math.min(Number(d.psDate.slice(0, 4)), Number(d.dueDate.slice(0, 4)), startYear); y <= Math.max(Number(d.peDate.slice(0, 4)), Number(d.dueDate.slice(0, 4))) + 1; y++) years.add(y);
      if (i < paid) {
        const day = s.paydays[i];
        if (day !== paymentDay) {
          payment = ++this.ids.payment;
          paymentDay = day;
          paymentRows.push([payment, 0, day]);
        }
        paymentRows[paymentRows.length - 1][1] += d.payable;
        // Nothing to pay (Hà Nội's top-up covers all of a poor or near-poor participant's share): the due is settled, no money moves.
        if (d.payable > 0) this.w.allocation.line(`${++this.ids.allocation}\t${payment}\t${did}\t${d.payable}\n`);
        this.w.due.line(`${did}\t${id}\t${d.psDate}\t${d.peDate}\t${d.dueDate}\t${d.months}\t${d.gross}\t${d.support}\t${d.payable}\t${d.payable}\t${day <= d.due ? 'PAID' : 'LATE_PAID'}\t${dateOf(day)}\n`);
      } else if (i === paid && s.partial) {
        const amount = Math.floor(d.payable / 2 / 1000) * 1000;
        if (amount > 0) {
          payment = ++this.ids.payment;
          paymentRows.push([payment, amount, s.partial.day]);
          this.w.allocation.line(`${++this.ids.allocation}\t${payment}\t${did}\t${amount}\n`);
        }
        this.w.due.line(`${did}\t${id}\t${d.psDate}\t${d.peDate}\t${d.dueDate}\t${d.months}\t${d.gross}\t${d.support}\t${d.payable}\t${amount}\tOPEN\t\\N\n`);
        if (d.due < this.today) lapsed = true;
      } else {
        const cancelled = endDate !== null && d.ps > endDate;
        if (!cancelled && d.due < this.today) lapsed = true;
        this.w.due.line(`${did}\t${id}\t${d.psDate}\t${d.peDate}\t${d.dueDate}\t${d.months}\t${d.gross}\t${d.support}\t${d.payable}\t0\t${cancelled ? 'CANCELLED' : 'OPEN'}\t\\N\n`);
      }
    }
    // A payment is money received (ck_payment_amount): none for dues that asked for nothing.
    const received = paymentRows.filter(([, amount]) => amount > 0);
    for (const [pid, amount, day] of received) this.w.payment.line(`${pid}\t${id}\t${amount}\t${dateOf(day)}\t${receipt(day, pid)}\t${orgKey}\t${this.adminId}\n`);
    this.counts.dues += n;
    this.counts.payments += received.length;
    this.counts.allocations = this.ids.allocation;
    const status = endDate !== null ? 'STOPPED' : lapsed ? 'LAPSED' : 'ACTIVE';
    if (status === 'STOPPED') this.counts.stopped++;
    else if (status === 'LAPSED') this.counts.lapsed++;
    else this.counts.active++;
    const version = status === 'STOPPED' ? 3 : status === 'LAPSED' ? 2 : 1;
    this.w.enrollment.line(
      `${id}\t${personId}\t${scheme}\t${status}\t${dateOf(startDay)}\t${endDate === null ? '\\N' : dateOf(endDate)}\t${nul(income)}\t${mode}\t${nul(order)}\t${nul(org)}\t${this.adminId}\t${version}\n`,
    );
  }

  /** The last id of each table (for the sequences). */
  lastIds() {
    return { ...this.ids };
  }
}

