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
