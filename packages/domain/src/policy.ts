import { isLocalDate, type LocalDate, type Month } from './dates';

/**
 * Contribution policy as data: every figure is a row with the dates it is in force, so a change of
 * law adds a row instead of changing code, and a period is always charged with the rules of its own
 * dates. An administrator edits the rows; {@link DEFAULT_POLICY} seeds them from DOMAIN-RULES.md.
 */

export const SCHEMES = ['VOLUNTARY_SI', 'HOUSEHOLD_HI'] as const;
/** Voluntary social insurance (BHXH tự nguyện) or household health insurance (BHYT hộ gia đình). */
export type Scheme = (typeof SCHEMES)[number];

export const SUPPORT_CATEGORIES = ['POOR', 'NEAR_POOR', 'ETHNIC_MINORITY', 'OTHER'] as const;
/** Who the state supports, and by how much: poor, near-poor household, ethnic minority, anyone else. */
export type SupportCategory = (typeof SUPPORT_CATEGORIES)[number];

export const PAYMENT_MODES = ['MONTHLY', 'QUARTERLY', 'SEMIANNUAL', 'ANNUAL', 'YEARS_AHEAD', 'REMAINING_YEARS'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/**
 * One value of a parameter and the days it is in force, both ends included (`effectiveTo` is the
 * last day; null: until further notice). `check: true` marks a value not confirmed in a public
 * source, which screens must say. `source` names the legal basis for the administrator.
 */
export interface PolicyRow<T> {
  effectiveFrom: LocalDate;
  effectiveTo: LocalDate | null;
  value: T;
  check?: boolean;
  source?: string;
}

export type PolicyRows<T> = readonly PolicyRow<T>[];

/**
 * When a period must be paid:
 * - `WITHIN_MONTHS`: by the last day of the `months`-th month of the period (1: within that month);
 * - `AT_REGISTRATION`: when registering, i.e. within the first month of the period;
 * - `BEFORE_START`: by the last day of the month before the period, so that a renewed card runs on.
 */
export type PaymentDeadline =
  | { kind: 'WITHIN_MONTHS'; months: number }
  | { kind: 'AT_REGISTRATION' }
  | { kind: 'BEFORE_START' };

/**
 * How a payment mode cuts time into periods. A multi-year mode (`perYear: true`) charges
 * `monthsPerPeriod` × n months, n from 1 to `maxYears`, chosen at registration; its lump sum is
 * `DISCOUNTED` (paid ahead) or `COMPOUNDED` (paid for the past), by rules not modelled yet.
 */
export interface PaymentModeRule {
  monthsPerPeriod: number;
  perYear?: boolean;
  maxYears?: number;
  deadline: PaymentDeadline;
  lumpSum?: 'DISCOUNTED' | 'COMPOUNDED';
  check?: boolean;
}

/** What the income ceiling is a multiple of. */
export type CeilingBase = 'BASE_SALARY' | 'REFERENCE_LEVEL';

/**
 * Every parameter of the contribution rules. Rates and shares are in basis points (2200 = 22 %);
 * amounts in đồng. Support shares are shares of the support base (VSI rate × rural poverty line),
 * not of the contribution.
 */
export interface PolicySet {
  voluntarySi: {
    rateBp: PolicyRows<number>;
    incomeFloor: PolicyRows<number>;
    incomeCeiling: PolicyRows<{ multiple: number; base: CeilingBase }>;
    ruralPovertyLine: PolicyRows<number>;
    /** National support per category. A category without a row in force gives no support of its own. */
    supportShareBp: Readonly<Record<SupportCategory, PolicyRows<number>>>;
    /** Provincial support on top of the national one, by current (2-digit) province code. */
    provincialTopUpBp: Readonly<Record<string, Partial<Record<SupportCategory, PolicyRows<number>>>>>;
    /** Most months of state support per person (null: no limit known). */
    supportMonthLimit: PolicyRows<number | null>;
    paymentModes: PolicyRows<Readonly<Record<PaymentMode, PaymentModeRule>>>;
  };
  householdHi: {
    rateBp: PolicyRows<number>;
    /** Share of the first member's amount for the 1st, 2nd … member; the last applies to all later ones. */
    ladderBp: PolicyRows<readonly number[]>;
    paymentModes: PolicyRows<Readonly<Partial<Record<PaymentMode, PaymentModeRule>>>>;
  };
  baseSalary: PolicyRows<number>;
  /** The reference level (mức tham chiếu) of Law 41/2024, equal to the base salary while that exists. */
  referenceLevel: PolicyRows<number>;
}

export type PolicyErrorCode =
  | 'NO_RULE'
  | 'AMBIGUOUS_RULE'
  | 'INCOME_BELOW_FLOOR'
  | 'INCOME_ABOVE_CEILING'
  | 'INVALID_PERIOD'
  | 'MODE_NOT_ALLOWED';

export interface PolicyErrorDetails {
  /** The parameter concerned, e.g. "voluntarySi.incomeFloor". */
  parameter?: string;
  date?: LocalDate;
  month?: Month;
  /** The floor or ceiling the income crossed, in đồng. */
  bound?: number;
  value?: number;
  scheme?: Scheme;
  mode?: PaymentMode;
}

/**
 * A calculation the policy refuses, with a code the API maps to a user message and the figures
 * that message needs (`details.bound` for "tối thiểu 1.500.000 đ").
 */
export class PolicyError extends Error {
  readonly code: PolicyErrorCode;
  readonly details: PolicyErrorDetails;

  constructor(code: PolicyErrorCode, message: string, details: PolicyErrorDetails = {}) {
    super(message);
    this.name = 'PolicyError';
    this.code = code;
    this.details = details;
  }
}

function inForce(row: PolicyRow<unknown>, date: LocalDate): boolean {
  return row.effectiveFrom <= date && (row.effectiveTo === null || date <= row.effectiveTo);
}

/**
 * The row in force on `date`, or null when none is. Two rows in force on the same day are a data
 * error, not a choice: PolicyError `AMBIGUOUS_RULE`. `parameter` only names the rows in messages.
 */
export function findRuleOn<T>(rows: PolicyRows<T>, date: LocalDate, parameter = 'policy'): PolicyRow<T> | null {
  let byDate = FOUND.get(rows);
  const hit = byDate?.get(date);
  if (hit !== undefined) return hit as PolicyRow<T> | null;
  if (!isLocalDate(date)) throw new RangeError(`Not a date (YYYY-MM-DD): "${date}"`);
  const found = rows.filter((row) => inForce(row, date));
  if (found.length > 1) {
    throw new PolicyError('AMBIGUOUS_RULE', `${found.length} rows of ${parameter} are in force on ${date}`, {
      parameter,
      date,
    });
  }
  if (!byDate) FOUND.set(rows, (byDate = new Map()));
  byDate.set(date, found[0] ?? null);
  return found[0] ?? null;
}

/**
 * The lookups already answered, per list of rows (lists are read-only, so an answer never goes
 * stale): charging 100,000 enrollments asks the same few hundred (list, date) pairs millions of
 * times. Ambiguous dates are not remembered, so they throw every time.
 */
const FOUND = new WeakMap<PolicyRows<unknown>, Map<LocalDate, PolicyRow<unknown> | null>>();

/**
 * The row in force on `date` (both ends of a row included). Throws PolicyError `NO_RULE` when no
 * row covers the date, so a calculation never runs on a missing figure, and `AMBIGUOUS_RULE` when
 * rows overlap.
 */
export function ruleOn<T>(rows: PolicyRows<T>, date: LocalDate, parameter = 'policy'): PolicyRow<T> {
  const row = findRuleOn(rows, date, parameter);
  if (!row) throw new PolicyError('NO_RULE', `No row of ${parameter} is in force on ${date}`, { parameter, date });
  return row;
}

export type PolicyRowProblem = 'BAD_DATE' | 'ENDS_BEFORE_START' | 'OVERLAP';

/**
 * What is wrong with a parameter's rows, for the administrator's editor: dates that are not real,
 * a row ending before it starts, two rows in force on a common day (`other` is the earlier row).
 * Gaps are allowed: a date in a gap has no rule, which {@link ruleOn} reports when it is used.
 */
export function policyRowProblems(
  rows: PolicyRows<unknown>,
): { index: number; problem: PolicyRowProblem; other?: number }[] {
  const problems: { index: number; problem: PolicyRowProblem; other?: number }[] = [];
  const valid: number[] = [];
  rows.forEach((row, index) => {
    if (!isLocalDate(row.effectiveFrom) || (row.effectiveTo !== null && !isLocalDate(row.effectiveTo))) {
      problems.push({ index, problem: 'BAD_DATE' });
    } else if (row.effectiveTo !== null && row.effectiveTo < row.effectiveFrom) {
      problems.push({ index, problem: 'ENDS_BEFORE_START' });
    } else {
      for (const other of valid) {
        const o = rows[other];
        const overlaps =
          (o.effectiveTo === null || row.effectiveFrom <= o.effectiveTo) &&
          (row.effectiveTo === null || o.effectiveFrom <= row.effectiveTo);
        if (overlaps) problems.push({ index, problem: 'OVERLAP', other });
      }
      valid.push(index);
    }
  });
  return problems;
}

const LAW_2014 = 'Law 58/2014/QH13; Decree 134/2015/NĐ-CP';
const LAW_2024 = 'Law 41/2024/QH15; Decree 159/2025/NĐ-CP';
const BEFORE_LAW_2024 = '2025-06-30';
const LAW_2024_FROM = '2025-07-01';

// "Same under Decree 134" (DOMAIN-RULES.md): one row spans both laws.
const VSI_PAYMENT_MODES: Record<PaymentMode, PaymentModeRule> = {
  MONTHLY: { monthsPerPeriod: 1, deadline: { kind: 'WITHIN_MONTHS', months: 1 } },
  QUARTERLY: { monthsPerPeriod: 3, deadline: { kind: 'WITHIN_MONTHS', months: 3 } },
  SEMIANNUAL: { monthsPerPeriod: 6, deadline: { kind: 'WITHIN_MONTHS', months: 4 } },
  ANNUAL: { monthsPerPeriod: 12, deadline: { kind: 'WITHIN_MONTHS', months: 7 } },
  YEARS_AHEAD: {
    monthsPerPeriod: 12,
    perYear: true,
    maxYears: 5,
    deadline: { kind: 'AT_REGISTRATION' },
    lumpSum: 'DISCOUNTED',
    check: true,
  },
  REMAINING_YEARS: {
    monthsPerPeriod: 12,
    perYear: true,
    maxYears: 5,
    deadline: { kind: 'AT_REGISTRATION' },
    lumpSum: 'COMPOUNDED',
    check: true,
  },
};

// DOMAIN-RULES.md states card periods of 3, 6 or 12 months but no deadline: a card runs on without
// a gap only when paid before it starts, hence BEFORE_START, flagged as not confirmed.
const HI_PAYMENT_MODES: Partial<Record<PaymentMode, PaymentModeRule>> = {
  QUARTERLY: { monthsPerPeriod: 3, deadline: { kind: 'BEFORE_START' }, check: true },
  SEMIANNUAL: { monthsPerPeriod: 6, deadline: { kind: 'BEFORE_START' }, check: true },
  ANNUAL: { monthsPerPeriod: 12, deadline: { kind: 'BEFORE_START' }, check: true },
};

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}

/**
 * The rows of DOMAIN-RULES.md, both sides of 2025-07-01, items marked *(check)* there flagged
 * `check: true`. Start dates not given there are the effective dates of the laws (2016-01-01 for
 * Law 58/2014 and Decree 134/2015; 2018-01-01 for the state support of Decree 134/2015 Art. 14);
 * household HI rows start with the first base salary listed (2019-07-01). Frozen: copy it to edit.
 */
export const DEFAULT_POLICY: PolicySet = deepFreeze<PolicySet>({
  voluntarySi: {
    rateBp: [
      { effectiveFrom: '2016-01-01', effectiveTo: BEFORE_LAW_2024, value: 2200, source: LAW_2014 },
      { effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 2200, source: LAW_2024 },
    ],
    incomeFloor: [
      { effectiveFrom: '2016-01-01', effectiveTo: '2021-12-31', value: 700_000, source: LAW_2014 },
      { effectiveFrom: '2022-01-01', effectiveTo: BEFORE_LAW_2024, value: 1_500_000, source: LAW_2014 },
      { effectiveFrom: LAW_2024_FROM, effectiveTo: '2026-12-31', value: 1_500_000, source: LAW_2024 },
      { effectiveFrom: '2027-01-01', effectiveTo: null, value: 2_200_000, check: true, source: 'rural poverty line from 2027' },
    ],
    incomeCeiling: [
      { effectiveFrom: '2016-01-01', effectiveTo: BEFORE_LAW_2024, value: { multiple: 20, base: 'BASE_SALARY' }, source: LAW_2014 },
      { effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: { multiple: 20, base: 'REFERENCE_LEVEL' }, source: LAW_2024 },
    ],
    ruralPovertyLine: [
      { effectiveFrom: '2016-01-01', effectiveTo: '2021-12-31', value: 700_000, source: 'Decision 59/2015/QĐ-TTg' },
      { effectiveFrom: '2022-01-01', effectiveTo: '2026-12-31', value: 1_500_000, source: 'Decree 07/2021/NĐ-CP' },
      { effectiveFrom: '2027-01-01', effectiveTo: null, value: 2_200_000, check: true },
    ],
    supportShareBp: {
      POOR: [
        { effectiveFrom: '2018-01-01', effectiveTo: BEFORE_LAW_2024, value: 3000, source: LAW_2014 },
        { effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 5000, source: LAW_2024 },
      ],
      NEAR_POOR: [
        { effectiveFrom: '2018-01-01', effectiveTo: BEFORE_LAW_2024, value: 2500, source: LAW_2014 },
        { effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 4000, source: LAW_2024 },
      ],
      // Not a category before Law 41/2024: ethnic minorities had the share of everyone else.
      ETHNIC_MINORITY: [{ effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 3000, source: LAW_2024 }],
      OTHER: [
        { effectiveFrom: '2018-01-01', effectiveTo: BEFORE_LAW_2024, value: 1000, source: LAW_2014 },
        { effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 2000, source: LAW_2024 },
      ],
    },
    provincialTopUpBp: {
      // Hà Nội "adds 50 / 60 / 10 %" (DOMAIN-RULES.md) read as poor / near-poor / everyone else;
      // neither the reading nor the start date is confirmed.
      '01': {
        POOR: [{ effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 5000, check: true, source: 'Hà Nội' }],
        NEAR_POOR: [{ effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 6000, check: true, source: 'Hà Nội' }],
        OTHER: [{ effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 1000, check: true, source: 'Hà Nội' }],
      },
    },
    supportMonthLimit: [
      { effectiveFrom: '2018-01-01', effectiveTo: BEFORE_LAW_2024, value: null, check: true, source: LAW_2014 },
      { effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 120, source: LAW_2024 },
    ],
    paymentModes: [
      {
        effectiveFrom: '2016-01-01',
        effectiveTo: null,
        value: VSI_PAYMENT_MODES,
        source: 'Law 41/2024/QH15 Art. 36; Decree 134/2015/NĐ-CP',
      },
    ],
  },
  householdHi: {
    rateBp: [{ effectiveFrom: '2019-07-01', effectiveTo: null, value: 450, source: 'Law on Health Insurance' }],
    ladderBp: [
      {
        effectiveFrom: '2019-07-01',
        effectiveTo: null,
        value: [10_000, 7000, 6000, 5000, 4000],
        source: 'Law on Health Insurance',
      },
    ],
    paymentModes: [{ effectiveFrom: '2019-07-01', effectiveTo: null, value: HI_PAYMENT_MODES, source: 'Law on Health Insurance' }],
  },
  baseSalary: [
    { effectiveFrom: '2019-07-01', effectiveTo: '2023-06-30', value: 1_490_000, source: 'Decree 38/2019/NĐ-CP' },
    { effectiveFrom: '2023-07-01', effectiveTo: '2024-06-30', value: 1_800_000, source: 'Decree 24/2023/NĐ-CP' },
    // A rise about 2026-07-01 is expected (DOMAIN-RULES.md) but has no figure yet: add a row then.
    { effectiveFrom: '2024-07-01', effectiveTo: null, value: 2_340_000, source: 'Decree 73/2024/NĐ-CP' },
  ],
  referenceLevel: [{ effectiveFrom: LAW_2024_FROM, effectiveTo: null, value: 2_340_000, source: 'Law 41/2024/QH15 Art. 7' }],
});
