import { describe, expect, it } from 'vitest';
import { nelderMead } from '../../src/explore/index.js';
import { mulberry32 } from './rand.js';

const sphere =
  (centre: readonly number[]) =>
  (x: number[]): number =>
    x.reduce((s, v, i) => s + (v - centre[i]!) ** 2, 0);

/** Rosenbrock on [-2, 2]^2 seen through the unit cube: minimum 0 at u = (0.75, 0.75). */
const rosenbrock = (u: number[]): number => {
  const x = -2 + 4 * u[0]!;
  const y = -2 + 4 * u[1]!;
  return 100 * (y - x * x) ** 2 + (1 - x) ** 2;
};

/** A double well: a local minimum near u = 0.2 (≈ −0.1) and the global one near u = 0.8 (≈ −0.4),
 * with a barrier between them around u = 0.5. */
const doubleWell = (u: number[]): number => {
  const x = u[0]!;
  return 100 * (x - 0.2) ** 2 * (x - 0.8) ** 2 - 0.5 * x;
};

describe('nelderMead', () => {
  it('minimizes a shifted sphere in 2D and 5D to 1e-6', () => {
    for (const centre of [
      [0.3, 0.65],
      [0.3, 0.7, 0.55, 0.2, 0.9],
    ]) {
      const r = nelderMead(sphere(centre), new Array(centre.length).fill(0.5), {
        rand: mulberry32(1),
        maxEvaluations: 3000,
        restarts: 0,
        xTol: 1e-9,
        fTol: 0,
      });
      r.best.forEach((v, i) => {
        expect(Math.abs(v - centre[i]!)).toBeLessThan(1e-6);
      });
      expect(r.bestValue).toBeLessThan(1e-12);
    }
  });

  it('follows the Rosenbrock valley to (1, 1) within a few thousand evaluations', () => {
    const r = nelderMead(rosenbrock, [0.1, 0.12], {
      rand: mulberry32(2),
      maxEvaluations: 3000,
      xTol: 1e-10,
      fTol: 0,
    });
    expect(r.evaluations).toBeLessThanOrEqual(3000);
    expect(Math.abs(-2 + 4 * r.best[0]! - 1)).toBeLessThan(1e-3);
    expect(Math.abs(-2 + 4 * r.best[1]! - 1)).toBeLessThan(1e-3);
  });

  it('lands exactly on a minimum on the boundary', () => {
    const r = nelderMead((x) => x[0]! + (x[1]! - 0.3) ** 2, [0.5, 0.5], {
      rand: mulberry32(3),
      maxEvaluations: 500,
      xTol: 1e-9,
      fTol: 0,
    });
    expect(r.best[0]).toBe(0);
    expect(r.best[1]).toBeCloseTo(0.3, 6);
  });

  it('never exceeds the budget, traces every evaluation and never repeats the point just evaluated', () => {
    for (const maxEvaluations of [1, 2, 5, 37, 400]) {
      let calls = 0;
      const f = (x: number[]) => {
        calls++;
        return sphere([0.2, 0.4, 0.6])(x);
      };
      const r = nelderMead(f, [0.9, 0.9, 0.9], { rand: mulberry32(4), maxEvaluations });
      expect(r.evaluations).toBe(calls);
      expect(r.evaluations).toBeLessThanOrEqual(maxEvaluations);
      expect(r.trace.length).toBe(r.evaluations);
      r.trace.forEach((t, i) => {
        expect(t.evaluation).toBe(i + 1);
        expect(t.best).toBe(Math.min(...r.trace.slice(0, i + 1).map((s) => s.value)));
        if (i > 0) expect(t.x).not.toEqual(r.trace[i - 1]!.x);
      });
      expect(r.bestValue).toBe(r.trace.at(-1)!.best);
      expect(f(r.best)).toBe(r.bestValue);
    }
    // Unlimited restarts spend the whole budget.
    expect(nelderMead(sphere([0.5]), [0.1], { rand: mulberry32(5), maxEvaluations: 250 }).evaluations).toBe(
      250,
    );
  });

  it('restarts when a start uses its own budget', () => {
    const r = nelderMead(rosenbrock, [0.1, 0.1], {
      rand: mulberry32(6),
      maxEvaluations: 100,
      startEvaluations: 20,
    });
    expect(r.evaluations).toBe(100);
    expect(r.restarts).toBe(4);
  });

  it('gives identical results for the same seed', () => {
    const opts = { maxEvaluations: 300, xTol: 1e-3 };
    const a = nelderMead(rosenbrock, [0.3, 0.3], { ...opts, rand: mulberry32(7) });
    const b = nelderMead(rosenbrock, [0.3, 0.3], { ...opts, rand: mulberry32(7) });
    expect(a.restarts).toBeGreaterThan(0);
    expect(b).toEqual(a);
  });

  it('escapes a local trap by restarting', () => {
    const single = nelderMead(doubleWell, [0.1], { rand: mulberry32(8), restarts: 0, xTol: 1e-8 });
    expect(single.restarts).toBe(0);
    expect(Math.abs(single.best[0]! - 0.2)).toBeLessThan(0.05);
    const multi = nelderMead(doubleWell, [0.1], { rand: mulberry32(8), restarts: 5, xTol: 1e-8 });
    expect(multi.restarts).toBe(5);
    expect(Math.abs(multi.best[0]! - 0.8)).toBeLessThan(0.05);
    expect(multi.bestValue).toBeLessThan(single.bestValue - 0.2);
    // The first start is the same in both, so the trap shows in the longer trace's prefix.
    expect(multi.trace.slice(0, single.evaluations)).toEqual(single.trace);
  });

  it('rejects bad input with a RangeError', () => {
    const rand = mulberry32(9);
    const f = (x: number[]) => x[0]!;
    expect(() => nelderMead(f, [], { rand })).toThrow(/start must have/);
    expect(() => nelderMead(f, [1.2], { rand })).toThrow(RangeError);
    expect(() => nelderMead(f, [-0.1], { rand })).toThrow(/start\[0\]/);
    expect(() => nelderMead(f, [Number.NaN], { rand })).toThrow(RangeError);
    expect(() => nelderMead(f, [0.5], { rand, maxEvaluations: 0 })).toThrow(/maxEvaluations/);
    expect(() => nelderMead(f, [0.5], { rand, maxEvaluations: 2.5 })).toThrow(RangeError);
    expect(() => nelderMead(f, [0.5], { rand, initialStep: 0.7 })).toThrow(/initialStep/);
    expect(() => nelderMead(f, [0.5], { rand, restarts: -1 })).toThrow(/restarts/);
    expect(() => nelderMead(f, [0.5], { rand, xTol: -1 })).toThrow(/xTol/);
    expect(() => nelderMead(() => Number.NaN, [0.5], { rand })).toThrow(/NaN/);
  });
});
