// Worker-thread entry for piscina: runs one ensemble task, or renders one chart. All the logic is in
// src/ensemble/task.ts and src/charts, which the main thread also runs directly, so results cannot
// depend on where a task ran.

import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartFormat } from '../charts/index.js';
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

// Charts load Vega on first use (dynamic imports: a thread that only runs the model never loads it). A
// worker thread started under tsx cannot import dynamically: tests draw charts on threads with the
// built CLI (test/cli/ensemble.test.ts).

/** Load Vega, Vega-Lite and resvg while other threads finish their tasks (pool.ts `chartsNext`). */
export async function warmCharts(): Promise<void> {
  await import('../charts/render.js');
}

/** One chart: its SVG, and its PNG if asked, drawn as renderSpecs draws it here or in the main thread. */
export async function renderChart(job: {
  kind: string;
  spec: TopLevelSpec;
  formats: ChartFormat[];
}): Promise<{ svg: string; png: Uint8Array }> {
  const [{ renderSpecs }, { chartStore }] = await Promise.all([
    import('../charts/index.js'),
    import('./input-cache.js'),
  ]);
  const [chart] = await renderSpecs([{ kind: job.kind, spec: job.spec }], job.formats, chartStore());
  return { svg: chart!.svg, png: chart!.png };
}
