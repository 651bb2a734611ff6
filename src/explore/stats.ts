// Small statistics shared by the designs and the sensitivity estimators, plus the interval helpers used
// to compare scenarios. Pure: randomness only ever arrives as a `Rand`.

/** A stream of uniforms in (0, 1); callers pass a seeded one so every result is reproducible. */
export type Rand = () => number;

/** An estimate with a 95% interval. */
export interface Interval {
  mean: number;
  lo: number;
  hi: number;
}

/** Two-sided 95% normal quantile, rounded as it is usually quoted. */
const Z95 = 1.96;

/** Throws unless `n` is an integer ≥ `min`; `what` names the argument in the message. */
export function checkCount(n: number, min: number, what: string): void {
  if (!Number.isInteger(n) || n < min) throw new RangeError(`${what} must be an integer >= ${min}, got ${n}`);
}

/** Throws unless `y` holds `expected` finite outputs, one per design point. */
export function checkOutputs(y: readonly number[], expected: number): void {
  if (y.length !== expected) {
    throw new RangeError(`y has ${y.length} values but the design has ${expected} points`);
  }
  const bad = y.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new RangeError(`y[${bad}] is not finite (${y[bad]})`);
}

/** A uniform integer in [0, n). The clamp guards against a uniform that rounds up to 1. */
export function randomIndex(n: number, rand: Rand): number {
  return Math.min(n - 1, Math.floor(rand() * n));
}

/** A uniformly random permutation of 0..n-1 (Fisher–Yates). */
export function permutation(n: number, rand: Rand): number[] {
  const p = Array.from({ length: n }, (_, i) => i);
  for (let i = n - 1; i > 0; i--) {
    const j = randomIndex(i + 1, rand);
    const t = p[i]!;
    p[i] = p[j]!;
    p[j] = t;
  }
  return p;
}

export function mean(xs: readonly number[]): number {
  if (xs.length === 0) throw new RangeError('mean of an empty array');
  let s = 0;
  for (const x of xs) s += x;
  return s / xs.length;
}

/** Sample variance (n − 1 denominator). */
export function variance(xs: readonly number[]): number {
  if (xs.length < 2) throw new RangeError(`variance needs at least 2 values, got ${xs.length}`);
  const m = mean(xs);
  let s = 0;
  for (const x of xs) s += (x - m) ** 2;
  return s / (xs.length - 1);
}

/** The p-quantile (p in [0, 1]) of an ascending array, interpolating linearly between order statistics
 * (Hyndman & Fan type 7, the default of R and NumPy). */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new RangeError('percentile of an empty array');
  if (!(p >= 0 && p <= 1)) throw new RangeError(`percentile p must be in [0, 1], got ${p}`);
  const h = (sorted.length - 1) * p;
  const i = Math.floor(h);
  const lo = sorted[i]!;
  return i + 1 < sorted.length ? lo + (h - i) * (sorted[i + 1]! - lo) : lo;
}

/** Percentile-bootstrap 95% intervals for a vector statistic: resample `units` indices with replacement
 * `resamples` times, evaluate `statistic` on each resample, and take the 2.5% and 97.5% percentiles of
 * each component. */
export function bootstrapIntervals(
  units: number,
  resamples: number,
  rand: Rand,
  statistic: (idx: readonly number[]) => number[],
): { lo: number[]; hi: number[] } {
  checkCount(units, 1, 'bootstrap units');
  checkCount(resamples, 1, 'bootstrap');
  const idx = new Array<number>(units);
  const samples: number[][] = [];
  for (let b = 0; b < resamples; b++) {
    for (let j = 0; j < units; j++) idx[j] = randomIndex(units, rand);
    samples.push(statistic(idx));
  }
  const draws = samples[0]!.map((_, c) => samples.map((s) => s[c]!));
  const lo: number[] = [];
  const hi: number[] = [];
  for (const d of draws) {
    d.sort((a, b) => a - b);
    lo.push(percentile(d, 0.025));
    hi.push(percentile(d, 0.975));
  }
  return { lo, hi };
}

/** Mean ± 1.96·sd/√n, sd with the n − 1 denominator. Needs two values: one gives no spread to go on. */
export function meanInterval(xs: readonly number[]): Interval {
  const m = mean(xs);
  const half = (Z95 * Math.sqrt(variance(xs))) / Math.sqrt(xs.length);
  return { mean: m, lo: m - half, hi: m + half };
}

/** Mean of b − a over paired draws (e.g. the same seeds run under two scenarios) with a 95% normal
 * interval. Pairing removes the seed-to-seed noise both runs share. */
export function pairedDifference(a: readonly number[], b: readonly number[]): Interval {
  if (a.length !== b.length)
    throw new RangeError(`paired arrays differ in length: ${a.length} vs ${b.length}`);
  return meanInterval(a.map((x, i) => b[i]! - x));
}
