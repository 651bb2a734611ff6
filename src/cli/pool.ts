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

export async function runTasks(
  tasks: Task[],
  workers: number,
  onResult: (index: number, result: TaskResult) => void,
): Promise<void> {
  if (workers <= 1 || tasks.length <= 1) {
    const { runTask } = await import('../ensemble/task.js');
    tasks.forEach((task, i) => {
      onResult(i, runTask(task));
    });
    return;
  }
  const { Piscina } = await import('piscina');
  // under tsx (tests, bench) the worker is a .ts file, which Node can only load through tsx
  const ts = import.meta.url.endsWith('.ts');
  const pool = new Piscina({
    filename: new URL(`./worker.${ts ? 'ts' : 'js'}`, import.meta.url).href,
    minThreads: Math.min(workers, tasks.length),
    maxThreads: Math.min(workers, tasks.length),
    ...(ts ? { execArgv: [...process.execArgv, '--import', 'tsx'] } : {}),
  });
  try {
    await Promise.all(
      tasks.map(async (task, i) => {
        onResult(i, (await pool.run(task)) as TaskResult);
      }),
    );
  } finally {
    await pool.destroy();
  }
}
