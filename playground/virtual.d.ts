// Modules filled in by playground/build.mjs at build time.

/** What the page knows of the scenarios (catalogue.ts), made by the engine from the shipped files. */
declare module 'stancesim:catalogue' {
  const catalogue: import('./catalogue.js').CatalogueData;
  export default catalogue;
}

/** The engine's state for the worker: the shipped files, parsed and compiled (engine.ts `snapshot`). */
declare module 'stancesim:snapshot' {
  const snapshot: import('./engine.js').Snapshot;
  export default snapshot;
}

/** The page's first request when it opens without a link, and the worker's replies to it (first.ts). */
declare module 'stancesim:first' {
  const first: { request: import('./protocol.js').RunRequest; replies: import('./protocol.js').Reply[] };
  export default first;
}

/** The chart structures the worker's compiler knows at start: those of the page's first charts. */
declare module 'stancesim:charts' {
  const charts: import('./compile.js').CompilerSeed;
  export default charts;
}
