// The playground's model thread: the page posts the settings, the worker runs the model (the same
// engine.ts the page's controls use) and posts back the results document and the headline numbers.
// Built by build.mjs into a string the page starts from a Blob URL (a page opened from disk may not
// start a worker from a file).

import files from 'stancesim:shipped';
import { formatDiagnostics, ScenarioError } from '../src/scenario/index.js';
import { headline, Playground } from './engine.js';
import type { RunReply, RunRequest } from './protocol.js';

const pg = new Playground(files);
performance.mark('worker engine ready');

self.onmessage = (e: MessageEvent<RunRequest>) => {
  const { id, settings } = e.data;
  const t0 = performance.now();
  let reply: RunReply;
  try {
    const run = pg.run(settings);
    reply = {
      id,
      ok: true,
      doc: run.doc,
      headline: headline(run.summary),
      end: run.summary.end,
      ms: performance.now() - t0,
    };
  } catch (err) {
    // invalid settings, or a loaded file the page validated but this thread meets first (a link)
    if (err instanceof ScenarioError) reply = { id, ok: false, error: formatDiagnostics(err.diagnostics) };
    else if (err instanceof RangeError) reply = { id, ok: false, error: err.message };
    else throw err;
  }
  (self as unknown as Worker).postMessage(reply);
};
