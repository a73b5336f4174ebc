/** Order statistics of a set of timings (milliseconds). */
export interface Summary {
  runs: number;
  min: number;
  median: number;
  p95: number;
  max: number;
  mean: number;
}

/** p-th percentile by nearest rank (p95 of 50 samples is the 48th smallest). */
function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return NaN;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export function summarize(samples: number[]): Summary {
  const sorted = [...samples].sort((a, b) => a - b);
  const n = sorted.length;
  const median = n === 0 ? NaN : n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  return {
    runs: n,
    min: sorted[0] ?? NaN,
    median,
    p95: percentile(sorted, 95),
    max: sorted[n - 1] ?? NaN,
    mean: n ? sorted.reduce((a, b) => a + b, 0) / n : NaN,
  };
}

/** Milliseconds taken by `work`, with its result. */
/** The median of the samples (NaN for none). */
export function median(samples: number[]): number {
  return summarize(samples).median;
}

export async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; result: T }> {
  const started = performance.now();
  const result = await work();
  return { ms: performance.now() - started, result };
}

/** Rounds for display and JSON: 2 decimals under 10 ms, 1 under 1 s, whole milliseconds above. */
export function round(ms: number): number {
  if (!Number.isFinite(ms)) return ms;
  if (ms < 10) return Math.round(ms * 100) / 100;
  if (ms < 1000) return Math.round(ms * 10) / 10;
  return Math.round(ms);
}
