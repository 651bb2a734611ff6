// The per-country constant-hazard baseline: its maximised log-likelihood by hand, and month windows.
import { describe, expect, it } from 'vitest';
import { constantHazard, directionsOf } from '../../src/validation/hazard-baseline.js';

const observed = [
  [0, 1, 1, 1, 1], // up, stay, stay, stay
  [2, 2, 2, 2, 2], // never moves
  [3, 2, 3, 3, 3], // down, up, stay, stay
];

describe('constantHazard', () => {
  it('fits each country by maximum likelihood', () => {
    const h = constantHazard(observed);
    expect(h.perCountry[0]).toEqual({ up: 0.25, down: 0, loglik: Math.log(1 / 4) + 3 * Math.log(3 / 4) });
    expect(h.perCountry[1]).toEqual({ up: 0, down: 0, loglik: 0 });
    expect(h.perCountry[2]!.up).toBe(0.25);
    expect(h.perCountry[2]!.down).toBe(0.25);
    expect(h.perCountry[2]!.loglik).toBeCloseTo(2 * Math.log(0.25) + 2 * Math.log(0.5), 14);
    expect(h.loglik).toBeCloseTo(
      Math.log(1 / 4) + 3 * Math.log(3 / 4) + 2 * Math.log(0.25) + 2 * Math.log(0.5),
      14,
    );
    // non-zero fitted probabilities: 1 + 0 + 2; nominally 2 per country
    expect([h.parameters, h.nominal]).toEqual([3, 6]);
  });

  it('restricts to the moves into months [from, to)', () => {
    // months 2, 3: country 0 stays twice, country 2 goes up then stays
    const h = constantHazard(observed, 2, 4);
    expect(h.perCountry[0]).toEqual({ up: 0, down: 0, loglik: 0 });
    expect(h.perCountry[2]).toEqual({ up: 0.5, down: 0, loglik: 2 * Math.log(0.5) });
    expect(h.parameters).toBe(1);
    expect(constantHazard(observed, 1, 2).perCountry[2]).toEqual({ up: 0, down: 1, loglik: 0 });
  });

  it('rejects bad windows and ragged or non-finite records', () => {
    expect(() => constantHazard(observed, 0)).toThrow(/from must .* got 0/);
    expect(() => constantHazard(observed, 3, 3)).toThrow(/from/);
    expect(() => constantHazard(observed, 1, 6)).toThrow(/to must .* got 6/);
    expect(() => constantHazard([[1, 2], [1]])).toThrow(/country 1 has 1 months/);
    expect(() => constantHazard([[1, Number.NaN]])).toThrow(/observed\[0\]\[1\]/);
    expect(() => constantHazard([])).toThrow(/no countries/);
  });
});

describe('directionsOf', () => {
  it('gives the sign of the move into month m', () => {
    expect([1, 2, 3, 4].map((m) => directionsOf(observed, m, 2))).toEqual([-1, 1, 0, 0]);
    expect(() => directionsOf(observed, 0, 0)).toThrow(/month/);
    expect(() => directionsOf(observed, 1, 3)).toThrow(/country index/);
  });
});
