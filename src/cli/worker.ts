// Worker-thread entry for piscina: runs one ensemble task. All the logic is in src/ensemble/task.ts,
// which the main thread also runs directly, so results cannot depend on where a task ran.

import type { Task, TaskResult } from '../ensemble/input.js';
import { runTask } from '../ensemble/task.js';

export default function worker(task: Task): TaskResult {
  return runTask(task);
}
