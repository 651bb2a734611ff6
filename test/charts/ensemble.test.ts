// Ensemble charts: structure and data of each spec, clean vega-lite compilation, rendering, determinism,
// the page width and the chart lint, named datasets, and the observed record on every time axis.

import { describe, expect, it } from 'vitest';
import { CASCADE_WINDOW } from '../../src/analysis/summary.js';
import { lab } from '../../src/charts/colour.js';
import { compileSpec } from '../../src/charts/compile-spec.js';
import {
  CASCADE_MONTHS,
  COUNT_COLOURS,
  cascadeChart,
  censoredFirsts,
  fanCountsChart,
  fanFactionsChart,
  fanPolicyChart,
  firstRecognitionMonthChart,
  firstRecognizerChart,
  probabilityChart,
  runsAndShare,
  sharePrinter,
} from '../../src/charts/ensemble.js';
import {
  buildEnsembleChart,
  ENSEMBLE_CHART_DESCRIPTIONS,
  ENSEMBLE_CHART_KINDS,
  type EnsembleChartKind,
  renderSpecs,
} from '../../src/charts/index.js';
import { vega } from '../../src/charts/node-vega.js';
import { actorStyles, RUNG_COLOURS } from '../../src/charts/palette.js';
import { countryOrder, INK, POLICY_LABELS, THREAT_LABEL } from '../../src/charts/style.js';
import type { EnsembleDoc } from '../../src/ensemble/docs.js';
import type { RecordOverlay } from '../../src/model/results.js';
import { RUNGS } from '../../src/model/types.js';
import { sceneItems } from './checks.js';
import { LARGE_COUNTRIES, SMALL_COUNTRIES } from './fixture.js';
import { lintChart } from './lint.js';
import { FACTION_LABELS, type Json, makeEnsembleDoc, svgText } from './study-fixture.js';

const small = makeEnsembleDoc();
const large = makeEnsembleDoc({ countries: LARGE_COUNTRIES, months: 113 });
const N_MONTHS = 24;
const spec = (kind: EnsembleChartKind, doc = small, k?: number): Json =>
  buildEnsembleChart(kind, doc, k === undefined ? {} : { k });

/** The builders with their options (index.ts passes only k on). */
const BUILDERS: Record<EnsembleChartKind, (doc: EnsembleDoc, opts?: { width?: number; k?: number }) => Json> =
  {
    'fan-factions': fanFactionsChart,
    'fan-policy': fanPolicyChart,
    'fan-counts': fanCountsChart,
    probability: probabilityChart,
    'first-recognizer': firstRecognizerChart,
    cascade: cascadeChart,
    'first-recognition-month': firstRecognitionMonthChart,
  };

/** The small fixture's record, to Jul 2022 (month 11 of 24): China at rung 5 from Jan 2022, Russia at
 * rung 4 from Mar 2022 and at formal recognition from May 2022. */
const RECORD: RecordOverlay = {
  end: '2022-07',
  rows: [
    { country: 'USA', date: '2021-08', rung: 0 },
    { country: 'USA', date: '2022-07', rung: 0 },
    { country: 'GBR', date: '2021-08', rung: 1 },
    { country: 'GBR', date: '2022-07', rung: 1 },
    { country: 'CHN', date: '2021-08', rung: 4 },
    { country: 'CHN', date: '2022-01', rung: 5 },
    { country: 'CHN', date: '2022-07', rung: 5 },
    { country: 'RUS', date: '2021-08', rung: 3 },
    { country: 'RUS', date: '2022-03', rung: 4 },
    { country: 'RUS', date: '2022-05', rung: 6 },
    { country: 'RUS', date: '2022-07', rung: 6 },
  ],
};
const recorded: EnsembleDoc = { ...makeEnsembleDoc(), record: RECORD };

/** The rows of a spec's named datasets (all of them, or the one named). */
function rowsOf(s: Json, name?: string): Json[] {
  const sets: Record<string, Json[]> = s.datasets ?? {};
  return name === undefined ? Object.values(sets).flat() : (sets[name] ?? []);
}

/** Every `data` of a spec and its sub-views. */
function dataNodes(node: Json): Json[] {
  if (!node || typeof node !== 'object') return [];
  const own = node.data ? [node.data] : [];
  const children = [
    ...(node.layer ?? []),
    ...(node.vconcat ?? []),
    ...(node.hconcat ?? []),
    ...(node.concat ?? []),
    ...(node.spec ? [node.spec] : []),
  ];
  return [...own, ...children.flatMap(dataNodes)];
}

/** The layers of a spec and its sub-views, flattened. */
function layersOf(node: Json): Json[] {
  const layers = node.layer ?? [];
  const children = [...(node.vconcat ?? []), ...(node.spec ? [node.spec] : [])];
  return [...layers, ...children.flatMap(layersOf)];
}

/** The visual language by legend label, for the lint: each country's colour, each rung's. */
function colours(doc: EnsembleDoc): Map<string, string> {
  const out = new Map<string, string>();
  for (const [id, s] of actorStyles(doc.actors)) out.set(doc.actors.find((a) => a.id === id)!.name, s.colour);
  RUNGS.forEach((r, i) => {
    out.set(r, RUNG_COLOURS[i]!);
  });
  return out;
}

/** Title lines each rendered chart must show (the probability title wraps at the page width). */
const TITLES: Record<EnsembleChartKind, string[]> = {
  'fan-factions': ['Power of the Taliban factions across the runs'],
  'fan-policy': ['Taliban regime policy and the ISK threat across the runs'],
  'fan-counts': ['How many countries engage with the Taliban government'],
  probability: ['Chance of at least diplomatic presence (rung ≥ 4),', 'by country and month'],
  'first-recognizer': ['Who recognizes the Taliban government first?'],
  cascade: ['Does a first recognition start a cascade?'],
  'first-recognition-month': ['When does the first formal recognition come?'],
};

/** Labels each rendered chart must show (besides its title and subtitle). */
const LABELS: Record<EnsembleChartKind, string[]> = {
  'fan-factions': [...FACTION_LABELS, 'Share of power', 'Faction'],
  // the run charts' names (POLICY_LABELS), not the doc's band labels ("Women's rights", 'Inclusivity')
  'fan-policy': [
    "Women's and girls' rights",
    'Counter-terrorism cooperation',
    'Inclusive governance',
    'ISK threat',
  ],
  'fan-counts': [
    'Countries at rung ≥ 4 (diplomatic presence)',
    'Countries at rung ≥ 5 (ambassadors)',
    'Countries at rung 6 (formal recognition)',
    'Legitimacy index',
  ],
  probability: [...SMALL_COUNTRIES.map((c) => c.name), 'West', 'Great powers', 'Share of runs'],
  'first-recognizer': [
    'Russia',
    'China',
    'United States',
    'United Kingdom',
    'Nobody by Jul 2023',
    '40 of 100 runs, 40.0%',
    '1 of 100 runs, 1.0%',
  ],
  cascade: ['Countries following the first recognizer within 12 months', '3', '100%'],
  'first-recognition-month': ['Runs with the first recognition', 'Aug 2022'],
};

/** What each chart's caption (its `description`) must say. */
const CAPTIONS: Record<EnsembleChartKind, string[]> = {
  'fan-factions': ['Line: the median of the runs; dark band: the middle 50%'],
  'fan-policy': ['light band: the middle 90% (5th–95th)', '0 = most repressive'],
  'fan-counts': ['The legitimacy index is the weighted mean rung / 6'],
  probability: [
    'the share of the runs in which the country stands at rung k or higher',
    'The printed chart shows k = 4 (diplomatic presence), the rung the chart opens at; the interactive chart (the .vl.json, and the HTML report) has a selector for rungs 1 to 6.',
  ],
  'first-recognizer': ['a tie counts for each tied country', 'with the number of runs'],
  cascade: ['Over the 70 of 100 runs (70%) in which some country granted formal recognition (n = 70)'],
  'first-recognition-month': [
    '70 of 100 runs (70%) had a formal recognition by Jul 2023; the median month of the first: Aug 2022.',
  ],
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

    it(`${kind} is self-contained and names scenario, seed and runs in its first subtitle line`, () => {
      const s = spec(kind);
      expect(s.$schema).toMatch(/vega-lite\/v6\.json$/);
      expect(s.config.font).toBe('DejaVu Sans');
      // the cascade adds the runs its shares are of
      expect(s.title.subtitle).toEqual([
        'test-fixture · seed 42 · 100 runs · 2021-08 to 2023-07',
        ...(kind === 'cascade'
          ? ['n = 70 runs with a first recognition, 60 of them within 12 months of the end']
          : []),
      ]);
      expect(rowsOf(s).length).toBeGreaterThan(0);
      expect(JSON.stringify(s)).toContain('"tooltip"');
      for (const text of CAPTIONS[kind]) expect(s.description, text).toContain(text);
    });

    it(`${kind} takes its values from named datasets only`, () => {
      for (const doc of [small, recorded]) {
        const s = spec(kind, doc);
        const nodes = dataNodes(s);
        expect(nodes.length).toBeGreaterThan(0);
        for (const d of nodes) {
          expect(d.values, JSON.stringify(d)).toBeUndefined();
          expect(Object.keys(s.datasets)).toContain(d.name);
        }
        // every dataset is used
        expect(new Set(nodes.map((d) => d.name))).toEqual(new Set(Object.keys(s.datasets)));
      }
    });

    it(`${kind}: the structure depends on the actors, period and record, not on the values`, () => {
      const shape = (s: Json) => JSON.stringify({ ...s, datasets: null, description: null, title: null });
      const other = makeEnsembleDoc({ shift: 1 });
      other.first_recognizer = [
        { country: 'CHN', runs: 40, share: 0.4 },
        { country: null, runs: 60, share: 0.6 },
      ];
      other.cascade = [{ size: 5, runs: 40 }];
      expect(shape(spec(kind, other))).toBe(shape(spec(kind)));
      expect(shape(spec(kind, { ...other, record: RECORD }))).toBe(shape(spec(kind, recorded)));
    });

    it(`${kind} renders its title, subtitle and labels in DejaVu Sans`, () => {
      const { svg } = rendered.find((c) => c.kind === kind)!;
      for (const line of TITLES[kind]) expect(svg).toContain(svgText(line));
      expect(svg).toContain('test-fixture · seed 42 · 100 runs · 2021-08 to 2023-07');
      for (const label of LABELS[kind]) expect(svg, label).toContain(svgText(label));
      expect(new Set([...svg.matchAll(/font-family="([^"]*)"/g)].map((m) => m[1]))).toEqual(
        new Set(['DejaVu Sans']),
      );
    });

    // the same spec gives the same SVG bytes: render.test.ts
    it(`${kind} gives the same JSON for the same doc and for a deep copy`, () => {
      const again = buildEnsembleChart(kind, structuredClone(small));
      expect(JSON.stringify(again)).toBe(JSON.stringify(spec(kind)));
    });
  }
});

describe('the page width and the chart lint', () => {
  for (const kind of ENSEMBLE_CHART_KINDS) {
    // the real size (23 countries × 113 months) is linted by lint-every.test.ts on the baseline ensemble
    it(`${kind} fills the 640 px page with 0 lint findings (4 countries × 24 months, with a record)`, async () => {
      for (const doc of [recorded]) {
        const r = await lintChart(BUILDERS[kind](doc), { colours: colours(doc) });
        expect(r.findings).toEqual([]);
        expect(r.width).toBeLessThanOrEqual(640);
        expect(r.width).toBeGreaterThanOrEqual(600);
      }
    });

    it(`${kind} lays out from the width it is given`, async () => {
      const r = await lintChart(BUILDERS[kind](recorded, { width: 480 }), { colours: colours(recorded) });
      expect(r.findings).toEqual([]);
      expect(r.width).toBeLessThanOrEqual(480);
      expect(r.width).toBeGreaterThanOrEqual(440);
    });
  }
});

describe('fan charts', () => {
  it('hold ordered quantiles, one row per band and month', () => {
    for (const kind of ['fan-factions', 'fan-policy', 'fan-counts'] as const) {
      const rows = rowsOf(spec(kind)).filter((r) => r.p50 !== undefined);
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
    const rows = rowsOf(spec('fan-factions'), 'power');
    expect(rows.filter((r) => r.series === FACTION_LABELS[0])).toHaveLength(N_MONTHS);
    for (const r of rows) expect(r.p95).toBeLessThanOrEqual(1);
  });

  it('fan-policy has the three indices in one panel and the ISK threat in another, named as the run charts name them', () => {
    const s = spec('fan-policy');
    const [policy, threat] = s.vconcat;
    // a regression: the doc's band labels ("Women's rights", 'Inclusivity') differed from the run charts'
    expect(policy.encoding.color.scale.domain).toEqual([
      POLICY_LABELS.womens_rights,
      POLICY_LABELS.ct_cooperation,
      POLICY_LABELS.inclusivity,
    ]);
    expect(policy.encoding.color.scale.domain).toEqual([
      "Women's and girls' rights",
      'Counter-terrorism cooperation',
      'Inclusive governance',
    ]);
    expect(new Set(rowsOf(s, 'policy').map((r) => r.series))).toEqual(new Set(Object.values(POLICY_LABELS)));
    expect(threat.encoding.color.scale.domain).toEqual([THREAT_LABEL]);
    expect(rowsOf(s, 'threat')[0].series).toBe('ISK threat');
  });

  it('fan-counts counts countries on 0..n and puts the legitimacy index under them', () => {
    const s = spec('fan-counts');
    const [counts, legitimacy] = s.vconcat;
    expect(counts.layer[0].encoding.y.scale.domain).toEqual([0, SMALL_COUNTRIES.length]);
    expect(counts.data).toEqual({ name: 'counts' });
    for (const r of rowsOf(s, 'counts')) {
      expect(Number.isInteger(r.p50)).toBe(true);
      expect(r.p95).toBeLessThanOrEqual(SMALL_COUNTRIES.length);
    }
    expect(legitimacy.data).toEqual({ name: 'legitimacy' });
    expect(rowsOf(s, 'legitimacy')[0].series).toBe('Legitimacy index');
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
  it('holds P(rung ≥ k) for every country and month, k = 1..6 in one row, all within 0..1', () => {
    const d = small;
    const rows = rowsOf(spec('probability', d), 'probability');
    // a row per country-month, its six shares in it (not a row per k: a sixth of the rows)
    expect(rows).toHaveLength(SMALL_COUNTRIES.length * N_MONTHS);
    for (const r of rows) {
      expect(r.ps).toHaveLength(6);
      for (const p of r.ps) {
        expect(p).toBeGreaterThanOrEqual(0);
        expect(p).toBeLessThanOrEqual(1);
      }
      // P(rung ≥ k) cannot rise with k
      for (let k = 2; k <= 6; k++) expect(r.ps[k - 1]).toBeLessThanOrEqual(r.ps[k - 2]);
    }
    // the doc's own shares, at index k − 1
    const china = rows.find((r) => r.country === 'China' && r.date === '2022-08');
    const m = d.months.indexOf('2022-08');
    for (let k = 1; k <= 6; k++)
      expect(china.ps[k - 1]).toBe(d.rung_at_least.find((x) => x.country === 'CHN' && x.k === k)!.p[m]);
  });

  it("colours each cell by the selected k's share, and follows the selector", async () => {
    const d = small;
    const view = new vega.View(vega.parse(compileSpec(spec('probability', d)).vega), { renderer: 'none' });
    const m = d.months.indexOf('2022-08');
    const cell = async (k: number) => {
      view.signal('k', k);
      await view.runAsync();
      const found: Json[] = [];
      const walk = (node: Json) => {
        if (node.marktype === 'rect' && node.role === 'mark') found.push(...node.items);
        for (const child of node.items ?? []) walk(child);
      };
      walk((view.scenegraph() as unknown as { root: Json }).root);
      // the month as Vega parsed it
      return found.find((c) => c.datum.country === 'China' && c.datum.date === Date.UTC(2022, 7)).datum;
    };
    const expected = (k: number) => d.rung_at_least.find((x) => x.country === 'CHN' && x.k === k)!.p[m];
    for (const k of [4, 2, 6]) expect(await cell(k)).toMatchObject({ k, p: expected(k) });
    view.finalize();
  });

  it('draws no cell for a k the ensemble has no shares of', async () => {
    // only P(rung ≥ 4) in the doc: its cells at k = 4, none at k = 2 (no cell, not a cell at 0)
    const d = { ...small, rung_at_least: small.rung_at_least.filter((x) => x.k === 4) };
    const rows = rowsOf(spec('probability', d), 'probability');
    expect(rows.every((r) => r.ps.filter((p: number | null) => p !== null).length === 1)).toBe(true);
    const cells = async (k: number) =>
      (await sceneItems(spec('probability', d, k), 'rect')).filter((c) => c.datum.country === 'China');
    expect(await cells(4)).toHaveLength(N_MONTHS);
    expect(await cells(2)).toHaveLength(0);
  });

  it("has a select-bound parameter k (default 4) and picks each row's share at it", () => {
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
    expect(s.transform).toEqual([
      { calculate: 'datum.ps[k - 1]', as: 'p' },
      { calculate: 'k', as: 'k' },
    ]);
    // the compiled Vega has the bound signal
    const signal = compileSpec(s).vega.signals?.find((x: Json) => x.name === 'k') as Json;
    expect(signal.value).toBe(4);
    expect(signal.bind.input).toBe('select');
  });

  it('leaves no gap between the cells of a long run (a regression: white hairlines between months in print)', async () => {
    const cells = await sceneItems(spec('probability', large), 'rect');
    const rows = new Map<string, typeof cells>();
    for (const c of cells) {
      const key = `${c.mark.group.x},${c.mark.group.y},${c.y}`;
      rows.set(key, [...(rows.get(key) ?? []), c]);
    }
    expect(rows.size).toBeGreaterThan(5);
    for (const row of rows.values()) {
      row.sort((a, b) => a.x - b.x);
      expect(row).toHaveLength(113);
      // each cell reaches under its neighbour, so no edge is left to antialias against the white page
      for (let i = 1; i < row.length; i++)
        expect(row[i - 1].x + row[i - 1].width).toBeGreaterThanOrEqual(row[i].x + 0.5);
    }
  });

  it('labels its axes and titles for a screen reader, not each of its thousands of cells and dots', async () => {
    // a long run and a short one (their cells are drawn differently: heatmapCell)
    for (const doc of [large, small]) {
      const [out] = await renderSpecs([{ kind: 'probability', spec: spec('probability', doc) }], ['svg']);
      const labels = out!.svg.match(/aria-label="[^"]*"/g) ?? [];
      expect(labels.some((l) => l.startsWith('aria-label="Y-axis'))).toBe(true);
      expect(labels.some((l) => l.startsWith('aria-label="Title text'))).toBe(true);
      // no cell's or dot's label (theirs name the rung: 'At least rung: 4'), a few dozen labels in all
      expect(labels.filter((l) => l.includes('At least rung'))).toEqual([]);
      expect(labels.length).toBeLessThan(50);
      expect(out!.svg).toContain('class="mark-rect role-mark concat_0_layer_0_marks" aria-hidden="true"');
    }
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

  it('has one panel per bloc and lists the countries in the fixed order of the palette, whatever the values', () => {
    const s = spec('probability');
    expect(s.vconcat.map((p: Json) => p.title.text)).toEqual(['West', 'Great powers']);
    expect(s.vconcat.map((p: Json) => p.transform)).toEqual([
      [{ filter: 'datum.bloc == "West"' }],
      [{ filter: 'datum.bloc == "Great powers"' }],
    ]);
    const fixed = countryOrder(small).map((c) => c.name);
    for (const panel of s.vconcat) expect(panel.encoding.y.sort).toEqual(fixed);
    // a more engaged ensemble (once ordered by expected final rung) keeps the order
    expect(spec('probability', makeEnsembleDoc({ shift: 2 })).vconcat[0].encoding.y.sort).toEqual(fixed);
    expect(s.vconcat[0].layer[0].encoding.color.scale.domain).toEqual([0, 1]);
    expect(s.data).toEqual({ name: 'probability' });
    // the month axis under the last panel only
    expect(s.vconcat[0].encoding.x.axis).toBeNull();
    expect(s.vconcat[1].encoding.x.axis).not.toBeNull();
  });

  it('fits the page: the names axis from nameAxisExtent, the legend under the cells, and k still selectable', () => {
    const s: Json = probabilityChart(large, { k: 5 });
    const [panel] = s.vconcat;
    expect(panel.width).toBeLessThanOrEqual(640 - 24 - panel.encoding.y.axis.minExtent);
    expect(panel.layer[0].encoding.color.legend.orient).toBe('bottom');
    expect(s.params[0].value).toBe(5);
    expect(probabilityChart(large, { k: 6 }).params![0]).toMatchObject({ name: 'k', value: 6 });
  });
});

describe('first recognizer, cascade and first-recognition month', () => {
  it('first-recognizer sorts countries by share and puts nobody last, in grey', () => {
    const s = spec('first-recognizer');
    const rows = rowsOf(s, 'first_recognizer');
    expect(rows.map((r: Json) => r.label)).toEqual([
      'Russia',
      'China',
      'United States',
      'United Kingdom',
      'Nobody by Jul 2023',
    ]);
    expect(rows.map((r: Json) => r.rank)).toEqual([0, 1, 2, 3, 4]);
    expect(rows.at(-1).nobody).toBe(true);
    // the rows come in the order of their rank, a field of the data (not a sort list in the spec)
    expect(s.encoding.y.sort).toEqual({ field: 'rank', op: 'min' });
    const colour = s.layer[0].encoding.color;
    expect(colour.scale.range[colour.scale.domain.indexOf(true)]).toBe('#999999');
    for (const r of rows) expect(r.share).toBeGreaterThanOrEqual(0);
  });

  it('cascade fills the sizes up to the largest with zeros; shares sum to 1', () => {
    const s = spec('cascade');
    // the axis holds every possible number of followers, up to all the other countries
    expect(s.encoding.x.scale.domain).toEqual([0, 1, 2, 3]);
    const rows = rowsOf(s, 'cascade');
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
    // one decimal on every figure of the chart, as one share is under 10%
    expect(out!.svg).toContain('>4 of 100 runs, 0.4%<');
    expect(out!.svg).toContain('>96 of 100 runs, 96.0%<');
    expect(out!.svg).toContain('>0 of 100 runs, 0.0%<');
  });

  it('first-recognizer writes runs beside shares, all to one decimal when a share is under 10% (a regression: "2%" beside "0.2%", no counts)', () => {
    const rows = rowsOf(spec('first-recognizer'), 'first_recognizer');
    expect(rows.map((r: Json) => r.figures)).toEqual([
      '40 of 100 runs, 40.0%',
      '25 of 100 runs, 25.0%',
      '5 of 100 runs, 5.0%',
      '1 of 100 runs, 1.0%',
      '30 of 100 runs, 30.0%',
    ]);
    // whole percent when no share is under 10%
    const doc = makeEnsembleDoc();
    doc.first_recognizer = [
      { country: 'RUS', runs: 60, share: 0.6 },
      { country: null, runs: 40, share: 0.4 },
    ];
    expect(rowsOf(spec('first-recognizer', doc), 'first_recognizer').map((r: Json) => r.figures)).toEqual([
      '60 of 100 runs, 60%',
      '40 of 100 runs, 40%',
    ]);
  });

  it('sharePrinter: one decimal throughout when any share above zero is under 10%', () => {
    expect([0.022, 0.002, 0.976].map(sharePrinter([0.022, 0.002, 0.976]))).toEqual(['2.2%', '0.2%', '97.6%']);
    expect([0.5, 0.25, 0].map(sharePrinter([0.5, 0.25, 0]))).toEqual(['50%', '25%', '0%']);
    expect(runsAndShare(11, 500, '2.2%')).toBe('11 of 500 runs, 2.2%');
    expect(runsAndShare(1, 1, '100%')).toBe('1 of 1 run, 100%');
  });

  it('cascade says how many runs its shares are of, and how many are followed for less than 12 months (a regression: n missing)', () => {
    expect(CASCADE_MONTHS).toBe(CASCADE_WINDOW);
    // fixture: first recognitions in Feb 2022 (10 runs), Aug 2022 (25), Sep 2022 (20), Apr 2023 (15); end Jul 2023
    expect(censoredFirsts(small)).toBe(60);
    const s = spec('cascade');
    expect(s.title.subtitle[1]).toBe(
      'n = 70 runs with a first recognition, 60 of them within 12 months of the end',
    );
    expect(s.description).toContain(
      'In 60 of the 70 runs the first recognition comes after Jul 2022, less than 12 months before the runs end (Jul 2023): their followers are counted over fewer months, so their cascades may be larger than shown.',
    );
    const early = makeEnsembleDoc();
    early.first_recognition_month = [{ date: '2021-09', runs: 70 }];
    expect(censoredFirsts(early)).toBe(0);
    expect(spec('cascade', early).title.subtitle[1]).toBe('n = 70 runs with a first recognition');
    expect(spec('cascade', early).description).toContain(
      'All 70 runs have the first recognition by Jul 2022, with the full 12 months to count followers before the runs end.',
    );
  });

  it('cascade: with no follower in any run it says so in the subtitle, and its axis stops at "≥ 10" (a regression: 0–22, empty)', async () => {
    const none = makeEnsembleDoc({ countries: LARGE_COUNTRIES, months: 113 });
    none.cascade = [{ size: 0, runs: 12 }];
    none.first_recognition_month = [{ date: '2022-01', runs: 12 }];
    const s = spec('cascade', none);
    expect(s.title.subtitle[1]).toBe('0 followers in 12 of 12 runs with a first recognition');
    expect(s.description).toContain('0 followers in 12 of 12 runs.');
    expect(s.encoding.x.scale.domain).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    const [out] = await renderSpecs([{ kind: 'cascade', spec: s }], ['svg']);
    expect(out!.svg).toContain('>≥ 10<');
    // sizes of 10 or more go to the last bar
    const big = makeEnsembleDoc({ countries: LARGE_COUNTRIES, months: 113 });
    big.cascade = [
      { size: 1, runs: 2 },
      { size: 12, runs: 3 },
      { size: 15, runs: 5 },
    ];
    const rows = rowsOf(spec('cascade', big), 'cascade');
    expect(rows.at(-1)).toEqual({ size: 10, runs: 8, share: 0.8 });
    expect(spec('cascade', big).description).toContain('The last bar: 10 followers or more.');
    // few countries: the axis runs to all the others, no '≥'
    expect(spec('cascade').encoding.x.scale.domain).toEqual([0, 1, 2, 3]);
  });

  it('a share axis runs over 0–100% exactly, even when every run has the same cascade (a regression: 120%)', async () => {
    const all = makeEnsembleDoc();
    all.cascade = [{ size: 0, runs: 70 }];
    expect(spec('cascade', all).encoding.y.scale).toEqual({ domain: [0, 1], nice: false });
    expect(spec('first-recognizer').encoding.x.scale).toEqual({ domain: [0, 1], nice: false });
    const r = await lintChart(spec('cascade', all));
    expect(r.findings).toEqual([]);
    expect(r.svg).toContain('>100%<');
  });

  it('first-recognition-month has every month, the runs per month and the median in the caption', () => {
    const s = spec('first-recognition-month');
    const rows = rowsOf(s, 'first_month');
    expect(rows).toHaveLength(N_MONTHS);
    expect(rows.reduce((n: number, r: Json) => n + r.runs, 0)).toBe(70);
    expect(s.description).toContain(
      '70 of 100 runs (70%) had a formal recognition by Jul 2023; the median month of the first: Aug 2022.',
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
    const [first] = await renderSpecs(specs, ['svg']);
    expect(first!.svg).toContain('Nobody by Jul 2023');
    expect(specs[1]!.spec.description).toContain('No run had a formal recognition by Jul 2023.');
    expect(specs[2]!.spec.description).toContain('No run had a formal recognition by Jul 2023.');
  });
});

describe('the observed record', () => {
  const TIME_KINDS = [
    'fan-factions',
    'fan-policy',
    'fan-counts',
    'probability',
    'first-recognition-month',
  ] as const;

  it('every chart with a time axis draws a dashed rule where the record ends, labelled, and says so', async () => {
    const rendered = await renderSpecs(
      TIME_KINDS.map((kind) => ({ kind, spec: spec(kind, recorded) })),
      ['svg'],
    );
    for (const kind of TIME_KINDS) {
      const s = spec(kind, recorded);
      const rules = layersOf(s).filter((l) => l.mark.type === 'rule' && l.mark.strokeDash);
      expect(rules.length, kind).toBeGreaterThan(0);
      expect(s.description, kind).toContain('Dashed rule: where the observed record ends (Jul 2022)');
      expect(s.description, kind).toContain(
        "The runs start in Aug 2021 and replay the record's events, not its stances, up to Jul 2022, so they reach Jul 2022 in the model's own state",
      );
      expect(rendered.find((c) => c.kind === kind)!.svg, kind).toContain('>record ends Jul 2022<');
    }
    // both fan panels of a pair carry the rule; the label sits in the top one
    const [top, bottom] = spec('fan-policy', recorded).vconcat;
    expect(layersOf(top).filter((l) => l.mark.type === 'rule')).toHaveLength(1);
    expect(layersOf(bottom).filter((l) => l.mark.type === 'rule')).toHaveLength(1);
    expect(layersOf(bottom).filter((l) => l.mark.type === 'text')).toHaveLength(0);
    expect(rowsOf(spec('fan-factions', recorded), 'record_end')).toEqual([
      { date: '2022-07', label: 'record ends Jul 2022' },
    ]);
  });

  it('fan-counts draws the observed counts at rung ≥ 4, ≥ 5 and 6 as black steps, month by month (reader 4: grey steps and the orange median alike in grey print)', () => {
    const s = spec('fan-counts', recorded);
    const rows = rowsOf(s, 'record_counts');
    const at = (date: string, k: string) =>
      rows.find((r) => r.date === date && r.series.startsWith(`Countries at rung ${k}`))?.countries;
    // the record's 12 months, for each of the three counts
    expect(rows).toHaveLength(3 * 12);
    expect([at('2021-08', '≥ 4'), at('2021-08', '≥ 5'), at('2021-08', '6')]).toEqual([1, 0, 0]);
    expect([at('2022-01', '≥ 4'), at('2022-01', '≥ 5'), at('2022-01', '6')]).toEqual([1, 1, 0]);
    expect([at('2022-03', '≥ 4'), at('2022-03', '≥ 5'), at('2022-03', '6')]).toEqual([2, 1, 0]);
    expect([at('2022-07', '≥ 4'), at('2022-07', '≥ 5'), at('2022-07', '6')]).toEqual([2, 2, 1]);
    expect(rows.some((r) => r.date > '2022-07')).toBe(false);
    const steps = layersOf(s).find((l) => l.data?.name === 'record_counts');
    expect(steps.mark).toMatchObject({ type: 'line', interpolate: 'step-after' });
    // ink, through the panel's colour scale, so the legend lists it; in grey print darker than any median
    const scale = s.vconcat[0].encoding.color.scale;
    expect(steps.encoding.color).toEqual({ datum: 'Observed counts (record, to Jul 2022)' });
    const ink = scale.range[scale.domain.indexOf(steps.encoding.color.datum)];
    expect(ink).toBe(INK);
    for (const c of Object.values(COUNT_COLOURS)) expect(lab(c)[0] - lab(ink)[0]).toBeGreaterThanOrEqual(20);
    expect(s.description).toContain(
      'black steps: the observed number of countries at rung ≥ 4, ≥ 5 and 6, month by month (in Jul 2022: 2 at rung ≥ 4, 2 at rung ≥ 5, 1 at rung 6)',
    );
  });

  it('says the factions’ and the policy’s starting values are the data’s assumptions, not measurements (reader 4: "the observed state")', () => {
    expect(spec('fan-factions').description).toContain(
      "The starting shares are the data's assumption (data/events.csv: a prior from the literature, not a published estimate)",
    );
    expect(spec('fan-policy').description).toContain(
      "The starting values are the data's coding of the sources (data/events.csv, marked inferred), not published measurements.",
    );
  });

  it('gives each median of a panel its own dash, in the one legend with its colour (reader 5: factions and policy alike in grey print)', async () => {
    for (const kind of ['fan-factions', 'fan-policy', 'fan-counts'] as const) {
      const s = spec(kind, recorded);
      // a pair of panels, or one view
      const panel = s.vconcat?.[0] ?? s;
      const median = panel.layer.find((l: Json) => l.mark.type === 'line' && l.encoding.strokeDash);
      const dash = median.encoding.strokeDash;
      expect(dash.field, kind).toBe('series');
      const colour = panel.encoding.color;
      // the medians' series, each with a dash no other has
      const n = dash.scale.domain.length;
      expect(dash.scale.domain, kind).toEqual(colour.scale.domain.slice(0, n));
      expect(new Set(dash.scale.range.map((d: number[]) => d.join())).size, kind).toBe(n);
      // one legend per panel: vega-lite merged the dash into the colour legend
      expect(await lintChart(s).then((r) => r.findings), kind).toEqual([]);
    }
  });

  it('fan-counts lists the observed steps in its legend (a regression: no entry)', async () => {
    const [top] = spec('fan-counts', recorded).vconcat;
    expect(top.encoding.color.scale.domain.at(-1)).toBe('Observed counts (record, to Jul 2022)');
    expect(top.encoding.color.scale.range.at(-1)).toBe(INK);
    const [out] = await renderSpecs([{ kind: 'fan-counts', spec: spec('fan-counts', recorded) }], ['svg']);
    expect(out!.svg).toContain('>Observed counts (record, to Jul 2022)<');
    // without a record: the three counts only
    expect(spec('fan-counts').vconcat[0].encoding.color.scale.domain).toHaveLength(3);
  });

  it('the probability heatmap draws the rule in every bloc panel, over pale and dark cells', () => {
    const s = spec('probability', recorded);
    for (const [i, panel] of s.vconcat.entries()) {
      const rules = panel.layer.filter((l: Json) => l.mark.type === 'rule');
      expect(rules.map((l: Json) => l.encoding.color.value)).toEqual(['white', '#222222']);
      for (const r of rules) expect(r.data).toEqual({ name: 'record_end' });
      // after the record's last month: the cells span their month
      expect(rules[0].encoding.x.datum).toMatchObject({ year: 2022, month: 8 });
      // the label above the first panel only
      expect(panel.layer.filter((l: Json) => l.mark.type === 'text')).toHaveLength(i === 0 ? 1 : 0);
    }
    expect(s.params[0].bind.input).toBe('select');
  });

  it('the probability heatmap marks the months in which the record has the country at rung ≥ k (a regression: the record was not shown)', async () => {
    const s = spec('probability', recorded);
    const rows = rowsOf(s, 'probability');
    const observed = (country: string, date: string) =>
      rows.find((r) => r.country === country && r.date === date)?.observed;
    expect([
      observed('China', '2021-08'),
      observed('China', '2022-01'),
      observed('Russia', '2022-05'),
    ]).toEqual([4, 5, 6]);
    expect(observed('United States', '2022-07')).toBe(0);
    // nothing after the record's end
    expect(rows.filter((r) => r.date > '2022-07' && r.observed !== undefined)).toEqual([]);
    const dots = s.vconcat[0].layer[1];
    expect(dots.mark.type).toBe('point');
    expect(dots.transform).toEqual([{ filter: 'isValid(datum.observed) && datum.observed >= k' }]);
    expect(dots.encoding.shape.legend.labelExpr).toBe("'observed rung ≥ ' + k + ' (record)'");
    expect(s.description).toContain(
      'Dark dots: the months in which the observed record has the country at rung k or higher (up to Jul 2022)',
    );
    /** The dots drawn in the rendered chart (none hidden), and the legend's entry. */
    const drawn = async (k: number) => {
      const [out] = await renderSpecs(
        [{ kind: 'probability', spec: spec('probability', recorded, k) }],
        ['svg'],
      );
      const groups = [...out!.svg.matchAll(/<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/g)];
      const dots = groups.flatMap((g) => g[1]!.match(/<path[^>]*>/g) ?? []);
      expect(dots.filter((d) => !d.includes('opacity="1"'))).toEqual([]);
      return { n: dots.length, svg: out!.svg };
    };
    // k = 4: China for the record's 12 months, Russia from Mar 2022 (5 months)
    const four = await drawn(4);
    expect(four.n).toBe(17);
    expect(four.svg).toContain('>observed rung ≥ 4 (record)<');
    // k = 6: Russia from May 2022
    const six = await drawn(6);
    expect(six.n).toBe(3);
    expect(six.svg).toContain('>observed rung ≥ 6 (record)<');
    // no record, no dots and no legend entry
    expect(spec('probability').vconcat[0].layer).toHaveLength(1);
  });

  it('moves the record dots with the rung selector of the interactive chart', async () => {
    const view = new vega.View(vega.parse(compileSpec(spec('probability', recorded)).vega), {
      renderer: 'none',
    });
    const dots = async (k: number) => {
      view.signal('k', k);
      await view.runAsync();
      const svg = await view.toSVG();
      return [...svg.matchAll(/<g class="mark-symbol role-mark[^"]*"[^>]*>(.*?)<\/g>/g)].reduce(
        (n, g) => n + (g[1]!.match(/<path/g) ?? []).length,
        0,
      );
    };
    // as drawn for each k from the start (the test above): 17 at k = 4, 3 at k = 6
    expect([await dots(6), await dots(4), await dots(6)]).toEqual([3, 17, 3]);
    view.finalize();
  });

  it('every chart with a time axis keeps its month axis with a record (a regression: the probability heatmap lost it)', async () => {
    const months = (svg: string) => [...svg.matchAll(/>([A-Z][a-z]{2} 20\d\d)</g)].map((m) => m[1]);
    const rendered = await renderSpecs(
      TIME_KINDS.map((kind) => ({ kind, spec: spec(kind, recorded) })),
      ['svg'],
    );
    for (const { kind, svg } of rendered) {
      expect(svg, kind).toContain('>Month<');
      expect(months(svg), kind).toEqual(expect.arrayContaining(['Jan 2022', 'Jan 2023']));
    }
    // the heatmap: one month axis, under the last bloc panel, and no layer's x hides it
    const s = spec('probability', recorded);
    const last = s.vconcat.at(-1);
    expect(last.encoding.x.axis).not.toBeNull();
    for (const l of last.layer) expect(l.encoding?.x?.axis, JSON.stringify(l.mark)).not.toBeNull();
    const [out] = rendered.filter((c) => c.kind === 'probability');
    expect(months(out!.svg)).toEqual(['Jan 2022', 'Jul 2022', 'Jan 2023', 'Jul 2023']);
  });

  it('the first-recognition charts say what the record holds and how many runs recognize before it ends', () => {
    expect(spec('first-recognizer', recorded).description).toContain(
      'The record has Russia at formal recognition in May 2022.',
    );
    const none: EnsembleDoc = {
      ...recorded,
      record: { ...RECORD, rows: RECORD.rows.filter((r) => r.rung < 6) },
    };
    expect(spec('cascade', none).description).toContain(
      'The record has no formal recognition up to Jul 2022.',
    );
    // fixture: first recognitions in 2022-02 (10 runs), 2022-08 (25) and later
    expect(spec('first-recognition-month', none).description).toContain(
      'In 10 of the 70 runs (10% of all runs) the first recognition comes by Jul 2022 (grey bars), before the record ends; in 60 (60%) after it.',
    );
  });

  it('first-recognition-month draws the months by the record end in grey, with a legend entry (a regression: they looked like the rest)', async () => {
    const none: EnsembleDoc = {
      ...recorded,
      record: { ...RECORD, rows: RECORD.rows.filter((r) => r.rung < 6) },
    };
    const s = spec('first-recognition-month', none);
    const before = 'By Jul 2022, before the record ends (the record has none)';
    const rows = rowsOf(s, 'first_month');
    expect(rows.filter((r) => r.period === before).map((r) => r.date)).toEqual(
      rows.filter((r) => r.date <= '2022-07').map((r) => r.date),
    );
    expect(rows.filter((r) => r.period === 'After Jul 2022')).toHaveLength(N_MONTHS - 12);
    const colour = s.layer[0].encoding.color;
    expect(colour.scale).toEqual({ domain: [before, 'After Jul 2022'], range: ['#999999', '#0072B2'] });
    const [out] = await renderSpecs([{ kind: 'first-recognition-month', spec: s }], ['svg']);
    expect(out!.svg).toContain(`>${before}<`);
    // a record with a recognition: no '(the record has none)'
    expect(spec('first-recognition-month', recorded).layer[0].encoding.color.scale.domain[0]).toBe(
      'By Jul 2022, before the record ends',
    );
    // no record: one colour, no legend
    expect(spec('first-recognition-month').encoding.color).toBeUndefined();
  });

  it('first-recognition-month says in its subtitle what the grey bars are (a regression: only the caption did)', () => {
    const none: EnsembleDoc = {
      ...recorded,
      record: { ...RECORD, rows: RECORD.rows.filter((r) => r.rung < 6) },
    };
    const first = 'test-fixture · seed 42 · 100 runs · 2021-08 to 2023-07';
    expect(spec('first-recognition-month', none).title.subtitle).toEqual([
      first,
      'grey: before the record ends, Jul 2022; the record has none',
    ]);
    expect(spec('first-recognition-month', recorded).title.subtitle).toEqual([
      first,
      'grey: before the record ends, Jul 2022',
    ]);
    // no record, no grey: the one line
    expect(spec('first-recognition-month').title.subtitle).toEqual([first]);
  });

  it('first-recognizer notes under its bars how many first recognitions come by the record end (a regression: not shown)', async () => {
    const none: EnsembleDoc = {
      ...recorded,
      record: { ...RECORD, rows: RECORD.rows.filter((r) => r.rung < 6) },
    };
    const text = (doc: EnsembleDoc) => rowsOf(spec('first-recognizer', doc), 'first_recognizer_note')[0].text;
    expect(text(none).replaceAll('\n', ' ')).toBe(
      'Of the 70 runs with a first recognition, 10 have it by Jul 2022, before the record ends; the record has none by then.',
    );
    expect(text(recorded).replaceAll('\n', ' ')).toBe(
      'Of the 70 runs with a first recognition, 10 have it by Jul 2022, before the record ends; the record has Russia at recognition from May 2022.',
    );
    const s = spec('first-recognizer', none);
    expect(s.description).toContain(
      "Of the 70 runs with a first recognition, 10 (10.0% of all runs) have it by Jul 2022, before the record ends, and 60 after (the ensemble keeps no month for each country's first recognitions, so the bars cannot be split at Jul 2022).",
    );
    const [out] = await renderSpecs([{ kind: 'first-recognizer', spec: s }], ['svg']);
    for (const line of text(none).split('\n')) expect(out!.svg).toContain(svgText(line));
    // no record the runs replay: no note
    expect(spec('first-recognizer').vconcat).toBeUndefined();
    expect(spec('first-recognizer').datasets.first_recognizer_note).toBeUndefined();
  });

  it('no rule and no record data without a record, or when the ensemble starts at its end', () => {
    const atEnd: EnsembleDoc = { ...makeEnsembleDoc(), record: { end: '2021-08', rows: [] } };
    for (const kind of ENSEMBLE_CHART_KINDS)
      for (const doc of [small, atEnd]) {
        const s = spec(kind, doc);
        expect(
          layersOf(s).filter((l) => l.mark.type === 'rule'),
          kind,
        ).toEqual([]);
        expect(
          Object.keys(s.datasets).filter((n) => n.startsWith('record')),
          kind,
        ).toEqual([]);
        // only the start state's sentence speaks of the record
        expect(s.description, kind).toContain(
          doc === small
            ? 'The runs start in Aug 2021.'
            : 'The runs start in Aug 2021 from the observed state, where the record ends (0 countries at rung ≥ 4).',
        );
        if (doc === small) expect(s.description, kind).not.toContain('record');
      }
  });

  it('every caption says the start state: a replay from the start, or the observed state at the record end (a regression: baseline and reform read alike)', () => {
    // the fixture's count_ge_4 median in Jul 2022, against the record's 2 (China and Russia)
    const band = recorded.bands.find((b) => b.variable === 'count_ge_4')!;
    const median = band.p50[recorded.months.indexOf('2022-07')]!;
    const m = Number.isInteger(median) ? median : median.toFixed(1);
    const atEnd: EnsembleDoc = {
      ...makeEnsembleDoc(),
      record: { end: '2021-08', rows: RECORD.rows.map((r) => ({ ...r, date: '2021-08' })) },
    };
    for (const kind of ENSEMBLE_CHART_KINDS) {
      expect(spec(kind, recorded).description, kind).toContain(
        `so they reach Jul 2022 in the model's own state (median ${m} countries at rung ≥ 4, the record 2), not the observed one an ensemble started in Jul 2022 begins from.`,
      );
      // the last row of each country in Aug 2021: China at 5, Russia at 6 → 2 at rung ≥ 4
      expect(spec(kind, atEnd).description, kind).toContain(
        'The runs start in Aug 2021 from the observed state, where the record ends (2 countries at rung ≥ 4).',
      );
    }
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
