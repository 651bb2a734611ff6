// Ensembles of replications and the studies built on them (pure; no I/O). runTask (task.ts) is not
// re-exported: it brings the scenario layer and mathjs, which only the threads that run tasks need.

export * from './aggregate.js';
export * from './compare.js';
export * from './docs.js';
export * from './document.js';
export * from './formats.js';
export * from './input.js';
export * from './outcomes.js';
export * from './paths.js';
export * from './shard.js';
