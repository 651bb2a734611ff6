// A request from the page answered by an engine: in the model worker, or in the page itself while the
// worker is still starting (the first run then needs no worker at all).

import { formatDiagnostics, ScenarioError } from '../src/scenario/index.js';
import { headline, type Playground } from './engine.js';
import type { ExplainReply, ExplainRequest, Progress, RunReply, RunRequest } from './protocol.js';

export type Reply = RunReply | Progress | ExplainReply;

export function answer(pg: Playground, request: RunRequest | ExplainRequest, post: (r: Reply) => void): void {
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
    const error =
      err instanceof ScenarioError
        ? formatDiagnostics(err.diagnostics)
        : err instanceof RangeError
          ? err.message
          : undefined;
    if (error === undefined) throw err;
    reply = { id, kind: 'error', ok: false, error };
  }
  post(reply);
}
