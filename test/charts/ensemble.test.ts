// Ensemble charts: structure and data of each spec, clean vega-lite compilation, rendering, determinism.

import { describe, expect, it } from 'vitest';
import {
  buildEnsembleChart,
  ENSEMBLE_CHART_DESCRIPTIONS,
  ENSEMBLE_CHART_KINDS,
  type EnsembleChartKind,
  renderSpecs,
} from '../../src/charts/index.js';
import { compileSpec } from '../../src/charts/render.js';
import { RUNGS } from '../../src/model/types.js';
import { LARGE_COUNTRIES, SMALL_COUNTRIES } from './fixture.js';
import { dataOf, FACTION_LABELS, type Json, makeEnsembleDoc, svgText } from './study-fixture.js';

const small = makeEnsembleDoc();
const large = makeEnsembleDoc({ countries: LARGE_COUNTRIES, months: 113 });
const N_MONTHS = 24;
const spec = (kind: EnsembleChartKind, doc = small, k?: number): Json =>
  buildEnsembleChart(kind, doc, k === undefined ? {} : { k });

const TITLES: Record<EnsembleChartKind, string> = {
  'fan-factions': 'Power of the Taliban factions across the runs',
  'fan-policy': 'Taliban regime policy and the ISK threat across the runs',
  'fan-counts': 'How many countries engage with the Taliban government, across the runs',
  probability: 'Chance of at least diplomatic presence (rung ≥ 4), by country and month',
  'first-recognizer': 'Who recognizes the Taliban government first?',
  cascade: 'Does a first recognition start a cascade?',
  'first-recognition-month': 'When does the first formal recognition come?',
};

/** Labels each rendered chart must show (besides its title and subtitle). */
const LABELS: Record<EnsembleChartKind, string[]> = {
  'fan-factions': [...FACTION_LABELS, 'Share of power', 'Faction'],
  'fan-policy': ["Women's rights", 'Counter-terrorism cooperation', 'Inclusivity', 'ISK threat'],
  'fan-counts': [
    'Countries at rung ≥ 4 (diplomatic presence)',
    'Countries at rung ≥ 5 (ambassadors)',
    'Countries at rung 6 (formal recognition)',
    'Legitimacy index',
  ],
  probability: [...SMALL_COUNTRIES.map((c) => c.name), 'West', 'Great powers', 'Share of runs'],
  'first-recognizer': ['Russia', 'China', 'United States', 'United Kingdom', 'Nobody by Jul 2023'],
  cascade: ['over the 70 of 100 runs in which some country granted formal recognition'],
  'first-recognition-month': ['70 of 100 runs had a formal recognition by Jul 2023', 'Aug 2022'],
};

describe('every ensemble chart', async () => {
  const rendered = await renderSpecs(
    ENSEMBLE_CHART_KINDS.map((kind) => ({ kind, spec: buildEnsembleChart(kind, small) })),
    ['svg'],
  );

  it('names and describes the kinds', () => {
    expect(ENSEMBLE_CHART_KINDS).toEqual([
      'fan-factions',
      'fan-policy',
      'fan-counts',
      'probability',
      'first-recognizer',
      'cascade',
      'first-recognition-month',
    ]);
    expect(Object.keys(ENSEMBLE_CHART_DESCRIPTIONS)).toEqual([...ENSEMBLE_CHART_KINDS]);
    expect(() => buildEnsembleChart('pie' as EnsembleChartKind, small)).toThrow(
      /unknown chart 'pie'.*fan-factions, fan-policy/,
    );
  });

  for (const kind of ENSEMBLE_CHART_KINDS) {
    for (const [tag, doc] of [
      ['small', small],
      ['large', large],
    ] as const) {
      it(`${kind} (${tag} fixture) compiles without vega-lite warnings or errors`, () => {
        const out = compileSpec(buildEnsembleChart(kind, doc));
        expect(out.errors).toEqual([]);
        expect(out.warnings).toEqual([]);
      });
    }

    it(`${kind} is self-contained and names scenario, seed and runs`, () => {
      const s = spec(kind);
      expect(s.$schema).toMatch(/vega-lite\/v6\.json$/);
      expect(s.config.font).toBe('DejaVu Sans');
      expect([s.title.subtitle].flat()[0]).toBe('test-fixture · seed 42 · 100 runs · 2021-08 to 2023-07');
      expect(dataOf(s).length).toBeGreaterThan(0);
      expect(JSON.stringify(s)).toContain('"tooltip"');
    });

    it(`${kind} renders its title, subtitle and labels in DejaVu Sans`, () => {
      const { svg } = rendered.find((c) => c.kind === kind)!;
      expect(svg).toContain(svgText(TITLES[kind]));
      expect(svg).toContain('test-fixture · seed 42 · 100 runs · 2021-08 to 2023-07');
      for (const label of LABELS[kind]) expect(svg, label).toContain(svgText(label));
      expect(new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]))).toEqual(
        new Set(['DejaVu Sans']),
      );
    });

    it(`${kind} gives the same JSON and SVG for the same doc and for a deep copy`, async () => {
      const again = buildEnsembleChart(kind, structuredClone(small));
      expect(JSON.stringify(again)).toBe(JSON.stringify(spec(kind)));
      const [svg] = await renderSpecs([{ kind, spec: again }], ['svg']);
      expect(svg!.svg).toBe(rendered.find((c) => c.kind === kind)!.svg);
    });
  }
});

describe('fan charts', () => {
  it('hold ordered quantiles, one row per band and month', () => {
    for (const kind of ['fan-factions', 'fan-policy', 'fan-counts'] as const) {
      const rows = dataOf(spec(kind));
      expect(rows.length % N_MONTHS).toBe(0);
      for (const r of rows) {
        expect(r.p05).toBeLessThanOrEqual(r.p25);
        expect(r.p25).toBeLessThanOrEqual(r.p50);
        expect(r.p50).toBeLessThanOrEqual(r.p75);
        expect(r.p75).toBeLessThanOrEqual(r.p95);
      }
    }
  });

  it('draw a 90% band, a 50% band, the median line and tooltip points', () => {
    const s = spec('fan-factions');
    const [outer, inner, line, points] = s.layer;
    expect([outer.mark.type, inner.mark.type, line.mark.type, points.mark.type]).toEqual([
      'area',
      'area',
      'line',
      'point',
    ]);
    expect([outer.encoding.y.field, outer.encoding.y2.field]).toEqual(['p05', 'p95']);
    expect([inner.encoding.y.field, inner.encoding.y2.field]).toEqual(['p25', 'p75']);
    expect(inner.mark.opacity).toBeGreaterThan(outer.mark.opacity);
    expect(line.encoding.y.field).toBe('p50');
    expect(points.encoding.tooltip.map((t: Json) => t.field)).toEqual([
      'date',
      'series',
      'p50',
      'p25',
      'p75',
      'p05',
      'p95',
    ]);
  });

  it('fan-factions orders the factions as FACTIONS and labels them with band.label', () => {
    const colour = spec('fan-factions').encoding.color;
    expect(colour.scale.domain).toEqual(FACTION_LABELS);
    const rows = dataOf(spec('fan-factions'));
    expect(rows.filter((r) => r.series === FACTION_LABELS[0])).toHaveLength(N_MONTHS);
    for (const r of rows) expect(r.p95).toBeLessThanOrEqual(1);
  });

  it('fan-policy has the three indices in one panel and the ISK threat in another', () => {
    const [policy, threat] = spec('fan-policy').vconcat;
    expect(policy.encoding.color.scale.domain).toEqual([
      "Women's rights",
      'Counter-terrorism cooperation',
      'Inclusivity',
    ]);
    expect(threat.encoding.color.scale.domain).toEqual(['ISK threat']);
  });

  it('fan-counts counts countries on 0..n and puts the legitimacy index under them', () => {
    const [counts, legitimacy] = spec('fan-counts').vconcat;
    expect(counts.layer[0].encoding.y.scale.domain).toEqual([0, SMALL_COUNTRIES.length]);
    for (const r of counts.data.values) {
      expect(Number.isInteger(r.p50)).toBe(true);
      expect(r.p95).toBeLessThanOrEqual(SMALL_COUNTRIES.length);
    }
    expect(legitimacy.data.values[0].series).toBe('Legitimacy index');
  });

  it('fan-counts without a legitimacy band has one panel', () => {
    const doc = makeEnsembleDoc();
    doc.bands = doc.bands.filter((b) => b.variable !== 'legitimacy');
    expect(spec('fan-counts', doc).vconcat).toHaveLength(1);
  });

  it('reject missing bands and bands that do not match the months', () => {
    const none = { ...makeEnsembleDoc(), bands: [] };
    expect(() => spec('fan-factions', none)).toThrow(RangeError);
    expect(() => spec('fan-factions', none)).toThrow(
      /fan-factions: the ensemble has no bands of faction power/,
    );
    expect(() => spec('fan-counts', none)).toThrow(/count_ge_4, count_ge_5, recognizers/);
    const short = makeEnsembleDoc();
    short.bands[0]!.p50.pop();
    expect(() => spec('fan-factions', short)).toThrow(/does not have one value per month \(24\)/);
  });
});

describe('probability', () => {
  it('holds P(rung ≥ k) for every country, k = 1..6 and month, all within 0..1', () => {
    const rows = dataOf(spec('probability'));
    expect(rows).toHaveLength(SMALL_COUNTRIES.length * 6 * N_MONTHS);
    expect(new Set(rows.map((r) => r.k))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    for (const r of rows) {
      expect(r.p).toBeGreaterThanOrEqual(0);
      expect(r.p).toBeLessThanOrEqual(1);
    }
    // P(rung ≥ k) cannot rise with k
    const at = (k: number) => rows.find((r) => r.country === 'China' && r.date === '2022-08' && r.k === k).p;
    for (let k = 2; k <= 6; k++) expect(at(k)).toBeLessThanOrEqual(at(k - 1));
  });

  it('has a select-bound parameter k (default 4) and filters the data to it', () => {
    const s = spec('probability');
    expect(s.params).toEqual([
      {
        name: 'k',
        value: 4,
        bind: {
          input: 'select',
          options: [1, 2, 3, 4, 5, 6],
          labels: RUNGS.slice(1).map((name, i) => `${i + 1} ${name}`),
          name: 'At least rung ',
        },
      },
    ]);
    expect(s.transform).toEqual([{ filter: 'datum.k == k' }]);
    // the compiled Vega has the bound signal
    const signal = compileSpec(s).vega.signals?.find((x: Json) => x.name === 'k') as Json;
    expect(signal.value).toBe(4);
    expect(signal.bind.input).toBe('select');
  });

  it('opens at another k when asked, and shows it in the title', async () => {
    const s = spec('probability', small, 6);
    expect(s.params[0].value).toBe(6);
    const [out] = await renderSpecs([{ kind: 'probability', spec: s }], ['svg']);
    expect(out!.svg).toContain('Chance of at least formal recognition (rung ≥ 6), by country and month');
  });

  it('rejects a k outside 1..6 with a clear RangeError', () => {
    for (const k of [0, 7, 2.5, Number.NaN]) {
      expect(() => spec('probability', small, k)).toThrow(RangeError);
      expect(() => spec('probability', small, k)).toThrow(`k must be a whole rung from 1 to 6 (got ${k})`);
    }
  });

  it('groups rows by bloc and orders countries by expected final rung', () => {
    const s = spec('probability');
    expect(s.facet.row.sort).toEqual(['West', 'Great powers']);
    // final fixture rungs: USA 2 (from month 10), GBR 2 (from 14), RUS 6, CHN 5
    expect(s.spec.encoding.y.sort).toEqual(['United Kingdom', 'United States', 'Russia', 'China']);
    expect(s.spec.encoding.color.scale.domain).toEqual([0, 1]);
  });
});

describe('first recognizer, cascade and first-recognition month', () => {
  it('first-recognizer sorts countries by share and puts nobody last, in grey', () => {
    const s = spec('first-recognizer');
    const rows = s.data.values;
    expect(rows.map((r: Json) => r.label)).toEqual([
      'Russia',
      'China',
      'United States',
      'United Kingdom',
      'Nobody by Jul 2023',
    ]);
    expect(rows.at(-1).nobody).toBe(true);
    expect(s.encoding.y.sort).toEqual(rows.map((r: Json) => r.label));
    const colour = s.layer[0].encoding.color;
    expect(colour.scale.range[colour.scale.domain.indexOf(true)]).toBe('#999999');
    for (const r of rows) expect(r.share).toBeGreaterThanOrEqual(0);
  });

  it('cascade fills the sizes up to the largest with zeros; shares sum to 1', () => {
    const rows = spec('cascade').data.values;
    expect(rows.map((r: Json) => [r.size, r.runs])).toEqual([
      [0, 30],
      [1, 25],
      [2, 0],
      [3, 15],
    ]);
    expect(rows.reduce((s: number, r: Json) => s + r.share, 0)).toBeCloseTo(1, 10);
  });

  it('a small share reads with a decimal, never "0%" beside a visible bar (a regression: "Iran 0%")', async () => {
    const doc = makeEnsembleDoc();
    doc.first_recognizer = [
      { country: 'RUS', runs: 96, share: 0.96 },
      { country: 'CHN', runs: 4, share: 0.004 },
      { country: null, runs: 0, share: 0 },
    ];
    const [out] = await renderSpecs(
      [{ kind: 'first-recognizer', spec: spec('first-recognizer', doc) }],
      ['svg'],
    );
    expect(out!.svg).toContain('>0.4%<');
    expect(out!.svg).toContain('>96%<');
    expect(out!.svg).toContain('>0%<');
  });

  it('a share axis never runs past 100%, even when every run has the same cascade', () => {
    const all = makeEnsembleDoc();
    all.cascade = [{ size: 0, runs: 70 }];
    const y = spec('cascade', all).encoding.y;
    expect(y.scale.domain[1]).toBeLessThanOrEqual(1);
    expect(spec('first-recognizer').encoding.x.scale.domain[1]).toBeLessThanOrEqual(1);
  });

  it('first-recognition-month has every month, the runs per month and the median in the subtitle', () => {
    const s = spec('first-recognition-month');
    expect(s.data.values).toHaveLength(N_MONTHS);
    expect(s.data.values.reduce((n: number, r: Json) => n + r.runs, 0)).toBe(70);
    expect(s.title.subtitle[1]).toBe(
      '70 of 100 runs had a formal recognition by Jul 2023 · median month of the first: Aug 2022',
    );
  });

  it('an ensemble without any recognition still charts, and says so', async () => {
    const none = makeEnsembleDoc({ noRecognition: true });
    const specs = (['first-recognizer', 'cascade', 'first-recognition-month'] as const).map((kind) => ({
      kind,
      spec: buildEnsembleChart(kind, none),
    }));
    for (const { spec: s } of specs) {
      const out = compileSpec(s);
      expect(out.errors).toEqual([]);
      expect(out.warnings).toEqual([]);
    }
    const [first, cascade, month] = await renderSpecs(specs, ['svg']);
    expect(first!.svg).toContain('Nobody by Jul 2023');
    expect(cascade!.svg).toContain('no run had a formal recognition by Jul 2023');
    expect(month!.svg).toContain('no run had a formal recognition by Jul 2023');
  });
});

describe('renderSpecs', () => {
  it('renders any kinds, in order, with a PNG only when asked', async () => {
    const charts = (['cascade', 'fan-factions'] as const).map((kind) => ({
      kind,
      spec: buildEnsembleChart(kind, small),
    }));
    const svgOnly = await renderSpecs(charts, ['svg']);
    expect(svgOnly.map((c) => c.kind)).toEqual(['cascade', 'fan-factions']);
    for (const c of svgOnly) expect(c.png.length).toBe(0);
    const both = await renderSpecs(charts.slice(0, 1));
    expect(both[0]!.svg).toBe(svgOnly[0]!.svg);
    expect([...both[0]!.png.subarray(1, 4)]).toEqual([0x50, 0x4e, 0x47]); // 'PNG'
    expect(await renderSpecs([])).toEqual([]);
  });
});
