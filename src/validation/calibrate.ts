// Calibration: fit chosen parameters (each a range) so that an ensemble's rung probabilities score
// best against the observed record over a fit window, then score the fitted model on the months held
// out after it. The loss is the mean Brier score of "country c stands at rung ≥ k in month m" — a
// proper score, so it rewards honest probabilities — over an ensemble with the same seeds at every
// evaluation (common random numbers make the loss a smooth-enough function of the parameters for
// Nelder–Mead, and make two evaluations of one point equal).

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

export interface CalibrationParam {
  path: string;
  lo: number;
  hi: number;
}

export interface CalibrationOptions {
  /** replications per evaluation */
  runs: number;
  /** observed months at the end of the window left out of the fit */
  holdout: number;
  maxEvaluations: number;
  trendFitMonths: number;
  rand: () => number;
}

type Observed = readonly (readonly number[])[];

/** The ensemble of `input` with `values` set, scored over months [from, to) of `observed`. */
function evaluate(
  input: ModelInput,
  params: CalibrationParam[],
  values: number[],
  runs: number,
  observed: Observed,
  from: number,
  to: number,
): Scores {
  const overrides = params.map((p, j) => ({ path: p.path, value: values[j]! }));
  const fitted = {
    ...input,
    params: withOverrides(input.params, overrides),
    end: formatMonth(parseMonth(input.start) + to - 1),
  };
  const a = createAggregate(to, Object.keys(input.params.countries).length);
  mergePart(a, runTask({ input: plainInput(fitted), from: 0, to: runs, aggregate: true }).aggregate!);
  return score(modelForecaster(a), observed, from, to);
}

const toUnit = (p: CalibrationParam, v: number) => (p.hi > p.lo ? (v - p.lo) / (p.hi - p.lo) : 0);
const fromUnit = (p: CalibrationParam, u: number) => p.lo + u * (p.hi - p.lo);

/** A value of a parameter as the input has it (the start of the search). */
function current(input: ModelInput, path: string): number {
  const node = getPath(input.params, path.split('.'));
  if (typeof node !== 'number') throw new RangeError(`'${path}' is not a numeric parameter`);
  return node;
}

export function calibrate(
  input: ModelInput,
  observed: Observed,
  params: CalibrationParam[],
  opts: CalibrationOptions,
): Omit<CalibrationDoc, 'output' | 'method'> {
  const M = observed[0]?.length ?? 0;
  const fitEnd = M - opts.holdout;
  if (fitEnd < 2)
    throw new RangeError(`a holdout of ${opts.holdout} months leaves ${fitEnd} to fit on (of ${M})`);
  const start = params.map((p) => Math.min(p.hi, Math.max(p.lo, current(input, p.path))));
  const loss = (u: number[]) =>
    evaluate(
      input,
      params,
      u.map((x, j) => fromUnit(params[j]!, x)),
      opts.runs,
      observed,
      0,
      fitEnd,
    ).brier;
  const result = nelderMead(
    loss,
    start.map((v, j) => toUnit(params[j]!, v)),
    { rand: opts.rand, maxEvaluations: opts.maxEvaluations },
  );
  const fitted = result.best.map((u, j) => round6(fromUnit(params[j]!, u)));
  const { persistence, trend } = naive(observed, opts.trendFitMonths);
  const window = (from: number, to: number) => ({
    model_before: evaluate(input, params, start, opts.runs, observed, from, to),
    model_after: evaluate(input, params, fitted, opts.runs, observed, from, to),
    persistence: score(persistence, observed, from, to),
    trend: score(trend, observed, from, to),
  });
  const first = parseMonth(input.start);
  return {
    kind: 'calibration',
    scenario: input.scenario,
    seed: input.seed,
    runs: opts.runs,
    start: input.start,
    fit_end: formatMonth(first + fitEnd - 1),
    end: formatMonth(first + M - 1),
    params: params.map((p, j) => ({
      path: p.path,
      lo: p.lo,
      hi: p.hi,
      start: start[j]!,
      fitted: fitted[j]!,
    })),
    trace: result.trace.map((t) => ({
      evaluation: t.evaluation,
      loss: round6(t.value),
      best: round6(t.best),
    })),
    in_sample: window(0, fitEnd),
    out_of_sample: window(fitEnd, M),
  };
}
