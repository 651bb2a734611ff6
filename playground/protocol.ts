// The messages between the page and its model worker (worker.ts). Plain data: structured-cloned.

import type { CompareDoc, EnsembleDoc } from '../src/ensemble/index.js';
import type { ResultsDoc } from '../src/model/index.js';
import type { CountryExplanation } from '../src/validation/docs.js';
import type { Headline, Settings } from './engine.js';

/** Run the model under these settings, once or `runs` times (an ensemble); `id` comes back. With
 * `pinned`, then compare the pinned settings (A) with these (B): a CompareReply follows the run's. */
export interface RunRequest {
  id: number;
  settings: Settings;
  runs?: number;
  pinned?: Settings;
}

/** Why a country stands where it does in a month of the run under these settings. */
export interface ExplainRequest {
  id: number;
  settings: Settings;
  explain: { country: string; date: string };
}

export type ExplainReply =
  | { id: number; kind: 'explain'; ok: true; doc: CountryExplanation }
  | { id: number; kind: 'explain'; ok: false; error: string };

export type RunReply =
  | { id: number; kind: 'run'; ok: true; doc: ResultsDoc; headline: Headline; end: string; ms: number }
  | { id: number; kind: 'ensemble'; ok: true; ensemble: EnsembleDoc; ms: number }
  /** invalid settings (a month, a seed): the scenario layer's located messages */
  | { id: number; kind: 'error'; ok: false; error: string };

/** How far an ensemble has got: sent between the blocks of its runs. */
export interface Progress {
  id: number;
  kind: 'progress';
  done: number;
  runs: number;
}

/** A vs B (side-by-side.ts), after the run's reply; none when newer settings came first. */
export type CompareReply =
  | { id: number; kind: 'compare'; ok: true; doc: CompareDoc; ms: number }
  | { id: number; kind: 'compare'; ok: false; error: string };

/** How far the comparison has got: runs done of both arms' runs. */
export interface CompareProgress {
  id: number;
  kind: 'compare-progress';
  done: number;
  total: number;
}
