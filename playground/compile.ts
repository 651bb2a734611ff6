// Vega-Lite specs (src/charts) → what the page draws: compiled to Vega and parsed to Vega's runtime
// dataflow here, in the worker, with the datasets' rows apart and keyed; the page only makes a View of
// it. A spec's structure (everything but its rows and its caption) is compiled once, and sent to the
// page once for each kind of chart: while a slider moves only the rows change, and they are all that
// is new.

import { parse } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import { chartParts, withoutRows } from '../src/charts/structure.js';
import { hash128 } from '../src/model/rng.js';
import type { ChartPayload } from './protocol.js';

/** Compiled structures kept: a run's, an ensemble's and a comparison's charts at two widths. */
const KEEP = 32;

interface Compiled {
  /** made when first sent (a structure known from a seed has none until then) */
  runtime?: object;
  /** the datasets whose rows the view keeps as they are (no transform, no parse on the way in) */
  asIs: string[];
}

/** The structures a compiler knows, by key, and what it sent for each kind: made at build time for
 * the page's first request (first.ts), whose charts the page has from the build. */
export interface CompilerSeed {
  compiled: [key: string, asIs: string[]][];
  sent: [kind: string, key: string][];
}

export class ChartCompiler {
  /** by key: the hash of the structure */
  private readonly compiled = new Map<string, Compiled>();
  /** the structure the page was last sent for each kind of chart: it has that one's runtime */
  private readonly sent: Map<string, string>;

  constructor(seed: CompilerSeed = { compiled: [], sent: [] }) {
    for (const [key, asIs] of seed.compiled) this.compiled.set(key, { asIs });
    this.sent = new Map(seed.sent);
  }

  seed(): CompilerSeed {
    return { compiled: [...this.compiled].map(([key, c]) => [key, c.asIs]), sent: [...this.sent] };
  }

  payload(kind: string, vl: TopLevelSpec): ChartPayload {
    // the caption (`description`) is not drawn on a canvas and carries the run's figures: not structure
    const { key, structure, datasets } = chartParts(vl);
    const fresh = this.sent.get(kind) !== key;
    let entry = this.compiled.get(key);
    if (entry) this.compiled.delete(key);
    if (!entry || (fresh && !entry.runtime)) {
      entry = compiled(structure, datasets);
      for (const oldest of this.compiled.keys()) {
        if (this.compiled.size < KEEP) break;
        this.compiled.delete(oldest);
      }
    }
    this.compiled.set(key, entry);
    this.sent.set(kind, key);
    return {
      kind,
      key,
      ...(fresh ? { runtime: entry.runtime } : {}),
      data: Object.entries(datasets).map(([name, rows]) => ({
        name,
        key: hash128(JSON.stringify(rows)),
        rows,
        asIs: entry.asIs.includes(name),
      })),
    };
  }
}

/** The Vega spec of a chart on the page: a mark's ARIA description is for SVG output alone, and the
 * page draws to a canvas, so no mark carries one (Vega would format one for every item at every
 * redraw: ~1/6 of a redraw). Guides keep theirs; the drawing is the same. */
export function compileForCanvas(vl: TopLevelSpec) {
  const config = vl.config ?? {};
  return compile({ ...vl, config: { ...config, mark: { ...config.mark, aria: false } } } as TopLevelSpec)
    .spec;
}

function compiled(vl: TopLevelSpec, datasets: Record<string, object[]>): Compiled {
  // Vega-Lite copies datasets into the Vega spec without reading them: their rows go apart (the page
  // puts them into the view before its first run, as the inline values would have been)
  const { spec, asIs } = withoutRows(compileForCanvas({ ...vl, datasets } as TopLevelSpec), datasets);
  return { runtime: parse(spec as Parameters<typeof parse>[0]), asIs };
}
