// Sweeps, sensitivity and discovery over a scenario's factors: designs in the unit cube mapped to
// parameter values, outcome means per design point (replications share seeds across points: common
// random numbers), and the documents the commands write.

import {
  fullFactorial,
  latinHypercube,
  type MorrisDesign,
  morrisIndices,
  prim,
  type Rand,
  restrictedDims,
  type SaltelliDesign,
  sobolIndices,
} from '../explore/index.js';
import { round6 } from '../model/results.js';
import {
  describeFactor,
  type FactorValue,
  factorLevels,
  factorValue,
  type SweepFactor,
} from '../scenario/sweep.js';
import type { DiscoverDoc, FactorInfo, OutcomeRef, SensitivityDoc, StudyMeta } from './docs.js';
import type { Override } from './input.js';

/** Keep u inside [0, 1): designs such as Morris's grid reach 1, where a list has no next value. */
const unitValue = (f: SweepFactor, u: number) => factorValue(f, Math.min(u, 1 - 1e-12));

export function factorInfo(factors: readonly SweepFactor[]): FactorInfo[] {
  return factors.map((f) => ({ path: f.path, describe: describeFactor(f) }));
}

/** Unit-cube rows → the factors' values. */
export function valuesAt(factors: readonly SweepFactor[], unit: readonly number[][]): FactorValue[][] {
  return unit.map((row) => factors.map((f, j) => unitValue(f, row[j]!)));
}

/** Every combination of the factors' levels (last factor fastest). */
export function factorialValues(factors: readonly SweepFactor[]): FactorValue[][] {
  const levels = factors.map(factorLevels);
  return fullFactorial(levels.map((l) => l.length)).map((idx) => idx.map((i, j) => levels[j]![i]!));
}

export function latinValues(factors: readonly SweepFactor[], points: number, rand: Rand): FactorValue[][] {
  return valuesAt(factors, latinHypercube(points, factors.length, rand));
}

export function overridesOf(factors: readonly SweepFactor[], values: readonly FactorValue[][]): Override[][] {
  return values.map((row) => factors.map((f, j) => ({ path: f.path, value: row[j]! })));
}

/** Mean of each outcome over the replications of each point: [point][outcome]. */
export function pointMeans(values: Float64Array, points: number, reps: number, outcomes: number): number[][] {
  return Array.from({ length: points }, (_, p) =>
    Array.from({ length: outcomes }, (_, k) => {
      let sum = 0;
      for (let r = 0; r < reps; r++) sum += values[(p * reps + r) * outcomes + k]!;
      return sum / reps;
    }),
  );
}

/** One tidy row per design point: its factor values and the outcome means. */
export function sweepRows(
  factors: readonly SweepFactor[],
  values: readonly FactorValue[][],
  means: readonly number[][],
  outcomes: readonly OutcomeRef[],
): Record<string, number | boolean>[] {
  return values.map((row, p) => ({
    point: p,
    ...Object.fromEntries(factors.map((f, j) => [f.path, row[j]!])),
    ...Object.fromEntries(outcomes.map((o, k) => [o.text, round6(means[p]![k]!)])),
  }));
}

type Indices = SensitivityDoc['outcomes'][number]['indices'][number];

/** The sensitivity document: `index(y, j)` gives factor j's indices for one outcome's point means y. */
function sensitivityDoc(
  meta: StudyMeta,
  method: SensitivityDoc['method'],
  points: number,
  factors: readonly SweepFactor[],
  means: readonly number[][],
  outcomes: readonly OutcomeRef[],
  indices: (y: number[]) => (j: number) => Omit<Indices, 'factor'>,
): SensitivityDoc {
  return {
    kind: 'sensitivity',
    method,
    ...meta,
    points,
    factors: factorInfo(factors),
    outcomes: outcomes.map((outcome, k) => {
      const of = indices(means.map((m) => m[k]!));
      return { outcome, indices: factors.map((f, j) => ({ factor: f.path, ...of(j) })) };
    }),
  };
}

export function morrisDoc(
  meta: StudyMeta,
  factors: readonly SweepFactor[],
  design: MorrisDesign,
  means: readonly number[][],
  outcomes: readonly OutcomeRef[],
  rand: Rand,
): SensitivityDoc {
  return sensitivityDoc(meta, 'morris', design.points.length, factors, means, outcomes, (y) => {
    const ix = morrisIndices(design, y, rand);
    return (j) => ({
      mu_star: round6(ix.mu_star[j]!),
      mu_star_lo: round6(ix.mu_star_lo[j]!),
      mu_star_hi: round6(ix.mu_star_hi[j]!),
      sigma: round6(ix.sigma[j]!),
    });
  });
}

/** A Sobol index cannot be read when its interval is wider than `width` or reaches outside [lo, hi]. */
export const SOBOL_UNRELIABLE = { width: 0.2, lo: -0.05, hi: 1.05 };

export function sobolDoc(
  meta: StudyMeta,
  factors: readonly SweepFactor[],
  design: SaltelliDesign,
  means: readonly number[][],
  outcomes: readonly OutcomeRef[],
  rand: Rand,
): SensitivityDoc {
  const doc = sensitivityDoc(meta, 'sobol', design.points.length, factors, means, outcomes, (y) => {
    const ix = sobolIndices(design, y, rand);
    return (j) => ({
      s1: round6(ix.s1[j]!),
      s1_lo: round6(ix.s1_lo[j]!),
      s1_hi: round6(ix.s1_hi[j]!),
      st: round6(ix.st[j]!),
      st_lo: round6(ix.st_lo[j]!),
      st_hi: round6(ix.st_hi[j]!),
    });
  });
  const { width, lo, hi } = SOBOL_UNRELIABLE;
  doc.unreliable = doc.outcomes.flatMap((o) =>
    o.indices.flatMap((ix) =>
      (['s1', 'st'] as const).flatMap((index) => {
        const a = ix[`${index}_lo`]!;
        const b = ix[`${index}_hi`]!;
        return b - a > width || a < lo || b > hi
          ? [{ outcome: o.outcome.text, factor: ix.factor, index, lo: a, hi: b }]
          : [];
      }),
    ),
  );
  return doc;
}

/** PRIM over the design: a point is a case of interest when the outcome holds in at least `threshold`
 * of its replications. Lists are discrete factors (peeled a value at a time, booleans as 0/1). */
export function discoverDoc(
  meta: StudyMeta,
  factors: readonly SweepFactor[],
  values: readonly FactorValue[][],
  shares: readonly number[],
  threshold: number,
  outcome: OutcomeRef,
): DiscoverDoc {
  const x = values.map((row) => row.map((v) => (typeof v === 'boolean' ? (v ? 1 : 0) : v)));
  const y = shares.map((s) => s >= threshold);
  const discrete = factors.map((f) => f.kind === 'values');
  const result = prim(x, y, { discrete });
  const full = result.trajectory[0]!.box;
  const box = (b: (typeof result.trajectory)[number]['box']): DiscoverDoc['trajectory'][number]['box'] =>
    restrictedDims(b, full).map((j) => {
      const f = factors[j]!;
      if (f.kind !== 'values') return { path: f.path, lo: round6(b.lo[j]!), hi: round6(b.hi[j]!) };
      const kept = f.values.filter((v) => {
        const n = typeof v === 'boolean' ? (v ? 1 : 0) : v;
        return n >= b.lo[j]! && n <= b.hi[j]!;
      });
      return { path: f.path, values: kept };
    });
  return {
    kind: 'discover',
    ...meta,
    points: values.length,
    outcome,
    factors: factorInfo(factors),
    base_rate: round6(y.filter(Boolean).length / y.length),
    trajectory: result.trajectory.map((s) => ({
      step: s.step,
      coverage: round6(s.coverage),
      density: round6(s.density),
      n: s.n,
      box: box(s.box),
    })),
    chosen: result.chosen,
  };
}
