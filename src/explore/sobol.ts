// Variance-based (Sobol) sensitivity indices from the Saltelli sampling scheme: first-order indices by
// the estimator of Saltelli et al. (2010, table 2 (b)) applied to outputs centred on the pooled mean of
// A and B (shift-invariant), total-order indices by Jansen (1999). No clamping to [0, 1]: a raw value
// outside it says the sample is too small, and the study says so.

import { latinHypercube } from './designs.js';
import { bootstrapIntervals, checkCount, checkOutputs, type Rand } from './stats.js';

export interface SaltelliDesign {
  /** n(k + 2) rows in (0, 1)^k: A (rows 0..n−1), B (rows n..2n−1), then AB_i for i = 0..k−1 in rows
   * (2 + i)n..(3 + i)n − 1, where AB_i is A with column i taken from B */
  points: number[][];
  n: number;
  k: number;
}

export interface SobolIndices {
  /** first-order index per factor: the share of output variance the factor explains alone */
  s1: number[];
  /** total-order index per factor: its share including all interactions */
  st: number[];
  /** percentile-bootstrap 95% intervals, resampling the n rows of A, B and every AB_i together */
  s1_lo: number[];
  s1_hi: number[];
  st_lo: number[];
  st_hi: number[];
}

/** The Saltelli design for k factors at base sample size n. A and B are the two halves of one Latin
 * hypercube in 2k dimensions, so each is stratified and they are independent of each other. */
export function saltelliDesign(n: number, k: number, rand: Rand): SaltelliDesign {
  checkCount(n, 1, 'n');
  checkCount(k, 1, 'k');
  const ab = latinHypercube(n, 2 * k, rand);
  const a = ab.map((row) => row.slice(0, k));
  const b = ab.map((row) => row.slice(k));
  const points = [...a, ...b];
  for (let i = 0; i < k; i++) {
    points.push(...a.map((row, j) => row.map((v, c) => (c === i ? b[j]![i]! : v))));
  }
  return { points, n, k };
}

/** [S1..., ST...] over the base rows listed in `idx`. */
function estimate(y: readonly number[], n: number, k: number, idx: readonly number[]): number[] {
  const m = idx.length;
  let sum = 0;
  for (const j of idx) sum += y[j]! + y[n + j]!;
  const avg = sum / (2 * m);
  let v = 0;
  for (const j of idx) v += (y[j]! - avg) ** 2 + (y[n + j]! - avg) ** 2;
  v /= 2 * m;
  const out = new Array<number>(2 * k).fill(0);
  // A constant output has no variance to apportion: every index is 0 rather than 0/0.
  if (v === 0) return out;
  for (let i = 0; i < k; i++) {
    const base = (2 + i) * n;
    let first = 0;
    let total = 0;
    for (const j of idx) {
      const fa = y[j]!;
      const fab = y[base + j]!;
      // f_B centred on the pooled mean: the product is then unchanged when every output shifts by a
      // constant (uncentred, an outcome with a large mean and a small variance blows up)
      first += (y[n + j]! - avg) * (fab - fa);
      total += (fa - fab) ** 2;
    }
    out[i] = first / m / v;
    out[k + i] = total / (2 * m) / v;
  }
  return out;
}

/** Sobol indices from the outputs y (one per design point, in design order); the variance is that of
 * the pooled A and B outputs. `bootstrap` (default 500) resamples give the intervals. */
export function sobolIndices(
  design: SaltelliDesign,
  y: readonly number[],
  rand: Rand,
  opts: { bootstrap?: number } = {},
): SobolIndices {
  const { n, k } = design;
  checkCount(n, 1, 'n');
  checkOutputs(y, design.points.length);
  if (design.points.length !== n * (k + 2)) {
    throw new RangeError(`design has ${design.points.length} points, expected n(k + 2) = ${n * (k + 2)}`);
  }
  const all = Array.from({ length: n }, (_, j) => j);
  const point = estimate(y, n, k, all);
  const ci = bootstrapIntervals(n, opts.bootstrap ?? 500, rand, (idx) => estimate(y, n, k, idx));
  return {
    s1: point.slice(0, k),
    st: point.slice(k),
    s1_lo: ci.lo.slice(0, k),
    s1_hi: ci.hi.slice(0, k),
    st_lo: ci.lo.slice(k),
    st_hi: ci.hi.slice(k),
  };
}
