// Rolling-origin backtest: at each origin o the model is refitted to the record up to o only (its
// likelihood, as `calibrate` does), then run forward from the observed state at o, knowing nothing
// dated after o (the record's later shocks are dropped). Questions: "country c's rung at o + h is above
// (below) its rung at o", for every origin, country, direction and horizon that ends within the record.
// Beside it: persistence (nothing moves) and a base rate from the monthly rate of moves before o. Scores are Brier and
// log; skill is over the better of the two references, with a bootstrap interval over countries.

import { createAggregate, flush, mergePart } from '../ensemble/aggregate.js';
import { plainInput } from '../ensemble/input.js';
import { runTask } from '../ensemble/task.js';
import { round6 } from '../model/results.js';
import { formatMonth, parseMonth } from '../model/time.js';
import { MAX_RUNG, type ModelInput } from '../model/types.js';
import { type CalibrationParam, fitRecord, fittedInput, type Observed } from './calibrate.js';
import type { RollingDoc } from './docs.js';
import { bootstrapSkill, meanScores, type Question, reliability } from './skill.js';

const NR = MAX_RUNG + 1;
export const ROLLING_ORIGINS = ['2022-06', '2022-12', '2023-06', '2023-12', '2024-06'];
export const ROLLING_HORIZONS = [6, 12];
const DIRECTIONS = ['up', 'down'] as const;

export interface RollingSetup {
  /** the scenario's input over [start, end]: initial state observed at start, the record's shocks
   * within the window */
  inputOver(start: string, end: string): ModelInput;
  /** the whole record from its first month, [country][month] */
  observed: Observed;
  first: string;
}

export interface RollingOptions {
  origins: readonly string[];
  horizons: readonly number[];
  params: CalibrationParam[];
  paths: number;
  evaluations: number;
  sigma: number;
  /** replications of each forecast */
  runs: number;
  resamples: number;
  rand: () => number;
  /** called as each origin starts (progress) */
  onOrigin?: (origin: string, index: number) => void;
  /** called after each evaluation of a refit */
  onEvaluation?: () => void;
}

/** P(a country's rung rose (fell) over h months) from the moves in the record's months [0, o]: the
 * monthly rate λ of moves that way per country-month, pooled over countries, as 1 − (1 − λ)^h. Defined
 * at any origin and horizon, however short the record before the origin. */
export function baseRate(rungs: readonly (readonly number[])[], o: number, h: number, dir: 'up' | 'down') {
  let k = 0;
  for (const s of rungs)
    for (let m = 1; m <= o; m++) if (dir === 'up' ? s[m]! > s[m - 1]! : s[m]! < s[m - 1]!) k++;
  const months = rungs.length * o;
  return months === 0 ? 0 : 1 - (1 - k / months) ** h;
}

const slice = (xs: readonly (readonly number[])[], to: number) => xs.map((s) => s.slice(0, to + 1));

export function rollingBacktest(
  setup: RollingSetup,
  opts: RollingOptions,
): Omit<RollingDoc, 'scenario' | 'seed'> {
  const { observed } = setup;
  const first = parseMonth(setup.first);
  const M = observed.rungs[0]!.length;
  const last = formatMonth(first + M - 1);
  const n = observed.rungs.length;
  const maxH = Math.max(...opts.horizons);
  const origins: RollingDoc['origins'] = [];
  const questions: RollingDoc['questions'] = [];
  opts.origins.forEach((origin, index) => {
    opts.onOrigin?.(origin, index);
    const o = parseMonth(origin) - first;
    if (o < 2 || o >= M - 1)
      throw new RangeError(
        `origin ${origin} leaves no record to fit on or to score (record ${setup.first}..${last})`,
      );
    const fitInput = setup.inputOver(setup.first, origin);
    const ids = Object.keys(fitInput.params.countries);
    const fit = fitRecord(
      fitInput,
      { rungs: slice(observed.rungs, o), listed: slice(observed.listed, o) },
      opts.params,
      {
        paths: opts.paths,
        maxEvaluations: opts.evaluations,
        sigma: opts.sigma,
        rand: opts.rand,
        onEvaluation: opts.onEvaluation,
      },
    );
    origins.push({
      origin,
      fitted: opts.params.map((p, j) => ({ path: p.path, value: fit.fitted[j]! })),
      offsets: ids.map((country, c) => ({ country, value: fit.offsets[c]! })),
      loglik: round6(fit.after.loglik),
      still_improving: fit.stillImproving,
    });
    // the forecast: from the observed state at o, knowing nothing dated after o
    const end = Math.min(o + maxH, M - 1);
    const open = setup.inputOver(origin, formatMonth(first + end));
    const known = { ...open, events: open.events.filter((e) => parseMonth(e.at) <= first + o) };
    const a = createAggregate(end - o + 1, n);
    mergePart(
      a,
      runTask({
        input: plainInput(fittedInput(known, opts.params, fit)),
        from: 0,
        to: opts.runs,
        aggregate: true,
      }).aggregate!,
    );
    flush(a);
    for (const h of opts.horizons) {
      if (o + h > M - 1) continue;
      for (let c = 0; c < n; c++) {
        const now = observed.rungs[c]![o]!;
        const then = observed.rungs[c]![o + h]!;
        for (const direction of DIRECTIONS) {
          let k = 0;
          for (let r = 0; r < NR; r++)
            if (direction === 'up' ? r > now : r < now) k += a.rung[(h * n + c) * NR + r]!;
          questions.push({
            origin,
            country: ids[c]!,
            direction,
            horizon: h,
            outcome: (direction === 'up' ? then > now : then < now) ? 1 : 0,
            model: round6(k / a.runs),
            persistence: 0,
            base_rate: round6(baseRate(observed.rungs, o, h, direction)),
          });
        }
      }
    }
  });
  const summarize = (qs: RollingDoc['questions']) => {
    const as = (key: 'model' | 'persistence' | 'base_rate'): Question[] =>
      qs.map((q) => ({ group: q.country, p: q[key], outcome: q.outcome }));
    const s = (key: 'model' | 'persistence' | 'base_rate') => {
      const m = meanScores(as(key));
      return { brier: round6(m.brier), log: round6(m.log) };
    };
    // nothing happened: persistence is perfect and no forecaster can show skill over it
    if (qs.every((q) => q.outcome === 0))
      return {
        questions: qs.length,
        happened: 0,
        model: s('model'),
        persistence: s('persistence'),
        base_rate: s('base_rate'),
        skill: null,
      };
    const sk = bootstrapSkill(
      as('model'),
      {
        model: qs.map((q) => q.model),
        persistence: qs.map((q) => q.persistence),
        base_rate: qs.map((q) => q.base_rate),
      },
      'model',
      ['persistence', 'base_rate'],
      { resamples: opts.resamples, rand: opts.rand, level: 0.9 },
    );
    return {
      questions: qs.length,
      happened: qs.filter((q) => q.outcome === 1).length,
      model: s('model'),
      persistence: s('persistence'),
      base_rate: s('base_rate'),
      skill: {
        reference: sk.reference,
        point: round6(sk.point),
        lo: round6(sk.lo),
        hi: round6(sk.hi),
        level: sk.level,
        skipped: sk.skipped,
      },
    };
  };
  return {
    kind: 'rolling-backtest',
    start: setup.first,
    end: last,
    origins,
    horizons: [...opts.horizons],
    runs: opts.runs,
    paths: opts.paths,
    evaluations: opts.evaluations,
    sigma: opts.sigma,
    params: opts.params.map((p) => ({ ...p })),
    resamples: opts.resamples,
    questions,
    scores: [
      ...opts.horizons.map((h) => ({
        horizon: h as number | 'all',
        ...summarize(questions.filter((q) => q.horizon === h)),
      })),
      { horizon: 'all' as const, ...summarize(questions) },
    ],
    reliability: reliability(
      questions.map((q) => q.model),
      questions.map((q) => q.outcome),
    ).map((b) => ({
      ...b,
      mean_p: b.mean_p === null ? null : round6(b.mean_p),
      observed: b.observed === null ? null : round6(b.observed),
    })),
  };
}
