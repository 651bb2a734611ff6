// The "now" rule of the run charts: the playground's player asks for it, the CLI does not. Moving it
// is data (the 'now' dataset), so a page moves it through the view's data API, never re-embedding.
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { buildChart, CHART_KINDS } from '../../src/charts/index.js';
import { NOW_RULE } from '../../src/charts/style.js';
import { runtimeWarnings, sceneItems } from './checks.js';
import { makeDoc } from './fixture.js';

const doc = makeDoc();
type Datasets = Record<string, unknown[]>;
const datasetsOf = (spec: TopLevelSpec) => (spec as { datasets: Datasets }).datasets;
/** The spec without its data: what must stay the same while the rule moves. */
const structure = (spec: TopLevelSpec) => {
  const { datasets: _d, description: _c, ...rest } = spec as TopLevelSpec & { datasets: unknown };
  return JSON.stringify(rest);
};

describe.each(CHART_KINDS)('%s', (kind) => {
  it('has no rule and no now dataset unless asked (as the CLI draws a run)', () => {
    const spec = buildChart(kind, doc);
    expect(datasetsOf(spec)).not.toHaveProperty('now');
    expect(JSON.stringify(spec)).not.toContain('"name":"now"');
  });

  it('moves the rule through its dataset alone: the same structure for every month and the whole run', () => {
    const at = (now: string | null) => buildChart(kind, doc, { now });
    expect(datasetsOf(at('2022-03')).now).toEqual([{ date: '2022-03', next: '2022-04', label: 'Mar 2022' }]);
    expect(datasetsOf(at(null)).now).toEqual([]);
    expect(structure(at('2022-03'))).toBe(structure(at(null)));
    expect(structure(at('2022-03'))).toBe(structure(at('2023-01')));
  });

  it('draws one rule the height of each plot at the month shown, none for the whole run', async () => {
    const rules = async (now: string | null) =>
      (await sceneItems(buildChart(kind, doc, { now }), 'rule')).filter(
        (r) => r.stroke === NOW_RULE.color && r.opacity === NOW_RULE.opacity,
      );
    const shown = await rules('2022-03');
    expect(shown.length).toBeGreaterThanOrEqual(1);
    for (const r of shown) expect(r.y2 - r.y).toBe(r.mark.group.height);
    // a later month stands further right
    const later = await rules('2023-01');
    expect(later[0].x).toBeGreaterThan(shown[0].x);
    expect(await rules(null)).toEqual([]);
    expect(await runtimeWarnings(buildChart(kind, doc, { now: '2022-03' }))).toEqual([]);
  });
});
