// Scoring rung forecasts against observed rungs, and the naive forecasters the model must beat. Proper
// scores (Brier 1950; the logarithmic score, Good 1952) for the events "stands at rung ≥ k", the expected
// absolute rung error for whole distributions, and Spearman's rank correlation for orderings.

import { MAX_RUNG } from '../model/types.js';

/** Tolerance on a distribution's total probability. */
const SUM_TOL = 1e-9;

function checkProbability(p: number): void {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`probability must be in [0, 1], got ${p}`);
}

function checkOutcome(o: number): void {
  if (o !== 0 && o !== 1) throw new RangeError(`outcome must be 0 or 1, got ${o}`);
}

/** Throws unless `dist` gives a non-negative probability to each rung 0..MAX_RUNG and sums to 1. */
function checkDist(dist: readonly number[]): void {
  if (dist.length !== MAX_RUNG + 1) {
    throw new RangeError(
      `distribution must have ${MAX_RUNG + 1} entries (rungs 0..${MAX_RUNG}), got ${dist.length}`,
    );
  }
  let sum = 0;
  dist.forEach((p, r) => {
    if (!(p >= 0 && p <= 1)) throw new RangeError(`distribution[${r}] must be in [0, 1], got ${p}`);
    sum += p;
  });
  if (Math.abs(sum - 1) > SUM_TOL) throw new RangeError(`distribution must sum to 1, sums to ${sum}`);
}

function checkRung(r: number, what: string): void {
  if (!Number.isInteger(r) || r < 0 || r > MAX_RUNG) {
    throw new RangeError(`${what} must be a whole rung in 0..${MAX_RUNG}, got ${r}`);
  }
}

/** Brier score (p − o)² of probability p for a binary outcome o. */
export function brier(p: number, outcome: 0 | 1): number {
  checkProbability(p);
  checkOutcome(outcome);
  return (p - outcome) ** 2;
}

/** Logarithmic score −ln P(outcome). p is clipped to [eps, 1 − eps] first: a naive forecaster is
 * certain (p = 0 or 1), and one wrong month would otherwise cost +∞ and swamp every average; with the
 * clip it costs −ln(eps) (≈ 13.8 at the default 1e-6). */
export function logScore(p: number, outcome: 0 | 1, eps = 1e-6): number {
  checkProbability(p);
  checkOutcome(outcome);
  if (!(eps > 0 && eps < 0.5)) throw new RangeError(`eps must be in (0, 0.5), got ${eps}`);
  const q = Math.min(1 - eps, Math.max(eps, p));
  return -Math.log(outcome === 1 ? q : 1 - q);
}

/** Σ_r P(r)·|r − observed| for a distribution over rungs 0..MAX_RUNG: the mean absolute rung error of a
 * forecaster drawing from it (for a point forecast, just |rung − observed|). */
export function expectedAbsError(dist: readonly number[], observed: number): number {
  checkDist(dist);
  checkRung(observed, 'observed');
  let s = 0;
  dist.forEach((p, r) => {
    s += p * Math.abs(r - observed);
  });
  return s;
}

/** P(rung ≥ k) under a distribution over rungs 0..MAX_RUNG (1 for k ≤ 0, 0 for k > MAX_RUNG). */
export function atLeast(dist: readonly number[], k: number): number {
  checkDist(dist);
  if (!Number.isInteger(k)) throw new RangeError(`k must be an integer, got ${k}`);
  if (k <= 0) return 1;
  let s = 0;
  for (let r = k; r <= MAX_RUNG; r++) s += dist[r]!;
  // shares of a histogram can add up to a hair above 1 in floating point
  return Math.min(1, s);
}

/** Ranks 1..n, ties sharing the average of the ranks they span. */
function ranks(xs: readonly number[]): number[] {
  const order = xs.map((_, i) => i).sort((i, j) => xs[i]! - xs[j]!);
  const out = new Array<number>(xs.length);
  for (let a = 0; a < order.length; ) {
    let b = a + 1;
    while (b < order.length && xs[order[b]!] === xs[order[a]!]) b++;
    // positions a..b−1 (0-based) hold equal values: each gets the mean rank (a + 1 + b) / 2
    for (let i = a; i < b; i++) out[order[i]!] = (a + 1 + b) / 2;
    a = b;
  }
  return out;
}

/** Spearman's rank correlation: the Pearson correlation of the ranks, ties given average ranks (so it
 * stays exact with ties, where the shortcut 1 − 6Σd²/(n(n² − 1)) does not). null with fewer than 3
 * pairs, or when either side is constant and there is no ordering to correlate. */
export function spearman(a: readonly number[], b: readonly number[]): number | null {
  if (a.length !== b.length) throw new RangeError(`spearman: lengths differ, ${a.length} vs ${b.length}`);
  for (const [name, xs] of [
    ['a', a],
    ['b', b],
  ] as const) {
    const bad = xs.findIndex((v) => !Number.isFinite(v));
    if (bad >= 0) throw new RangeError(`spearman: ${name}[${bad}] is not finite (${xs[bad]})`);
  }
  const n = a.length;
  if (n < 3) return null;
  const ra = ranks(a);
  const rb = ranks(b);
  const m = (n + 1) / 2; // the mean of any average-rank vector
  let sab = 0;
  let saa = 0;
  let sbb = 0;
  for (let i = 0; i < n; i++) {
    const da = ra[i]! - m;
    const db = rb[i]! - m;
    sab += da * db;
    saa += da * da;
    sbb += db * db;
  }
  if (saa === 0 || sbb === 0) return null;
  return sab / Math.sqrt(saa * sbb);
}

/** A point forecast as a distribution over rungs 0..MAX_RUNG, so the naive forecasters are scored by
 * the same functions as the model. */
export function pointDist(rung: number): number[] {
  checkRung(rung, 'rung');
  const d = new Array<number>(MAX_RUNG + 1).fill(0);
  d[rung] = 1;
  return d;
}

/** The persistence forecast: the rung at the window start, every month. */
export function persistence(observed: readonly number[]): number[] {
  return observed.map(() => observed[0]!);
}

/** A naive trend forecaster that knows only the first `fitMonths` months of the window: the
 * least-squares line through (month index, rung) over those months, extrapolated over the whole window,
 * rounded to the nearest whole rung (halves up) and clamped to 0..MAX_RUNG. With a flat start it equals
 * persistence; with fitMonths = 1 it is persistence.
 *
 * The fit at month t is kept as the exact ratio (Y·D + N·(m·t − T)) / (m·D), with T = Σt, Y = Σy,
 * N = m·Σty − T·Y and D = m·Σt² − T², which for whole rungs is a ratio of integers: a fitted value of
 * exactly x.5 then rounds up every time instead of falling either side by floating-point error. */
export function linearTrend(observed: readonly number[], fitMonths: number): number[] {
  if (!Number.isInteger(fitMonths) || fitMonths < 1 || fitMonths > observed.length) {
    throw new RangeError(`fitMonths must be an integer in 1..${observed.length}, got ${fitMonths}`);
  }
  const bad = observed.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`observed[${bad}] is not finite (${observed[bad]})`);
  const m = fitMonths;
  let sy = 0;
  let sty = 0;
  for (let t = 0; t < m; t++) {
    sy += observed[t]!;
    sty += t * observed[t]!;
  }
  const st = (m * (m - 1)) / 2;
  const stt = ((m - 1) * m * (2 * m - 1)) / 6;
  // One month gives no slope: D = 0 and N = 0, so use D = 1 for the flat line through that month.
  const d = m * stt - st * st || 1;
  const num = m * sty - st * sy;
  const den = m * d;
  return observed.map((_, t) => {
    const fit = sy * d + num * (m * t - st);
    const rung = Math.floor((2 * fit + den) / (2 * den));
    return Math.min(MAX_RUNG, Math.max(0, rung));
  });
}
