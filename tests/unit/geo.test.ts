import { describe, expect, it } from 'vitest';
import { distanceToLineM, nearestLine } from '@/lib/domain/geo';

describe('distanceToLineM', () => {
  const line = [
    [114.3, 30.5],
    [114.31, 30.5],
  ] as const;
  it('is zero on the line and grows across it', () => {
    expect(distanceToLineM([114.305, 30.5], line)).toBeCloseTo(0, 6);
    // 0.001° of latitude is about 111 m.
    expect(distanceToLineM([114.305, 30.501], line)).toBeCloseTo(111.2, 0);
  });
  it('measures to the nearest end beyond the segment', () => {
    const d = distanceToLineM([114.32, 30.5], line);
    expect(d).toBeGreaterThan(950);
    expect(d).toBeLessThan(970); // 0.01° of longitude at 30.5°N ≈ 958 m
  });
  it('handles a single point and an empty line', () => {
    expect(distanceToLineM([114.3, 30.501], [[114.3, 30.5]])).toBeCloseTo(111.2, 0);
    expect(distanceToLineM([114.3, 30.5], [])).toBe(Infinity);
  });
});

describe('nearestLine', () => {
  const a = { id: 'a', coordinates: [[114.3, 30.5], [114.31, 30.5]] as [number, number][] };
  const b = { id: 'b', coordinates: [[114.3, 30.502], [114.31, 30.502]] as [number, number][] };
  const none = { id: 'none', coordinates: null };
  it('picks the closest within range and skips lines without geometry', () => {
    expect(nearestLine([114.305, 30.5015], [none, a, b], 500)?.item.id).toBe('b');
    expect(nearestLine([114.305, 30.5004], [a, b, none], 500)?.item.id).toBe('a');
  });
  it('returns null when nothing is within range', () => {
    expect(nearestLine([114.4, 30.6], [a, b], 500)).toBeNull();
    expect(nearestLine([114.305, 30.5], [none], 500)).toBeNull();
  });
});
