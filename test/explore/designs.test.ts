import { describe, expect, it } from 'vitest';
import { fullFactorial, latinHypercube } from '../../src/explore/index.js';
import { mulberry32 } from './rand.js';

describe('latinHypercube', () => {
  it('puts exactly one point in every 1/n stratum of every column', () => {
    const n = 50;
    const k = 4;
    const x = latinHypercube(n, k, mulberry32(1));
    expect(x).toHaveLength(n);
    for (let c = 0; c < k; c++) {
      const strata = x.map((row) => Math.floor(row[c]! * n)).sort((a, b) => a - b);
      expect(strata).toEqual(Array.from({ length: n }, (_, i) => i));
      for (const row of x) expect(row[c]).toBeGreaterThanOrEqual(0);
      for (const row of x) expect(row[c]).toBeLessThan(1);
    }
  });

  it('permutes columns independently and is deterministic given the stream', () => {
    const x = latinHypercube(20, 2, mulberry32(7));
    expect(latinHypercube(20, 2, mulberry32(7))).toEqual(x);
    const s0 = x.map((r) => Math.floor(r[0]! * 20));
    const s1 = x.map((r) => Math.floor(r[1]! * 20));
    expect(s0).not.toEqual(s1);
    expect(latinHypercube(20, 2, mulberry32(8))).not.toEqual(x);
  });

  it('rejects empty sizes', () => {
    expect(() => latinHypercube(0, 2, mulberry32(1))).toThrow(RangeError);
    expect(() => latinHypercube(5, 0, mulberry32(1))).toThrow(/k must be an integer >= 1/);
  });
});

describe('fullFactorial', () => {
  it('lists every combination, last factor fastest', () => {
    expect(fullFactorial([2, 3])).toEqual([
      [0, 0],
      [0, 1],
      [0, 2],
      [1, 0],
      [1, 1],
      [1, 2],
    ]);
    expect(fullFactorial([3, 1, 2])).toHaveLength(6);
    expect(fullFactorial([3, 1, 2])[5]).toEqual([2, 0, 1]);
  });

  it('rejects a factor with no levels', () => {
    expect(() => fullFactorial([2, 0])).toThrow(/levels\[1\]/);
    expect(() => fullFactorial([2.5])).toThrow(RangeError);
  });
});
