// The simulation: pure, deterministic and browser-safe (no Node APIs, no I/O).
export * from './types.js';
export { simulate } from './simulate.js';
export { bindingGate, chooseRung, DRIVE_TERMS, driveTerms, firstMoverCost, gateCap, utility } from './countries.js';
export { POWER_TERMS, powerTerms, policyTarget } from './factions.js';
export { conditionVariables, describeVariable, WORLD_VARIABLES } from './variables.js';
export { formatMonth, isMonth, monthRange, parseMonth } from './time.js';
export { createStream, hash128, streamSeed, type Stream } from './rng.js';
export { actorsOf, round6, toResultsDoc, toRows, type ActorInfo, type ResultsDoc, type TidyRow } from './results.js';
export { createWorld, type World } from './world.js';
