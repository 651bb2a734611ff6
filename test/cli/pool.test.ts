// The task pool: small batches run in this thread, larger ones on threads (THREAD_WORK, or
// STANCESIM_THREAD_WORK), with the same results either way.

import { afterEach, describe, expect, it } from 'vitest';
import {
  blockSize,
  compilesInPlace,
  replicationBlocks,
  type SharedInput,
  sharedInput,
  startPool,
  THREAD_WORK,
  threadOptions,
  threadWork,
  workOf,
} from '../../src/cli/pool.js';
import worker from '../../src/cli/worker.js';
import { plainInput, type Task, type TaskResult } from '../../src/ensemble/input.js';
import { runTask } from '../../src/ensemble/task.js';
import { input } from '../model/fixture.js';

const plain = plainInput(input('pool', { end: '2022-12' })); // 17 months
const tasks = (n: number): Task[] =>
  Array.from({ length: n }, (_, k) => ({ input: plain, from: 4 * k, to: 4 * k + 4, aggregate: true }));

/** A result with copies of its arrays (a structured clone would share a thread's slot). */
function own(r: TaskResult): TaskResult {
  const copy = (v: unknown) => (v instanceof Uint32Array || v instanceof Float64Array ? v.slice() : v);
  return {
    ...r,
    ...(r.aggregate
      ? {
          aggregate: Object.fromEntries(
            Object.entries(r.aggregate).map(([k, v]) => [k, copy(v)]),
          ) as unknown as TaskResult['aggregate'],
        }
      : {}),
    ...(r.values ? { values: r.values.slice() } : {}),
  };
}

async function results(batch: Task[], workers = 2) {
  const pool = await startPool(workers);
  const out: TaskResult[] = [];
  try {
    // a result is ours only while onResult runs: its arrays' memory then serves a later task
    await pool.run(batch, (i, r) => {
      out[i] = own(r);
    });
    return { out, threads: pool.threads() };
  } finally {
    await pool.close();
  }
}

afterEach(() => {
  delete process.env.STANCESIM_THREAD_WORK;
});

describe('task pool', () => {
  it('counts work in run-months, design points included', () => {
    expect(workOf(tasks(3))).toBe(3 * 4 * 17);
    expect(workOf([{ ...tasks(1)[0]!, points: [[], []] }])).toBe(2 * 4 * 17);
  });

  it('runs a small batch in this thread and a large one on threads, to the same results', async () => {
    // more tasks than are in flight at once: later ones write into the slots of results read
    const batch = tasks(12);
    expect(workOf(batch)).toBeLessThan(THREAD_WORK);
    const here = await results(batch);
    expect(here.threads).toBe(0);
    process.env.STANCESIM_THREAD_WORK = '0';
    const threaded = await results(batch);
    expect(threaded.threads).toBe(2);
    expect(threaded.out).toEqual(here.out);
    // one worker, or one task, never starts a thread
    expect((await results(batch, 1)).threads).toBe(0);
    expect((await results(tasks(1))).threads).toBe(0);
  }, 60_000);

  it("writes a thread's result into the task's slot of shared memory, or reports the room it needed", () => {
    const task = tasks(1)[0]!;
    const reference = runTask(task);
    // an empty slot: new memory, and the bytes the arrays needed, for the slot to grow to
    const small = worker({ ...task, slot: new SharedArrayBuffer(0), input: sharedInput(task.input) });
    expect(small.aggregate!.rung.buffer).toBeInstanceOf(ArrayBuffer);
    expect(small.slotBytes).toBeGreaterThan(0);
    const slot = new SharedArrayBuffer(small.slotBytes);
    const inSlot = worker({ ...task, slot, input: sharedInput(task.input) });
    expect(inSlot.aggregate!.rung.buffer).toBe(slot);
    expect(inSlot.aggregate!.continuousCount.buffer).toBe(slot);
    const { slotBytes, ...result } = inSlot;
    expect(slotBytes).toBe(small.slotBytes);
    expect(result).toEqual(reference);
    // plain data, nothing moved: a transfer would detach a buffer in the thread
    expect(Object.getOwnPropertySymbols(inSlot)).toEqual([]);
  });

  it("reads a task's input from shared memory once, and keeps it while tasks bring the same id", () => {
    const [task] = tasks(1);
    const other = { ...task!, input: { ...task!.input, seed: 'another seed' } };
    const [mine, theirs] = [sharedInput(task!.input), sharedInput(other.input)];
    // one id and one copy per input object, however many tasks carry it
    expect(sharedInput(task!.input)).toBe(mine);
    expect(theirs.id).not.toBe(mine.id);
    const slot = new SharedArrayBuffer(0);
    const run = (t: Task, input: SharedInput) => {
      const { slotBytes: _, ...result } = worker({ ...t, slot, input });
      return result;
    };
    const first = run(task!, mine);
    expect(first).toEqual(runTask(task!));
    // the same id: the input kept, whatever the bytes (the pool gives one id per input)
    expect(run(task!, { ...theirs, id: mine.id })).toEqual(first);
    // a new id: its own input
    const second = run(other, theirs);
    expect(second).toEqual(runTask(other));
    expect(second).not.toEqual(first);
  });

  it('cuts replications into blocks that cover them once, in order, smaller towards the end', () => {
    const sizes = (from: number, to: number, workers: number) => {
      const b = replicationBlocks(from, to, workers);
      // contiguous from `from` to `to`
      expect(b[0]![0]).toBe(from);
      expect(b.at(-1)![1]).toBe(to);
      for (let i = 1; i < b.length; i++) expect(b[i]![0]).toBe(b[i - 1]![1]);
      return b.map(([a, c]) => c - a);
    };
    // 10k on 2 workers: blocks of 625, then the last 2 × 625 runs in halving blocks
    const ten = sizes(0, 10_000, 2);
    expect(ten.slice(0, 14)).toEqual(Array(14).fill(blockSize(10_000, 2)));
    expect(ten.slice(14)).toEqual([313, 313, 157, 157, 79, 79, 50, 50, 50, 2]);
    // never larger towards the end, whatever N and the threads
    for (const [n, w] of [
      [10_000, 2],
      [10_000, 3],
      [1_000, 3],
      [3_000, 8],
      [1_234_567, 8],
    ] as const) {
      const s = sizes(7, 7 + n, w);
      for (let i = 1; i < s.length; i++) expect(s[i]).toBeLessThanOrEqual(s[i - 1]!);
    }
    // blocks smaller than the least tapered one stay as they are; one worker runs them in turn, with
    // nothing to balance
    expect(sizes(0, 30, 2)).toEqual(Array(15).fill(2));
    expect(sizes(100, 10_100, 1)).toEqual(Array(10).fill(1000));
    expect(sizes(7, 8, 4)).toEqual([1]);
  });

  it('starts the tasks queued while every thread is busy in the order they came', async () => {
    // render posts the largest chart first: each thread freed must take the head of the queue
    const { Piscina } = await import('piscina');
    const pool = new Piscina(threadOptions(2, new URL('../fixtures/queue-worker.mjs', import.meta.url).href));
    const order = new Int32Array(new SharedArrayBuffer(4 * 9));
    const gates = new Int32Array(new SharedArrayBuffer(4 * 7));
    const task = (id: number) => pool.run({ id, order: order.buffer, gates: gates.buffer });
    const written = async (n: number) => {
      while (Atomics.load(order, 1) < n) await new Promise((ok) => setTimeout(ok, 2));
    };
    const open = (...ids: number[]) => {
      for (const id of ids) {
        Atomics.store(gates, id, 1);
        Atomics.notify(gates, id);
      }
    };
    const started = (from: number, to: number) => [...order.slice(2 + from, 2 + to)].sort((a, b) => a - b);
    const runs = [task(0), task(1)];
    try {
      // tasks 0 and 1 hold both threads while 2 to 6 queue up, then the threads are freed in pairs
      await written(2);
      runs.push(...[2, 3, 4, 5, 6].map(task));
      open(0, 1);
      await written(4);
      expect(started(2, 4)).toEqual([2, 3]);
      open(2, 3);
      await written(6);
      expect(started(4, 6)).toEqual([4, 5]);
      open(4, 5);
      await written(7);
      expect(order[8]).toBe(6);
    } finally {
      open(0, 1, 2, 3, 4, 5, 6);
      await Promise.allSettled(runs);
      await pool.destroy();
    }
  });

  it('compiles in place only with a thread on every core, on the V8 it was measured on', () => {
    expect(compilesInPlace(2, 2, '11.3.244.8-node.38')).toBe(true);
    expect(compilesInPlace(4, 2, '11.3.244.8-node.38')).toBe(true);
    expect(compilesInPlace(2, 8, '11.3.244.8-node.38')).toBe(false);
    expect(compilesInPlace(2, 2, '12.4.254.21-node.33')).toBe(false);
  });

  it('refuses a STANCESIM_THREAD_WORK that is not a whole number', () => {
    process.env.STANCESIM_THREAD_WORK = '1e3.5';
    expect(() => threadWork()).toThrow(/STANCESIM_THREAD_WORK=1e3\.5: expected a whole number of run-months/);
    process.env.STANCESIM_THREAD_WORK = '-1';
    expect(() => threadWork()).toThrow(
      expect.objectContaining({
        message: expect.stringMatching(/expected a whole number/),
        hint: 'unset it for the default (300000), or 0 to use threads for every ensemble',
      }),
    );
    process.env.STANCESIM_THREAD_WORK = '1000';
    expect(threadWork()).toBe(1000);
  });
});
