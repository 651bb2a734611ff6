// The playground's model thread: the page posts the settings, the worker runs the model (the same
// engine.ts the page's controls use) and posts back what answer.ts makes of them. Built by build.mjs
// into boot.js, which starts it from a Blob URL when the page asks (a page opened from disk may not
// start a worker from a file); it says when it is ready.

import files from 'stancesim:shipped';
import { answer, type Reply } from './answer.js';
import { Playground } from './engine.js';
import type { ExplainRequest, RunRequest } from './protocol.js';

const pg = new Playground(files);
const post = (message: Reply | { kind: 'ready' }) => (self as unknown as Worker).postMessage(message);
post({ kind: 'ready' });

// the newest run request: a comparison still running for an older one gives up
let latest = 0;
self.onmessage = (e: MessageEvent<RunRequest | ExplainRequest>) => {
  const request = e.data;
  if (!('explain' in request)) latest = request.id;
  void answer(pg, request, post, () => request.id !== latest);
};
