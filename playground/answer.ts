// A request from the page answered by an engine: in the model worker, or in the page itself while the
// worker is still starting (the first run then needs no worker at all).

import { formatDiagnostics, ScenarioError } from '../src/scenario/index.js';
import { headline, type Playground, type Settings } from './engine.js';
import type {
  CompareProgress,
  CompareReply,
  ExplainReply,
  ExplainRequest,
  Progress,
  RunReply,
  RunRequest,
} from './protocol.js';
import { ArmCache, sideBySide } from './side-by-side.js';

export type Reply = RunReply | Progress | ExplainReply | CompareReply | CompareProgress;

/** The runs of a comparison when the page shows one run: the ensemble mode's default size. */
export const SIDE_BY_SIDE_RUNS = 200;

// this thread's arms of recent comparisons: A is run once while B's sliders move
const arms = new ArmCache();

/** A task's turn: input (a newer request) gets through between the blocks of a comparison. */
const turn = () => new Promise((r) => setTimeout(r, 0));

/**
 * Answer a request: the run (or ensemble, or explanation) at once; then, for a request with settings
 * pinned as A, the comparison block by block, given up as soon as `stale()` (newer settings came).
 */
export async function answer(
  pg: Playground,
  request: RunRequest | ExplainRequest,
  post: (r: Reply) => void,
  stale: () => boolean = () => false,
): Promise<void> {
  if ('explain' in request) {
    const { id, settings, explain } = request;
    try {
      post({ id, kind: 'explain', ok: true, doc: pg.explain(settings, explain.country, explain.date) });
    } catch (err) {
      post({ id, kind: 'explain', ok: false, error: (err as Error).message });
    }
    return;
  }
  const { id, settings, runs } = request;
  const t0 = performance.now();
  let reply: RunReply;
  try {
    if (runs) {
      const ensemble = pg.ensemble(settings, runs, (done) => post({ id, kind: 'progress', done, runs }));
      reply = { id, kind: 'ensemble', ok: true, ensemble, ms: performance.now() - t0 };
    } else {
      const run = pg.run(settings);
      reply = {
        id,
        kind: 'run',
        ok: true,
        doc: run.doc,
        headline: headline(run.summary),
        end: run.summary.end,
        ms: performance.now() - t0,
      };
    }
  } catch (err) {
    // invalid settings, or a loaded file the page validated but this thread meets first (a link)
    const error = messageOf(err);
    if (error === undefined) throw err;
    reply = { id, kind: 'error', ok: false, error };
  }
  post(reply);
  if (request.pinned && reply.ok) await compare(pg, request.pinned, request, post, stale);
}

async function compare(
  pg: Playground,
  pinned: Settings,
  { id, settings, runs = SIDE_BY_SIDE_RUNS }: RunRequest,
  post: (r: Reply) => void,
  stale: () => boolean,
): Promise<void> {
  const t0 = performance.now();
  try {
    const steps = sideBySide(pg, pinned, settings, runs, arms);
    for (let step = steps.next(); ; step = steps.next()) {
      if (step.done) {
        post({ id, kind: 'compare', ok: true, doc: step.value, ms: performance.now() - t0 });
        return;
      }
      post({ id, kind: 'compare-progress', done: step.value, total: 2 * runs });
      await turn();
      if (stale()) return;
    }
  } catch (err) {
    const error = messageOf(err);
    if (error === undefined) throw err;
    post({ id, kind: 'compare', ok: false, error });
  }
}

/** The message of an error the user can act on (invalid settings or file); undefined for a bug. */
function messageOf(err: unknown): string | undefined {
  return err instanceof ScenarioError
    ? formatDiagnostics(err.diagnostics)
    : err instanceof RangeError
      ? err.message
      : undefined;
}
