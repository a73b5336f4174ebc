import { describe, expect, it } from 'vitest';
import type { Actor } from './actor';
import { SETTLE_MS, SessionCache } from './session-cache';

const actor = (id: number, sessionId: string): Actor => ({
  id,
  username: `u${id}`,
  displayName: `U ${id}`,
  role: 'SUPERVISOR',
  scopeUnitId: 1,
  scopePath: '/1/',
  collectionOrganizationId: null,
  sessionId,
});

function clock(start = 1_000_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

const FAR = new Date(9e12);

describe('SessionCache', () => {
  it('keeps an actor for its time to live, never past the session expiry', () => {
    const c = clock();
    const cache = new SessionCache(5_000, 100, c.now);
    cache.put(actor(1, 's1'), FAR);
    cache.put(actor(2, 's2'), new Date(c.now() + 2_000));
    expect(cache.get('s1')?.id).toBe(1);
    c.advance(2_000);
    expect(cache.get('s2')).toBeUndefined();
    expect(cache.get('s1')?.id).toBe(1);
    c.advance(3_000);
    expect(cache.get('s1')).toBeUndefined();
  });

  it('hands out the kept actor frozen, so one request cannot change it for the next', () => {
    const cache = new SessionCache(5_000);
    cache.put(actor(1, 's1'), FAR);
    const kept = cache.get('s1')!;
    expect(() => {
      (kept as { role: string }).role = 'ADMIN';
    }).toThrow(TypeError);
    expect(cache.get('s1')?.role).toBe('SUPERVISOR');
  });

  it('keeps nothing with a time to live of 0', () => {
    const cache = new SessionCache(0);
    cache.put(actor(1, 's1'), FAR);
    expect(cache.get('s1')).toBeUndefined();
  });

  it('forgets every session of a user at once, and does not take them back while the change commits', () => {
    const c = clock();
    const cache = new SessionCache(5_000, 100, c.now);
    cache.put(actor(1, 'a'), FAR);
    cache.put(actor(1, 'b'), FAR);
    cache.put(actor(2, 'c'), FAR);
    cache.forgetUser(1);
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('c')?.id).toBe(2);
    // A request that read the session before the revoking transaction committed puts it back: refused.
    cache.put(actor(1, 'a'), FAR);
    expect(cache.get('a')).toBeUndefined();
    c.advance(SETTLE_MS + 1);
    cache.put(actor(1, 'a'), FAR);
    expect(cache.get('a')?.id).toBe(1);
  });

  it('forgets a logged-out session even when it was not cached yet', () => {
    const c = clock();
    const cache = new SessionCache(5_000, 100, c.now);
    cache.forgetSession('a', 1);
    cache.put(actor(1, 'a'), FAR);
    expect(cache.get('a')).toBeUndefined();
  });

  it('forgets everyone when units move, for the settling time', () => {
    const c = clock();
    const cache = new SessionCache(5_000, 100, c.now);
    cache.put(actor(1, 'a'), FAR);
    cache.forgetAll();
    expect(cache.get('a')).toBeUndefined();
    cache.put(actor(2, 'b'), FAR);
    expect(cache.get('b')).toBeUndefined();
    c.advance(SETTLE_MS + 1);
    cache.put(actor(2, 'b'), FAR);
    expect(cache.get('b')?.id).toBe(2);
  });

  it('stays within its size', () => {
    const c = clock();
    const cache = new SessionCache(5_000, 3, c.now);
    for (let i = 0; i < 10; i++) cache.put(actor(i, `s${i}`), FAR);
    const kept = Array.from({ length: 10 }, (_, i) => cache.get(`s${i}`)).filter(Boolean);
    expect(kept.length).toBeLessThanOrEqual(3);
    expect(cache.get('s9')?.id).toBe(9);
  });
});
