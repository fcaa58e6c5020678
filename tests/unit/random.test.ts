import { describe, expect, it } from 'vitest';
import { Random } from '@/lib/db/seed/random';

describe('seeded random', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = new Random(42);
    const b = new Random(42);
    const c = new Random(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('stays within bounds', () => {
    const r = new Random(1);
    for (let i = 0; i < 10_000; i++) {
      const x = r.int(3, 7);
      expect(x).toBeGreaterThanOrEqual(3);
      expect(x).toBeLessThanOrEqual(7);
    }
  });

  it('follows weights roughly', () => {
    const r = new Random(9);
    let heavy = 0;
    for (let i = 0; i < 10_000; i++) if (r.weighted([['a', 9], ['b', 1]] as const) === 'a') heavy++;
    expect(heavy).toBeGreaterThan(8500);
    expect(heavy).toBeLessThan(9500);
  });

  it('refuses to pick from nothing', () => {
    expect(() => new Random(1).pick([])).toThrow(RangeError);
  });
});
