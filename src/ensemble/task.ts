// One unit of ensemble work: a block of replications of one input (or of several design points of
// it), reduced to an aggregate, outcome values, or kept paths. The same function runs in a worker
// thread and in-process, so the numbers cannot depend on where it ran. It needs only the model:
// gates arrive as programs, so a worker loads no mathjs.

import { withOverrides } from '../model/params.js';
import { simulate } from '../model/simulate.js';
import { parseMonth } from '../model/time.js';
import type { ModelInput, SimResult } from '../model/types.js';
import {
  type Aggregate,
  type Allocate,
  addRun,
  arrayIn,
  createAggregate,
  partOf,
  resetAggregate,
} from './aggregate.js';
import { liveInput, type PlainInput, replicationSeed, type Task, type TaskResult } from './input.js';
import { outcomeContext, parseOutcome } from './outcomes.js';
import { runsCsvRows } from './paths.js';

// one aggregate per shape and thread, zeroed for each task: tasks come by the thousand
const scratch = new Map<string, Aggregate>();
// and one result, each replication written over the last (read and done with by then)
let lastRun: SimResult | undefined;
// and one live input per plain one: the tasks of an ensemble then run on the same objects (params,
// gates, the country table derived from them), which V8 compiles the model against; new ones in every
// task would undo that compiled code at the second task (docs/BENCHMARKS.md). By object: an input is
// never changed once built
const lives = new WeakMap<PlainInput, ModelInput>();

function liveOf(input: PlainInput): ModelInput {
  let made = lives.get(input);
  if (!made) {
    made = liveInput(input);
    lives.set(input, made);
  }
  return made;
}

function scratchAggregate(months: number, countries: number): Aggregate {
  const key = `${months}x${countries}`;
  let a = scratch.get(key);
  if (a) resetAggregate(a);
  else {
    a = createAggregate(months, countries);
    scratch.set(key, a);
  }
  return a;
}

/** Run a task; `alloc` gives the memory of the arrays it returns (a thread's slot of shared memory). */
export function runTask(task: Task, alloc?: Allocate): TaskResult {
  const { input, from, to } = task;
  if (!(Number.isInteger(from) && Number.isInteger(to) && from >= 0 && to >= from))
    throw new RangeError(`bad replication range [${from}, ${to})`);
  const live = liveOf(input);
  const points = task.points ?? [[]];
  const reps = to - from;
  const countries = Object.keys(input.params.countries);
  const months = parseMonth(input.end) - parseMonth(input.start) + 1;
  const outcomes = (task.outcomes ?? []).map((text) => parseOutcome(text, outcomeContext(input)));
  const aggregate = task.aggregate ? scratchAggregate(months, countries.length) : undefined;
  const n = points.length * reps * outcomes.length;
  const values = outcomes.length > 0 ? arrayIn(Float64Array, n, alloc) : undefined;
  const runs: string[] = [];
  points.forEach((overrides, p) => {
    const base: ModelInput =
      overrides.length > 0 ? { ...live, params: withOverrides(input.params, overrides) } : live;
    for (let rep = from; rep < to; rep++) {
      const r = simulate({ ...base, seed: replicationSeed(input.seed, rep) }, undefined, undefined, lastRun);
      lastRun = r;
      if (aggregate) addRun(aggregate, r);
      if (task.keepRuns) runs.push(runsCsvRows(r, rep));
      if (values) {
        const at = (p * reps + (rep - from)) * outcomes.length;
        outcomes.forEach((o, k) => {
          values[at + k] = o.value(r);
        });
      }
    }
  });
  return {
    ...(aggregate ? { aggregate: partOf(aggregate, alloc) } : {}),
    ...(values ? { values } : {}),
    ...(task.keepRuns ? { runs: runs.join('') } : {}),
  };
}
