// The messages between the page and its model worker (worker.ts). Plain data: structured-cloned.

import type { ResultsDoc } from '../src/model/index.js';
import type { Headline, Settings } from './engine.js';

/** Run the model under these settings; `id` comes back with the reply. */
export interface RunRequest {
  id: number;
  settings: Settings;
}

export type RunReply =
  | { id: number; ok: true; doc: ResultsDoc; headline: Headline; end: string; ms: number }
  /** invalid settings (a month, a seed): the scenario layer's located messages */
  | { id: number; ok: false; error: string };
