import { describe, expect, it } from 'vitest';
import {
  bootstrapIntervals,
  mean,
  meanInterval,
  pairedDifference,
  percentile,
  variance,
} from '../../src/explore/index.js';
import { mulberry32 } from './rand.js';

describe('stats', () => {
  it('computes mean, sample variance and interpolated percentiles', () => {
    expect(mean([1, 2, 3, 6])).toBe(3);
    expect(variance([1, 2, 3, 6])).toBeCloseTo(14 / 3, 14);
    const s = [10, 20, 30, 40];
    expect(percentile(s, 0)).toBe(10);
    expect(percentile(s, 1)).toBe(40);
    expect(percentile(s, 0.5)).toBe(25);
    expect(percentile(s, 0.1)).toBeCloseTo(13, 12);
    expect(percentile([5], 0.975)).toBe(5);
    expect(() => percentile([], 0.5)).toThrow(RangeError);
  });

  it('gives mean ± 1.96·sd/√n', () => {
    const r = meanInterval([1, 2, 3, 4, 5]);
    const half = (1.96 * Math.sqrt(2.5)) / Math.sqrt(5);
    expect(r.mean).toBe(3);
    expect(r.lo).toBeCloseTo(3 - half, 12);
    expect(r.hi).toBeCloseTo(3 + half, 12);
    expect(() => meanInterval([1])).toThrow(/at least 2/);
  });

  it('pairs differences b − a so shared noise cancels', () => {
    const a = [10, 20, 30, 40];
    const b = [11, 22, 31, 42];
    const r = pairedDifference(a, b);
    expect(r.mean).toBe(1.5);
    const half = (1.96 * Math.sqrt(1 / 3)) / 2;
    expect(r.lo).toBeCloseTo(1.5 - half, 12);
    expect(r.hi).toBeCloseTo(1.5 + half, 12);
    expect(() => pairedDifference([1, 2], [1])).toThrow(RangeError);
  });

  it('bootstraps percentile intervals that bracket the statistic', () => {
    const xs = Array.from({ length: 200 }, (_, i) => i % 10);
    const stat = (idx: readonly number[]) => [mean(idx.map((i) => xs[i]!)), 7];
    const ci = bootstrapIntervals(xs.length, 400, mulberry32(3), stat);
    expect(ci.lo[0]).toBeLessThan(4.5);
    expect(ci.hi[0]).toBeGreaterThan(4.5);
    // the normal-theory half-width is 1.96·2.87/√200 ≈ 0.40
    expect(ci.hi[0]! - ci.lo[0]!).toBeGreaterThan(0.6);
    expect(ci.hi[0]! - ci.lo[0]!).toBeLessThan(1);
    expect(ci.lo[1]).toBe(7);
    expect(ci.hi[1]).toBe(7);
  });
});
