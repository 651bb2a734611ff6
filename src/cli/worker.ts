// Worker-thread entry for piscina: runs one ensemble task, or renders one chart. All the logic is in
// src/ensemble/task.ts and src/charts, which the main thread also runs directly, so results cannot
// depend on where a task ran.

import { move, transferableSymbol, valueSymbol } from 'piscina';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartFormat } from '../charts/index.js';
import type { TaskResult } from '../ensemble/input.js';
import { runTask } from '../ensemble/task.js';
import { buffersOf, type PoolTask, renderHere } from './pool.js';

/** Buffers of parts this thread sent, merged by now and handed back with later tasks (pool.ts). */
const spares: ArrayBuffer[] = [];

/** The smallest spare buffer of `bytes` or more, else a new one. */
function allocate(bytes: number): ArrayBuffer {
  let best = -1;
  for (let k = 0; k < spares.length; k++)
    if (spares[k]!.byteLength >= bytes && (best < 0 || spares[k]!.byteLength < spares[best]!.byteLength))
      best = k;
  return best < 0 ? new ArrayBuffer(bytes) : spares.splice(best, 1)[0]!;
}

/** Spares kept at most: the buffers of a few parts (a part has about a dozen); the smallest go first. */
const KEEP = 64;

export default function worker({ spare, ...task }: PoolTask) {
  if (spare) {
    spares.push(...spare);
    if (spares.length > KEEP) spares.sort((a, b) => b.byteLength - a.byteLength).length = KEEP;
  }
  const result = runTask(task, allocate);
  // hand the arrays over instead of copying them; the main thread hands their buffers back
  const transfer = buffersOf(result);
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
  await Promise.all([import('../charts/render.js'), import('../charts/png.js')]);
}

/** One chart: its SVG, and its PNG if asked, drawn as renderSpecs draws it here or in the main thread. */
export async function renderChart(job: {
  kind: string;
  spec: TopLevelSpec;
  formats: ChartFormat[];
}): Promise<{ svg: string; png: Uint8Array }> {
  const [chart] = await renderHere([{ kind: job.kind, spec: job.spec }], job.formats);
  return { svg: chart!.svg, png: chart!.png };
}
