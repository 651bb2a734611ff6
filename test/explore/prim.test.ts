import { describe, expect, it } from 'vitest';
import { prim, restrictedDims } from '../../src/explore/index.js';
import { mulberry32 } from './rand.js';

function uniformPoints(n: number, k: number, seed: number): number[][] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => Array.from({ length: k }, rand));
}

describe('prim', () => {
  const x = uniformPoints(2000, 3, 42);
  const y = x.map((p) => p[0]! > 0.7 && p[1]! < 0.4);
  const res = prim(x, y);
  const full = res.trajectory[0]!.box;
  const chosen = res.trajectory[res.chosen]!;

  it('finds the box x0 > 0.7, x1 < 0.4 and leaves x2 alone', () => {
    expect(chosen.box.lo[0]).toBeGreaterThan(0.68);
    expect(chosen.box.lo[0]).toBeLessThan(0.75);
    expect(chosen.box.hi[1]).toBeGreaterThan(0.35);
    expect(chosen.box.hi[1]).toBeLessThan(0.42);
    expect(chosen.box.hi[0]).toBe(full.hi[0]);
    expect(chosen.box.lo[1]).toBe(full.lo[1]);
    expect(restrictedDims(chosen.box, full)).toEqual([0, 1]);
    expect(chosen.density).toBeGreaterThan(0.9);
    expect(chosen.coverage).toBeGreaterThan(0.9);
  });

  it('starts from the whole data and shrinks monotonically', () => {
    const cases = y.filter(Boolean).length;
    expect(res.trajectory[0]).toMatchObject({ step: 0, coverage: 1, n: 2000, density: cases / 2000 });
    res.trajectory.forEach((s, i) => {
      expect(s.step).toBe(i);
      expect(s.coverage * cases).toBeCloseTo(Math.round(s.density * s.n), 9);
      const prev = res.trajectory[i - 1];
      if (!prev) return;
      expect(s.coverage).toBeLessThanOrEqual(prev.coverage);
      expect(s.n).toBeLessThan(prev.n);
      expect(s.density).toBeGreaterThan(prev.density);
      // one peel: at most ⌊0.05·m⌋ points fewer for continuous factors
      expect(prev.n - s.n).toBeLessThanOrEqual(Math.floor(0.05 * prev.n));
    });
  });

  it('chooses the densest step with coverage ≥ 0.5', () => {
    const eligible = res.trajectory.filter((s) => s.coverage >= 0.5);
    expect(chosen.coverage).toBeGreaterThanOrEqual(0.5);
    expect(chosen.density).toBe(Math.max(...eligible.map((s) => s.density)));
  });

  it('breaks ties by factor index, then low before high, and respects minMass', () => {
    const pts = [
      [0, 0],
      [1, 1],
      [0.5, 0.5],
      [0.5, 0.5],
    ];
    const hit = [false, false, true, true];
    const r = prim(pts, hit, { alpha: 0.25, minMass: 0 });
    expect(r.trajectory.map((s) => s.box)).toEqual([
      { lo: [0, 0], hi: [1, 1] },
      { lo: [0.5, 0], hi: [1, 1] },
      { lo: [0.5, 0], hi: [0.5, 1] },
    ]);
    expect(r.trajectory.map((s) => s.density)).toEqual([0.5, 2 / 3, 1]);
    expect(r.chosen).toBe(2);
    expect(prim(pts, hit, { alpha: 0.25, minMass: 0.6 }).trajectory).toHaveLength(2);
  });

  it('peels a discrete factor one whole value at a time', () => {
    const rand = mulberry32(8);
    const pts = Array.from({ length: 500 }, () => [Math.floor(rand() * 5), rand()]);
    const hit = pts.map((p) => p[0]! >= 3);
    const countAt = (v: number) => pts.filter((p) => p[0] === v).length;
    const r = prim(pts, hit, { discrete: [true, false] });
    expect(r.trajectory.map((s) => s.box.lo[0])).toEqual([0, 1, 2, 3]);
    expect(r.trajectory.map((s) => s.n)).toEqual([
      500,
      500 - countAt(0),
      500 - countAt(0) - countAt(1),
      countAt(3) + countAt(4),
    ]);
    expect(r.trajectory.at(-1)).toMatchObject({ density: 1, coverage: 1 });
    expect(r.chosen).toBe(3);
    // treated as continuous, the ties at 0 and 4 make x0 unpeelable
    const cont = prim(pts, hit);
    for (const s of cont.trajectory) expect(s.box.lo[0]).toBe(0);
  });

  it('handles no cases of interest without dividing by zero', () => {
    const r = prim(uniformPoints(50, 2, 1), new Array(50).fill(false));
    expect(r.trajectory).toHaveLength(1);
    expect(r.trajectory[0]).toMatchObject({ coverage: 0, density: 0, n: 50 });
    expect(r.chosen).toBe(0);
  });

  it('rejects bad input', () => {
    expect(() => prim([], [])).toThrow(/n = 0/);
    expect(() => prim(x, y.slice(1))).toThrow(/y has 1999 values but x has 2000 rows/);
    expect(() => prim([[0, 1], [1]], [true, false])).toThrow(/x\[1\] has 1 factors/);
    expect(() => prim(x, y, { discrete: [true] })).toThrow(RangeError);
    expect(() => prim(x, y, { alpha: 0 })).toThrow(/alpha/);
  });
});

describe('restrictedDims', () => {
  it('lists the factors whose limits moved in from the full box', () => {
    const full = { lo: [0, 0, 0], hi: [1, 1, 1] };
    expect(restrictedDims({ lo: [0, 0.2, 0], hi: [1, 1, 0.9] }, full)).toEqual([1, 2]);
    expect(restrictedDims(full, full)).toEqual([]);
  });
});
