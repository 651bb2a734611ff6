// Harrell's C on hand-worked censored data, and the restricted mean first-passage time of a histogram.
import { describe, expect, it } from 'vitest';
import { harrellC, restrictedMeanTime } from '../../src/validation/concordance.js';

const events = [1, 2, 3, 4].map((time) => ({ time, event: true }));

describe('harrellC', () => {
  it('is 1 for a perfect ordering, 0 for the reverse and 0.5 when every prediction ties', () => {
    expect(harrellC(events, [10, 20, 30, 40])).toEqual({ c: 1, comparable: 6, concordant: 6, tied: 0 });
    expect(harrellC(events, [4, 3, 2, 1])).toEqual({ c: 0, comparable: 6, concordant: 0, tied: 0 });
    expect(harrellC(events, [7, 7, 7, 7])).toEqual({ c: 0.5, comparable: 6, concordant: 0, tied: 6 });
  });

  it('works a censored example by hand', () => {
    // A (2, event), B (3, censored), C (4, event), D (1, censored), E (5, censored); predicted 1, 0.5, 3, 2, 3.
    // Comparable: A–B (1 > 0.5, discordant), A–C (1 < 3, concordant), A–E (1 < 3, concordant),
    // C–E (3 = 3, tied). Not comparable: every pair whose earlier time is censored (D–all, B–C, B–E).
    // c = (2 + 1/2) / 4 = 0.625.
    const observed = [
      { time: 2, event: true },
      { time: 3, event: false },
      { time: 4, event: true },
      { time: 1, event: false },
      { time: 5, event: false },
    ];
    expect(harrellC(observed, [1, 0.5, 3, 2, 3])).toEqual({
      c: 0.625,
      comparable: 4,
      concordant: 2,
      tied: 1,
    });
  });

  it('does not compare a pair whose earlier time is censored, nor equal observed times', () => {
    const censoredFirst = [
      { time: 1, event: false },
      { time: 2, event: true },
    ];
    expect(harrellC(censoredFirst, [5, 1])).toEqual({ c: null, comparable: 0, concordant: 0, tied: 0 });
    const sameTime = [
      { time: 3, event: true },
      { time: 3, event: true },
      { time: 3, event: false },
    ];
    expect(harrellC(sameTime, [1, 2, 3]).comparable).toBe(0);
  });

  it('rejects mismatched lengths and non-finite values', () => {
    expect(() => harrellC(events, [1, 2, 3])).toThrow(/lengths differ, 4 observed vs 3/);
    expect(() => harrellC(events, [1, Number.NaN, 3, 4])).toThrow(/predicted\[1\] is not finite/);
    expect(() => harrellC([{ time: Number.POSITIVE_INFINITY, event: false }], [1])).toThrow(RangeError);
  });
});

describe('restrictedMeanTime', () => {
  it('averages min(T, M) with "never" at M', () => {
    // slice [2, 0, 1, 5] of months 0..2 and never (M = 3): (0·2 + 1·0 + 2·1 + 3·5) / 8 = 17/8
    const hist = [9, 2, 0, 1, 5, 99];
    expect(restrictedMeanTime(hist, 1, 4, 8)).toBe(2.125);
    expect(restrictedMeanTime(new Uint32Array([0, 0, 3]), 0, 3, 3)).toBe(2);
  });

  it('rejects a slice that does not count the runs, or lies outside the histogram', () => {
    expect(() => restrictedMeanTime([1, 2, 3], 0, 3, 5)).toThrow(/counts 6 runs, not 5/);
    expect(() => restrictedMeanTime([1, 2, 3], 1, 3, 5)).toThrow(/from/);
    expect(() => restrictedMeanTime([1, 2, 3], 0, 3, 0)).toThrow(/runs/);
  });
});
