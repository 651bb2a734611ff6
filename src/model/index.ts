// The simulation: pure, deterministic and browser-safe (no Node APIs, no I/O).

export { CAUSE, causeOf } from './causes.js';
export { NonFiniteError } from './check.js';
export { type BoolExpr, boolClosure, type NumExpr, numClosure } from './condition.js';
export {
  bindingGate,
  decide,
  drives,
  firstMoverCost,
  gateCap,
} from './countries.js';
export { powerTerms } from './factions.js';
export { getPath, setPath, withOverrides } from './params.js';
export { policyTarget } from './regime.js';
export {
  type ActorInfo,
  actorLabel,
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
export { DRIVE_TERMS, type DriveTerm, POWER_TERMS } from './terms.js';
export { formatMonth, isMonth, monthRange, parseMonth } from './time.js';
export * from './types.js';
export { conditionVariables, describeVariable, WORLD_VARIABLES } from './variables.js';
export { createWorld, noteRungs, type World } from './world.js';
