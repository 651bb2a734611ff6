// The page's first request when it opens without a link: the first scenario's defaults, the whole run,
// charts at the page width. build.mjs answers it at build time, so the page draws those charts at once
// while the worker starts; the worker runs it too, silently, to hold the run for the first change.

import { PAGE_WIDTH } from '../src/charts/style.js';
import { Catalogue, type CatalogueData } from './catalogue.js';
import type { RunRequest } from './protocol.js';

export function firstRequest(data: CatalogueData): RunRequest {
  const cat = new Catalogue(data);
  return {
    kind: 'run',
    id: 1,
    settings: cat.defaults(cat.scenarios[0]!.file),
    layout: { width: PAGE_WIDTH, abWidth: PAGE_WIDTH },
    compare: true,
  };
}
