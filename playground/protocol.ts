// The messages between the page and its model worker (worker.ts). Plain data: structured-cloned. The
// worker holds the engine and makes the charts (Vega-Lite compiled to Vega); the page draws them.

import type { CompareDoc } from '../src/ensemble/index.js';
import type { ScenarioEntry, Settings } from './catalogue.js';

/** A chart as the page draws it: the Vega-Lite spec compiled to Vega and parsed to Vega's runtime
 * dataflow in the worker (compile.ts), its datasets' rows apart. */
export interface ChartPayload {
  kind: string;
  /** the spec's structure (everything but the datasets' rows): a view showing the same structure
   * takes new rows through its data API; any other is made anew */
  key: string;
  /** `vega.parse` of the structure: sent with the first chart of a kind to have this key, then left
   * out (the page keeps the last one of each kind, views.ts) */
  runtime?: object;
  /** each dataset's rows, with a key of them: rows a view already shows are not sent to it again;
   * `asIs`: the view holds them as they are (no transform or parse on the way in), so new values can
   * be set on its tuples */
  data: { name: string; key: string; rows: object[]; asIs: boolean }[];
}

/** How the page lays the charts out: the month the player shows (undefined: the whole run), and the
 * width of the charts' column and of the side-by-side panel. */
export interface Layout {
  month?: string;
  width: number;
  abWidth: number;
}

/** Run the model under these settings, once or `settings.runs` times (an ensemble), and make the
 * charts for `layout`. With `pinned` and `compare`, then compare the pinned settings (A) with these
 * (B): a CompareReply follows. The same settings as the request before reuse its run. */
export interface RunRequest {
  kind: 'run';
  id: number;
  settings: Settings;
  layout: Layout;
  pinned?: Settings;
  compare: boolean;
  /** answered with a Ready alone: the page has the answer already (first.ts); the worker holds it */
  silent?: boolean;
}

/** Why a country stands where it does in a month of the run under these settings. */
export interface ExplainRequest {
  kind: 'explain';
  id: number;
  settings: Settings;
  explain: { country: string; date: string };
  width: number;
}

/** A scenario file the user loaded (or a link carries): validated as the CLI would, then added. */
export interface LoadRequest {
  kind: 'load';
  id: number;
  file: string;
  text: string;
}

export type Request = RunRequest | ExplainRequest | LoadRequest;

/** The headline numbers of one run. */
export interface Headline {
  first_recognition: { country: string; date: string } | null;
  /** countries at rung 5 or 6 at the end */
  at_least_5: number;
  legitimacy: number;
  kandahar_power: number;
  un_seat: boolean;
  final_rungs: Record<string, number>;
}

/** The headline numbers of an ensemble: the chance of a first recognition, medians at the end. */
export interface EnsembleHeadline {
  runs: number;
  p_recognition: number;
  countries: number;
  median_count_ge_5: number;
  median_legitimacy: number;
  median_kandahar: number;
}

export type RunReply =
  | {
      id: number;
      kind: 'run';
      ok: true;
      headline: Headline;
      start: string;
      end: string;
      /** the model's time for this run (its first request's) */
      ms: number;
      /** equal for two runs with the same rows: a change that moved nothing */
      fingerprint: string;
      /** how many ChartMessages follow */
      charts: number;
    }
  | {
      id: number;
      kind: 'ensemble';
      ok: true;
      headline: EnsembleHeadline;
      start: string;
      end: string;
      ms: number;
      charts: number;
    }
  /** invalid settings (a month, a seed): the scenario layer's located messages */
  | { id: number; kind: 'error'; ok: false; error: string };

/** One of a run's charts, after its reply. */
export interface ChartMessage {
  id: number;
  kind: 'chart';
  chart: ChartPayload;
}

/** How far an ensemble has got: sent between the blocks of its runs. */
export interface Progress {
  id: number;
  kind: 'progress';
  done: number;
  runs: number;
}

/** A vs B (side-by-side.ts), after the run's reply; none when newer settings came first. */
export type CompareReply =
  | {
      id: number;
      kind: 'compare';
      ok: true;
      runs: number;
      seed: string;
      differences: CompareDoc['differences'];
      /** the table's rows: outcome, A, B, B − A with its interval */
      rows: [string, string, string, string][];
      /** the parameters A and B differ in */
      overrides: { path: string; a: string; b: string }[];
      charts: ChartPayload[];
      ms: number;
    }
  | { id: number; kind: 'compare'; ok: false; error: string };

/** How far the comparison has got: runs done of both arms' runs. */
export interface CompareProgress {
  id: number;
  kind: 'compare-progress';
  done: number;
  total: number;
}

/** A silent request answered: the worker holds its run (and has made its charts, unsent). */
export interface Ready {
  id: number;
  kind: 'ready';
}

export type ExplainReply =
  | { id: number; kind: 'explain'; ok: true; country: string; date: string; chart: ChartPayload }
  | { id: number; kind: 'explain'; ok: false; error: string };

export type LoadReply =
  | { id: number; kind: 'load'; ok: true; entry: ScenarioEntry }
  | { id: number; kind: 'load'; ok: false; error: string };

export type Reply =
  | Ready
  | RunReply
  | ChartMessage
  | Progress
  | CompareReply
  | CompareProgress
  | ExplainReply
  | LoadReply;
