// Node-side rendering: Vega-Lite spec → Vega View → SVG (no browser, no node-canvas), its text laid
// out with the metrics of the fonts the PNGs are drawn with (node-vega.ts), so the same spec gives
// byte-identical SVG on any machine.

import type { TopLevelSpec } from 'vega-lite';
import { vega } from './node-vega.js';
import { type ChartParts, chartParts, withoutRows } from './structure.js';

/** A chart's structure compiled: Vega's runtime, and the datasets it reads (Vega-Lite drops those no
 * layer uses). */
export interface CompiledChart {
  runtime: object;
  datasets: string[];
}

/** Where compiled chart structures are kept between charts and between runs (the CLI's cache), by
 * their key (chartParts). `get` misses with undefined. */
export interface RuntimeStore {
  get(key: string): CompiledChart | undefined;
  set(key: string, compiled: CompiledChart): void;
}

/** A store for one process. */
export function memoryStore(): RuntimeStore {
  const kept = new Map<string, CompiledChart>();
  return { get: (key) => kept.get(key), set: (key, compiled) => kept.set(key, compiled) };
}

/** A chart's structure compiled: from the store, or by Vega-Lite (loaded only then) and Vega's parser,
 * and put there. Throws if Vega-Lite reports an error. */
async function compiledOf(parts: ChartParts, store: RuntimeStore): Promise<CompiledChart> {
  const kept = store.get(parts.key);
  if (kept) return kept;
  const { compileSpec } = await import('./compile-spec.js');
  const compiled = compileSpec({ ...parts.structure, datasets: parts.datasets } as TopLevelSpec);
  if (compiled.errors.length) throw new Error(`vega-lite: ${compiled.errors.join('; ')}`);
  const { spec } = withoutRows(compiled.vega, parts.datasets);
  const made = {
    runtime: vega.parse(spec),
    datasets: (spec.data ?? []).map((d) => d.name).filter((name) => Object.hasOwn(parts.datasets, name)),
  };
  store.set(parts.key, made);
  return made;
}

/**
 * Spec → SVG text (headless, deterministic). The structure compiles once per store (`store`, else
 * this call's own); the rows go into the view before its first run, as inline values would. Throws if
 * vega-lite reports an error. Gradient and clip ids count from the start in every SVG, so the same
 * spec gives the same bytes however many came before (when the calls do not overlap).
 */
export async function toSvg(spec: TopLevelSpec, store: RuntimeStore = memoryStore()): Promise<string> {
  const parts = chartParts(spec);
  const { runtime, datasets } = await compiledOf(parts, store);
  vega.resetSVGDefIds();
  const view = new vega.View(runtime as vega.Runtime, { renderer: 'none' });
  for (const name of datasets) view.data(name, structuredClone(parts.datasets[name]!));
  if (parts.description !== undefined) view.description(parts.description);
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}
