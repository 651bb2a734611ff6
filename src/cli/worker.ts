// Worker-thread entry for piscina: runs one ensemble task, or renders one chart. All the logic is in
// src/ensemble/task.ts and src/charts, which the main thread also runs directly, so results cannot
// depend on where a task ran.

import { deserialize } from 'node:v8';
import type { TopLevelSpec } from 'vega-lite';
import type { ChartFormat } from '../charts/index.js';
import type { Allocate } from '../ensemble/aggregate.js';
import type { PlainInput } from '../ensemble/input.js';
import { runTask } from '../ensemble/task.js';
import { type PoolResult, type PoolTask, renderHere } from './pool.js';

let kept: { id: number; input: PlainInput } | undefined;

/** One ensemble task, its result's arrays written into the task's slot of shared memory (new memory
 * for what does not fit, reported so that the slot grows). */
export default function worker({ slot, input, ...task }: PoolTask): PoolResult {
  // the input read once, and kept while the tasks bring the same one: the model then runs on the same
  // objects task after task, as in one thread
  if (kept?.id !== input.id)
    kept = { id: input.id, input: deserialize(new Uint8Array(input.bytes)) as PlainInput };
  let used = 0;
  const alloc: Allocate = (bytes) => {
    const offset = used;
    used += Math.ceil(bytes / 8) * 8;
    return used <= slot.byteLength ? { buffer: slot, offset } : { buffer: new ArrayBuffer(bytes), offset: 0 };
  };
  return { ...runTask({ ...task, input: kept.input }, alloc), slotBytes: used };
}

// Charts load Vega on first use (dynamic imports: a thread that only runs the model never loads it). A
// worker thread started under tsx cannot import dynamically: tests draw charts on threads with the
// built CLI (test/cli/ensemble.test.ts).

/** Load Vega and resvg while other threads finish their tasks (pool.ts `chartsNext`); Vega-Lite loads
 * only for a chart whose compiled structure is not in the cache. */
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
