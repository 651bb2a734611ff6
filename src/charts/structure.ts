// A chart spec as its structure and its rows: everything Vega-Lite and Vega compile (marks, scales,
// layout, the datasets' names) apart from the rows themselves and the caption, which neither reads.
// The structure is compiled once, keyed by its hash, and the rows go into the view before its first
// run, as the inline values would have: the CLI keeps compiled structures in its cache, and the
// playground's worker sends a structure to the page once.

import type { TopLevelSpec } from 'vega-lite';
import { hash128 } from '../model/rng.js';

export interface ChartParts {
  /** hash of the structure */
  key: string;
  /** the spec without its rows and caption */
  structure: TopLevelSpec;
  datasets: Record<string, object[]>;
  /** the caption (`description`): not drawn; the SVG carries it as the chart's ARIA label */
  description?: string;
}

export function chartParts(vl: TopLevelSpec): ChartParts {
  const {
    datasets = {},
    description,
    ...structure
  } = vl as TopLevelSpec & { datasets?: Record<string, object[]> };
  return {
    key: hash128(JSON.stringify(structure)),
    structure: structure as TopLevelSpec,
    datasets,
    ...(description === undefined ? {} : { description }),
  };
}

type VegaData = { name: string; values?: unknown; transform?: unknown; format?: { parse?: unknown } };

/** A Vega spec compiled with the datasets present, without their rows; and the datasets whose rows a
 * view takes as they are (no transform, no parse on the way in). */
export function withoutRows<S extends { data?: unknown }>(
  spec: S,
  datasets: Record<string, object[]>,
): { spec: S; asIs: string[] } {
  const data = ((spec.data ?? []) as VegaData[]).map((d) =>
    Object.hasOwn(datasets, d.name) ? (({ values: _rows, ...keep }) => keep)(d) : d,
  );
  const asIs = data
    .filter((d) => Object.hasOwn(datasets, d.name) && !d.transform && d.format?.parse === undefined)
    .map((d) => d.name);
  return { spec: { ...spec, data }, asIs };
}
