// The scenario loader: YAML, the schema and the condition compiler (most of the worker's code by size).
// The engine reads files through it; in the worker, build.mjs puts loader-lazy.ts in its place, so
// that this part is a script of its own, imported the first time a file is loaded.

export { loadData } from '../src/scenario/data.js';
export { ScenarioError } from '../src/scenario/errors.js';
export { loadScenario } from '../src/scenario/load.js';
