// The playground's model thread: the page posts requests, the worker runs the model, makes the charts
// (answer.ts) and posts them back. It starts from the engine's snapshot made at build time (no YAML
// parsed, no gate compiled) and knowing the structures of the charts the page opens on (their
// runtimes are on the page), without the scenario loader, whose code (loader.js) it is sent as it
// starts. Built by build.mjs into boot.js, which starts it from a Blob URL (a page opened from disk
// may not start a worker from a file).

import charts from 'stancesim:charts';
import snapshot from 'stancesim:snapshot';
import { Answers } from './answer.js';
import { Playground } from './engine.js';
import { setLoaderCode } from './loader-lazy.js';
import type { Reply, Request } from './protocol.js';

const answers = new Answers(
  new Playground(snapshot.files, snapshot),
  (reply: Reply) => (self as unknown as Worker).postMessage(reply),
  charts,
);

// the newest run request: a comparison still running for an older one gives up
let latest = 0;
self.onmessage = (e: MessageEvent<Request | { kind: 'loader'; code: string }>) => {
  const request = e.data;
  if (request.kind === 'loader') {
    setLoaderCode(request.code);
    return;
  }
  if (request.kind === 'run') latest = request.id;
  void answers.answer(request, () => request.id !== latest);
};
