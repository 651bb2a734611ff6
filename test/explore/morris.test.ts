import { describe, expect, it } from 'vitest';
import { morrisDesign, morrisIndices } from '../../src/explore/index.js';
import { mulberry32 } from './rand.js';

const evaluate = (points: number[][], f: (x: number[]) => number) => points.map(f);

describe('morrisDesign', () => {
  it('builds r trajectories on the p-level grid, each moving every factor once by ±Δ', () => {
    const k = 5;
    const r = 30;
    const d = morrisDesign(k, r, 4, mulberry32(11));
    expect(d.delta).toBeCloseTo(2 / 3, 15);
    expect(d.points).toHaveLength(r * (k + 1));
    for (const row of d.points) {
      for (const v of row) expect([0, 1, 2, 3]).toContain(Math.round(v * 3));
      for (const v of row) expect(Math.abs(v * 3 - Math.round(v * 3))).toBeLessThan(1e-12);
    }
    for (let t = 0; t < r; t++) {
      const moved: number[] = [];
      for (let j = 0; j < k; j++) {
        const a = d.points[t * (k + 1) + j]!;
        const b = d.points[t * (k + 1) + j + 1]!;
        const diff = a.flatMap((v, i) => (v !== b[i] ? [i] : []));
        expect(diff).toHaveLength(1);
        expect(Math.abs(b[diff[0]!]! - a[diff[0]!]!)).toBeCloseTo(2 / 3, 12);
        moved.push(diff[0]!);
      }
      expect([...moved].sort()).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it('draws random signs and orders, deterministically given the stream', () => {
    const d = morrisDesign(3, 40, 4, mulberry32(5));
    expect(morrisDesign(3, 40, 4, mulberry32(5))).toEqual(d);
    const firstMoved = new Set<number>();
    let ups = 0;
    for (let t = 0; t < 40; t++) {
      const a = d.points[t * 4]!;
      const b = d.points[t * 4 + 1]!;
      const i = a.findIndex((v, c) => v !== b[c]);
      firstMoved.add(i);
      if (b[i]! > a[i]!) ups++;
    }
    expect(firstMoved.size).toBe(3);
    expect(ups).toBeGreaterThan(5);
    expect(ups).toBeLessThan(35);
  });

  it('rejects odd levels and too few trajectories', () => {
    expect(() => morrisDesign(3, 10, 5, mulberry32(1))).toThrow(/even/);
    expect(() => morrisDesign(3, 1, 4, mulberry32(1))).toThrow(/r must be/);
  });
});

describe('morrisIndices', () => {
  it('ranks 2·x0 + 0·x1 + x2² as x0 > x2 > x1, with x1 exactly zero', () => {
    const d = morrisDesign(3, 20, 4, mulberry32(2));
    const y = evaluate(d.points, (x) => 2 * x[0]! + 0 * x[1]! + x[2]! ** 2);
    const m = morrisIndices(d, y, mulberry32(3));
    expect(m.mu_star[1]).toBe(0);
    expect(m.sigma[1]).toBe(0);
    expect(m.mu_star_lo[1]).toBe(0);
    expect(m.mu_star_hi[1]).toBe(0);
    expect(m.mu_star[0]).toBeCloseTo(2, 12);
    // x2's effect (x + Δ)² − x² over Δ is 2x + Δ for x in {0, 1/3}: 2/3 or 4/3
    expect(m.mu_star[2]).toBeGreaterThanOrEqual(2 / 3 - 1e-12);
    expect(m.mu_star[2]).toBeLessThanOrEqual(4 / 3 + 1e-12);
    expect(m.sigma[2]).toBeGreaterThan(0.1);
    expect(m.mu_star_lo[2]).toBeLessThanOrEqual(m.mu_star[2]!);
    expect(m.mu_star_hi[2]).toBeGreaterThanOrEqual(m.mu_star[2]!);
    expect(m.mu_star_hi[2]).toBeLessThan(m.mu_star_lo[0]!);
  });

  it('recovers each coefficient of a linear function as every elementary effect', () => {
    const coef = [3, -2, 0.5, 0];
    const d = morrisDesign(4, 10, 6, mulberry32(9));
    const y = evaluate(d.points, (x) => 1 + coef.reduce((s, c, i) => s + c * x[i]!, 0));
    const m = morrisIndices(d, y, mulberry32(1), { bootstrap: 50 });
    coef.forEach((c, i) => {
      // exact up to the rounding of Δ = 3/5 and of the sums
      expect(m.mu[i]).toBeCloseTo(c, 12);
      expect(m.mu_star[i]).toBeCloseTo(Math.abs(c), 12);
      expect(m.sigma[i]).toBeLessThan(1e-12);
      expect(m.mu_star_lo[i]).toBeCloseTo(Math.abs(c), 12);
      expect(m.mu_star_hi[i]).toBeCloseTo(Math.abs(c), 12);
    });
  });

  it('throws on outputs that do not match the design', () => {
    const d = morrisDesign(2, 4, 4, mulberry32(1));
    expect(() => morrisIndices(d, [1, 2, 3], mulberry32(1))).toThrow(/y has 3 values but the design has 12/);
    const y = d.points.map(() => 1);
    y[4] = Number.NaN;
    expect(() => morrisIndices(d, y, mulberry32(1))).toThrow(/y\[4\] is not finite/);
    const broken = { ...d, points: d.points.map((p, i) => (i === 1 ? [...d.points[0]!] : p)) };
    expect(() =>
      morrisIndices(
        broken,
        broken.points.map(() => 0),
        mulberry32(1),
      ),
    ).toThrow(/one-factor step/);
  });
});
