// The documents the validation commands write (backtest.json, calibration.json, forecast.json,
// score.json, explain.json) and the chart builders read. Plain data.

import type { Band } from '../ensemble/docs.js';
import type { ActorInfo } from '../model/results.js';

/** Scores of one forecaster over a window (lower is better for all three). */
export interface Scores {
  /** mean absolute rung error over countries × months (a distribution's expected absolute error) */
  mae: number;
  /** mean Brier score over every (country, k = 1..6, month) event "stands at rung ≥ k" */
  brier: number;
  /** share of countries whose rung at the end of the window is wrong (1 − P(exact) for the model) */
  end_miss: number;
}

/** What `backtest.json` holds. */
export interface BacktestDoc {
  kind: 'backtest';
  scenario: string;
  seed: string;
  runs: number;
  start: string;
  end: string;
  months: string[];
  actors: ActorInfo[];
  /** the model and the naive forecasters side by side */
  scores: { model: Scores; persistence: Scores; trend: Scores };
  /** the months the trend forecaster was fitted on (from the start) */
  trend_fit_months: number;
  per_country: {
    country: string;
    /** observed rung per month (the last stance row at or before it) */
    observed: number[];
    model_mae: number;
    persistence_mae: number;
    trend_mae: number;
    /** observed rung at the end, the model's most likely rung then, and its probability */
    end_observed: number;
    end_model: number;
    end_p: number;
    /** simulated median rung and 50% / 90% bands per month */
    band: Omit<Band, 'actor' | 'variable' | 'label'>;
  }[];
  /** order of reaching rungs 4 and 5: observed month vs the model's median month, and Spearman's rho */
  order: {
    k: number;
    countries: { country: string; observed: string | null; model_median: string | null }[];
    spearman: number | null;
  }[];
  /** Harrell's C of the first passage to rungs 4 and 5: observed months against the model's
   * restricted mean first-passage months, over the countries below the rung at the start or all */
  concordance: {
    k: number;
    countries: 'at risk' | 'all';
    n: number;
    /** how many of them got there within the window */
    reached: number;
    c: number | null;
    comparable: number;
  }[];
  /** the log-likelihood of the observed moves under the model (no parameter fitted to them), beside
   * the per-country constant-hazard model fitted to the same record */
  likelihood: LikelihoodSummary & {
    paths: number;
    constant_hazard: { loglik: number; parameters: number; nominal: number };
  };
}

/** The likelihood of the record under one set of parameters (likelihood.ts). */
export interface LikelihoodSummary {
  /** composite log-likelihood: Σ over countries of log(mean over paths of the country's likelihood) */
  loglik: number;
  /** log of the joint likelihood averaged over paths */
  joint: number;
  /** effective number of paths behind the joint figure, and the smallest behind a country's term */
  ess: { joint: number; country: number };
  per_country: { country: string; loglik: number }[];
  /** observed moves the model gave less than the tremble's chance on every path */
  ruled_out: { country: string; month: string }[];
}

/** What `calibration.json` holds. */
export interface CalibrationDoc {
  kind: 'calibration';
  scenario: string;
  seed: string;
  /** latent paths the likelihood averages over; runs of the ensembles that score before and after */
  paths: number;
  runs: number;
  /** standard deviation of the Normal(0, σ) prior on each country's offset, in rungs */
  sigma: number;
  method: string;
  /** fitted on the record from start to end */
  start: string;
  end: string;
  params: { path: string; lo: number; hi: number; start: number; fitted: number }[];
  /** per-country drive offsets (rungs), added to those the input has */
  offsets: { country: string; fitted: number }[];
  /** the loss (penalized negative log-likelihood) at each evaluation, in order */
  trace: { evaluation: number; loss: number; best: number }[];
  /** the best loss still fell over the last fifth of the evaluations: more would likely help */
  still_improving: boolean;
  likelihood: {
    before: LikelihoodSummary;
    after: LikelihoodSummary;
    /** Σ offset² / 2σ², paid by `after` in the objective */
    prior_penalty: number;
    /** parameters fitted: the chosen ones and one offset per country */
    parameters: number;
    /** the per-country constant-hazard model fitted to the same record */
    constant_hazard: { loglik: number; parameters: number; nominal: number };
  };
  /** ensemble scores over the fitted window, before and after, beside the naive forecasters */
  in_sample: { model_before: Scores; model_after: Scores; persistence: Scores; trend: Scores };
  /** the scenario file written: extends the input and sets the fitted values */
  output: string;
}

/** One forecast question: an event with the model's probability and the persistence baseline's. */
export interface ForecastQuestion {
  /** stable id an outcomes file refers to, e.g. 'RU rung>=6 by 2025-12' */
  id: string;
  text: string;
  p: number;
  persistence: number;
}

/** What `forecast.json` holds. */
export interface ForecastDoc {
  kind: 'forecast';
  scenario: string;
  seed: string;
  runs: number;
  from: string;
  to: string;
  created: string;
  questions: ForecastQuestion[];
  /** the scenario's actors (actorsOf), so that charts name countries and factions; documents written
   * before it have none, and their charts name them by id */
  actors?: ActorInfo[];
}

/** What `score.json` holds. */
export interface ScoreDoc {
  kind: 'score';
  forecast: string;
  outcomes: string;
  scored: {
    id: string;
    outcome: 0 | 1;
    p: number;
    persistence: number;
    brier: number;
    log: number;
    persistence_brier: number;
    persistence_log: number;
  }[];
  /** questions in the outcomes file that the forecast does not have (ignored), and unscored questions */
  unknown: string[];
  unresolved: number;
  mean: { brier: number; log: number; persistence_brier: number; persistence_log: number };
}

/** What `explain.json` holds for a country: the decision of one month, term by term. */
export interface CountryExplanation {
  kind: 'explain-country';
  scenario: string;
  seed: string;
  date: string;
  country: string;
  name: string;
  rung_before: number;
  rung_after: number;
  /** whether the country moved by its own hazard this month */
  moved: boolean;
  /** the cause of the move, or the cause in view if it stayed (docs/MODEL.md §7.1) */
  cause: string;
  /** the move was an upgrade a binding gate allowed because policy crossed it */
  earned: boolean;
  /** the named drive terms (rungs); they add up to `drive` */
  terms: { term: string; value: number }[];
  drive: number;
  /** the rung cap the gates allow, and the gate that binds (if any) */
  cap: number;
  binding_gate: { rung: number; when: string } | null;
  listed: boolean;
  /** first-mover cost of the rung an up-move would reach */
  first_mover_cost: number;
  /** drive beyond what an up-move needs (null: no up-move allowed), and short of what keeping the
   * rung needs (null at rung 0); the hazards rise with them */
  excess: number | null;
  shortfall: number | null;
  /** a precursor (delisting, an announced step) raised the up-hazard */
  precursor: boolean;
  /** monthly probabilities: one rung down, stay, up (one rung or a listed jump) */
  options: { rung: number; p: number }[];
  /** the record's rung of the country that month, when the data's record covers it (the CLI fills it) */
  observed?: number;
}

/** What `explain.json` holds for a faction: why its power moved in one month. */
export interface FactionExplanation {
  kind: 'explain-faction';
  scenario: string;
  seed: string;
  date: string;
  faction: string;
  name: string;
  power_before: number;
  power_after: number;
  /** named contributions to log-power growth (consolidation and the three mechanisms) */
  terms: { term: string; value: number }[];
  /** the inputs of the mechanisms that month */
  flows: { earned: number; unearned: number; isolation: number };
  /** the regime's policy target on each dimension and this faction's weight in it */
  policy: { dimension: string; target: number; ideal: number; weight: number }[];
}

/** Brier and log score of one forecaster over a set of questions (lower is better). */
export interface BinaryScores {
  brier: number;
  log: number;
}

/** What `backtest --rolling` writes (rolling.json). */
export interface RollingDoc {
  kind: 'rolling-backtest';
  scenario: string;
  seed: string;
  /** the record's first and last months */
  start: string;
  end: string;
  /** each origin's refit: the chosen parameters, the offsets and the log-likelihood of the record to it */
  origins: {
    origin: string;
    fitted: { path: string; value: number }[];
    offsets: { country: string; value: number }[];
    loglik: number;
    still_improving: boolean;
  }[];
  horizons: number[];
  /** replications per forecast; latent paths and evaluations per refit; the offsets' prior σ */
  runs: number;
  paths: number;
  evaluations: number;
  sigma: number;
  params: { path: string; lo: number; hi: number }[];
  resamples: number;
  /** "country's rung at origin + horizon is above (below) its rung at origin": outcome and forecasts */
  questions: {
    origin: string;
    country: string;
    direction: 'up' | 'down';
    horizon: number;
    outcome: 0 | 1;
    model: number;
    persistence: number;
    base_rate: number;
  }[];
  /** per horizon and over all questions */
  scores: {
    horizon: number | 'all';
    questions: number;
    /** questions whose event happened */
    happened: number;
    model: BinaryScores;
    persistence: BinaryScores;
    base_rate: BinaryScores;
    /** Brier skill of the model over the better reference, with a bootstrap interval over countries;
     * null when nothing happened (persistence is then perfect) */
    skill: {
      reference: string;
      point: number;
      lo: number;
      hi: number;
      level: number;
      skipped: number;
    } | null;
  }[];
  /** the model's forecasts binned by probability: mean forecast against observed frequency */
  reliability: { lo: number; hi: number; n: number; mean_p: number | null; observed: number | null }[];
}
