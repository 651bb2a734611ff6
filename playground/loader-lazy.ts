// loader.ts in the worker (build.mjs puts this module in its place): the loader's own script, whose code
// the page sends (loader.js), imported the first time a file is loaded, so that the worker starts
// without it. Its errors become this script's ScenarioError, so that `instanceof` holds here.

import { ScenarioError } from '../src/scenario/errors.js';
import type * as Loader from './loader.js';

const scope = self as unknown as { stancesimLoader?: typeof Loader; importScripts(url: string): void };
let code: string | undefined;

function loader(): typeof Loader {
  if (!scope.stancesimLoader) {
    if (code === undefined) throw new Error('the scenario loader has not been sent to the worker');
    // a Blob URL of this worker's own (one the page made is another origin's on a page from disk)
    scope.importScripts(URL.createObjectURL(new Blob([code], { type: 'text/javascript' })));
  }
  return scope.stancesimLoader!;
}

function ours<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    if (e instanceof loader().ScenarioError) throw new ScenarioError(e.diagnostics);
    throw e;
  }
}

export const loadData: typeof Loader.loadData = (...a) => ours(() => loader().loadData(...a));
export const loadScenario: typeof Loader.loadScenario = (...a) => ours(() => loader().loadScenario(...a));

/** The loader's script: sent by the page before any request. */
export function setLoaderCode(text: string): void {
  code = text;
}
