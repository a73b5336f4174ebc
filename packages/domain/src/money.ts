/**
 * Money is a whole number of Vietnamese đồng held in a `number` (exact up to 2^53 − 1). Rates are
 * basis points (1 bp = 0.01 %, so 22 % = 2200 and 4.5 % = 450): a rate applied to an amount is then
 * a ratio of integers, and rounding it is exact. Multiplying by 0.7 in floating point is not:
 * 1,001,000 × 4.5 % × 70 % is 31,531.5 (→ 31,532) but `1001000 * 0.045 * 0.7` gives
 * 31,531.499999999996 (→ 31,531).
 */

/** 100 % in basis points. */
export const FULL_RATE_BP = 10_000;

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Rounds to the đồng, half away from zero ("half-up" as in Java's `ROUND_HALF_UP`): 2.5 → 3,
 * 2.4999 → 2, −2.5 → −3, so a negative amount is the mirror of its positive. It rounds the binary
 * value it is given exactly, but cannot undo an error already made by floating-point arithmetic:
 * compute amounts with {@link applyBasisPoints} or {@link divideRoundHalfUp} instead.
 * Throws a RangeError for NaN and infinities.
 */
export function roundHalfUp(x: number): number {
  if (!Number.isFinite(x)) throw new RangeError(`Cannot round ${x} to the đồng`);
  const magnitude = Math.abs(x);
  const floor = Math.floor(magnitude);
  // magnitude − floor is exact in binary floating point (both share the same scale).
  const rounded = magnitude - floor >= 0.5 ? floor + 1 : floor;
  return x < 0 && rounded !== 0 ? -rounded : rounded;
}

/**
 * `numerator / denominator` rounded half away from zero, computed exactly on integers (BigInt
 * when the values pass 2^53). Both must be integers; the denominator must not be 0. The result must
 * fit in a safe integer (RangeError otherwise).
 */
export function divideRoundHalfUp(numerator: number | bigint, denominator: number | bigint): number {
  if (typeof numerator === 'number' && typeof denominator === 'number') {
    assertSafeInteger(numerator, 'numerator');
    assertSafeInteger(denominator, 'denominator');
    if (denominator === 0) throw new RangeError('Division by zero');
    // Number % and the division of a multiple are exact on safe integers.
    const n = Math.abs(numerator);
    const d = Math.abs(denominator);
    const remainder = n % d;
    let quotient = (n - remainder) / d;
    if (2 * remainder >= d) quotient += 1;
    return numerator < 0 !== denominator < 0 && quotient !== 0 ? -quotient : quotient;
  }
  const n0 = toBigInt(numerator, 'numerator');
  const d0 = toBigInt(denominator, 'denominator');
  if (d0 === 0n) throw new RangeError('Division by zero');
  const n = n0 < 0n ? -n0 : n0;
  const d = d0 < 0n ? -d0 : d0;
  let quotient = n / d;
  if (2n * (n % d) >= d) quotient += 1n;
  if (quotient > MAX_SAFE) throw new RangeError('Amount exceeds the safe integer range');
  const result = Number(quotient);
  return n0 < 0n !== d0 < 0n && result !== 0 ? -result : result;
}

/**
 * `amount × rate₁ × rate₂ × …` with each rate in basis points, rounded half-up to the đồng once, at
 * the end (22 % of 1,500,000 → 330,000; 4.5 % then 70 % of 2,340,000 → 73,710). With no rate the
 * amount comes back unchanged. Amount and rates must be integers, rates not negative (RangeError).
 */
export function applyBasisPoints(amount: number, ...ratesBp: number[]): number {
  assertSafeInteger(amount, 'amount');
  let numerator = amount;
  let denominator = 1;
  for (const rate of ratesBp) {
    assertSafeInteger(rate, 'rate');
    if (rate < 0) throw new RangeError(`A rate cannot be negative (${rate} bp)`);
    numerator *= rate;
    denominator *= FULL_RATE_BP;
  }
  if (Number.isSafeInteger(numerator) && Number.isSafeInteger(denominator)) {
    return divideRoundHalfUp(numerator, denominator);
  }
  let n = BigInt(amount);
  let d = 1n;
  for (const rate of ratesBp) {
    n *= BigInt(rate);
    d *= BigInt(FULL_RATE_BP);
  }
  return divideRoundHalfUp(n, d);
}

/**
 * Converts a percentage as people write it (4.5, 22, 70) to basis points (450, 2200, 7000).
 * A percentage finer than 0.01 % cannot be a basis point: RangeError.
 */
export function percentToBasisPoints(percent: number): number {
  const bp = Math.round(percent * 100);
  if (!Number.isFinite(percent) || Math.abs(percent * 100 - bp) > 1e-6) {
    throw new RangeError(`${percent} % is not a whole number of basis points`);
  }
  return bp;
}

/** Basis points as a percentage for display: 450 → 4.5, 2200 → 22. */
export function basisPointsToPercent(bp: number): number {
  return bp / 100;
}

/** True when `value` is a whole, non-negative amount of đồng that a `number` holds exactly. */
export function isDongAmount(value: number): boolean {
  return Number.isSafeInteger(value) && value >= 0;
}

/**
 * Writes an amount the Vietnamese way, dots between thousands and the symbol after a space:
 * 1500000 → "1.500.000 ₫", −33000 → "-33.000 ₫". `symbol` replaces "₫" ("đ" in running text,
 * "" for the number alone). A fraction is first rounded half-up to the đồng.
 */
export function formatVnd(amount: number, options: { symbol?: string } = {}): string {
  const symbol = options.symbol ?? '₫';
  const rounded = roundHalfUp(amount);
  const digits = String(Math.abs(rounded)).replace(/\B(?=(\d{3})+(?!\d))/g, '.');
  const text = rounded < 0 ? `-${digits}` : digits;
  return symbol === '' ? text : `${text} ${symbol}`;
}

function assertSafeInteger(value: number, name: string): void {
  if (!Number.isSafeInteger(value)) throw new RangeError(`The ${name} must be a safe integer, got ${value}`);
}

function toBigInt(value: number | bigint, name: string): bigint {
  if (typeof value === 'bigint') return value;
  assertSafeInteger(value, name);
  return BigInt(value);
}
