// Spreads ensemble tasks over worker threads (piscina), or runs them in-process for one worker or a
// small batch.
// Results come back as they finish; callers that need order (kept runs) reorder by task index.

import { availableParallelism } from 'node:os';
import { serialize, setFlagsFromString } from 'node:v8';
import type { Piscina } from 'piscina';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartFormat, RenderedChart } from '../charts/index.js';
import type { Task, TaskResult } from '../ensemble/input.js';
import { parseMonth } from '../model/time.js';
import { envCount } from './errors.js';

export function defaultWorkers(): number {
  return availableParallelism();
}

/** Split replications [from, to) into tasks of about `size` each. */
export function blocks(from: number, to: number, size: number): [number, number][] {
  const out: [number, number][] = [];
  for (let a = from; a < to; a += size) out.push([a, Math.min(to, a + size)]);
  return out;
}

/** A block size that keeps every worker busy and the progress bar moving, whatever N. */
export function blockSize(reps: number, workers: number): number {
  return Math.max(1, Math.min(1000, Math.ceil(reps / (workers * 8))));
}

/** The least block of the tapered end of an ensemble (replicationBlocks). */
const TAIL_BLOCK = 50;

/**
 * Replications [from, to) as the tasks of `workers` threads: blocks of blockSize, then, over the last
 * block's worth for each thread, blocks halving down to TAIL_BLOCK runs, so that the threads end
 * within a small block of each other (in equal blocks one thread waited up to a whole block, ~0.3 s
 * of a 10k ensemble on 2 workers, for the other to end its last). Outputs do not depend on the blocks.
 */
export function replicationBlocks(from: number, to: number, workers: number): [number, number][] {
  const size = blockSize(to - from, workers);
  if (workers <= 1) return blocks(from, to, size);
  const out: [number, number][] = [];
  for (let a = from; a < to; ) {
    let s = size;
    while (s > TAIL_BLOCK && to - a <= workers * s) s = Math.max(TAIL_BLOCK, Math.ceil(s / 2));
    const b = Math.min(to, a + s);
    out.push([a, b]);
    a = b;
  }
  return out;
}

/** A task as a thread receives it: its input in shared memory (SharedInput), and a slot of shared
 * memory to write its result's arrays into. Nothing crosses between the threads by transfer: once a
 * thread has detached a buffer (a transfer does), V8 guards every typed-array access of that thread's
 * model, ~15% of a run (docs/BENCHMARKS.md); and copies would leave a part of new memory behind in the
 * main thread every task. */
export type PoolTask = Omit<Task, 'input'> & { slot: SharedArrayBuffer; input: SharedInput };
/** A thread's result: the bytes its arrays needed (more than the slot held: those were new memory). */
export type PoolResult = TaskResult & { slotBytes: number };

/** A task's input as a thread receives it: serialized once into shared memory, with an id, so that a
 * thread reads it once and keeps it while the tasks bring the same id (worker.ts). A copy in every
 * task's message was new objects in the thread for each task — left behind for the collector, ~80 KB
 * a task kept the threads' heaps growing with N — and the model compiled against the first copy's
 * objects was thrown away at the second (docs/BENCHMARKS.md). */
export interface SharedInput {
  id: number;
  bytes: SharedArrayBuffer;
}

// by the input object: an input is never changed once built (a changed one would go out stale)
const shared = new WeakMap<object, SharedInput>();
let inputCount = 0;
export function sharedInput(input: Task['input']): SharedInput {
  let s = shared.get(input);
  if (!s) {
    const bytes = serialize(input);
    s = { id: inputCount++, bytes: new SharedArrayBuffer(bytes.byteLength) };
    new Uint8Array(s.bytes).set(bytes);
    shared.set(input, s);
  }
  return s;
}

/** Render charts in this thread (src/charts renderSpecs), their compiled structures from the cache;
 * Vega loads only here. */
export async function renderHere<K extends string>(
  charts: readonly { kind: K; spec: TopLevelSpec }[],
  formats: readonly ChartFormat[],
): Promise<RenderedChart<K>[]> {
  const [{ renderSpecs }, { chartStore }] = await Promise.all([
    import('../charts/index.js'),
    import('./input-cache.js'),
  ]);
  return renderSpecs(charts, formats, chartStore());
}

/** Runs tasks on worker threads, or in this thread for one worker or a small batch. */
export interface TaskPool {
  /** A result is the caller's only while `onResult` runs (its arrays' memory then serves a later task).
   * `chartsNext`: charts follow these tasks, and each thread loads Vega once its last task is done. */
  run(
    tasks: Task[],
    onResult: (index: number, result: TaskResult) => void,
    opts?: { chartsNext?: boolean },
  ): Promise<void>;
  /** Render charts (src/charts renderSpecs, the same bytes): on the threads, in parallel, when they
   * are started (once they run, the charts are posted before this returns: the caller may work on
   * while they draw), else in this thread. */
  render<K extends string>(
    charts: readonly { kind: K; spec: TopLevelSpec }[],
    formats: readonly ChartFormat[],
  ): Promise<RenderedChart<K>[]>;
  /** the threads started so far (0: every batch ran in this thread) */
  threads(): number;
  close(): Promise<void>;
}

/**
 * Below this much work (replications × months × design points) tasks run in this thread: starting a
 * thread and loading the model into it (~0.5 s on 2 cores) costs more than it saves. Measured with
 * the baseline (113 months): 2,000 runs 2.7 s in this thread against 2.8 s on two, 3,000 even, 5,000
 * 6.9 s against 4.8 s (docs/BENCHMARKS.md).
 */
export const THREAD_WORK = 300_000;

/** THREAD_WORK, or STANCESIM_THREAD_WORK when set (0: threads for every batch of two tasks or more). */
export function threadWork(): number {
  return envCount(
    'STANCESIM_THREAD_WORK',
    THREAD_WORK,
    0,
    'run-months',
    // the number as one would set it; not toLocaleString, whose first call loads Intl's locale data
    // (~20 ms, every pool's start: the hint is worked out before the setting is read)
    `unset it for the default (${THREAD_WORK}), or 0 to use threads for every ensemble`,
  );
}

/** The work of some tasks, in run-months. */
export function workOf(tasks: readonly Task[]): number {
  let work = 0;
  for (const t of tasks)
    work +=
      (t.to - t.from) * (t.points?.length ?? 1) * (parseMonth(t.input.end) - parseMonth(t.input.start) + 1);
  return work;
}

/**
 * A pool of up to `workers` threads, started when a batch of tasks worth them comes (THREAD_WORK);
 * smaller batches, and every batch for one worker, run in this thread. `close` stops the threads.
 */
export async function startPool(workers: number): Promise<TaskPool> {
  const least = threadWork();
  let threads: Promise<Piscina> | undefined;
  // the threads once started: render posts its charts at once, before the caller's next step
  let started: Piscina | undefined;
  // the threads' loading of Vega, waited for before they stop
  const warming: Promise<unknown>[] = [];
  return {
    async run(tasks, onResult, opts = {}) {
      if (workers <= 1 || tasks.length <= 1 || workOf(tasks) < least) {
        const { runTask } = await import('../ensemble/task.js');
        tasks.forEach((task, i) => {
          onResult(i, runTask(task));
        });
        return;
      }
      threads ??= startThreads(workers).then((p) => (started = p));
      const pool = await threads;
      // a few tasks in flight, each with a slot of shared memory for its result, free again once
      // the result is read: the memory of the results stays that of the slots, whatever N (every
      // task queued at once left each result to the garbage collector, which came late: +73 MB from
      // 10k to 300k runs). A slot grows to a quarter more than a task needed.
      const inFlight = 2 * workers;
      const slots: SharedArrayBuffer[] = [];
      let next = 0;
      await new Promise<void>((resolve, reject) => {
        let running = 0;
        const submit = () => {
          while (running < inFlight && next < tasks.length) {
            const i = next++;
            running++;
            const slot = slots.pop() ?? new SharedArrayBuffer(0);
            const task: PoolTask = { ...tasks[i]!, slot, input: sharedInput(tasks[i]!.input) };
            pool
              .run(task)
              .then(({ slotBytes, ...result }: PoolResult) => {
                running--;
                onResult(i, result);
                slots.push(
                  slotBytes > slot.byteLength ? new SharedArrayBuffer(Math.ceil(1.25 * slotBytes)) : slot,
                );
                if (next === tasks.length && running === 0) resolve();
                else submit();
              })
              .catch(reject);
          }
          // queued behind the last tasks: a thread takes one as its last task ends
          if (next === tasks.length && opts.chartsNext && warming.length === 0)
            // only a warm-up: a thread that cannot load Vega fails when it draws, with the error there
            for (let t = 0; t < workers; t++)
              warming.push(pool.run(null, { name: 'warmCharts' }).catch(() => {}));
        };
        submit();
      });
    },
    async render(charts, formats) {
      if (!threads) return renderHere(charts, formats);
      const pool = started ?? (await threads);
      // the largest first (by rows), so the longest chart does not start last (it sets the end)
      const rows = (spec: TopLevelSpec) =>
        Object.values((spec as { datasets?: Record<string, unknown[]> }).datasets ?? {}).reduce(
          (n, d) => n + d.length,
          0,
        );
      const order = charts.map((_, i) => i).sort((a, b) => rows(charts[b]!.spec) - rows(charts[a]!.spec));
      const drawn: RenderedChart<(typeof charts)[number]['kind']>[] = [];
      await Promise.all(
        order.map(async (i) => {
          const { kind, spec } = charts[i]!;
          const { svg, png } = (await pool.run({ kind, spec, formats }, { name: 'renderChart' })) as {
            svg: string;
            png: Uint8Array;
          };
          drawn[i] = { kind, spec, svg, png };
        }),
      );
      return drawn;
    },
    threads: () => (threads ? workers : 0),
    async close() {
      if (!threads) return;
      await Promise.all(warming);
      await (await threads).destroy();
    },
  };
}

async function startThreads(workers: number): Promise<Piscina> {
  const { Piscina } = await import('piscina');
  if (compilesInPlace(workers, availableParallelism(), process.versions.v8))
    setFlagsFromString('--no-concurrent-recompilation');
  // under tsx (tests, bench) the worker is a .ts file, which Node can only load through tsx
  const ts = import.meta.url.endsWith('.ts');
  return new Piscina({
    ...threadOptions(workers, new URL(`./worker.${ts ? 'ts' : 'js'}`, import.meta.url).href),
    ...(ts ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
}

/** The pool's options for `workers` threads running the worker module at `filename`. */
export function threadOptions(workers: number, filename: string) {
  return {
    filename,
    minThreads: workers,
    maxThreads: workers,
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    // a task no thread is free for stays at the head of the queue: by default piscina puts it back at
    // the tail, so the second-largest chart, posted second, was drawn last
    stricterFIFO: true,
  };
}

/**
 * Whether `workers` threads on `cores` cores should compile their hot code in place, each stopping to
 * optimize a function itself. With concurrent compilation (V8's default) a compiler thread optimizes it
 * while the thread runs on in unoptimized code; but with a thread on every core the compiler thread has no
 * core of its own and takes turns with the tasks (10k runs on 2 workers, 2 cores: ×0.95 without charts;
 * with charts, which the threads draw cold, a wash: docs/BENCHMARKS.md). Node 20's V8 (11.x) reads the
 * flag when it creates an isolate: set before the threads start, it leaves this thread's own compiling
 * concurrent, and it stays set so that a thread piscina starts again compiles the same way. Other V8s read
 * it elsewhere (and may not know it): left to their defaults.
 */
export function compilesInPlace(workers: number, cores: number, v8: string): boolean {
  return workers >= cores && v8.startsWith('11.');
}

/** Run `fn` with a started pool, and stop the threads however it ends. */
export async function withPool<T>(workers: number, fn: (pool: TaskPool) => Promise<T>): Promise<T> {
  const pool = await startPool(workers);
  try {
    return await fn(pool);
  } finally {
    await pool.close();
  }
}
