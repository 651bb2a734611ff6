// The scenario layer's public API: data files, scenario files, conditions and the ModelInput of a run.
// Nothing here imports from Node: the CLI injects file access (FileReader).

export { CONDITION_FUNCTIONS, ConditionError, compileCondition } from './conditions.js';
export {
  DATA_FILES,
  EVENT_COLUMNS,
  loadData,
  type ModelData,
  type Observation,
} from './data.js';
export { COMMAND_LINE, type Diagnostic, didYouMean, formatDiagnostics, ScenarioError } from './errors.js';
export { type FileReader, memoryReader, missingFile } from './files.js';
export { buildInput, historyShocks, type InputOptions, initialState } from './input.js';
export { compileGates, type LoadedScenario, loadScenario, type ScenarioMeta } from './load.js';
export { firstObservedMonth, LAST_MONTH } from './months.js';
export { lookupParam, paramsSchema } from './params-schema.js';
export { basename, dirname, join, normalize } from './paths.js';
export {
  EFFECT_KEYS,
  eventSchema,
  type ScenarioDoc,
  scenarioJsonSchema,
  scenarioJsonSchemaText,
  scenarioSchema,
} from './schema.js';
export {
  describeFactor,
  type FactorValue,
  factorLevels,
  factorValue,
  parseFactorArg,
  type SweepFactor,
} from './sweep.js';
