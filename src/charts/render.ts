// Node-side rendering: Vega-Lite spec → Vega View → SVG (no browser, no node-canvas), and SVG → PNG with
// resvg using the two DejaVu Sans TTFs in fonts/ (never the system fonts), so the same spec gives
// byte-identical SVG and PNG on any machine.

import { Resvg, type ResvgRenderOptions, renderAsync } from '@resvg/resvg-js';
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { FONT_FILES, vegaTextWidth } from './fonts.js';
import { type ChartParts, chartParts, withoutRows } from './structure.js';

export { FONT_FILES };

// Measure text with the advance widths of the DejaVu TTFs that resvg draws with, never with node-canvas
// even if it is installed: accurate and identical layout everywhere. A user-defined `width` is how vega
// expects this to be done (vl-convert does the same); `textMetrics` is missing from vega's typings.
const metrics = (vega as unknown as { textMetrics: { canvas(use: boolean): void; width: unknown } })
  .textMetrics;
metrics.canvas(false);
metrics.width = vegaTextWidth;

export interface CompileMessages {
  warnings: string[];
  errors: string[];
}

/** vega-lite logger that collects messages instead of printing them. */
function collectingLogger(into: CompileMessages) {
  let lvl = 2;
  const logger = {
    level(l?: number) {
      if (l === undefined) return lvl;
      lvl = l;
      return logger;
    },
    error: (...args: readonly unknown[]) => {
      into.errors.push(args.map(String).join(' '));
      return logger;
    },
    warn: (...args: readonly unknown[]) => {
      into.warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** Compile to a Vega spec, collecting vega-lite's warnings rather than printing them to the console. */
export function compileSpec(spec: TopLevelSpec): { vega: vega.Spec } & CompileMessages {
  const messages: CompileMessages = { warnings: [], errors: [] };
  // biome-ignore lint/suspicious/noExplicitAny: vega-lite's logger type is vega-util's LoggerInterface
  const out = compile(spec, { logger: collectingLogger(messages) as any });
  return { vega: out.spec, ...messages };
}

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

/** A chart's structure compiled: from the store, or by Vega-Lite then Vega's parser, and put there.
 * Throws if Vega-Lite reports an error. */
function compiledOf(parts: ChartParts, store: RuntimeStore): CompiledChart {
  const kept = store.get(parts.key);
  if (kept) return kept;
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
  const { runtime, datasets } = compiledOf(parts, store);
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

function pngOptions(scale: number): ResvgRenderOptions {
  return {
    fitTo: { mode: 'zoom', value: scale },
    background: 'white',
    font: {
      loadSystemFonts: false,
      fontFiles: [...FONT_FILES],
      defaultFontFamily: 'DejaVu Sans',
      sansSerifFamily: 'DejaVu Sans',
    },
  };
}

function bytes(png: Buffer): Uint8Array {
  return new Uint8Array(png.buffer, png.byteOffset, png.byteLength);
}

/** SVG → PNG at `scale` × the SVG's size, on white, with the bundled DejaVu fonts only. */
export function svgToPng(svg: string, scale = 2): Uint8Array {
  return bytes(new Resvg(svg, pngOptions(scale)).render().asPng());
}

/**
 * The same PNG as `svgToPng`, but parsing, text layout and rasterizing run on libuv's thread pool
 * (only the PNG encoding stays on the main thread), so vega can lay out the next chart meanwhile.
 */
export async function svgToPngAsync(svg: string, scale = 2): Promise<Uint8Array> {
  return bytes((await renderAsync(svg, pngOptions(scale))).asPng());
}
