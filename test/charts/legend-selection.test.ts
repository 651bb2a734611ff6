// Legend selection: the charts whose legend lists series highlight the series clicked in the legend.

import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/charts/compile-spec.js';
import { buildChart, buildEnsembleChart, CHART_KINDS, ENSEMBLE_CHART_KINDS } from '../../src/charts/index.js';
import { LEGEND_SELECTION } from '../../src/charts/style.js';
import { LARGE_COUNTRIES, makeDoc } from './fixture.js';
import { type Json, makeEnsembleDoc } from './study-fixture.js';

const doc = makeDoc();
const ens = makeEnsembleDoc();

/** Every object in a spec tree (data values skipped). */
function nodes(node: Json, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) nodes(n, out);
  else if (node && typeof node === 'object') {
    out.push(node);
    for (const [key, value] of Object.entries(node)) if (key !== 'data') nodes(value, out);
  }
  return out;
}
const legendParams = (spec: Json) =>
  nodes(spec)
    .flatMap((n) => (Array.isArray(n.params) ? n.params : []))
    .filter((p: Json) => p.bind === 'legend');
const opacityConditions = (spec: Json) =>
  nodes(spec)
    .map((n) => n.encoding?.opacity?.condition)
    .filter(Boolean);

const SELECTABLE: Record<string, { spec: Json; field: string }> = {
  factions: { spec: buildChart('factions', doc), field: 'faction' },
  policy: { spec: buildChart('policy', doc), field: 'series' },
  'fan-factions': { spec: buildEnsembleChart('fan-factions', ens), field: 'series' },
  'fan-policy': { spec: buildEnsembleChart('fan-policy', ens), field: 'series' },
  'fan-counts': { spec: buildEnsembleChart('fan-counts', ens), field: 'series' },
};

describe('legend selection', () => {
  for (const [kind, { spec, field }] of Object.entries(SELECTABLE)) {
    it(`${kind}: one point selection bound to the legend of its colour field, and marks that fade`, () => {
      const params = legendParams(spec);
      expect(params).toEqual([
        { name: LEGEND_SELECTION, select: { type: 'point', fields: [field] }, bind: 'legend' },
      ]);
      const colourFields = nodes(spec)
        .map((n) => n.encoding?.color)
        .filter((c) => c?.legend !== null && c?.field);
      expect(colourFields.length).toBeGreaterThan(0);
      expect(colourFields.every((c) => c.field === field && c.type === 'nominal')).toBe(true);
      const conditions = opacityConditions(spec);
      expect(conditions.length).toBeGreaterThan(0);
      for (const c of conditions) {
        // all series opaque while nothing is selected
        expect(c).toMatchObject({ param: LEGEND_SELECTION, empty: true });
      }
      const { warnings, errors, vega } = compileSpec(spec);
      expect(errors).toEqual([]);
      expect(warnings).toEqual([]);
      // the legend is interactive: vega-lite names its entries after the field
      expect(JSON.stringify(vega)).toContain(`"${field}_legend_entries"`);
    });
  }

  it('rungs: each bloc panel has its own legend and a selection bound to it; its marks fade by it', () => {
    // vega binds a selection to one legend, and each bloc has its own: one selection per panel
    const spec = buildChart('rungs', makeDoc(LARGE_COUNTRIES, 24)) as Json;
    expect(spec.vconcat).toHaveLength(6);
    spec.vconcat.forEach((panel: Json, i: number) => {
      const name = `${LEGEND_SELECTION}_${i}`;
      expect(legendParams(panel)).toEqual([
        { name, select: { type: 'point', fields: ['country'] }, bind: 'legend' },
      ]);
      const conditions = opacityConditions(panel);
      expect(conditions.length).toBe(2);
      for (const c of conditions) expect(c).toMatchObject({ param: name, empty: true });
      const colours = nodes(panel)
        .map((n) => n.encoding?.color)
        .filter((c) => c?.field);
      expect(colours.every((c) => c.field === 'country' && c.type === 'nominal')).toBe(true);
    });
    const { warnings, errors, vega } = compileSpec(spec);
    expect(errors).toEqual([]);
    expect(warnings).toEqual([]);
    expect(JSON.stringify(vega)).toContain('"country_legend_entries"');
  });

  it('charts without a series legend have no selection', () => {
    const others = [
      ...CHART_KINDS.filter((k) => !(k in SELECTABLE) && k !== 'rungs').map((k) => buildChart(k, doc)),
      ...ENSEMBLE_CHART_KINDS.filter((k) => !(k in SELECTABLE)).map((k) => buildEnsembleChart(k, ens)),
    ];
    for (const spec of others) {
      expect(legendParams(spec)).toEqual([]);
      expect(opacityConditions(spec).filter((c) => c.param === LEGEND_SELECTION)).toEqual([]);
    }
  });
});
