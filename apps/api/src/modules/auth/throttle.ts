/**
 * Counts failed logins per key (a username, an address) in a sliding window. Kept in memory: each
 * API replica throttles on its own, which bounds guessing at replicas × limit per window.
 */
export class LoginThrottle {
  private readonly failures = new Map<string, number[]>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  /** Seconds until `key` may try again, or 0 when it may now. */
  retryAfter(key: string, now = Date.now()): number {
    const list = this.recent(key, now);
    if (list.length < this.limit) return 0;
    return Math.ceil((list[list.length - this.limit] + this.windowMs - now) / 1000);
  }

  fail(key: string, now = Date.now()): void {
    const list = this.recent(key, now);
    list.push(now);
    this.failures.set(key, list);
    if (this.failures.size > 50_000) this.prune(now);
  }

  reset(key: string): void {
    this.failures.delete(key);
  }

  private recent(key: string, now: number): number[] {
    return (this.failures.get(key) ?? []).filter((t) => t > now - this.windowMs);
  }

  private prune(now: number) {
    for (const [key, list] of this.failures) if (!list.some((t) => t > now - this.windowMs)) this.failures.delete(key);
  }
}
