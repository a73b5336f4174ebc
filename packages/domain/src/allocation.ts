/**
 * Splitting a target (a number of participants to enrol) among the children of an org unit, in
 * whole people that add up exactly to the parent's target.
 */

/**
 * How a parent's target is shared: `EQUAL` gives every child the same quota whatever its weight;
 * the two proportional methods share by weight, the weight being last year's result or the
 * child's potential (people not yet covered). The method only chooses which weights count.
 */
export type AllocationMethod = 'EQUAL' | 'PROPORTIONAL_LAST_YEAR' | 'PROPORTIONAL_POTENTIAL';

export const ALLOCATION_METHODS: readonly AllocationMethod[] = ['EQUAL', 'PROPORTIONAL_LAST_YEAR', 'PROPORTIONAL_POTENTIAL'];

export interface AllocationChild {
  id: string;
  /** Last year's result or the potential, per the method; ignored by `EQUAL`. */
  weight: number;
}

export interface AllocationShare {
  id: string;
  value: number;
}

/**
 * Why an allocation or shortfall is refused: `INVALID_TOTAL` (not a non-negative safe integer),
 * `INVALID_WEIGHT` (negative, NaN or infinite), `NO_CHILDREN`, `DUPLICATE_ID` (two children with the
 * same id), `INVALID_METHOD`, `INVALID_TARGET` (a shortfall figure that is not a non-negative safe
 * integer).
 */
export type AllocationErrorCode =
  | 'INVALID_TOTAL'
  | 'INVALID_WEIGHT'
  | 'NO_CHILDREN'
  | 'DUPLICATE_ID'
  | 'INVALID_METHOD'
  | 'INVALID_TARGET';

export interface AllocationErrorDetails {
  /** The child concerned, for `INVALID_WEIGHT` and `DUPLICATE_ID`. */
  id?: string;
  /** The value refused. */
  value?: unknown;
}

/** An allocation the rules refuse, with a code the API maps to a user message. */
export class AllocationError extends Error {
  readonly code: AllocationErrorCode;
  readonly details: AllocationErrorDetails;

  constructor(code: AllocationErrorCode, message: string, details: AllocationErrorDetails = {}) {
    super(message);
    this.name = 'AllocationError';
    this.code = code;
    this.details = details;
  }
}

/**
 * Writes every weight as an integer over one common power of two, exactly: any finite double is
 * m / 2^k. Proportions between the integers are those between the weights, with no rounding.
 */
function exactIntegerWeights(weights: readonly number[]): bigint[] {
  const parts = weights.map((w) => {
    let m = w;
    let k = 0;
    while (!Number.isInteger(m)) {
      m *= 2; // exact: only the exponent changes
      k += 1;
    }
    return { m: BigInt(m), k };
  });
  const maxK = parts.reduce((max, p) => Math.max(max, p.k), 0);
  return parts.map((p) => p.m << BigInt(maxK - p.k));
}

/**
 * Shares `total` among `children` in whole numbers that add up to `total` exactly, by the
 * largest-remainder (Hamilton) method: each child first gets the whole part of its exact quota
 * `total × weight / Σ weights`, then the units left over go one each to the children with the
 * largest fractional parts. Every share is therefore the quota rounded down or up, never further
 * than 1 from it. Ties of remainders go to the larger weight, then to the smaller id (compared by
 * UTF-16 code units, not by locale), so the result depends neither on the order of `children` nor
 * on the machine. The arithmetic is exact (BigInt), fractional weights included.
 *
 * `EQUAL` ignores the weights (every quota is total / n); a proportional method whose weights are
 * all 0 falls back to `EQUAL`. A child of weight 0 gets 0 otherwise.
 *
 * Returns one share per child, in the order of `children`. Throws an {@link AllocationError} when
 * `total` is not a non-negative safe integer (`INVALID_TOTAL`), a weight is negative or not finite
 * (`INVALID_WEIGHT`, even for `EQUAL`), there is no child (`NO_CHILDREN`), two children share an id
 * (`DUPLICATE_ID`) or the method is unknown (`INVALID_METHOD`).
 */
export function allocateTarget(
  total: number,
  children: readonly AllocationChild[],
  method: AllocationMethod,
): AllocationShare[] {
  if (!Number.isSafeInteger(total) || total < 0) {
    throw new AllocationError('INVALID_TOTAL', `A target must be a whole number ≥ 0, not ${total}`, { value: total });
  }
  if (!ALLOCATION_METHODS.includes(method)) {
    throw new AllocationError('INVALID_METHOD', `Unknown allocation method "${String(method)}"`, { value: method });
  }
  if (children.length === 0) throw new AllocationError('NO_CHILDREN', 'There is no unit to share the target among');
  const seen = new Set<string>();
  for (const child of children) {
    if (seen.has(child.id)) {
      throw new AllocationError('DUPLICATE_ID', `Unit "${child.id}" appears twice`, { id: child.id });
    }
    seen.add(child.id);
    if (typeof child.weight !== 'number' || !Number.isFinite(child.weight) || child.weight < 0) {
      throw new AllocationError('INVALID_WEIGHT', `The weight of unit "${child.id}" must be a finite number ≥ 0, not ${child.weight}`, {
        id: child.id,
        value: child.weight,
      });
    }
  }

  const allZero = children.every((c) => c.weight === 0);
  const equal = method === 'EQUAL' || allZero;
  const weights = equal ? children.map(() => 1n) : exactIntegerWeights(children.map((c) => c.weight));
  const sum = weights.reduce((a, b) => a + b, 0n);
  const t = BigInt(total);

  const rows = children.map((child, index) => {
    const scaled = t * weights[index];
    return {
      index,
      id: child.id,
      weight: weights[index],
      floor: scaled / sum,
      remainder: scaled % sum, // over the common denominator `sum`, so remainders compare exactly
    };
  });
  let leftOver = t - rows.reduce((a, r) => a + r.floor, 0n); // < number of children
  const order = [...rows].sort((a, b) => {
    if (a.remainder !== b.remainder) return a.remainder > b.remainder ? -1 : 1;
    if (a.weight !== b.weight) return a.weight > b.weight ? -1 : 1;
    return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
  });
  const values = rows.map((r) => r.floor);
  for (const row of order) {
    if (leftOver === 0n) break;
    values[row.index] += 1n;
    leftOver -= 1n;
  }
  return children.map((child, index) => ({ id: child.id, value: Number(values[index]) }));
}

/**
 * How many the children's targets fall short of the parent's: `parentTarget − Σ childTargets`, or 0
 * when the children reach or pass it (a surplus is not a negative shortfall). No child means the
 * whole parent target is missing. Every figure must be a non-negative safe integer
 * (AllocationError `INVALID_TARGET`).
 */
export function shortfall(parentTarget: number, childTargets: readonly number[]): number {
  for (const value of [parentTarget, ...childTargets]) {
    if (!Number.isSafeInteger(value) || value < 0) {
      throw new AllocationError('INVALID_TARGET', `A target must be a whole number ≥ 0, not ${value}`, { value });
    }
  }
  let remaining = parentTarget;
  for (const value of childTargets) {
    remaining -= value;
    if (remaining <= 0) return 0; // stops before a sum could leave the safe range
  }
  return remaining;
}
