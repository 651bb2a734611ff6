// Calibration: fit chosen parameters (each a range) to the likelihood of the observed record — which
// country moved, when, in which direction, and who stayed (likelihood.ts) — with a drive offset per
// country under a Normal(0, σ) shrinkage prior, σ fixed before the fit. The objective is the penalized
// profile log-likelihood: for each trial of the chosen parameters, the offsets that maximize
// likelihood + prior. The same latent paths serve every evaluation (common random numbers), so two
// evaluations of one point are equal and Nelder–Mead sees a deterministic function.

import { createAggregate, mergePart } from '../ensemble/aggregate.js';
import { plainInput } from '../ensemble/input.js';
import { runTask } from '../ensemble/task.js';
import { nelderMead } from '../explore/optimize.js';
import { getPath, withOverrides } from '../model/params.js';
import { round6 } from '../model/results.js';
import { formatMonth, parseMonth } from '../model/time.js';
import type { ModelInput } from '../model/types.js';
import { modelForecaster, naive, score } from './backtest.js';
import type { CalibrationDoc, Scores } from './docs.js';
import { constantHazard } from './hazard-baseline.js';
import {
  fitOffsets,
  holdRuns,
  type LogLik,
  likelihoodSummary,
  logLik,
  type RecordArrays,
  recordArrays,
} from './likelihood.js';

export interface CalibrationParam {
  path: string;
  lo: number;
  hi: number;
}

export interface CalibrationOptions {
  /** latent paths the likelihood averages over */
  paths: number;
  /** replications of the ensembles that score the fit (Brier, MAE) before and after */
  runs: number;
  maxEvaluations: number;
  /** the prior's standard deviation for the per-country offsets, in rungs */
  sigma: number;
  trendFitMonths: number;
  rand: () => number;
  /** called after each evaluation with its number (progress) */
  onEvaluation?: (evaluation: number) => void;
}

/** Observed rungs and listings, [country][month], over the window the fit uses. */
export interface Observed {
  rungs: readonly (readonly number[])[];
  listed: readonly (readonly number[])[];
}

/** The best loss must have improved by this much (nats) over the last fifth of the evaluations for
 * the fit to count as still improving. */
const STILL_IMPROVING_NATS = 0.05;

/** The input over the record's window with `values` set at `params`. */
function trial(input: ModelInput, params: CalibrationParam[], values: number[], months: number): ModelInput {
  const overrides = params.map((p, j) => ({ path: p.path, value: values[j]! }));
  return {
    ...input,
    params: withOverrides(input.params, overrides),
    end: formatMonth(parseMonth(input.start) + months - 1),
  };
}

/** The input with per-country offsets set (added to those it has). */
function withOffsets(input: ModelInput, offsets: ArrayLike<number>): ModelInput {
  const ids = Object.keys(input.params.countries);
  return {
    ...input,
    params: withOverrides(
      input.params,
      ids.map((id, c) => ({
        path: `countries.${id}.offset`,
        value: input.params.countries[id]!.offset + offsets[c]!,
      })),
    ),
  };
}

const toUnit = (p: CalibrationParam, v: number) => (p.hi > p.lo ? (v - p.lo) / (p.hi - p.lo) : 0);
const fromUnit = (p: CalibrationParam, u: number) => p.lo + u * (p.hi - p.lo);

/** A value of a parameter as the input has it (the start of the search). */
function current(input: ModelInput, path: string): number {
  const node = getPath(input.params, path.split('.'));
  if (typeof node !== 'number') throw new RangeError(`'${path}' is not a numeric parameter`);
  return node;
}

const penalty = (offsets: ArrayLike<number>, sigma: number) => {
  let s = 0;
  for (let c = 0; c < offsets.length; c++) s += offsets[c]! ** 2;
  return s / (2 * sigma * sigma);
};

/** The ensemble of `input`, scored over its whole window. */
function ensembleScores(input: ModelInput, runs: number, observed: Observed['rungs']): Scores {
  const M = observed[0]!.length;
  const a = createAggregate(M, observed.length);
  mergePart(a, runTask({ input: plainInput(input), from: 0, to: runs, aggregate: true }).aggregate!);
  return score(modelForecaster(a), observed, 0, M);
}

export interface Fit {
  /** the chosen parameters' values at the start (clamped into their ranges) and fitted */
  start: number[];
  fitted: number[];
  /** per-country offsets, rounded */
  offsets: number[];
  trace: CalibrationDoc['trace'];
  stillImproving: boolean;
  /** the likelihood at the start (offsets 0) and at the fit */
  before: LogLik;
  after: LogLik;
  penalty: number;
}

/** Fit `params` (and the offsets) to the whole of `observed`, whose months start at input.start. */
export function fitRecord(
  input: ModelInput,
  observed: Observed,
  params: CalibrationParam[],
  opts: Omit<CalibrationOptions, 'runs' | 'trendFitMonths'>,
): Fit {
  const M = observed.rungs[0]?.length ?? 0;
  if (M < 2) throw new RangeError(`the record holds ${M} months; a fit needs at least 2`);
  const record: RecordArrays = recordArrays(observed.rungs, observed.listed);
  const n = Object.keys(input.params.countries).length;
  const start = params.map((p) => Math.min(p.hi, Math.max(p.lo, current(input, p.path))));
  const fitAt = (values: number[]) => {
    const held = holdRuns(trial(input, params, values, M), record, opts.paths);
    const offsets = fitOffsets(held, 0, M, opts.sigma);
    return { held, offsets, l: logLik(held, offsets, 0, M) };
  };
  let evaluations = 0;
  const loss = (u: number[]) => {
    const { offsets, l } = fitAt(u.map((x, j) => fromUnit(params[j]!, x)));
    opts.onEvaluation?.(++evaluations);
    return -(l.loglik - penalty(offsets, opts.sigma));
  };
  const result = nelderMead(
    loss,
    start.map((v, j) => toUnit(params[j]!, v)),
    { rand: opts.rand, maxEvaluations: opts.maxEvaluations },
  );
  const fitted = result.best.map((u, j) => round6(fromUnit(params[j]!, u)));
  const held = holdRuns(trial(input, params, fitted, M), record, opts.paths);
  const offsets = Array.from(fitOffsets(held, 0, M, opts.sigma), round6);
  const trace = result.trace.map((t) => ({
    evaluation: t.evaluation,
    loss: round6(t.value),
    best: round6(t.best),
  }));
  // the best as it stood four fifths of the way through the search
  const atFourFifths = trace[Math.max(0, Math.ceil(trace.length * 0.8) - 1)]?.best ?? 0;
  return {
    start,
    fitted,
    offsets,
    trace,
    stillImproving: atFourFifths - (trace.at(-1)?.best ?? atFourFifths) > STILL_IMPROVING_NATS,
    before: logLik(holdRuns(trial(input, params, start, M), record, opts.paths), new Float64Array(n), 0, M),
    after: logLik(held, offsets, 0, M),
    penalty: round6(penalty(offsets, opts.sigma)),
  };
}

/** The input with the fitted values and offsets set, over [start, end]. */
export function fittedInput(input: ModelInput, params: CalibrationParam[], fit: Fit): ModelInput {
  const months = parseMonth(input.end) - parseMonth(input.start) + 1;
  return withOffsets(trial(input, params, fit.fitted, months), fit.offsets);
}

/** Fit `params` (and the offsets) on the whole of `observed`, and score the fit with ensembles. */
export function calibrate(
  input: ModelInput,
  observed: Observed,
  params: CalibrationParam[],
  opts: CalibrationOptions,
): Omit<CalibrationDoc, 'output' | 'method'> {
  const fit = fitRecord(input, observed, params, opts);
  const M = observed.rungs[0]!.length;
  const ids = Object.keys(input.params.countries);
  const first = parseMonth(input.start);
  const months = Array.from({ length: M }, (_, m) => formatMonth(first + m));
  const window = trial(input, params, fit.start, M);
  const constant = constantHazard(observed.rungs);
  const { persistence, trend } = naive(observed.rungs, opts.trendFitMonths);
  return {
    kind: 'calibration',
    scenario: input.scenario,
    seed: input.seed,
    paths: opts.paths,
    runs: opts.runs,
    sigma: opts.sigma,
    start: input.start,
    end: months[M - 1]!,
    params: params.map((p, j) => ({
      path: p.path,
      lo: p.lo,
      hi: p.hi,
      start: fit.start[j]!,
      fitted: fit.fitted[j]!,
    })),
    offsets: ids.map((country, c) => ({ country, fitted: fit.offsets[c]! })),
    trace: fit.trace,
    still_improving: fit.stillImproving,
    likelihood: {
      before: likelihoodSummary(fit.before, ids, months),
      after: likelihoodSummary(fit.after, ids, months),
      prior_penalty: fit.penalty,
      parameters: params.length + ids.length,
      constant_hazard: {
        loglik: round6(constant.loglik),
        parameters: constant.parameters,
        nominal: constant.nominal,
      },
    },
    in_sample: {
      model_before: ensembleScores(window, opts.runs, observed.rungs),
      model_after: ensembleScores(fittedInput(window, params, fit), opts.runs, observed.rungs),
      persistence: score(persistence, observed.rungs, 0, M),
      trend: score(trend, observed.rungs, 0, M),
    },
  };
}
