import { describe, expect, it } from 'vitest';
import {
  atLeast,
  brier,
  expectedAbsError,
  linearTrend,
  logScore,
  persistence,
  pointDist,
  spearman,
} from '../../src/validation/scores.js';

describe('brier and logScore', () => {
  it('score binary forecasts', () => {
    expect(brier(0.7, 1)).toBeCloseTo(0.09, 15);
    expect(brier(0.7, 0)).toBeCloseTo(0.49, 15);
    expect(brier(0, 1)).toBe(1);
    expect(brier(1, 1)).toBe(0);
    expect(logScore(0.5, 1)).toBeCloseTo(Math.LN2, 15);
    expect(logScore(0.8, 0)).toBeCloseTo(Math.log(5), 14);
  });

  it('clips certain forecasts so a wrong one costs −ln(eps), not +∞', () => {
    expect(logScore(1, 0)).toBeCloseTo(6 * Math.LN10, 9);
    expect(logScore(0, 1)).toBeCloseTo(6 * Math.LN10, 9);
    expect(logScore(0, 1, 0.01)).toBeCloseTo(Math.log(100), 12);
    expect(logScore(1, 1, 0.01)).toBeCloseTo(-Math.log(0.99), 14);
    expect(logScore(0.995, 1, 0.01)).toBeCloseTo(-Math.log(0.99), 14);
  });

  it('rejects probabilities outside [0, 1], outcomes other than 0 and 1, and bad eps', () => {
    expect(() => brier(1.1, 1)).toThrow(/probability/);
    expect(() => brier(Number.NaN, 1)).toThrow(RangeError);
    expect(() => brier(0.5, 2 as 0 | 1)).toThrow(/outcome/);
    expect(() => logScore(-0.1, 0)).toThrow(RangeError);
    expect(() => logScore(0.5, 1, 0)).toThrow(/eps/);
  });
});

describe('distributions over rungs', () => {
  const dist = [0, 0.2, 0.5, 0, 0, 0.3, 0];

  it('gives the expected absolute error Σ P(r)|r − observed|', () => {
    // 0.2·|1 − 2| + 0.5·0 + 0.3·|5 − 2| = 1.1
    expect(expectedAbsError(dist, 2)).toBeCloseTo(1.1, 14);
    expect(expectedAbsError(dist, 0)).toBeCloseTo(0.2 + 1 + 1.5, 14);
    expect(expectedAbsError(pointDist(4), 1)).toBe(3);
  });

  it('gives P(rung ≥ k)', () => {
    expect(atLeast(dist, 2)).toBeCloseTo(0.8, 14);
    expect(atLeast(dist, 5)).toBeCloseTo(0.3, 14);
    expect(atLeast(dist, 6)).toBe(0);
    // 28 runs as 9, 18 and 1 over rungs 1..3: the float sum is 1 + 2^-52, reported as 1
    expect(9 / 28 + 18 / 28 + 1 / 28).toBeGreaterThan(1);
    expect(atLeast([0, 9 / 28, 18 / 28, 1 / 28, 0, 0, 0], 1)).toBe(1);
    expect(atLeast(dist, 7)).toBe(0);
    expect(atLeast(dist, 0)).toBe(1);
  });

  it('turns a point forecast into a distribution', () => {
    expect(pointDist(2)).toEqual([0, 0, 1, 0, 0, 0, 0]);
    expect(pointDist(6)).toEqual([0, 0, 0, 0, 0, 0, 1]);
    expect(() => pointDist(7)).toThrow(/rung/);
    expect(() => pointDist(1.5)).toThrow(RangeError);
  });

  it('rejects distributions that are not distributions over 0..6', () => {
    expect(() => expectedAbsError([0.5, 0.4, 0, 0, 0, 0, 0], 1)).toThrow(/sum to 1/);
    expect(() => expectedAbsError([0.5, 0.5], 1)).toThrow(/7 entries/);
    expect(() => atLeast([1.5, -0.5, 0, 0, 0, 0, 0], 1)).toThrow(/distribution\[0\]/);
    expect(() => expectedAbsError(dist, 9)).toThrow(/observed/);
    expect(() => atLeast(dist, 1.5)).toThrow(/k must be/);
    // within the 1e-9 tolerance is fine
    expect(atLeast([0.5, 0.5 + 1e-12, 0, 0, 0, 0, 0], 1)).toBeCloseTo(0.5, 11);
  });
});

describe('spearman', () => {
  it('is the Pearson correlation of average ranks', () => {
    // ranks a = [1, 2.5, 2.5, 4, 5], b = [2, 1, 3.5, 3.5, 5]; deviations from 3 give
    // Σ da·db = 7.25 and Σ da² = Σ db² = 9.5, so ρ = 7.25 / 9.5 = 29/38.
    expect(spearman([1, 2, 2, 3, 4], [2, 1, 3, 3, 5])).toBeCloseTo(29 / 38, 14);
    // without ties it matches 1 − 6Σd²/(n(n² − 1)): d = [0, 1, −1, 0] gives 1 − 12/60 = 0.8
    expect(spearman([1, 2, 3, 4], [10, 30, 20, 40])).toBeCloseTo(0.8, 14);
    expect(spearman([1, 2, 3, 4], [1, 4, 9, 16])).toBeCloseTo(1, 14);
    expect(spearman([1, 2, 3], [3, 2, 1])).toBeCloseTo(-1, 14);
  });

  it('is null for fewer than 3 pairs or a constant ranking', () => {
    expect(spearman([1, 2], [2, 1])).toBeNull();
    expect(spearman([], [])).toBeNull();
    expect(spearman([3, 3, 3], [1, 2, 3])).toBeNull();
    expect(spearman([1, 2, 3], [0, 0, 0])).toBeNull();
  });

  it('rejects unequal lengths and non-finite values', () => {
    expect(() => spearman([1, 2, 3], [1, 2])).toThrow(/lengths differ/);
    expect(() => spearman([1, Number.NaN, 3], [1, 2, 3])).toThrow(/a\[1\]/);
  });
});

describe('naive forecasters', () => {
  it('persistence repeats the start value', () => {
    expect(persistence([3, 4, 5, 6])).toEqual([3, 3, 3, 3]);
    expect(persistence([])).toEqual([]);
  });

  it('linearTrend extrapolates the fitted line, rounded and clamped', () => {
    // y = 1 + t through the first three months, capped at rung 6
    expect(linearTrend([1, 2, 3, 3, 3, 3, 3, 3], 3)).toEqual([1, 2, 3, 4, 5, 6, 6, 6]);
    // y = 5 − 2t, floored at rung 0
    expect(linearTrend([5, 3, 1, 1, 1], 3)).toEqual([5, 3, 1, 0, 0]);
    // through (0,0), (1,0), (2,1): ŷ = −1/6 + t/2 = −0.17, 0.33, 0.83, 1.33, 1.83, 2.33
    expect(linearTrend([0, 0, 1, 1, 1, 1], 3)).toEqual([0, 0, 1, 1, 2, 2]);
    // through (0,0), (1,0), (2,1), (3,1): ŷ = −0.1 + 0.4t; t = 4 gives exactly 1.5, which rounds up
    expect(linearTrend([0, 0, 1, 1, 1, 1, 1, 1], 4)).toEqual([0, 0, 1, 1, 2, 2, 2, 3]);
  });

  it('linearTrend equals persistence with a flat start or a single fitted month', () => {
    const obs = [2, 2, 2, 4, 5, 6];
    expect(linearTrend(obs, 3)).toEqual(persistence(obs));
    expect(linearTrend([4, 0, 6, 1], 1)).toEqual([4, 4, 4, 4]);
    expect(linearTrend(obs, obs.length)).toHaveLength(obs.length);
  });

  it('linearTrend rejects a fit window outside the series', () => {
    expect(() => linearTrend([1, 2, 3], 0)).toThrow(/fitMonths/);
    expect(() => linearTrend([1, 2, 3], 4)).toThrow(/1\.\.3/);
    expect(() => linearTrend([1, 2, 3], 1.5)).toThrow(RangeError);
    expect(() => linearTrend([], 1)).toThrow(RangeError);
  });
});
