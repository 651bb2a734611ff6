// The playground's model thread: the page posts the settings, the worker runs the model (the same
// engine.ts the page's controls use) and posts back the results document and the headline numbers.
// Built by build.mjs into a string the page starts from a Blob URL (a page opened from disk may not
// start a worker from a file).

import files from 'stancesim:shipped';
import { formatDiagnostics, ScenarioError } from '../src/scenario/index.js';
import { headline, Playground } from './engine.js';
import type { ExplainReply, ExplainRequest, Progress, RunReply, RunRequest } from './protocol.js';

const pg = new Playground(files);
performance.mark('worker engine ready');

const post = (message: RunReply | Progress | ExplainReply) =>
  (self as unknown as Worker).postMessage(message);

self.onmessage = (e: MessageEvent<RunRequest | ExplainRequest>) => {
  if ('explain' in e.data) {
    const { id, settings, explain } = e.data;
    try {
      post({ id, kind: 'explain', ok: true, doc: pg.explain(settings, explain.country, explain.date) });
    } catch (err) {
      post({ id, kind: 'explain', ok: false, error: (err as Error).message });
    }
    return;
  }
  const { id, settings, runs } = e.data;
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
};
