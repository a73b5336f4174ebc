import { isMonth, type LocalDate, type Month } from './dates';
import { applyBasisPoints, formatVnd } from './money';
import { addMonths, firstDayOfMonth, lastDayOfMonth, monthRange } from './months';
import {
  DEFAULT_POLICY,
  findRuleOn,
  PolicyError,
  ruleOn,
  type PaymentMode,
  type PaymentModeRule,
  type PolicyRow,
  type PolicySet,
  type Scheme,
  type SupportCategory,
} from './policy';

/**
 * What one month of a period costs, in whole đồng: `gross` the contribution, `support` the state's
 * (and province's) share, `payable` = gross − support, what the participant pays. `check` is true
 * when a figure used for the month is not confirmed in a public source.
 */
export interface MonthCharge {
  month: Month;
  gross: number;
  support: number;
  payable: number;
  check: boolean;
}

/**
 * The months of a period and their sums. Each month is rounded on its own and the totals are the
 * sums of the rounded months, so the lines of a receipt always add up to its total.
 */
export interface PeriodCharge {
  months: MonthCharge[];
  gross: number;
  support: number;
  payable: number;
  /** True when any month used an unconfirmed figure, or the lump-sum adjustment below is missing. */
  check: boolean;
  /**
   * For a multi-year mode: the discount (paid ahead) or compounding (paid for the past) that the
   * rules require but that is not modelled yet; the amounts are the plain sums of the months.
   */
  pendingAdjustment?: 'DISCOUNT' | 'COMPOUNDING';
}

/** Which payment modes each scheme offers: voluntary SI all six, household HI cards of 3, 6 or 12 months. */
export const ALLOWED_MODES: Readonly<Record<Scheme, readonly PaymentMode[]>> = Object.freeze({
  VOLUNTARY_SI: Object.freeze(['MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'YEARS_AHEAD', 'REMAINING_YEARS'] as const),
  HOUSEHOLD_HI: Object.freeze(['QUARTERLY', 'SEMIANNUAL', 'ANNUAL'] as const),
});

/** The payment modes `scheme` offers, in the order of their periods' length. */
export function allowedModes(scheme: Scheme): readonly PaymentMode[] {
  return ALLOWED_MODES[scheme];
}

export interface VoluntarySiPeriodInput {
  policy: PolicySet;
  /** The income the participant chose as the basis, whole đồng a month. */
  declaredMonthlyIncome: number;
  /** Every category the participant belongs to; the most supported one counts. */
  categories: readonly SupportCategory[];
  /** Current 2-digit province code, for a provincial top-up; absent: national support only. */
  provinceCode?: string | null;
  periodStart: Month;
  months: number;
  /** Months of state support the participant already had, counted against the support limit. */
  supportedMonthsBefore?: number;
  /** The payment mode, so that a multi-year lump sum is flagged as not adjusted yet. */
  mode?: PaymentMode;
}

function checkPeriod(periodStart: Month, months: number): void {
  if (!isMonth(periodStart)) {
    throw new PolicyError('INVALID_PERIOD', `Not a month (YYYY-MM): "${periodStart}"`, { month: periodStart });
  }
  if (!Number.isInteger(months) || months < 1) {
    throw new PolicyError('INVALID_PERIOD', `A period covers a whole number of months, at least 1: ${months}`, {
      month: periodStart,
      value: months,
    });
  }
}

function sum(charges: MonthCharge[], key: 'gross' | 'support' | 'payable'): number {
  return charges.reduce((total, charge) => total + charge[key], 0);
}

function periodOf(charges: MonthCharge[]): PeriodCharge {
  return {
    months: charges,
    gross: sum(charges, 'gross'),
    support: sum(charges, 'support'),
    payable: sum(charges, 'payable'),
    check: charges.some((charge) => charge.check),
  };
}

/**
 * The support share (basis points of the support base) of the most supported category the
 * participant belongs to, national and provincial rows added per category. Everyone has at least
 * the share of `OTHER` ("everyone else"), whose national row must be in force; another category
 * with no row in force (ethnic minorities before 2025-07-01) gives nothing of its own.
 */
function supportShareOn(
  policy: PolicySet,
  categories: readonly SupportCategory[],
  provinceCode: string | null,
  date: LocalDate,
): { shareBp: number; rows: PolicyRow<unknown>[] } {
  const vsi = policy.voluntarySi;
  const topUps = provinceCode === null ? undefined : vsi.provincialTopUpBp[provinceCode];
  let best: { shareBp: number; rows: PolicyRow<unknown>[] } | null = null;
  for (const category of new Set<SupportCategory>([...categories, 'OTHER'])) {
    const parameter = `voluntarySi.supportShareBp.${category}`;
    const national =
      category === 'OTHER'
        ? ruleOn(vsi.supportShareBp.OTHER, date, parameter)
        : findRuleOn(vsi.supportShareBp[category], date, parameter);
    const topUpRows = topUps?.[category];
    const topUp = topUpRows ? findRuleOn(topUpRows, date, `voluntarySi.provincialTopUpBp.${provinceCode}.${category}`) : null;
    if (!national && !topUp) continue;
    const candidate = {
      shareBp: (national?.value ?? 0) + (topUp?.value ?? 0),
      rows: [national, topUp].filter((row): row is PolicyRow<number> => row !== null),
    };
    if (!best || candidate.shareBp > best.shareBp) best = candidate;
  }
  // OTHER always yields a candidate (or ruleOn has thrown).
  return best as { shareBp: number; rows: PolicyRow<unknown>[] };
}

/**
 * The bounds of the declared income in force on `date`: the floor, and the ceiling as a multiple of
 * the base salary (until 2025-06-30) or of the reference level (from 2025-07-01).
 */
export function voluntarySiIncomeBounds(
  policy: PolicySet,
  date: LocalDate,
): { floor: number; ceiling: number; check: boolean } {
  const floor = ruleOn(policy.voluntarySi.incomeFloor, date, 'voluntarySi.incomeFloor');
  const ceiling = ruleOn(policy.voluntarySi.incomeCeiling, date, 'voluntarySi.incomeCeiling');
  const base =
    ceiling.value.base === 'BASE_SALARY'
      ? ruleOn(policy.baseSalary, date, 'baseSalary')
      : ruleOn(policy.referenceLevel, date, 'referenceLevel');
  return {
    floor: floor.value,
    ceiling: ceiling.value.multiple * base.value,
    check: !!(floor.check || ceiling.check || base.check),
  };
}

/**
 * What a period of voluntary social insurance costs. Each month is charged with the rules in force
 * on its first day, so a period across 2025-07-01 mixes the old and the new support:
 * - the declared income must lie between that month's floor and ceiling, or PolicyError
 *   `INCOME_BELOW_FLOOR` / `INCOME_ABOVE_CEILING` with `details.bound` and `details.month`;
 * - gross = rate (22 %) × declared income;
 * - support = share × rate × rural poverty line, the share of the most supported category
 *   (national + provincial), never more than gross, and none once the support limit is used up;
 * - payable = gross − support.
 * Gross and support are each computed exactly and rounded half-up to the đồng once, per month.
 * At the 1,500,000 floor from 2025-07-01: gross 330,000; support 165,000 (poor), 132,000
 * (near-poor), 99,000 (ethnic minority), 66,000 (anyone else, payable 264,000).
 */
export function voluntarySiPeriod(input: VoluntarySiPeriodInput): PeriodCharge {
  const { policy, declaredMonthlyIncome: income, periodStart, months } = input;
  checkPeriod(periodStart, months);
  if (!Number.isSafeInteger(income) || income < 0) {
    throw new RangeError(`A declared income is a whole number of đồng, got ${income}`);
  }
  const supportedBefore = input.supportedMonthsBefore ?? 0;
  if (!Number.isInteger(supportedBefore) || supportedBefore < 0) {
    throw new RangeError(`Supported months are a whole number, got ${supportedBefore}`);
  }
  const provinceCode = input.provinceCode ?? null;
  let supportedSoFar = supportedBefore;

  const charges = monthRange(periodStart, months).map((month): MonthCharge => {
    const date = firstDayOfMonth(month);
    const bounds = voluntarySiIncomeBounds(policy, date);
    if (income < bounds.floor) {
      throw new PolicyError(
        'INCOME_BELOW_FLOOR',
        `Declared income ${formatVnd(income)} is below the floor ${formatVnd(bounds.floor)} of ${month}`,
        { parameter: 'voluntarySi.incomeFloor', month, bound: bounds.floor, value: income },
      );
    }
    if (income > bounds.ceiling) {
      throw new PolicyError(
        'INCOME_ABOVE_CEILING',
        `Declared income ${formatVnd(income)} is above the ceiling ${formatVnd(bounds.ceiling)} of ${month}`,
        { parameter: 'voluntarySi.incomeCeiling', month, bound: bounds.ceiling, value: income },
      );
    }
    const rate = ruleOn(policy.voluntarySi.rateBp, date, 'voluntarySi.rateBp');
    const povertyLine = ruleOn(policy.voluntarySi.ruralPovertyLine, date, 'voluntarySi.ruralPovertyLine');
    const share = supportShareOn(policy, input.categories, provinceCode, date);
    const limit = ruleOn(policy.voluntarySi.supportMonthLimit, date, 'voluntarySi.supportMonthLimit');

    const gross = applyBasisPoints(income, rate.value);
    const limitReached = limit.value !== null && supportedSoFar >= limit.value;
    const support = limitReached ? 0 : Math.min(gross, applyBasisPoints(povertyLine.value, rate.value, share.shareBp));
    if (support > 0) supportedSoFar += 1;
    // A null limit changes no amount, so its (check) flag does not taint the month.
    const used: PolicyRow<unknown>[] = [rate, povertyLine, ...share.rows, ...(limit.value === null ? [] : [limit])];
    return {
      month,
      gross,
      support,
      payable: gross - support,
      check: bounds.check || used.some((row) => row.check === true),
    };
  });

  const period = periodOf(charges);
  const modeRule = input.mode ? paymentModeRule(policy, 'VOLUNTARY_SI', input.mode, firstDayOfMonth(periodStart)) : null;
  if (modeRule?.rule.lumpSum) {
    period.pendingAdjustment = modeRule.rule.lumpSum === 'DISCOUNTED' ? 'DISCOUNT' : 'COMPOUNDING';
    period.check = true;
  }
  return period;
}

export interface HouseholdHiPeriodInput {
  policy: PolicySet;
  /** The member's place (1-based) in the order the household's members joined in the fiscal year. */
  memberOrder: number;
  periodStart: Month;
  months: 3 | 6 | 12;
}

/**
 * What a household health insurance card period costs one member. Each month: rate (4.5 %) × the
 * base salary in force on its first day × the member's step of the ladder (1st 100 %, 2nd 70 %,
 * 3rd 60 %, 4th 50 %, 5th and later 40 %), computed exactly and rounded half-up to the đồng once.
 * At 2,340,000: 105,300 / 73,710 / 63,180 / 52,650 / 42,120 a month. Household HI has no state
 * support here: `support` is 0 and `payable` = `gross`. A period other than 3, 6 or 12 months is
 * PolicyError `INVALID_PERIOD`.
 */
export function householdHiPeriod(input: HouseholdHiPeriodInput): PeriodCharge {
  const { policy, memberOrder, periodStart, months } = input;
  checkPeriod(periodStart, months);
  if (months !== 3 && months !== 6 && months !== 12) {
    throw new PolicyError('INVALID_PERIOD', `A household HI card covers 3, 6 or 12 months, not ${months}`, {
      scheme: 'HOUSEHOLD_HI',
      month: periodStart,
      value: months,
    });
  }
  if (!Number.isInteger(memberOrder) || memberOrder < 1) {
    throw new RangeError(`A member's order is 1 or more, got ${memberOrder}`);
  }
  const charges = monthRange(periodStart, months).map((month): MonthCharge => {
    const date = firstDayOfMonth(month);
    const rate = ruleOn(policy.householdHi.rateBp, date, 'householdHi.rateBp');
    const base = ruleOn(policy.baseSalary, date, 'baseSalary');
    const ladder = ruleOn(policy.householdHi.ladderBp, date, 'householdHi.ladderBp');
    if (ladder.value.length === 0) {
      throw new PolicyError('NO_RULE', `The household HI ladder in force on ${date} has no step`, {
        parameter: 'householdHi.ladderBp',
        date,
      });
    }
    const step = ladder.value[Math.min(memberOrder, ladder.value.length) - 1];
    const gross = applyBasisPoints(base.value, rate.value, step);
    return { month, gross, support: 0, payable: gross, check: !!(rate.check || base.check || ladder.check) };
  });
  return periodOf(charges);
}

/** One payment period of a schedule: the months it covers and the last day to pay them. */
export interface PaymentPeriod {
  start: Month;
  months: number;
  /** The last month covered. */
  end: Month;
  dueDate: LocalDate;
}

export interface PaymentSchedule {
  scheme: Scheme;
  mode: PaymentMode;
  periods: PaymentPeriod[];
  /** True when the mode's periods, deadline or lump sum are not confirmed in a public source. */
  check: boolean;
  /** For a multi-year mode: the lump-sum adjustment the amounts still need (see {@link PeriodCharge}). */
  pendingAdjustment?: 'DISCOUNT' | 'COMPOUNDING';
}

export interface PaymentScheduleOptions {
  /** Default `VOLUNTARY_SI`. */
  scheme?: Scheme;
  /** Default {@link DEFAULT_POLICY}; the API passes the policy its administrators maintain. */
  policy?: PolicySet;
  /** How many periods; default as many as cover 12 months (one for a multi-year mode). */
  periods?: number;
  /** For `YEARS_AHEAD` and `REMAINING_YEARS`: how many years one payment covers (required). */
  years?: number;
}

function paymentModeRule(
  policy: PolicySet,
  scheme: Scheme,
  mode: PaymentMode,
  date: LocalDate,
): { rule: PaymentModeRule; row: PolicyRow<unknown> } {
  const notAllowed = () =>
    new PolicyError('MODE_NOT_ALLOWED', `${scheme} cannot be paid ${mode}`, { scheme, mode, date });
  if (!ALLOWED_MODES[scheme].includes(mode)) throw notAllowed();
  const rows = scheme === 'VOLUNTARY_SI' ? policy.voluntarySi.paymentModes : policy.householdHi.paymentModes;
  const row = ruleOn<Partial<Record<PaymentMode, PaymentModeRule>>>(
    rows,
    date,
    scheme === 'VOLUNTARY_SI' ? 'voluntarySi.paymentModes' : 'householdHi.paymentModes',
  );
  const rule = row.value[mode];
  if (!rule) throw notAllowed();
  return { rule, row };
}

function dueDateOf(rule: PaymentModeRule, start: Month): LocalDate {
  switch (rule.deadline.kind) {
    case 'WITHIN_MONTHS':
      return lastDayOfMonth(addMonths(start, rule.deadline.months - 1));
    case 'AT_REGISTRATION':
      return lastDayOfMonth(start);
    case 'BEFORE_START':
      return lastDayOfMonth(addMonths(start, -1));
  }
}

/**
 * The payment periods of a mode from `startMonth`, each with its due date, read from the policy in
 * force on the first day of each period. Voluntary SI (Law 2024 Art. 36): MONTHLY by the last day
 * of the month; QUARTERLY by the last day of the 3rd month; SEMIANNUAL of the 4th; ANNUAL of the
 * 7th; YEARS_AHEAD and REMAINING_YEARS `years` × 12 months paid at registration (within the first
 * month), flagged `check` with the discount or compounding still to apply. Household HI: cards of
 * 3, 6 or 12 months, due the day before they start (flagged `check`).
 * A mode the scheme does not offer is PolicyError `MODE_NOT_ALLOWED`; a missing or excessive
 * `years`, `INVALID_PERIOD`.
 */
export function paymentModeSchedule(
  mode: PaymentMode,
  startMonth: Month,
  options: PaymentScheduleOptions = {},
): PaymentSchedule {
  const scheme = options.scheme ?? 'VOLUNTARY_SI';
  const policy = options.policy ?? DEFAULT_POLICY;
  checkPeriod(startMonth, 1);
  const first = paymentModeRule(policy, scheme, mode, firstDayOfMonth(startMonth)).rule;
  const count = options.periods ?? (first.perYear ? 1 : Math.max(1, Math.floor(12 / first.monthsPerPeriod)));
  if (!Number.isInteger(count) || count < 1) {
    throw new PolicyError('INVALID_PERIOD', `A schedule has at least one period, not ${count}`, { mode, scheme });
  }

  const periods: PaymentPeriod[] = [];
  let check = false;
  let pendingAdjustment: PaymentSchedule['pendingAdjustment'];
  let start = startMonth;
  for (let i = 0; i < count; i++) {
    const { rule, row } = paymentModeRule(policy, scheme, mode, firstDayOfMonth(start));
    let months = rule.monthsPerPeriod;
    if (rule.perYear) {
      const years = options.years;
      const maxYears = rule.maxYears ?? Infinity;
      if (years === undefined || !Number.isInteger(years) || years < 1 || years > maxYears) {
        throw new PolicyError('INVALID_PERIOD', `${mode} covers 1 to ${maxYears} whole years, not ${years}`, {
          mode,
          scheme,
          value: years,
        });
      }
      months *= years;
    }
    if (rule.lumpSum) pendingAdjustment = rule.lumpSum === 'DISCOUNTED' ? 'DISCOUNT' : 'COMPOUNDING';
    check ||= !!(rule.check || row.check);
    periods.push({ start, months, end: addMonths(start, months - 1), dueDate: dueDateOf(rule, start) });
    start = addMonths(start, months);
  }
  const schedule: PaymentSchedule = { scheme, mode, periods, check };
  if (pendingAdjustment) schedule.pendingAdjustment = pendingAdjustment;
  return schedule;
}
