import { describe, expect, it } from 'vitest';
import { allocateTarget, AllocationError, shortfall, type AllocationChild, type AllocationMethod } from './allocation';

function allocationErrorOf(fn: () => unknown): AllocationError {
  try {
    fn();
  } catch (e) {
    if (e instanceof AllocationError) return e;
    throw e;
  }
  throw new Error('expected an AllocationError');
}

/** mulberry32: a small seeded PRNG, so a failing case can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const copy = [...items];
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

const byId = (shares: { id: string; value: number }[]) => Object.fromEntries(shares.map((s) => [s.id, s.value]));
const sum = (shares: { value: number }[]) => shares.reduce((a, s) => a + s.value, 0);

describe('allocateTarget', () => {
  it('splits a target in proportion to last year, in whole people that add up to it', () => {
    const shares = allocateTarget(
      1000,
      [
        { id: 'hue', weight: 500 },
        { id: 'phu-vang', weight: 300 },
        { id: 'a-luoi', weight: 200 },
      ],
      'PROPORTIONAL_LAST_YEAR',
    );
    expect(shares).toEqual([
      { id: 'hue', value: 500 },
      { id: 'phu-vang', value: 300 },
      { id: 'a-luoi', value: 200 },
    ]);
  });

  it('gives the units left over to the largest remainders', () => {
    // Quotas 4.2857, 2.8571, 2.8571 (× 10/7 of 3, 2, 2): floors 4+2+2 = 8, the two 0.857 get the rest.
    expect(byId(allocateTarget(10, [{ id: 'a', weight: 3 }, { id: 'b', weight: 2 }, { id: 'c', weight: 2 }], 'PROPORTIONAL_POTENTIAL'))).toEqual({
      a: 4,
      b: 3,
      c: 3,
    });
    // Quotas 6.6, 2.7, 0.7: 6+2+0 = 8, then 0.7 and 0.7 beat 0.6.
    expect(byId(allocateTarget(10, [{ id: 'a', weight: 66 }, { id: 'b', weight: 27 }, { id: 'c', weight: 7 }], 'PROPORTIONAL_POTENTIAL'))).toEqual({
      a: 6,
      b: 3,
      c: 1,
    });
  });

  it('shares equally with EQUAL, ignoring the weights even to place the remainder', () => {
    const shares = allocateTarget(
      10,
      [
        { id: 'a', weight: 1 },
        { id: 'b', weight: 50 },
        { id: 'c', weight: 7 },
      ],
      'EQUAL',
    );
    expect(byId(shares)).toEqual({ a: 4, b: 3, c: 3 }); // every weight counts as 1: the tie goes by id
  });

  it('breaks ties of equal weights by id, so the same input always gives the same answer', () => {
    const children = ['c', 'a', 'd', 'b'].map((id) => ({ id, weight: 1 }));
    expect(byId(allocateTarget(2, children, 'PROPORTIONAL_LAST_YEAR'))).toEqual({ a: 1, b: 1, c: 0, d: 0 });
    expect(byId(allocateTarget(6, children, 'EQUAL'))).toEqual({ a: 2, b: 2, c: 1, d: 1 });
  });

  it('falls back to EQUAL when every weight is 0, and gives nothing to a weight of 0 otherwise', () => {
    const zero = [{ id: 'x', weight: 0 }, { id: 'y', weight: 0 }, { id: 'z', weight: 0 }];
    expect(allocateTarget(7, zero, 'PROPORTIONAL_LAST_YEAR')).toEqual(allocateTarget(7, zero, 'EQUAL'));
    expect(byId(allocateTarget(7, zero, 'PROPORTIONAL_POTENTIAL'))).toEqual({ x: 3, y: 2, z: 2 });
    expect(byId(allocateTarget(7, [{ id: 'x', weight: 0 }, { id: 'y', weight: 2 }], 'PROPORTIONAL_POTENTIAL'))).toEqual({ x: 0, y: 7 });
  });

  it('returns the shares in the order the children were given, and 0 each for a target of 0', () => {
    expect(allocateTarget(0, [{ id: 'b', weight: 3 }, { id: 'a', weight: 1 }], 'PROPORTIONAL_LAST_YEAR')).toEqual([
      { id: 'b', value: 0 },
      { id: 'a', value: 0 },
    ]);
    expect(allocateTarget(5, [{ id: 'only', weight: 0.3 }], 'PROPORTIONAL_POTENTIAL')).toEqual([{ id: 'only', value: 5 }]);
  });

  it('is exact with fractional weights, where floating point would misjudge the remainders', () => {
    // The doubles 0.1 and 0.2 are not the decimals, but one is exactly twice the other: 1 and 2.
    expect(byId(allocateTarget(3, [{ id: 'a', weight: 0.1 }, { id: 'b', weight: 0.2 }], 'PROPORTIONAL_LAST_YEAR'))).toEqual({ a: 1, b: 2 });
    expect(byId(allocateTarget(10, [{ id: 'a', weight: 0.5 }, { id: 'b', weight: 0.25 }, { id: 'c', weight: 0.25 }], 'PROPORTIONAL_POTENTIAL'))).toEqual({
      a: 5,
      b: 3, // 2.5 and 2.5 tie on remainder and weight: 'b' before 'c'
      c: 2,
    });
    // Tiny and huge weights together: the tiny one gets 0, the arithmetic does not overflow.
    expect(byId(allocateTarget(1_000_000, [{ id: 'a', weight: 1e300 }, { id: 'b', weight: 5e-324 }], 'PROPORTIONAL_POTENTIAL'))).toEqual({
      a: 1_000_000,
      b: 0,
    });
  });

  it('refuses a target that is negative, fractional or not a number', () => {
    const children = [{ id: 'a', weight: 1 }];
    for (const total of [-1, 2.5, Number.NaN, Infinity, 2 ** 53]) {
      expect(allocationErrorOf(() => allocateTarget(total, children, 'EQUAL')).code).toBe('INVALID_TOTAL');
    }
  });

  it('refuses weights that are negative or not finite, naming the unit, even for EQUAL', () => {
    for (const weight of [-1, Number.NaN, Infinity, -Infinity]) {
      for (const method of ['EQUAL', 'PROPORTIONAL_LAST_YEAR'] as const) {
        const error = allocationErrorOf(() => allocateTarget(10, [{ id: 'a', weight: 1 }, { id: 'b', weight }], method));
        expect(error.code).toBe('INVALID_WEIGHT');
        expect(error.details.id).toBe('b');
      }
    }
  });

  it('refuses no children, a repeated id and an unknown method', () => {
    expect(allocationErrorOf(() => allocateTarget(10, [], 'EQUAL')).code).toBe('NO_CHILDREN');
    const twice = allocationErrorOf(() => allocateTarget(10, [{ id: 'a', weight: 1 }, { id: 'a', weight: 2 }], 'EQUAL'));
    expect(twice.code).toBe('DUPLICATE_ID');
    expect(twice.details.id).toBe('a');
    expect(allocationErrorOf(() => allocateTarget(10, [{ id: 'a', weight: 1 }], 'RANDOM' as AllocationMethod)).code).toBe('INVALID_METHOD');
    expect(allocationErrorOf(() => allocateTarget(-1, [], 'EQUAL'))).toBeInstanceOf(Error);
  });

  describe('on random cases (seeded)', () => {
    const random = prng(20_250_701);
    const methods: AllocationMethod[] = ['EQUAL', 'PROPORTIONAL_LAST_YEAR', 'PROPORTIONAL_POTENTIAL'];
    const cases = Array.from({ length: 400 }, (_, n) => {
      const total = n % 25 === 0 ? Math.floor(random() * 10) : Math.floor(random() * 1_000_001);
      const count = 1 + Math.floor(random() * 120);
      const kind = n % 4; // integer weights, with zeros, with many equal weights, fractional weights
      const children: AllocationChild[] = Array.from({ length: count }, (_, i) => {
        const weight =
          kind === 0
            ? Math.floor(random() * 5000)
            : kind === 1
              ? random() < 0.4 ? 0 : Math.floor(random() * 50)
              : kind === 2
                ? 1 + Math.floor(random() * 3)
                : Math.round(random() * 1e6) / 1e3;
        return { id: `u${String(Math.floor(random() * 1e9)).padStart(9, '0')}-${i}`, weight };
      });
      return { total, children, method: methods[n % 3], random };
    });

    it('always adds up exactly to the target, with no share below 0', () => {
      for (const { total, children, method } of cases) {
        const shares = allocateTarget(total, children, method);
        expect(shares).toHaveLength(children.length);
        expect(sum(shares)).toBe(total);
        expect(shares.every((s) => Number.isSafeInteger(s.value) && s.value >= 0)).toBe(true);
      }
    });

    it('never gives a share 1 or more away from its exact quota', () => {
      for (const { total, children, method } of cases) {
        const shares = allocateTarget(total, children, method);
        const equal = method === 'EQUAL' || children.every((c) => c.weight === 0);
        const weightSum = children.reduce((a, c) => a + (equal ? 1 : c.weight), 0);
        shares.forEach((share, i) => {
          const quota = (total * (equal ? 1 : children[i].weight)) / weightSum;
          expect(Math.abs(share.value - quota)).toBeLessThan(1 + 1e-6);
          expect(share.value === Math.floor(quota + 1e-9) || share.value === Math.ceil(quota - 1e-9)).toBe(true);
        });
      }
    });

    it('gives each unit the same share whatever order the units are listed in', () => {
      for (const { total, children, method, random: r } of cases) {
        const expected = byId(allocateTarget(total, children, method));
        expect(byId(allocateTarget(total, shuffled(children, r), method))).toEqual(expected);
        expect(byId(allocateTarget(total, [...children].reverse(), method))).toEqual(expected);
      }
    });
  });
});

describe('shortfall', () => {
  it('is what the children miss of the parent target', () => {
    expect(shortfall(1000, [400, 300, 200])).toBe(100);
    expect(shortfall(1000, [])).toBe(1000);
  });
  it('is 0 when the children reach or pass the parent target', () => {
    expect(shortfall(1000, [500, 500])).toBe(0);
    expect(shortfall(1000, [800, 400])).toBe(0);
    expect(shortfall(0, [])).toBe(0);
  });
  it('agrees with allocateTarget: an allocation leaves no shortfall', () => {
    const shares = allocateTarget(9_999, [{ id: 'a', weight: 1 }, { id: 'b', weight: 2 }, { id: 'c', weight: 4 }], 'PROPORTIONAL_LAST_YEAR');
    expect(shortfall(9_999, shares.map((s) => s.value))).toBe(0);
  });
  it('refuses figures that are negative, fractional or not numbers', () => {
    expect(allocationErrorOf(() => shortfall(-1, [])).code).toBe('INVALID_TARGET');
    expect(allocationErrorOf(() => shortfall(10, [1.5])).code).toBe('INVALID_TARGET');
    expect(allocationErrorOf(() => shortfall(10, [Number.NaN])).code).toBe('INVALID_TARGET');
    expect(allocationErrorOf(() => shortfall(10, [-3])).code).toBe('INVALID_TARGET');
  });
});
