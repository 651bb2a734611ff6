// A unit of ensemble work as plain data (it crosses to worker threads), and the seed rule.

import { boolClosure } from '../model/condition.js';
import type { CompiledGate, ModelInput } from '../model/types.js';
import type { AggregatePart } from './aggregate.js';

/** A gate without its closure: the program rebuilds it (src/model/condition.ts). */
export type PlainGate = Omit<CompiledGate, 'test'>;

/** A model input as plain data, so it can cross to a worker thread (which then needs no mathjs). */
export type PlainInput = Omit<ModelInput, 'gates'> & { gates: Record<string, PlainGate[]> };

export type Override = { path: string; value: number | boolean };

export interface Task {
  input: PlainInput;
  /** replications [from, to) */
  from: number;
  to: number;
  /** design points, each a set of parameter overrides; absent = the input itself */
  points?: Override[][];
  /** outcome texts to evaluate per (point, replication) */
  outcomes?: string[];
  /** reduce the runs to an aggregate (one point only) */
  aggregate?: boolean;
  /** keep every path as CSV rows (one point only) */
  keepRuns?: boolean;
}

export interface TaskResult {
  aggregate?: AggregatePart;
  /** [((point · reps) + rep) · outcomes + outcome], reps = to − from */
  values?: Float64Array;
  runs?: string;
}

/** Replication r of a scenario runs with this seed; it does not depend on N, shards or workers. */
export function replicationSeed(seed: string, rep: number): string {
  return `${seed}/${rep}`;
}

/** Gates without their closures (plain data). */
export function plainGates(gates: ModelInput['gates']): Record<string, PlainGate[]> {
  return Object.fromEntries(
    Object.entries(gates).map(([id, list]) => [id, list.map(({ test: _test, ...g }) => g)]),
  );
}

/** Gates with their closures rebuilt from their programs, one closure per condition (as compileGates
 * gives them, by the condition's text: the model reads a shared condition once a month). */
export function liveGates(gates: Record<string, PlainGate[]>): ModelInput['gates'] {
  const closures = new Map<string, CompiledGate['test']>();
  const closure = (g: PlainGate) => {
    let test = closures.get(g.when);
    if (!test) {
      test = boolClosure(g.program);
      closures.set(g.when, test);
    }
    return test;
  };
  return Object.fromEntries(
    Object.entries(gates).map(([id, list]) => [id, list.map((g) => ({ ...g, test: closure(g) }))]),
  );
}

export function plainInput(input: ModelInput): PlainInput {
  return { ...input, gates: plainGates(input.gates) };
}

/** The input with its gates' closures rebuilt from their programs. */
export function liveInput(plain: PlainInput): ModelInput {
  return { ...plain, gates: liveGates(plain.gates) };
}
