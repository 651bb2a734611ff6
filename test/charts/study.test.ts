// Study charts (compare, sensitivity, discover): structure and data, clean compilation, rendering,
// determinism and clear errors for documents they cannot chart.

import { describe, expect, it } from 'vitest';
import {
  buildCompareChart,
  buildStudyCharts,
  COMPARE_CHART_KINDS,
  type CompareChartKind,
  renderSpecs,
  STUDY_CHART_DESCRIPTIONS,
  STUDY_CHART_KINDS,
} from '../../src/charts/index.js';
import { describeBound } from '../../src/charts/study.js';
import type { CompareDoc, DiscoverDoc, SensitivityDoc } from '../../src/ensemble/docs.js';
import { checkEveryChart } from './checks.js';
import { SMALL_COUNTRIES } from './fixture.js';
import {
  FACTORS,
  type Json,
  makeCompareDoc,
  makeDiscoverDoc,
  makeSensitivityDoc,
  OUTCOMES,
} from './study-fixture.js';

type StudyDoc = CompareDoc | SensitivityDoc | DiscoverDoc;

const DOCS: [string, StudyDoc][] = [
  ['compare', makeCompareDoc()],
  ['morris', makeSensitivityDoc('morris')],
  ['sobol', makeSensitivityDoc('sobol')],
  ['discover', makeDiscoverDoc()],
];

const compare = makeCompareDoc();
const spec = (doc: StudyDoc, i = 0): Json => buildStudyCharts(doc)[i]!.spec;

/** Title and labels each rendered chart must show, by fixture tag and chart kind. */
const EXPECTED: Record<string, string[]> = {
  'compare/compare': [
    'Scenarios compared: engagement and recognition',
    'baseline · isk-surge · western-isolation · seed 42 · 100 runs each under common random numbers · 2021-08 to 2023-07',
    'baseline',
    'isk-surge',
    'western-isolation',
    'Countries at rung ≥ 4 (diplomatic presence)',
    'Countries at rung 6 (formal recognition)',
    '(b) Probability of rung ≥ 4 (diplomatic presence) in Jul 2023',
    ...SMALL_COUNTRIES.map((c) => c.name),
  ],
  'compare/compare-differences': [
    'How the scenarios differ from the reference',
    'some country recognizes by Jul 2023',
    'countries at rung ≥ 4 in Jul 2023',
    'isk-surge: 82% vs 70% in baseline',
    'western-isolation: 1.9 vs 2.1 in baseline',
    'interval includes 0',
  ],
  'morris/sensitivity': [
    'Which parameters matter? Morris screening',
    'baseline · seed 42 · 50 design points × 20 runs · 4 factors',
    'μ* (mean absolute elementary effect)',
    ...OUTCOMES.map((o) => o.label),
    ...FACTORS.map((f) => f.path),
  ],
  'sobol/sensitivity': [
    'Which parameters matter? Sobol indices',
    'S1 (first order)',
    'ST (total, with interactions)',
    ...OUTCOMES.map((o) => o.label),
    ...FACTORS.map((f) => f.path),
  ],
  'discover/discover': [
    "Scenario discovery (PRIM): when does 'some country recognizes by Jul 2023' happen?",
    'baseline · seed 42 · 400 design points × 10 runs · base rate 25%',
    'chosen box (step 5): coverage 45% · density 68% · 175 design points',
    'restricted: isk.attack_rate 0.16–0.29; countries.US.weights.terror ≤ 2.1; mechanisms.emboldening ∈ {true}',
    'chosen box (step 5)',
    'base rate 25%',
    'Restricted factors',
  ],
};

describe('every study chart', async () => {
  const charts = DOCS.flatMap(([tag, doc]) => buildStudyCharts(doc).map((c) => ({ ...c, tag })));
  const rendered = await renderSpecs(charts, ['svg']);

  it('names and describes the kinds, and builds them by document kind', () => {
    expect(STUDY_CHART_KINDS).toEqual(['compare', 'compare-differences', 'sensitivity', 'discover']);
    expect(Object.keys(STUDY_CHART_DESCRIPTIONS)).toEqual([...STUDY_CHART_KINDS]);
    expect(charts.map((c) => `${c.tag}/${c.kind}`)).toEqual(Object.keys(EXPECTED));
    expect(() => buildCompareChart('pie' as CompareChartKind, compare)).toThrow(
      /unknown chart 'pie'.*compare, compare-differences/,
    );
  });

  checkEveryChart(DOCS, charts, rendered, EXPECTED, buildStudyCharts);
});

describe('compare', () => {
  it('has one column per scenario in both panels, in the order of the ensembles', () => {
    const s = spec(compare);
    expect(s.vconcat).toHaveLength(2);
    for (const view of s.vconcat) {
      expect(view.facet.column.field).toBe('scenario');
      expect(view.facet.column.sort).toEqual(['baseline', 'isk-surge', 'western-isolation']);
    }
    expect(COMPARE_CHART_KINDS).toEqual(['compare', 'compare-differences']);
  });

  it('fans the counts at rung ≥ 4 and 6 of every scenario; P(rung ≥ 4) at the end lies in 0..1', () => {
    const [fans, ends] = spec(compare).vconcat;
    const scenarios = new Set(fans.data.values.map((r: Json) => r.scenario));
    expect(scenarios).toEqual(new Set(['baseline', 'isk-surge', 'western-isolation']));
    expect(new Set(fans.data.values.map((r: Json) => r.series))).toEqual(
      new Set(['Countries at rung ≥ 4 (diplomatic presence)', 'Countries at rung 6 (formal recognition)']),
    );
    expect(ends.data.values).toHaveLength(3 * SMALL_COUNTRIES.length);
    for (const r of ends.data.values) {
      expect(r.p).toBeGreaterThanOrEqual(0);
      expect(r.p).toBeLessThanOrEqual(1);
    }
    // the more engaged scenario has the higher probabilities
    const p = (scenario: string) =>
      ends.data.values.find((r: Json) => r.scenario === scenario && r.country === 'China').p;
    expect(p('isk-surge')).toBeGreaterThan(p('baseline'));
    expect(p('western-isolation')).toBeLessThan(p('baseline'));
  });

  it('rejects a document without ensembles', () => {
    expect(() => buildCompareChart('compare', { ...compare, ensembles: [] })).toThrow(
      new RangeError('compare: the document has no ensembles to chart'),
    );
  });
});

describe('compare-differences', () => {
  it('never repeats a tick label, however small the differences (a regression: "+0 pp, +1 pp, +1 pp")', async () => {
    const small = makeCompareDoc();
    small.differences = small.differences.map((d) =>
      d.outcome.binary ? { ...d, difference: 0.004, lo: -0.002, hi: 0.011 } : d,
    );
    const [rendered] = await renderSpecs([{ kind: 'compare-differences', spec: spec(small, 1) }], ['svg']);
    const ticks = [...rendered!.svg.matchAll(/>([−+-]?[\d.]+ pp)</g)].map((m) => m[1]);
    expect(ticks.length).toBeGreaterThan(2);
    expect(new Set(ticks).size).toBe(ticks.length);
  });

  it('has one panel per outcome and one row per scenario, with the interval and a zero rule', () => {
    const s = spec(compare, 1);
    expect(s.vconcat.map((v: Json) => v.title.text)).toEqual(OUTCOMES.map((o) => o.label));
    const [binary, count] = s.vconcat;
    expect(binary.data.values.map((r: Json) => r.row)).toEqual([
      'isk-surge: 82% vs 70% in baseline',
      'western-isolation: 55% vs 70% in baseline',
    ]);
    expect(count.data.values.map((r: Json) => r.direction)).toEqual([
      'interval includes 0',
      'interval includes 0',
    ]);
    expect(binary.data.values.map((r: Json) => r.direction)).toEqual([
      'higher than the reference',
      'lower than the reference',
    ]);
    const [zero, interval, dot] = binary.layer;
    expect(zero.encoding.x.datum).toBe(0);
    expect([interval.encoding.x.field, interval.encoding.x2.field]).toEqual(['lo', 'hi']);
    expect(dot.encoding.x.field).toBe('difference');
    for (const r of [...binary.data.values, ...count.data.values]) {
      expect(r.lo).toBeLessThanOrEqual(r.difference);
      expect(r.difference).toBeLessThanOrEqual(r.hi);
    }
    // percentage points on the axis of a probability
    expect(interval.encoding.x.axis.labelExpr).toContain("' pp'");
    expect(count.layer[1].encoding.x.axis.labelExpr).not.toContain('pp');
  });

  it('rejects a document without differences', () => {
    expect(() => buildCompareChart('compare-differences', { ...compare, differences: [] })).toThrow(
      /compare-differences: the document has no differences/,
    );
  });
});

describe('sensitivity', () => {
  it('Morris: bars of μ* sorted within each outcome, the interval as a rule, σ as a diamond', () => {
    const s = spec(makeSensitivityDoc('morris'));
    expect(s.vconcat).toHaveLength(OUTCOMES.length);
    const panel = s.vconcat[1];
    expect(panel.title.text).toBe(OUTCOMES[1]!.label);
    expect(panel.encoding.y.sort).toEqual({ field: 'mu_star', op: 'max', order: 'descending' });
    const [bar, rule, diamond] = panel.layer;
    expect(bar.encoding.x.field).toBe('mu_star');
    expect([rule.encoding.x.field, rule.encoding.x2.field]).toEqual(['lo', 'hi']);
    expect(diamond.mark.shape).toBe('diamond');
    expect(diamond.encoding.x.field).toBe('sigma');
    for (const r of panel.data.values) {
      expect(r.lo).toBeLessThanOrEqual(r.mu_star);
      expect(r.mu_star).toBeLessThanOrEqual(r.hi);
      expect(r.describe).toBe(FACTORS.find((f) => f.path === r.factor)!.describe);
    }
    // each outcome in its own units
    expect(s.resolve.scale.x).toBe('independent');
  });

  it('Sobol: S1 and ST side by side per factor, sorted by ST, with intervals, on one scale', () => {
    const s = spec(makeSensitivityDoc('sobol'));
    const panel = s.vconcat[0];
    expect(panel.encoding.yOffset.field).toBe('index');
    expect(panel.encoding.y.sort).toEqual({ field: 'st', op: 'max', order: 'descending' });
    expect(panel.data.values).toHaveLength(2 * FACTORS.length);
    expect(new Set(panel.data.values.map((r: Json) => r.index))).toEqual(
      new Set(['S1 (first order)', 'ST (total, with interactions)']),
    );
    for (const r of panel.data.values) expect(r.lo).toBeLessThanOrEqual(r.hi);
    expect(s.resolve.scale.x).toBe('shared');
  });

  it('rejects missing indices and a document without outcomes', () => {
    const morris = makeSensitivityDoc('morris');
    delete morris.outcomes[0]!.indices[1]!.mu_star;
    expect(() => buildStudyCharts(morris)).toThrow(
      new RangeError(
        "sensitivity: mu_star of 'countries.US.weights.terror' for 'some country recognizes by Jul 2023' is missing",
      ),
    );
    const sobol = makeSensitivityDoc('sobol');
    delete sobol.outcomes[1]!.indices[0]!.st_hi;
    expect(() => buildStudyCharts(sobol)).toThrow(/st_hi of 'isk.attack_rate'/);
    expect(() => buildStudyCharts({ ...morris, outcomes: [] })).toThrow(
      /sensitivity: the document has no outcomes/,
    );
  });
});

describe('discover', () => {
  it('puts the chosen box label on the side with room, clear of the legend (a regression)', async () => {
    const label = (chosen: number) => {
      const doc = { ...makeDiscoverDoc(), chosen };
      const layers = spec(doc).hconcat ?? spec(doc).vconcat ?? [spec(doc)];
      const text = JSON.stringify(layers).match(/"align":"(left|right)","dx":(-?\d+)/);
      return [text?.[1], Number(text?.[2])];
    };
    // step 1 covers 90% of the cases: near the right edge, so the label goes left
    expect(label(1)).toEqual(['right', -14]);
    // step 7 covers 17%: the label goes right
    expect(label(7)).toEqual(['left', 14]);
  });

  const doc = makeDiscoverDoc();

  it('connects the peeling steps in order, colours by restricted factors and rings the chosen box', () => {
    const s = spec(doc);
    const trajectory = s.layer[1];
    const rows = trajectory.data.values;
    expect(rows.map((r: Json) => r.step)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(rows.map((r: Json) => r.dims)).toEqual([0, 1, 1, 2, 2, 3, 3, 3]);
    expect(rows.filter((r: Json) => r.chosen).map((r: Json) => r.step)).toEqual([5]);
    for (const r of rows) {
      for (const v of [r.coverage, r.density]) {
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
      }
    }
    const [line, points, ring] = trajectory.layer;
    expect(line.encoding.order.field).toBe('step');
    expect(points.encoding.color.field).toBe('dims');
    expect(points.encoding.tooltip.map((t: Json) => t.field)).toContain('box');
    expect(ring.transform).toEqual([{ filter: 'datum.chosen' }]);
    expect(rows[0].box).toBe('all design points');
    expect(rows[7].box).toBe(
      'isk.attack_rate 0.22–0.28; countries.US.weights.terror 0.3–1.5; mechanisms.emboldening ∈ {true}',
    );
  });

  it('describes one-sided and discrete bounds', () => {
    expect(describeBound({ path: 'a', lo: 0.1234 })).toBe('a ≥ 0.123');
    expect(describeBound({ path: 'a', hi: 2 })).toBe('a ≤ 2');
    expect(describeBound({ path: 'b', values: [1, 3] })).toBe('b ∈ {1, 3}');
    expect(describeBound({ path: 'c' })).toBe('c unrestricted');
  });

  it('rejects a chosen box outside the trajectory', () => {
    expect(() => buildStudyCharts({ ...doc, chosen: 8 })).toThrow(
      new RangeError('discover: chosen box 8 is not a step of the trajectory (0..7)'),
    );
  });
});
