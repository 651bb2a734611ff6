// Spreads ensemble tasks over worker threads (piscina), or runs them in-process for one worker.
// Results come back as they finish; callers that need order (kept runs) reorder by task index.

import { availableParallelism } from 'node:os';
import type { Task, TaskResult } from '../ensemble/input.js';

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

/** Runs tasks on worker threads, or in this thread for one worker. */
export interface TaskPool {
  run(tasks: Task[], onResult: (index: number, result: TaskResult) => void): Promise<void>;
  close(): Promise<void>;
}

/**
 * Start the threads now, so they boot while the caller still loads the scenario; `close` stops them.
 * With one worker (or one task) everything runs in this thread.
 */
export async function startPool(workers: number): Promise<TaskPool> {
  if (workers <= 1) {
    const { runTask } = await import('../ensemble/task.js');
    return {
      async run(tasks, onResult) {
        tasks.forEach((task, i) => {
          onResult(i, runTask(task));
        });
      },
      async close() {},
    };
  }
  const { Piscina } = await import('piscina');
  // under tsx (tests, bench) the worker is a .ts file, which Node can only load through tsx
  const ts = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: new URL(`./worker.${ts ? 'ts' : 'js'}`, import.meta.url).href,
    minThreads: workers,
    maxThreads: workers,
    resourceLimits: { maxYoungGenerationSizeMb: 8 },
    ...(ts ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
  return {
    async run(tasks, onResult) {
      await Promise.all(
        tasks.map(async (task, i) => {
          onResult(i, (await pool.run(task)) as TaskResult);
        }),
      );
    },
    close: () => pool.destroy(),
  };
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
