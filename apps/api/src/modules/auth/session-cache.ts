import type { Actor } from './actor';

/**
 * The actors of verified sessions, kept for a few seconds so that a request does not read its
 * session, user and scope from the database every time (one statement of every request: a fifth of
 * a list request's statements).
 *
 * What it costs: a session ended by **another** API process (another replica, or SQL run by hand)
 * is still honoured here for at most `ttlMs`. A session ended by this process is forgotten at once
 * (`forgetUser`, `forgetSession`), and its user is not cached again for `SETTLE_MS`: a request that
 * read the session before the revoking transaction committed cannot put the old actor back. A
 * token's own expiry is checked on every request before this cache is asked.
 */
export class SessionCache {
  private readonly actors = new Map<string, { actor: Actor; until: number }>();
  /** Users whose sessions this process is ending, and until when they are not cached. */
  private readonly settling = new Map<number, number>();
  /** Until when nobody is cached (units moved: any scope path may have changed). */
  private settleAllUntil = 0;

  constructor(
    readonly ttlMs: number,
    private readonly max = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** The cached actor of a session, or undefined (not cached, too old, or its user is settling). */
  get(sessionId: string): Actor | undefined {
    const entry = this.actors.get(sessionId);
    if (!entry) return undefined;
    if (entry.until <= this.now() || this.isSettling(entry.actor.id)) {
      this.actors.delete(sessionId);
      return undefined;
    }
    return entry.actor;
  }

  /** Keeps an actor just read from the database, until `ttlMs` from now or the session's expiry. */
  put(actor: Actor, sessionExpiresAt: Date): void {
    if (this.ttlMs <= 0 || this.isSettling(actor.id)) return;
    const now = this.now();
    if (this.actors.size >= this.max) {
      for (const [id, e] of this.actors) if (e.until <= now) this.actors.delete(id);
      if (this.actors.size >= this.max) this.actors.clear();
    }
    // Frozen: the same object serves every request of the session, so none may change it for the others.
    this.actors.set(actor.sessionId, { actor: Object.freeze(actor), until: Math.min(now + this.ttlMs, sessionExpiresAt.getTime()) });
  }

  /** Every session of a user ends (deactivated, new role or scope, new password). */
  forgetUser(userId: number): void {
    for (const [id, e] of this.actors) if (e.actor.id === userId) this.actors.delete(id);
    this.settling.set(userId, this.now() + SETTLE_MS);
  }

  /** One session of a user ends (logout). */
  forgetSession(sessionId: string, userId: number): void {
    this.actors.delete(sessionId);
    this.settling.set(userId, this.now() + SETTLE_MS);
  }

  /** Units moved under another parent: every actor's scope path may have changed. */
  forgetAll(): void {
    this.actors.clear();
    this.settleAllUntil = this.now() + SETTLE_MS;
  }

  private isSettling(userId: number): boolean {
    if (this.settleAllUntil > this.now()) return true;
    const until = this.settling.get(userId);
    if (until === undefined) return false;
    if (until > this.now()) return true;
    this.settling.delete(userId);
    return false;
  }
}

/** How long a user whose sessions were ended here is read from the database on every request. */
export const SETTLE_MS = 60_000;
