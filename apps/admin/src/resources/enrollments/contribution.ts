import {
  allowedModes,
  DEFAULT_POLICY,
  firstDayOfMonth,
  householdHiPeriod,
  monthOf,
  monthRange,
  paymentModeSchedule,
  PolicyError,
  voluntarySiIncomeBounds,
  voluntarySiPeriod,
  type LocalDate,
  type Month,
  type PaymentMode,
  type PolicySet,
  type Scheme,
  type SupportCategory,
} from '@bao-phu/domain';

/**
 * What an enrollment will cost, computed in the browser with the rules the API charges with
 * (packages/domain), so that a base officer can show a person every payment mode before enrolling.
 * It mirrors the API's enroll: dues for the 12 months from the start month (one lump for a
 * multi-year mode), each month charged with the rules in force on its first day.
 */

/** Months of dues the API creates at enrollment for a mode of periods up to a year. */
export const MONTHS_AHEAD = 12;

export const isMultiYear = (mode: PaymentMode) => mode === 'YEARS_AHEAD' || mode === 'REMAINING_YEARS';

/** How many months the dues created at enrollment cover. */
export function monthsCovered(mode: PaymentMode, years?: number | null): number {
  return isMultiYear(mode) ? MONTHS_AHEAD * (years ?? 1) : MONTHS_AHEAD;
}

export interface PreviewInput {
  scheme: Scheme;
  /** Any day: the API charges from the first day of its month. */
  startDate: LocalDate;
  /** Voluntary SI: the declared monthly income, whole đồng. */
  declaredMonthlyIncome?: number | null;
  categories: readonly SupportCategory[];
  /** Current 2-digit province code of the person's hamlet, for a provincial top-up. */
  provinceCode?: string | null;
  /** Household HI: the member's place in the household's joining order (default 1). */
  memberOrder?: number;
  /** Multi-year modes: years paid at once (default 1). */
  years?: number | null;
  policy?: PolicySet;
}

export interface PreviewPeriod {
  start: Month;
  end: Month;
  months: number;
  dueDate: LocalDate;
  gross: number;
  support: number;
  payable: number;
  /** A figure used is not confirmed in a public source. */
  check: boolean;
}

export type PreviewProblem =
  | { code: 'NO_INCOME' }
  | { code: 'INCOME_BELOW_FLOOR' | 'INCOME_ABOVE_CEILING'; bound: number; month: Month }
  | { code: 'NO_RULE'; month: Month | null }
  | { code: 'INVALID'; message: string };

export interface ModePreview {
  mode: PaymentMode;
  periods: PreviewPeriod[];
  /** Sums over `periods`. */
  gross: number;
  support: number;
  payable: number;
  /** True when every period costs the same. */
  uniform: boolean;
  check: boolean;
  /** A multi-year lump sum still lacks its discount or compounding (not modelled yet). */
  pendingAdjustment?: 'DISCOUNT' | 'COMPOUNDING';
  /** Why the mode cannot be charged with these inputs; `periods` is then empty. */
  problem?: PreviewProblem;
}

function problemOf(error: unknown): PreviewProblem {
  if (error instanceof PolicyError) {
    const month = error.details.month ?? (error.details.date ? monthOf(error.details.date) : null);
    if ((error.code === 'INCOME_BELOW_FLOOR' || error.code === 'INCOME_ABOVE_CEILING') && month) {
      return { code: error.code, bound: error.details.bound ?? 0, month };
    }
    if (error.code === 'NO_RULE') return { code: 'NO_RULE', month };
  }
  return { code: 'INVALID', message: error instanceof Error ? error.message : String(error) };
}

/** What the dues of `mode` would be if the person enrolled with `input`. */
export function previewMode(mode: PaymentMode, input: PreviewInput): ModePreview {
  const policy = input.policy ?? DEFAULT_POLICY;
  const empty = (problem: PreviewProblem): ModePreview => ({
    mode,
    periods: [],
    gross: 0,
    support: 0,
    payable: 0,
    uniform: true,
    check: false,
    problem,
  });
  const income = input.declaredMonthlyIncome;
  if (input.scheme === 'VOLUNTARY_SI' && (income == null || !Number.isSafeInteger(income) || income <= 0)) {
    return empty({ code: 'NO_INCOME' });
  }
  try {
    const startMonth = monthOf(input.startDate);
    const years = isMultiYear(mode) ? (input.years ?? 1) : undefined;
    const schedule = paymentModeSchedule(mode, startMonth, {
      scheme: input.scheme,
      policy,
      ...(years !== undefined ? { years } : {}),
    });
    const periods = schedule.periods
      .filter((p) => isMultiYear(mode) || monthsBetween(startMonth, p.start) < MONTHS_AHEAD)
      .map((p): PreviewPeriod => {
        const charge =
          input.scheme === 'VOLUNTARY_SI'
            ? voluntarySiPeriod({
                policy,
                declaredMonthlyIncome: income!,
                categories: input.categories,
                provinceCode: input.provinceCode ?? null,
                periodStart: p.start,
                months: p.months,
                mode,
              })
            : householdHiPeriod({
                policy,
                memberOrder: input.memberOrder ?? 1,
                periodStart: p.start,
                months: p.months as 3 | 6 | 12,
              });
        return {
          start: p.start,
          end: p.end,
          months: p.months,
          dueDate: p.dueDate,
          gross: charge.gross,
          support: charge.support,
          payable: charge.payable,
          check: charge.check,
        };
      });
    const preview: ModePreview = {
      mode,
      periods,
      gross: periods.reduce((s, p) => s + p.gross, 0),
      support: periods.reduce((s, p) => s + p.support, 0),
      payable: periods.reduce((s, p) => s + p.payable, 0),
      uniform: periods.every((p) => p.payable === periods[0].payable && p.months === periods[0].months),
      check: schedule.check || periods.some((p) => p.check),
    };
    if (schedule.pendingAdjustment) preview.pendingAdjustment = schedule.pendingAdjustment;
    return preview;
  } catch (error) {
    return empty(problemOf(error));
  }
}

/** {@link previewMode} for every payment mode the scheme offers, in the order of their periods. */
export function previewModes(input: PreviewInput): ModePreview[] {
  return allowedModes(input.scheme).map((mode) => previewMode(mode, input));
}

/** The income bounds in force from `from` on (until the next segment). */
export interface IncomeBoundsSegment {
  from: Month;
  floor: number;
  ceiling: number;
  check: boolean;
}

/**
 * The voluntary SI income bounds over `months` months from `startMonth`, one segment each time
 * they change (the 2027 floor, a new reference level). A month without a rule ends the list.
 */
export function incomeBoundsOver(startMonth: Month, months: number, policy: PolicySet = DEFAULT_POLICY): IncomeBoundsSegment[] {
  const segments: IncomeBoundsSegment[] = [];
  for (const month of monthRange(startMonth, months)) {
    let bounds: { floor: number; ceiling: number; check: boolean };
    try {
      bounds = voluntarySiIncomeBounds(policy, firstDayOfMonth(month));
    } catch {
      break;
    }
    const last = segments[segments.length - 1];
    if (last && last.floor === bounds.floor && last.ceiling === bounds.ceiling && last.check === bounds.check) continue;
    segments.push({ from: month, ...bounds });
  }
  return segments;
}

/**
 * Why `income` cannot be declared for the months the dues cover, or null: the highest floor and
 * the lowest ceiling over those months count, as the API charges every month.
 */
export function incomeProblem(
  income: number,
  segments: readonly IncomeBoundsSegment[],
): { code: 'INCOME_BELOW_FLOOR' | 'INCOME_ABOVE_CEILING'; bound: number; from: Month } | null {
  for (const s of segments) {
    if (income < s.floor) return { code: 'INCOME_BELOW_FLOOR', bound: s.floor, from: s.from };
    if (income > s.ceiling) return { code: 'INCOME_ABOVE_CEILING', bound: s.ceiling, from: s.from };
  }
  return null;
}

/** The lowest income that every month of the segments accepts (the default of the form). */
export function lowestValidIncome(segments: readonly IncomeBoundsSegment[]): number | null {
  return segments.length === 0 ? null : Math.max(...segments.map((s) => s.floor));
}

function monthsBetween(a: Month, b: Month): number {
  return (Number(b.slice(0, 4)) - Number(a.slice(0, 4))) * 12 + Number(b.slice(5, 7)) - Number(a.slice(5, 7));
}

/** `2026-11` → `11/2026`, as months are written in Vietnam. */
export function formatMonth(month: Month): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** A period as written on a receipt: `11/2026` or `11/2026 – 01/2027`. */
export function formatPeriod(start: Month, end: Month): string {
  return start === end ? formatMonth(start) : `${formatMonth(start)} – ${formatMonth(end)}`;
}
