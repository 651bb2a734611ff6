// Vega-Lite specs (src/charts) → what the page draws: the Vega spec compiled here, in the worker, with
// its datasets apart and keyed. A spec's structure (everything but its rows and its caption) is
// compiled once: while a slider moves only the rows change, and they are all that is new.

import { compile, type TopLevelSpec } from 'vega-lite';
import { hash128 } from '../src/model/rng.js';
import type { ChartPayload } from './protocol.js';

/** Compiled structures kept: a run's, an ensemble's and a comparison's charts at two widths. */
const KEEP = 32;

export class ChartCompiler {
  private readonly compiled = new Map<string, { key: string; spec: ChartPayload['spec'] }>();

  payload(kind: string, vl: TopLevelSpec): ChartPayload {
    // the caption (`description`) is not drawn and carries the run's figures: not structure
    const {
      datasets = {},
      description: _caption,
      ...rest
    } = vl as TopLevelSpec & { datasets?: Record<string, object[]> };
    const structure = JSON.stringify(rest);
    let entry = this.compiled.get(structure);
    if (entry) this.compiled.delete(structure);
    else {
      // Vega-Lite copies datasets into the Vega spec without reading them: their rows go apart
      const { spec } = compile({ ...rest, datasets } as TopLevelSpec);
      const data = (spec.data ?? []).map((d) =>
        Object.hasOwn(datasets, d.name)
          ? (({ values: _rows, ...keep }) => keep)(d as { values?: unknown })
          : d,
      );
      entry = { key: hash128(structure), spec: { ...spec, data } as ChartPayload['spec'] };
      for (const oldest of this.compiled.keys()) {
        if (this.compiled.size < KEEP) break;
        this.compiled.delete(oldest);
      }
    }
    this.compiled.set(structure, entry);
    return {
      kind,
      key: entry.key,
      spec: entry.spec,
      data: Object.entries(datasets).map(([name, rows]) => ({
        name,
        key: hash128(JSON.stringify(rows)),
        rows,
      })),
    };
  }
}
