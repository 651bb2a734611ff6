// Charts of a run: pure spec builders (cheap, browser-safe) and lazy rendering to SVG/PNG (loads vega,
// vega-lite and resvg on first use only).

import type { TopLevelSpec } from 'vega-lite';
import type { ResultsDoc } from '../model/results.js';
import { factionsChart, heatmapChart, legitimacyChart, policyChart, rungsChart } from './specs.js';

export const CHART_KINDS = ['rungs', 'heatmap', 'factions', 'policy', 'legitimacy'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];
export type ChartFormat = 'svg' | 'png';

const BUILDERS: Record<ChartKind, (doc: ResultsDoc) => TopLevelSpec> = {
  rungs: rungsChart,
  heatmap: heatmapChart,
  factions: factionsChart,
  policy: policyChart,
  legitimacy: legitimacyChart,
};

/** One-line description of each chart, for `--help` texts and report captions. */
export const CHART_DESCRIPTIONS: Record<ChartKind, string> = {
  rungs: 'engagement rung of every country over time, one panel per bloc',
  heatmap: 'countries × months, coloured by engagement rung',
  factions: 'power shares of the Taliban factions (stacked, normalized to 1)',
  policy: "the regime's policy indices and the ISK threat",
  legitimacy: 'number of countries at each rung, month by month',
};

export function isChartKind(name: string): name is ChartKind {
  return (CHART_KINDS as readonly string[]).includes(name);
}

/** The Vega-Lite spec of one chart, with its data inlined (save it as `<kind>.vl.json`). */
export function buildChart(kind: ChartKind, doc: ResultsDoc): TopLevelSpec {
  const build = BUILDERS[kind];
  if (!build)
    throw new RangeError(`unknown chart '${String(kind)}' (expected one of: ${CHART_KINDS.join(', ')})`);
  return build(doc);
}

export interface RenderedChart {
  kind: ChartKind;
  spec: TopLevelSpec;
  /** always rendered (the PNG is drawn from it) */
  svg: string;
  /** empty unless 'png' was among the formats */
  png: Uint8Array;
}

/**
 * Build and render charts (all kinds by default), in the order given. The SVG is always produced;
 * the PNG (2× the SVG size) only when `formats` includes 'png'.
 */
export async function renderCharts(
  doc: ResultsDoc,
  kinds: readonly ChartKind[] = CHART_KINDS,
  formats: readonly ChartFormat[] = ['svg', 'png'],
): Promise<RenderedChart[]> {
  const { toSvg, svgToPngAsync } = await import('./render.js');
  const wantPng = formats.includes('png');
  const out: Promise<RenderedChart>[] = [];
  for (const kind of kinds) {
    const spec = buildChart(kind, doc);
    const svg = await toSvg(spec);
    // rasterize on the thread pool while the next chart is laid out
    const png = wantPng ? svgToPngAsync(svg, 2) : Promise.resolve(new Uint8Array(0));
    out.push(png.then((bytes) => ({ kind, spec, svg, png: bytes })));
  }
  return Promise.all(out);
}
