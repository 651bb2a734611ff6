// Backtest: an ensemble from the first observed month to the last, scored against the observed
// rungs beside two naive forecasters (persistence, a per-country linear trend). Every score is
// computed from rung distributions, so the model (a distribution per month) and the naive
// forecasters (a point per month) are scored by the same functions.

import type { Aggregate } from '../ensemble/aggregate.js';
import { flush, histogramQuantile } from '../ensemble/aggregate.js';
import type { ActorInfo } from '../model/results.js';
import { round6 } from '../model/results.js';
import { MAX_RUNG } from '../model/types.js';
import { harrellC, restrictedMeanTime } from './concordance.js';
import type { BacktestDoc, Scores } from './docs.js';
import { firstReach } from './observed.js';
import { atLeast, brier, expectedAbsError, linearTrend, persistence, pointDist, spearman } from './scores.js';

const NR = MAX_RUNG + 1;

/** A forecaster: its rung distribution for country c at month m. */
export type Forecaster = (c: number, m: number) => readonly number[];

/** The model's distributions, read from an ensemble aggregate. */
export function modelForecaster(a: Aggregate): Forecaster {
  flush(a);
  return (c, m) => {
    const from = (m * a.countries + c) * NR;
    return Array.from(a.rung.subarray(from, from + NR), (n) => n / a.runs);
  };
}

/** A point forecaster from per-country series. */
export function pointForecaster(series: readonly (readonly number[])[]): Forecaster {
  return (c, m) => pointDist(series[c]![m]!);
}

/** Scores over months [from, to) of the window; `observed` is [country][month]. */
export function score(
  f: Forecaster,
  observed: readonly (readonly number[])[],
  from: number,
  to: number,
): Scores {
  let mae = 0;
  let b = 0;
  let endMiss = 0;
  const C = observed.length;
  for (let c = 0; c < C; c++) {
    for (let m = from; m < to; m++) {
      const dist = f(c, m);
      const obs = observed[c]![m]!;
      mae += expectedAbsError(dist, obs);
      for (let k = 1; k <= MAX_RUNG; k++) b += brier(atLeast(dist, k), obs >= k ? 1 : 0);
    }
    endMiss += 1 - f(c, to - 1)[observed[c]![to - 1]!]!;
  }
  const cells = C * (to - from);
  return { mae: round6(mae / cells), brier: round6(b / (cells * MAX_RUNG)), end_miss: round6(endMiss / C) };
}

/** The naive forecasters of a window: persistence, and a linear trend fitted on its first months. */
export function naive(observed: readonly (readonly number[])[], fitMonths: number) {
  return {
    persistence: pointForecaster(observed.map((s) => persistence(s))),
    trend: pointForecaster(observed.map((s) => linearTrend(s, fitMonths))),
  };
}

export interface BacktestMeta {
  scenario: string;
  seed: string;
  months: string[];
  countries: string[];
  actors: ActorInfo[];
}

/** Rungs whose reaching order is compared: diplomatic presence and ambassadors. */
const ORDER_RUNGS = [4, 5];

/** Harrell's C between the observed first passage to rung k (censored at the window's end) and the
 * model's restricted mean first-passage month, over the countries below k at the start ('at risk') or
 * all of them (those that start at k or above are reached at month 0 in both, which any forecaster
 * orders right against the rest). */
export function firstPassageConcordance(
  a: Aggregate,
  observed: readonly (readonly number[])[],
  k: number,
  who: 'at risk' | 'all',
): BacktestDoc['concordance'][number] {
  flush(a);
  const M = a.months;
  const rows = observed.flatMap((s, c) => (who === 'all' || s[0]! < k ? [c] : []));
  const times = rows.map((c) => {
    const t = firstReach(observed[c]!, k);
    return t === null ? { time: M - 1, event: false } : { time: t, event: true };
  });
  const predicted = rows.map((c) => restrictedMeanTime(a.reached, (c * NR + k) * (M + 1), M + 1, a.runs));
  const r = harrellC(times, predicted);
  return {
    k,
    countries: who,
    n: rows.length,
    reached: times.filter((t) => t.event).length,
    c: r.c === null ? null : round6(r.c),
    comparable: r.comparable,
  };
}

export function backtestDoc(
  meta: BacktestMeta,
  a: Aggregate,
  observed: readonly (readonly number[])[],
  fitMonths: number,
  likelihood: BacktestDoc['likelihood'],
): BacktestDoc {
  flush(a);
  const M = meta.months.length;
  if (a.months !== M || observed.some((s) => s.length !== M))
    throw new RangeError(
      `the ensemble covers ${a.months} months, the observations ${observed[0]?.length ?? 0}`,
    );
  const model = modelForecaster(a);
  const { persistence: still, trend } = naive(observed, fitMonths);
  const mae = (f: Forecaster, c: number) => {
    let sum = 0;
    for (let m = 0; m < M; m++) sum += expectedAbsError(f(c, m), observed[c]![m]!);
    return round6(sum / M);
  };
  const per_country = meta.countries.map((country, c) => {
    const end = model(c, M - 1);
    const endModel = end.indexOf(Math.max(...end));
    const band = {
      p05: [] as number[],
      p25: [] as number[],
      p50: [] as number[],
      p75: [] as number[],
      p95: [] as number[],
    };
    for (let m = 0; m < M; m++) {
      const from = (m * a.countries + c) * NR;
      band.p05.push(histogramQuantile(a.rung, from, NR, a.runs, 0.05));
      band.p25.push(histogramQuantile(a.rung, from, NR, a.runs, 0.25));
      band.p50.push(histogramQuantile(a.rung, from, NR, a.runs, 0.5));
      band.p75.push(histogramQuantile(a.rung, from, NR, a.runs, 0.75));
      band.p95.push(histogramQuantile(a.rung, from, NR, a.runs, 0.95));
    }
    return {
      country,
      observed: [...observed[c]!],
      model_mae: mae(model, c),
      persistence_mae: mae(still, c),
      trend_mae: mae(trend, c),
      end_observed: observed[c]![M - 1]!,
      end_model: endModel,
      end_p: round6(end[endModel]!),
      band,
    };
  });
  const order = ORDER_RUNGS.map((k) => {
    // the countries that got there during the window, having started below it
    const rows = meta.countries.flatMap((country, c) => {
      const seen = firstReach(observed[c]!, k);
      if (seen === null || seen === 0) return [];
      const from = (c * NR + k) * (M + 1);
      const median = histogramQuantile(a.reached, from, M + 1, a.runs, 0.5);
      return [{ country, seen, median }];
    });
    return {
      k,
      countries: rows.map((r) => ({
        country: r.country,
        observed: meta.months[r.seen]!,
        model_median: r.median < M ? meta.months[r.median]! : null,
      })),
      // a model that never gets there in most runs ranks the country last
      spearman: spearman(
        rows.map((r) => r.seen),
        rows.map((r) => r.median),
      ),
    };
  });
  return {
    kind: 'backtest',
    scenario: meta.scenario,
    seed: meta.seed,
    runs: a.runs,
    start: meta.months[0]!,
    end: meta.months[M - 1]!,
    months: meta.months,
    actors: meta.actors,
    scores: {
      model: score(model, observed, 0, M),
      persistence: score(still, observed, 0, M),
      trend: score(trend, observed, 0, M),
    },
    trend_fit_months: fitMonths,
    per_country,
    order,
    // 'all' only where some country starts at the rung (else it is the 'at risk' row again)
    concordance: ORDER_RUNGS.flatMap((k) => [
      firstPassageConcordance(a, observed, k, 'at risk'),
      ...(observed.some((s) => s[0]! >= k) ? [firstPassageConcordance(a, observed, k, 'all')] : []),
    ]),
    likelihood,
  };
}
