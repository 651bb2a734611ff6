// Morris (1991) elementary effects screening with the trajectory (one-at-a-time) design, and the
// absolute mean mu* of Campolongo, Cariboni & Saltelli (2007), which does not let effects of opposite
// sign cancel.

import {
  bootstrapIntervals,
  checkCount,
  checkOutputs,
  permutation,
  type Rand,
  randomIndex,
} from './stats.js';

export interface MorrisDesign {
  /** r trajectories of k + 1 consecutive rows each, in [0, 1]^k; row t(k+1) + j is step j of trajectory t */
  points: number[][];
  r: number;
  k: number;
  /** the step each trajectory takes along every factor, in unit space */
  delta: number;
}

export interface MorrisIndices {
  /** mean elementary effect per factor */
  mu: number[];
  /** mean absolute elementary effect per factor: the ranking measure */
  mu_star: number[];
  /** standard deviation (n − 1) of the elementary effects: nonlinearity or interactions */
  sigma: number[];
  /** percentile-bootstrap 95% interval of mu_star, resampling whole trajectories */
  mu_star_lo: number[];
  mu_star_hi: number[];
}

/** r random trajectories on the p-level grid {0, 1/(p−1), …, 1} with Morris's step Δ = p/(2(p − 1)).
 * Each trajectory draws a base level from the lower half of the grid for every factor and a random sign
 * and order of factors; a factor stepping down starts Δ higher, so every point stays on the grid and
 * every level is equally likely (Morris 1991). */
export function morrisDesign(k: number, r: number, levels: number, rand: Rand): MorrisDesign {
  checkCount(k, 1, 'k');
  checkCount(r, 2, 'r');
  if (!Number.isInteger(levels) || levels < 2 || levels % 2 !== 0) {
    throw new RangeError(`levels must be an even integer >= 2, got ${levels}`);
  }
  const delta = levels / (2 * (levels - 1));
  const points: number[][] = [];
  for (let t = 0; t < r; t++) {
    const up: boolean[] = [];
    let x = Array.from({ length: k }, () => {
      const base = randomIndex(levels / 2, rand) / (levels - 1);
      const u = rand() < 0.5;
      up.push(u);
      return u ? base : base + delta;
    });
    points.push(x);
    for (const i of permutation(k, rand)) {
      x = [...x];
      x[i] = x[i]! + (up[i] ? delta : -delta);
      points.push(x);
    }
  }
  return { points, r, k, delta };
}

/** The k elementary effects of each trajectory, (y′ − y)/(x′_i − x_i) for the factor i that moved,
 * indexed [trajectory][factor]. The moved factor is read off the points, so a design that went through
 * JSON still works. */
function elementaryEffects(design: MorrisDesign, y: readonly number[]): number[][] {
  const { points, r, k } = design;
  const effects: number[][] = [];
  for (let t = 0; t < r; t++) {
    const ee = new Array<number>(k).fill(Number.NaN);
    for (let j = 0; j < k; j++) {
      const row = t * (k + 1) + j;
      const a = points[row]!;
      const b = points[row + 1]!;
      const moved = a.flatMap((v, i) => (v !== b[i] ? [i] : []));
      const i = moved[0];
      if (moved.length !== 1 || i === undefined || !Number.isNaN(ee[i]!)) {
        throw new RangeError(`rows ${row} and ${row + 1} are not a one-factor step of a Morris trajectory`);
      }
      ee[i] = (y[row + 1]! - y[row]!) / (b[i]! - a[i]!);
    }
    effects.push(ee);
  }
  return effects;
}

/** Column means of the per-trajectory effects listed in `idx`: [mu, mu*, sigma]. */
function summarize(effects: readonly number[][], idx: readonly number[], k: number): number[][] {
  const mu = new Array<number>(k).fill(0);
  const muStar = new Array<number>(k).fill(0);
  const ss = new Array<number>(k).fill(0);
  for (const t of idx) {
    effects[t]!.forEach((e, i) => {
      mu[i]! += e;
      muStar[i]! += Math.abs(e);
    });
  }
  const n = idx.length;
  for (let i = 0; i < k; i++) {
    mu[i]! /= n;
    muStar[i]! /= n;
  }
  for (const t of idx) {
    effects[t]!.forEach((e, i) => {
      ss[i]! += (e - mu[i]!) ** 2;
    });
  }
  return [mu, muStar, ss.map((s) => Math.sqrt(s / (n - 1)))];
}

/** Morris indices from the outputs y (one per design point, in design order). `bootstrap` (default 1000)
 * resamples of the r trajectories give the interval on mu_star. */
export function morrisIndices(
  design: MorrisDesign,
  y: readonly number[],
  rand: Rand,
  opts: { bootstrap?: number } = {},
): MorrisIndices {
  const { r, k } = design;
  checkOutputs(y, design.points.length);
  if (design.points.length !== r * (k + 1)) {
    throw new RangeError(`design has ${design.points.length} points, expected r(k + 1) = ${r * (k + 1)}`);
  }
  const effects = elementaryEffects(design, y);
  const all = Array.from({ length: r }, (_, t) => t);
  const [mu, mu_star, sigma] = summarize(effects, all, k) as [number[], number[], number[]];
  const ci = bootstrapIntervals(r, opts.bootstrap ?? 1000, rand, (idx) => summarize(effects, idx, k)[1]!);
  return { mu, mu_star, sigma, mu_star_lo: ci.lo, mu_star_hi: ci.hi };
}
