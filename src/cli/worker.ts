// Worker-thread entry for piscina: runs one ensemble task. All the logic is in src/ensemble/task.ts,
// which the main thread also runs directly, so results cannot depend on where a task ran.

import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { Task, TaskResult } from '../ensemble/input.js';
import { runTask } from '../ensemble/task.js';

export default function worker(task: Task) {
  const result = runTask(task);
  // hand the typed arrays over instead of copying them
  const a = result.aggregate;
  const transfer: ArrayBuffer[] = [
    ...(a
      ? [
          a.rung,
          a.counts,
          a.first,
          a.firstMonth,
          a.cascade,
          a.reached,
          a.unSeat,
          a.continuousIndex,
          a.continuousCount,
        ]
      : []),
    ...(result.values ? [result.values] : []),
  ].map((x) => x.buffer as ArrayBuffer);
  return move({
    get [transferableSymbol]() {
      return transfer;
    },
    get [valueSymbol](): TaskResult {
      return result;
    },
  });
}
