// The simulation: pure, deterministic and browser-safe (no Node APIs, no I/O).

export { type BoolExpr, boolClosure, type NumExpr, numClosure } from './condition.js';
export {
  bindingGate,
  chooseRung,
  DRIVE_TERMS,
  driveTerms,
  firstMoverCost,
  gateCap,
  utility,
} from './countries.js';
export { POWER_TERMS, policyTarget, powerTerms } from './factions.js';
export { getPath, setPath, withOverrides } from './params.js';
export {
  type ActorInfo,
  actorsOf,
  csvField,
  csvTable,
  type ResultsDoc,
  round6,
  type TidyRow,
  toResultsDoc,
  toRows,
} from './results.js';
export { createStream, hash128, type Stream, streamSeed } from './rng.js';
export { simulate } from './simulate.js';
export { formatMonth, isMonth, monthRange, parseMonth } from './time.js';
export * from './types.js';
export { conditionVariables, describeVariable, WORLD_VARIABLES } from './variables.js';
export { createWorld, type World } from './world.js';
