// Scoring binary forecasts out of sample: mean Brier and log scores, the Brier skill score over the
// better of some naive references, a bootstrap interval for it that resamples whole countries (questions
// about one country are not independent), and a reliability table.

import { percentile } from '../explore/stats.js';
import { brier, logScore } from './scores.js';

/** One binary forecast question: the country it is about (the bootstrap's unit), a probability and the
 * outcome. */
export type Question = { group: string; p: number; outcome: 0 | 1 };

/** The mean Brier and log scores (logScore clipped at its default eps) of the probabilities `p` gives
 * each question (by default the question's own p). */
export function meanScores(
  qs: readonly Question[],
  p: (q: Question) => number = (q) => q.p,
): { brier: number; log: number } {
  if (qs.length === 0) throw new RangeError('meanScores: no questions to score');
  let b = 0;
  let l = 0;
  for (const q of qs) {
    const pq = p(q);
    b += brier(pq, q.outcome);
    l += logScore(pq, q.outcome);
  }
  return { brier: b / qs.length, log: l / qs.length };
}

/** The skill score 1 − model/reference (with Brier scores, the Brier skill score): 1 is perfect, 0 no
 * better than the reference, negative worse. null when the reference scores 0 and there is no room to
 * improve on it. */
export function skill(model: number, reference: number): number | null {
  if (!(Number.isFinite(model) && model >= 0)) throw new RangeError(`model score must be ≥ 0, got ${model}`);
  if (!(Number.isFinite(reference) && reference >= 0)) {
    throw new RangeError(`reference score must be ≥ 0, got ${reference}`);
  }
  return reference === 0 ? null : 1 - model / reference;
}

export type BootstrapSkill = {
  /** Brier skill of the model over `reference` on the full sample */
  point: number;
  /** percentile interval at `level` over the resamples */
  lo: number;
  hi: number;
  level: number;
  /** the reference with the lower mean Brier on the full sample */
  reference: string;
  /** resamples left out because their better reference scored a Brier of 0 (skill undefined) */
  skipped: number;
};

/** The Brier skill of forecaster `model` over the better (lower mean Brier; the first listed on a tie)
 * of `references`, with a country-block bootstrap interval: each of `resamples` resamples draws the
 * groups with replacement, as many as there are, takes every question of each drawn group, and scores
 * the model against the better reference in that resample (so the interval carries the choice of
 * reference too). Resamples whose better reference scores 0 are skipped and counted. The interval is the
 * type 7 percentile interval at `level` (default 0.95). `forecasters[name][i]` is that forecaster's
 * probability for questions[i]; `rand` is uniform on [0, 1). Throws when the full-sample reference scores
 * 0 or every resample is skipped. */
export function bootstrapSkill(
  questions: readonly Question[],
  forecasters: Readonly<Record<string, readonly number[]>>,
  model: string,
  references: readonly string[],
  opts: { resamples: number; rand: () => number; level?: number },
): BootstrapSkill {
  const level = opts.level ?? 0.95;
  if (!(level > 0 && level < 1)) throw new RangeError(`level must be in (0, 1), got ${level}`);
  if (!Number.isInteger(opts.resamples) || opts.resamples < 1) {
    throw new RangeError(`resamples must be a whole number ≥ 1, got ${opts.resamples}`);
  }
  if (questions.length === 0) throw new RangeError('bootstrapSkill: no questions');
  if (references.length === 0) throw new RangeError('bootstrapSkill: no references');
  const names = [model, ...references];
  for (const name of names) {
    const ps = forecasters[name];
    if (!ps) throw new RangeError(`bootstrapSkill: no forecaster named '${name}'`);
    if (ps.length !== questions.length) {
      throw new RangeError(
        `forecaster '${name}' has ${ps.length} probabilities for ${questions.length} questions`,
      );
    }
  }

  // Brier sums [group][forecaster] and question counts per group, so a resample is a sum over groups.
  const groupIndex = new Map<string, number>();
  const sums: number[][] = [];
  const counts: number[] = [];
  questions.forEach((q, i) => {
    let g = groupIndex.get(q.group);
    if (g === undefined) {
      g = sums.length;
      groupIndex.set(q.group, g);
      sums.push(names.map(() => 0));
      counts.push(0);
    }
    counts[g]!++;
    names.forEach((name, f) => {
      sums[g]![f]! += brier(forecasters[name]![i]!, q.outcome);
    });
  });

  /** Mean Brier of each forecaster over the drawn groups. */
  const means = (drawn: readonly number[]): number[] => {
    const s = names.map(() => 0);
    let n = 0;
    for (const g of drawn) {
      n += counts[g]!;
      sums[g]!.forEach((v, f) => {
        s[f]! += v;
      });
    }
    return s.map((v) => v / n);
  };
  /** The better reference (index into references) and the model's skill over it, null if it scores 0. */
  const score = (drawn: readonly number[]): { ref: number; skill: number | null } => {
    const b = means(drawn);
    let ref = 0;
    for (let r = 1; r < references.length; r++) if (b[r + 1]! < b[ref + 1]!) ref = r;
    return { ref, skill: skill(b[0]!, b[ref + 1]!) };
  };

  const G = sums.length;
  const full = score(sums.map((_, g) => g));
  const reference = references[full.ref]!;
  if (full.skill === null) {
    throw new RangeError(`reference '${reference}' has a Brier score of 0: skill over it is undefined`);
  }
  const skills: number[] = [];
  let skipped = 0;
  for (let b = 0; b < opts.resamples; b++) {
    const drawn = Array.from({ length: G }, () => Math.min(G - 1, Math.floor(opts.rand() * G)));
    const s = score(drawn).skill;
    if (s === null) skipped++;
    else skills.push(s);
  }
  if (skills.length === 0)
    throw new RangeError(`all ${opts.resamples} resamples have a reference Brier of 0`);
  skills.sort((a, b) => a - b);
  return {
    point: full.skill,
    lo: percentile(skills, (1 - level) / 2),
    hi: percentile(skills, (1 + level) / 2),
    level,
    reference,
    skipped,
  };
}

export type ReliabilityBin = {
  lo: number;
  hi: number;
  n: number;
  /** mean forecast in the bin; null when empty */
  mean_p: number | null;
  /** share of outcomes that happened in the bin; null when empty */
  observed: number | null;
};

/** A reliability table: forecasts binned by probability into [lo, hi) (the last bin closed), with the
 * mean forecast and the observed frequency in each bin. A calibrated forecaster has them close. */
export function reliability(
  ps: readonly number[],
  outcomes: readonly (0 | 1)[],
  edges: readonly number[] = [0, 0.05, 0.1, 0.2, 0.4, 0.7, 1],
): ReliabilityBin[] {
  if (ps.length !== outcomes.length) {
    throw new RangeError(
      `reliability: lengths differ, ${ps.length} forecasts vs ${outcomes.length} outcomes`,
    );
  }
  if (edges.length < 2) throw new RangeError(`reliability needs at least 2 edges, got ${edges.length}`);
  edges.forEach((e, i) => {
    if (!Number.isFinite(e) || (i > 0 && !(e > edges[i - 1]!))) {
      throw new RangeError(`edges must be finite and increasing, got ${e} at ${i}`);
    }
  });
  const K = edges.length - 1;
  const n = new Array<number>(K).fill(0);
  const sp = new Array<number>(K).fill(0);
  const so = new Array<number>(K).fill(0);
  ps.forEach((p, i) => {
    const o = outcomes[i]!;
    if (o !== 0 && o !== 1) throw new RangeError(`outcome must be 0 or 1, got ${o}`);
    if (!(p >= edges[0]! && p <= edges[K]!)) {
      throw new RangeError(`forecast ${p} lies outside the edges [${edges[0]}, ${edges[K]}]`);
    }
    let k = 0;
    while (k < K - 1 && p >= edges[k + 1]!) k++;
    n[k]!++;
    sp[k]! += p;
    so[k]! += o;
  });
  return n.map((c, k) => ({
    lo: edges[k]!,
    hi: edges[k + 1]!,
    n: c,
    mean_p: c === 0 ? null : sp[k]! / c,
    observed: c === 0 ? null : so[k]! / c,
  }));
}
