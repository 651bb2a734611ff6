// The documents the uncertainty commands write (ensemble.json, compare.json, sensitivity.json,
// discover.json) and the chart builders read. Plain data: numbers, strings, arrays.

import type { Direction, MoveKind } from '../analysis/moves.js';
import type { ActorInfo, RecordOverlay } from '../model/results.js';
import type { Cause } from '../model/types.js';

/** Quantile bands of one continuous series, month by month (arrays parallel to `months`). */
export interface Band {
  actor: string;
  /** e.g. 'power', 'womens_rights', 'threat', 'legitimacy', 'count_ge_4', 'recognizers' */
  variable: string;
  /** legend label, e.g. 'Kandahar circle (Haibatullah Akhundzada)' or "Women's rights" */
  label: string;
  p05: number[];
  p25: number[];
  p50: number[];
  p75: number[];
  p95: number[];
}

/** What `ensemble.json` holds: an ensemble of replications, aggregated. */
export interface EnsembleDoc {
  kind: 'ensemble';
  scenario: string;
  question: string;
  /** the scenario seed; replication r ran with seed `${seed}/${r}` */
  seed: string;
  runs: number;
  start: string;
  end: string;
  months: string[];
  /** countries (with bloc), factions, regime, isk, UN, world */
  actors: ActorInfo[];
  /** P(rung >= k) by month, for every country and k = 1..6 */
  rung_at_least: { country: string; k: number; p: number[] }[];
  /** median and 50% / 90% bands: faction power, policy indices, threat, legitimacy, counts at or above rungs */
  bands: Band[];
  /** who reached rung 6 first (ties: each tied country counts); country null = nobody by the end */
  first_recognizer: { country: string | null; runs: number; share: number }[];
  /** month of the first formal recognition, over runs that had one */
  first_recognition_month: { date: string; runs: number }[];
  /** countries that followed the first recognizer to rung 6 within 12 months, over runs that had one */
  cascade: { size: number; runs: number }[];
  /** moves over all runs: every move, up and down, forced by an event or the country's own, earned
   * upgrades, and moves up and down by cause (keys in CAUSES order) */
  moves: EnsembleMoves;
  /** the observed record over the ensemble's months (stance rows of the data directory in use), when
   * the ensemble starts by the record's end; its months up to `record.end` replay history (none when it
   * starts in that very month) */
  record?: RecordOverlay;
}

/** One kind of move over an ensemble. */
export interface MoveStat {
  /** such moves, summed over all runs */
  moves: number;
  /** mean per run (moves / runs) */
  per_run: number;
  /** runs with at least one such move */
  runs: number;
  /** share of runs with at least one such move */
  share: number;
}

export type EnsembleMoves = { [K in MoveKind]: MoveStat } & {
  by_cause: Record<Direction, Record<Cause, MoveStat>>;
};

/** A named per-run outcome (see outcomes.ts) and, for events, the threshold that makes it true. */
export interface OutcomeRef {
  /** as the user wrote it, e.g. 'recognizers@2028-12 >= 5' */
  text: string;
  label: string;
  binary: boolean;
}

/** What `compare.json` holds: scenarios run under common random numbers, with paired differences. */
export interface CompareDoc {
  kind: 'compare';
  seed: string;
  runs: number;
  scenarios: { name: string; question: string; file: string }[];
  /** one row per outcome × scenario after the first (the reference) */
  differences: {
    outcome: OutcomeRef;
    reference: string;
    scenario: string;
    /** mean of the outcome (a probability for events) in the reference and in the scenario */
    reference_mean: number;
    scenario_mean: number;
    /** scenario − reference, paired by replication, with a 95% interval */
    difference: number;
    lo: number;
    hi: number;
  }[];
  /** parameter paths whose values differ between the scenarios (events listed by label) */
  overrides: { path: string; values: Record<string, string> }[];
  /** each scenario's ensemble, for the small-multiple charts */
  ensembles: EnsembleDoc[];
}

/** One factor of a sweep or sensitivity study. */
export interface FactorInfo {
  path: string;
  /** 'range 0..3', 'values true, false', 'normal(0.8, 0.1)' … */
  describe: string;
}

/** What every study document (sweep, sensitivity, discover) says of its runs. */
export interface StudyMeta {
  scenario: string;
  seed: string;
  /** replications per design point */
  runs: number;
  /** the runs' first and last month */
  start: string;
  end: string;
  /** the record's last month, when the runs start by then: up to it they replay the record's events
   * (or, starting in it, begin from the observed state) */
  record_end?: string;
}

/** What `sensitivity.json` holds. */
export interface SensitivityDoc extends StudyMeta {
  kind: 'sensitivity';
  method: 'morris' | 'sobol';
  /** design points evaluated */
  points: number;
  factors: FactorInfo[];
  outcomes: {
    outcome: OutcomeRef;
    /** Morris: mu_star with a bootstrap 95% interval, and sigma; Sobol: S1 and ST with 95% intervals */
    indices: {
      factor: string;
      mu_star?: number;
      mu_star_lo?: number;
      mu_star_hi?: number;
      sigma?: number;
      s1?: number;
      s1_lo?: number;
      s1_hi?: number;
      st?: number;
      st_lo?: number;
      st_hi?: number;
    }[];
  }[];
  /** Sobol: the indices whose 95% interval is wider than 0.2 or reaches outside [−0.05, 1.05] — too
   * few samples to read them (SOBOL_UNRELIABLE) */
  unreliable?: { outcome: string; factor: string; index: 's1' | 'st'; lo: number; hi: number }[];
}

/** What `discover.json` holds: PRIM's peeling trajectory and the chosen box. */
export interface DiscoverDoc extends StudyMeta {
  kind: 'discover';
  points: number;
  outcome: OutcomeRef;
  factors: FactorInfo[];
  /** share of design points where the outcome holds */
  base_rate: number;
  trajectory: {
    step: number;
    coverage: number;
    density: number;
    /** design points inside the box */
    n: number;
    /** the box: bounds on each restricted factor in its own units; a discrete factor lists the values kept */
    box: { path: string; lo?: number; hi?: number; values?: (number | boolean)[] }[];
  }[];
  /** index into trajectory of the box reported */
  chosen: number;
}
