// The likelihood of the observed record under the model's hazards. Each latent path (one seed: ISK
// attacks, incidents, faction power, policy) is run with every country held to the record month by
// month (teacher forcing), so the probability of each observed direction — up, down or stay — is the
// closed-form hazard the model gave it. The paths are averaged on the likelihood scale, country by
// country (a composite likelihood: Varin, Reid & Firth 2011, Statistica Sinica 21:5), because one
// latent path rarely suits all 23 countries at once and the joint average rests on a few paths;
// the joint figure and both effective sample sizes are reported beside it.
//
// A per-country drive offset enters only that country's hazards when all countries are held to the
// record, so offsets are fitted on the stored hazards without running again: the profile of the
// likelihood over offsets, under a Normal(0, σ) shrinkage prior fixed in advance.

import { replicationSeed } from '../ensemble/input.js';
import { moveHazard } from '../model/countries.js';
import { round6 } from '../model/results.js';
import { simulate } from '../model/simulate.js';
import { formatMonth, parseMonth } from '../model/time.js';
import { HAZARD_FIELDS, type ModelInput } from '../model/types.js';
import type { LikelihoodSummary } from './docs.js';
import { constantHazard } from './hazard-baseline.js';

const NF = HAZARD_FIELDS.length;

/** Chance per month that the record shows a move the model's hazards rule out (a mis-dated row, a
 * step the model has no term for): spread over the three directions, so no observed month has
 * probability 0 and one such month costs about ln(3 / TREMBLE) ≈ 8 nats. */
export const TREMBLE = 1e-3;

/** The record as the forcing needs it: month-major rungs and listings, and each month's direction. */
export interface RecordArrays {
  months: number;
  countries: number;
  rung: Int8Array;
  listed: Uint8Array;
  /** sign of the rung change into each month (month 0: 0) */
  dir: Int8Array;
}

/** From per-country series ([country][month]). */
export function recordArrays(
  rungs: readonly (readonly number[])[],
  listed: readonly (readonly number[])[],
): RecordArrays {
  const n = rungs.length;
  const months = rungs[0]?.length ?? 0;
  const rung = new Int8Array(months * n);
  const lst = new Uint8Array(months * n);
  const dir = new Int8Array(months * n);
  for (let c = 0; c < n; c++)
    for (let m = 0; m < months; m++) {
      rung[m * n + c] = rungs[c]![m]!;
      lst[m * n + c] = listed[c]![m]!;
      if (m > 0) dir[m * n + c] = Math.sign(rungs[c]![m]! - rungs[c]![m - 1]!);
    }
  return { months, countries: n, rung, listed: lst, dir };
}

/** The hazards each latent path gave each country-month while held to the record. */
export interface HeldRuns {
  record: RecordArrays;
  width: number;
  /** per path: months × countries × HAZARD_FIELDS */
  hazards: Float64Array[];
}

/** Runs `paths` latent paths (the ensemble's seeds 0..paths−1) held to the record. The input's window
 * must be the record's. */
export function holdRuns(input: ModelInput, record: RecordArrays, paths: number): HeldRuns {
  const hazards: Float64Array[] = [];
  for (let r = 0; r < paths; r++) {
    const h = new Float64Array(record.months * record.countries * NF);
    simulate({ ...input, seed: replicationSeed(input.seed, r) }, undefined, {
      rung: record.rung,
      listed: record.listed,
      hazards: h,
    });
    hazards.push(h);
  }
  return { record, width: input.params.decision.hazard_width, hazards };
}

/** log P(the observed direction) of one country-month, with the country's drive moved by `offset`. */
function cellLogP(h: Float64Array, k: number, dir: number, offset: number, width: number): number {
  const cap = 1 - h[k + 5]!;
  const up = moveHazard(h[k]! + offset, h[k + 2]!, h[k + 3]!, cap, width);
  const down = h[k + 4]! > 0 ? moveHazard(h[k + 1]! - offset, h[k + 2]!, 1, cap, width) : 0;
  const p = dir > 0 ? up : dir < 0 ? down : 1 - up - down;
  return Math.log(TREMBLE / 3 + (1 - TREMBLE) * p);
}

/** Σ over months [from, to) of country c's log-probabilities on path r. */
function countryLogLik(held: HeldRuns, r: number, c: number, offset: number, from: number, to: number) {
  const { record, width } = held;
  const n = record.countries;
  const h = held.hazards[r]!;
  let s = 0;
  for (let m = Math.max(1, from); m < to; m++) {
    const cell = m * n + c;
    s += cellLogP(h, cell * NF, record.dir[cell]!, offset, width);
  }
  return s;
}

/** log of the mean of exp(x): the average of the paths' likelihoods, kept on the log scale. */
function logMeanExp(x: Float64Array): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const v of x) max = Math.max(max, v);
  let s = 0;
  for (const v of x) s += Math.exp(v - max);
  return max + Math.log(s / x.length);
}

export interface LogLik {
  /** Σ over countries of the log of the country's likelihood averaged over paths (the composite
   * likelihood that is fitted: each country's moves are weighed against the latent paths on their
   * own, which keeps the Monte Carlo average usable — see `ess`) */
  loglik: number;
  /** log of the joint likelihood averaged over paths (all countries on one path) */
  joint: number;
  /** per country: its term of `loglik` */
  perCountry: number[];
  /** effective number of paths behind `joint` and, the smallest over countries, behind `loglik`:
   * (Σw)² / Σw², w the paths' likelihoods */
  ess: { joint: number; country: number };
  /** country-months whose observed direction got probability below TREMBLE on every path */
  ruledOut: { country: number; month: number }[];
}

/** Per path and country: Σ log P over months [from, to). */
function contributions(held: HeldRuns, offsets: ArrayLike<number>, from: number, to: number) {
  const P = held.hazards.length;
  const n = held.record.countries;
  const out = new Float64Array(P * n);
  for (let r = 0; r < P; r++)
    for (let c = 0; c < n; c++) out[r * n + c] = countryLogLik(held, r, c, offsets[c]!, from, to);
  return out;
}

/** The effective sample size of log-weights whose log-mean-exp is `lme`. */
function ess(x: Float64Array, lme: number): number {
  let sw = 0;
  let sw2 = 0;
  for (const v of x) {
    const w = Math.exp(v - lme);
    sw += w;
    sw2 += w * w;
  }
  return (sw * sw) / sw2;
}

/** The log-likelihood of the transitions into months [from, to) with the given drive offsets. */
export function logLik(held: HeldRuns, offsets: ArrayLike<number>, from: number, to: number): LogLik {
  const P = held.hazards.length;
  const { countries: n, dir } = held.record;
  const contrib = contributions(held, offsets, from, to);
  const tot = new Float64Array(P);
  for (let r = 0; r < P; r++) for (let c = 0; c < n; c++) tot[r]! += contrib[r * n + c]!;
  const joint = logMeanExp(tot);
  let minEss = P;
  const perCountry = Array.from({ length: n }, (_, c) => {
    const x = Float64Array.from({ length: P }, (_, r) => contrib[r * n + c]!);
    const v = logMeanExp(x);
    minEss = Math.min(minEss, ess(x, v));
    return v;
  });
  const floor = Math.log(TREMBLE / 3 + (1 - TREMBLE) * TREMBLE);
  const ruledOut: LogLik['ruledOut'] = [];
  for (let m = Math.max(1, from); m < to; m++)
    for (let c = 0; c < n; c++) {
      if (dir[m * n + c] === 0) continue;
      const k = (m * n + c) * NF;
      if (held.hazards.every((h) => cellLogP(h, k, dir[m * n + c]!, offsets[c]!, held.width) < floor))
        ruledOut.push({ country: c, month: m });
    }
  return {
    loglik: perCountry.reduce((a, b) => a + b, 0),
    joint,
    perCountry,
    ess: { joint: ess(tot, joint), country: minEss },
    ruledOut,
  };
}

/** Offsets that maximize the (composite) log-likelihood of months [from, to) plus the log density
 * of the Normal(0, sigma) prior on each offset. Each country's term depends on its own offset only,
 * so each is a one-dimensional search: a grid over ±4σ, then golden section in the best grid cell. */
export function fitOffsets(held: HeldRuns, from: number, to: number, sigma: number): Float64Array {
  if (!(sigma > 0)) throw new RangeError(`sigma must be > 0, got ${sigma}`);
  const P = held.hazards.length;
  const n = held.record.countries;
  const trial = new Float64Array(P);
  return Float64Array.from({ length: n }, (_, c) =>
    maximize1d(
      (x) => {
        for (let r = 0; r < P; r++) trial[r] = countryLogLik(held, r, c, x, from, to);
        return logMeanExp(trial) - (x * x) / (2 * sigma * sigma);
      },
      -4 * sigma,
      4 * sigma,
      32,
    ),
  );
}

/** A log-likelihood as the documents hold it, countries and months by name. */
export function likelihoodSummary(
  l: LogLik,
  ids: readonly string[],
  months: readonly string[],
): LikelihoodSummary {
  return {
    loglik: round6(l.loglik),
    joint: round6(l.joint),
    ess: { joint: round6(l.ess.joint), country: round6(l.ess.country) },
    per_country: ids.map((country, c) => ({ country, loglik: round6(l.perCountry[c]!) })),
    ruled_out: l.ruledOut.map((x) => ({ country: ids[x.country]!, month: months[x.month]! })),
  };
}

/** The likelihood of the record under `input` as it stands (no offset fitted), beside the
 * per-country constant-hazard model: what `backtest` reports. Series are [country][month] over the
 * input's window. */
export function recordLikelihood(
  input: ModelInput,
  rungs: readonly (readonly number[])[],
  listed: readonly (readonly number[])[],
  paths: number,
): LikelihoodSummary & {
  paths: number;
  constant_hazard: { loglik: number; parameters: number; nominal: number };
} {
  const record = recordArrays(rungs, listed);
  const held = holdRuns(input, record, paths);
  const l = logLik(held, new Float64Array(record.countries), 0, record.months);
  const first = parseMonth(input.start);
  const months = Array.from({ length: record.months }, (_, m) => formatMonth(first + m));
  const constant = constantHazard(rungs);
  return {
    ...likelihoodSummary(l, Object.keys(input.params.countries), months),
    paths,
    constant_hazard: {
      loglik: round6(constant.loglik),
      parameters: constant.parameters,
      nominal: constant.nominal,
    },
  };
}

const GOLDEN = (Math.sqrt(5) - 1) / 2;

/** The best of `cells` + 1 grid points on [lo, hi], refined by golden-section search between its
 * neighbours. Ties keep the point nearest 0 (the prior's mode). */
function maximize1d(f: (x: number) => number, lo: number, hi: number, cells: number): number {
  const step = (hi - lo) / cells;
  let best = 0;
  let fBest = f(0);
  for (let i = 0; i <= cells; i++) {
    const x = lo + i * step;
    const v = f(x);
    if (v > fBest + 1e-12) {
      best = x;
      fBest = v;
    }
  }
  let a = Math.max(lo, best - step);
  let b = Math.min(hi, best + step);
  let x1 = b - GOLDEN * (b - a);
  let x2 = a + GOLDEN * (b - a);
  let f1 = f(x1);
  let f2 = f(x2);
  for (let it = 0; it < 24; it++) {
    if (f1 >= f2) {
      b = x2;
      x2 = x1;
      f2 = f1;
      x1 = b - GOLDEN * (b - a);
      f1 = f(x1);
    } else {
      a = x1;
      x1 = x2;
      f1 = f2;
      x2 = a + GOLDEN * (b - a);
      f2 = f(x2);
    }
  }
  const x = (a + b) / 2;
  return f(x) > fBest ? x : best;
}
