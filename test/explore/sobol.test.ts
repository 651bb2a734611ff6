import { describe, expect, it } from 'vitest';
import { saltelliDesign, sobolIndices } from '../../src/explore/index.js';
import { mulberry32 } from './rand.js';

/** Ishigami & Homma (1990) with a = 7, b = 0.1 on [−π, π]³. */
function ishigami(u: number[]): number {
  const [x1, x2, x3] = u.map((v) => -Math.PI + 2 * Math.PI * v) as [number, number, number];
  return Math.sin(x1) + 7 * Math.sin(x2) ** 2 + 0.1 * x3 ** 4 * Math.sin(x1);
}

// Analytic values: V = a²/8 + bπ⁴/5 + b²π⁸/18 + 1/2, V1 = (1 + bπ⁴/5)²/2, V2 = a²/8,
// V13 = b²π⁸(1/18 − 1/50).
const pi4 = Math.PI ** 4;
const V = 49 / 8 + (0.1 * pi4) / 5 + (0.01 * pi4 * pi4) / 18 + 0.5;
const V1 = (1 + (0.1 * pi4) / 5) ** 2 / 2;
const V2 = 49 / 8;
const V13 = 0.01 * pi4 * pi4 * (1 / 18 - 1 / 50);
const S1 = [V1 / V, V2 / V, 0];
const ST = [(V1 + V13) / V, V2 / V, V13 / V];

describe('saltelliDesign', () => {
  it('lays out A, B, then each AB_i as A with column i from B', () => {
    const n = 8;
    const k = 3;
    const d = saltelliDesign(n, k, mulberry32(4));
    expect(d.points).toHaveLength(n * (k + 2));
    const A = d.points.slice(0, n);
    const B = d.points.slice(n, 2 * n);
    for (let i = 0; i < k; i++) {
      const AB = d.points.slice((2 + i) * n, (3 + i) * n);
      AB.forEach((row, j) => {
        expect(row).toEqual(A[j]!.map((v, c) => (c === i ? B[j]![c] : v)));
      });
    }
    // A and B are each Latin hypercubes
    for (const M of [A, B]) {
      for (let c = 0; c < k; c++) {
        expect(M.map((r) => Math.floor(r[c]! * n)).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
      }
    }
  });
});

describe('sobolIndices', () => {
  it('matches the analytic indices of the Ishigami function', () => {
    expect(S1[0]).toBeCloseTo(0.3139, 4);
    expect(ST[2]).toBeCloseTo(0.2437, 4);
    const d = saltelliDesign(2 ** 14, 3, mulberry32(2024));
    const y = d.points.map(ishigami);
    const s = sobolIndices(d, y, mulberry32(7));
    // At n = 2^14 the bootstrap standard errors are about 0.01, so ±0.03 is roughly three of them. The
    // six 95% intervals each miss their analytic value about one time in twenty: at least five cover it.
    let covered = 0;
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(s.s1[i]! - S1[i]!)).toBeLessThan(0.03);
      expect(Math.abs(s.st[i]! - ST[i]!)).toBeLessThan(0.03);
      if (s.s1_lo[i]! <= S1[i]! && S1[i]! <= s.s1_hi[i]!) covered++;
      if (s.st_lo[i]! <= ST[i]! && ST[i]! <= s.st_hi[i]!) covered++;
      // intervals are informative, not vacuous
      expect(s.s1_hi[i]! - s.s1_lo[i]!).toBeLessThan(0.1);
      expect(s.st_hi[i]! - s.st_lo[i]!).toBeLessThan(0.1);
    }
    expect(covered).toBeGreaterThanOrEqual(5);
  });

  it('is unchanged when every output shifts by 10⁶ (centred first-order products)', () => {
    const d = saltelliDesign(64, 3, mulberry32(11));
    const y = d.points.map(ishigami);
    const a = sobolIndices(d, y, mulberry32(5), { bootstrap: 50 });
    const b = sobolIndices(
      d,
      y.map((v) => v + 1e6),
      mulberry32(5),
      { bootstrap: 50 },
    );
    for (const key of ['s1', 'st', 's1_lo', 's1_hi', 'st_lo', 'st_hi'] as const)
      b[key].forEach((v, i) => {
        expect(v).toBeCloseTo(a[key][i]!, 6);
      });
  });

  it('at n = 256 the Ishigami indices land near their known values, none far outside [0, 1]', () => {
    const d = saltelliDesign(256, 3, mulberry32(2024));
    const s = sobolIndices(d, d.points.map(ishigami), mulberry32(7), { bootstrap: 200 });
    for (let i = 0; i < 3; i++) {
      expect(Math.abs(s.s1[i]! - S1[i]!)).toBeLessThan(0.12);
      expect(Math.abs(s.st[i]! - ST[i]!)).toBeLessThan(0.12);
    }
    for (const v of [...s.s1, ...s.st]) {
      expect(v).toBeGreaterThan(-0.05);
      expect(v).toBeLessThan(1.05);
    }
  });

  it('gives S1 = ST = [0.2, 0.8] for x0 + 2·x1', () => {
    const d = saltelliDesign(4096, 2, mulberry32(1));
    const s = sobolIndices(
      d,
      d.points.map((x) => x[0]! + 2 * x[1]!),
      mulberry32(2),
      { bootstrap: 200 },
    );
    expect(s.s1[0]).toBeCloseTo(0.2, 1);
    expect(s.s1[1]).toBeCloseTo(0.8, 1);
    expect(Math.abs(s.st[0]! - 0.2)).toBeLessThan(0.02);
    expect(Math.abs(s.st[1]! - 0.8)).toBeLessThan(0.02);
    expect(Math.abs(s.s1[0]! - 0.2)).toBeLessThan(0.03);
    expect(Math.abs(s.s1[1]! - 0.8)).toBeLessThan(0.03);
  });

  it('returns zero indices, not NaN, for a constant output', () => {
    const d = saltelliDesign(16, 3, mulberry32(1));
    const s = sobolIndices(
      d,
      d.points.map(() => 5),
      mulberry32(2),
      { bootstrap: 20 },
    );
    for (const v of [...s.s1, ...s.st, ...s.s1_lo, ...s.s1_hi, ...s.st_lo, ...s.st_hi]) expect(v).toBe(0);
  });

  it('throws on mismatched or empty input', () => {
    const d = saltelliDesign(4, 2, mulberry32(1));
    expect(() => sobolIndices(d, [1, 2], mulberry32(1))).toThrow(/y has 2 values but the design has 16/);
    expect(() => saltelliDesign(0, 2, mulberry32(1))).toThrow(/n must be an integer >= 1, got 0/);
    expect(() => sobolIndices({ points: [], n: 0, k: 2 }, [], mulberry32(1))).toThrow(RangeError);
  });
});
