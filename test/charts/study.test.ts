// Study charts (compare, sensitivity, discover): structure and data, clean compilation, rendering,
// determinism, the page width, the warnings of unreliable results and clear errors for documents they
// cannot chart.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  compareChart,
  compareStart,
  differenceTitle,
  INSIDE_FROM,
  meanText,
  outcomeText,
  outcomeTitle,
  outcomeValue,
  shareOutcome,
  wrapParts,
  ZERO_ROOM,
} from '../../src/charts/compare.js';
import {
  buildCompareChart,
  buildStudyCharts,
  COMPARE_CHART_KINDS,
  type CompareChartKind,
  renderSpecs,
  STUDY_CHART_DESCRIPTIONS,
  STUDY_CHART_KINDS,
} from '../../src/charts/index.js';
import {
  boxData,
  describeBound,
  factorLabel,
  factorNames,
  fullRange,
  rangeDigits,
  SOBOL_DRAWN,
  SOBOL_READINGS,
  STILL_NOTE,
  sensitivityChart,
  UNRELIABLE,
  unreliableIndices,
  unreliableKey,
} from '../../src/charts/study.js';
import { countriesInOrder, shareText, studyStartNote } from '../../src/charts/style.js';
import type { CompareDoc, DiscoverDoc, SensitivityDoc } from '../../src/ensemble/docs.js';
import { SOBOL_UNRELIABLE } from '../../src/ensemble/study.js';
import { checkEveryChart, sceneItems } from './checks.js';
import { LARGE_COUNTRIES, SMALL_COUNTRIES } from './fixture.js';
import { type LintResult, lintChart } from './lint.js';
import {
  BASELINE_FACTORS,
  FACTORS,
  type Json,
  makeCompareDoc,
  makeDiscoverDoc,
  makeReportCompareDoc,
  makeSensitivityDoc,
  OUTCOMES,
  REPORT_OUTCOMES,
  svgText,
} from './study-fixture.js';

type StudyDoc = CompareDoc | SensitivityDoc | DiscoverDoc;

const DOCS: [string, StudyDoc][] = [
  ['compare', makeCompareDoc()],
  ['morris', makeSensitivityDoc('morris')],
  ['sobol', makeSensitivityDoc('sobol')],
  ['discover', makeDiscoverDoc()],
];

/** The real documents of the slow studies (test/fixtures/charts, made by its make.sh). */
const real = (name: string) =>
  JSON.parse(readFileSync(new URL(`../fixtures/charts/${name}`, import.meta.url), 'utf8'));

const compare = makeCompareDoc();
const spec = (doc: StudyDoc, i = 0): Json => buildStudyCharts(doc)[i]!.spec;
/** The rows a view draws: its named dataset in the spec, filtered as its first transform says. */
const rowsOf = (s: Json, view: Json): Json[] => {
  const rows: Json[] = s.datasets[view.data.name];
  const f = view.transform?.[0]?.filter;
  return f?.field ? rows.filter((r) => r[f.field] === f.equal) : rows;
};
/** A spec's structure: everything but its data, title and caption. */
const structure = (s: Json) => {
  const { datasets: _d, title: _t, description: _c, ...rest } = s;
  return JSON.stringify(rest);
};

/** Title and labels each rendered chart must show, by fixture tag and chart kind. */
const EXPECTED: Record<string, string[]> = {
  'compare/compare': [
    'Scenarios compared: engagement and recognition',
    'baseline vs isk-surge vs western-isolation · seed 42 · 100 runs each',
    'Aug 2021 to Jul 2023',
    'baseline',
    'isk-surge',
    'western-isolation',
    'Countries at rung ≥ 4 (diplomatic presence)',
    'Countries at rung 6 (formal recognition)',
    '(a) Countries (of 4) at rung ≥ 4 and at recognition',
    '(b) Probability of rung ≥ 4 (diplomatic presence) in Jul 2023',
    ...SMALL_COUNTRIES.map((c) => c.name),
    // the blocs over their countries, and the values at the bars
    'West',
    'Great powers',
    '95%',
  ],
  'compare/compare-differences': [
    'How the scenarios differ from the reference',
    'reference: baseline · seed 42 · 100 runs per scenario, paired',
    'Probability: some country recognizes by Jul 2023',
    'Mean number of countries at rung ≥ 4 in Jul 2023',
    // two-line labels: the scenario, then its mean beside the reference's (3 significant digits)
    'isk-surge',
    '82% vs 70% in baseline',
    '1.90 vs 2.10 in baseline',
    'interval includes 0',
  ],
  'morris/sensitivity': [
    'Which parameters matter? Morris screening',
    'baseline · seed 42 · 50 design points × 20 runs · 4 factors',
    'μ*, mean absolute elementary effect (in the outcome’s units)',
    ...OUTCOMES.map((o) => outcomeTitle(o.label)),
    ...FACTORS.map((f) => factorLabel(f.path)),
  ],
  'sobol/sensitivity': [
    'Which parameters matter? Sobol indices',
    'S1 (first order)',
    'ST (total, with interactions)',
    ...SOBOL_READINGS,
    ...OUTCOMES.map((o) => outcomeTitle(o.label)),
    ...FACTORS.map((f) => factorLabel(f.path)),
  ],
  'discover/discover': [
    "Scenario discovery (PRIM): when does 'some country recognizes by Jul 2023'",
    'happen?',
    'baseline · seed 42 · 400 design points × 10 runs · base rate 25%',
    'chosen box (step 5): coverage 45% · density 68% · 3 of 4 factors restricted',
    'chosen box (step 5)',
    'base rate 25%',
    'Restricted factors',
    // the answer: the box's ranges, by readable factor name
    '(a) Where it happens: the factor ranges of the chosen box',
    '(b) How PRIM got there: the peeling, step by step',
    'attack rate (isk)',
    '0.16–0.29 of 0.05–0.3',
    '≤ 2.1 of 0–3',
    '{true} of {true, false}',
    'not restricted: normal(0.8, 0.1)',
  ],
};

describe('every study chart', async () => {
  const charts = DOCS.flatMap(([tag, doc]) => buildStudyCharts(doc).map((c) => ({ ...c, tag })));
  // laid out once: the SVG for the checks of every chart, the lint's findings for the page test
  const rendered: LintResult[] = [];
  for (const c of charts) rendered.push(await lintChart(c.spec));

  it('names and describes the kinds, and builds them by document kind', () => {
    expect(STUDY_CHART_KINDS).toEqual(['compare', 'compare-differences', 'sensitivity', 'discover']);
    expect(Object.keys(STUDY_CHART_DESCRIPTIONS)).toEqual([...STUDY_CHART_KINDS]);
    expect(charts.map((c) => `${c.tag}/${c.kind}`)).toEqual(Object.keys(EXPECTED));
    expect(() => buildCompareChart('pie' as CompareChartKind, compare)).toThrow(
      /unknown chart 'pie'.*compare, compare-differences/,
    );
  });

  checkEveryChart(DOCS, charts, rendered, EXPECTED, buildStudyCharts);

  it.each(
    charts.map((c) => [`${c.tag}/${c.kind}`, c.spec] as const),
  )('%s takes its values from named datasets only, and explains itself in a caption', (_, s: Json) => {
    expect(JSON.stringify(s)).not.toMatch(/"data":\{"values"/);
    expect(Object.keys(s.datasets).length).toBeGreaterThan(0);
    const names = [...JSON.stringify(s).matchAll(/"data":\{"name":"([^"]+)"\}/g)].map((m) => m[1]);
    expect(names.length).toBeGreaterThan(0);
    for (const name of names) expect(s.datasets).toHaveProperty(name!);
    expect(s.description.length).toBeGreaterThan(100);
    // one short subtitle: two lines at most, and no line wider than the page
    const subtitle = [s.title.subtitle].flat();
    expect(subtitle.length).toBeLessThanOrEqual(2);
  });

  it.each(
    charts.map((c, i) => [`${c.tag}/${c.kind}`, i] as const),
  )('%s lints clean at the page width (640 px)', (_, i) => {
    expect(rendered[i]!.findings).toEqual([]);
    expect(rendered[i]!.width).toBeLessThanOrEqual(640);
  });

  it('each chart has the same structure when only the values change (a regression: domains, label extents and tick formats computed from the data)', () => {
    const shifted = <D>(doc: D, f: (d: D) => void): D => {
      const copy = structuredClone(doc);
      f(copy);
      return copy;
    };
    const cmp = shifted(compare, (d) => {
      for (const x of d.differences)
        Object.assign(x, {
          scenario_mean: 0.001,
          reference_mean: 0.9,
          difference: -0.0001,
          lo: -0.3,
          hi: 0.2,
        });
      for (const e of d.ensembles) for (const r of e.rung_at_least) r.p = r.p.map((p) => p / 3);
    });
    const sobol = makeSensitivityDoc('sobol');
    const wild = shifted(sobol, (d) => {
      const ix = d.outcomes[0]!.indices[0]!;
      Object.assign(ix, { s1: -7.9, s1_lo: -12, s1_hi: 3 });
    });
    const discover = makeDiscoverDoc();
    const other = shifted(discover, (d) => {
      d.chosen = 1;
      d.base_rate = 0.6;
    });
    const pairs: [StudyDoc, StudyDoc][] = [
      [compare, cmp],
      [sobol, wild],
      [makeSensitivityDoc('morris'), shifted(makeSensitivityDoc('morris'), (d) => (d.points = 7))],
      [discover, other],
    ];
    for (const [a, b] of pairs) {
      const [x, y] = [buildStudyCharts(a), buildStudyCharts(b)];
      for (const [i, c] of x.entries()) expect(structure(y[i]!.spec), c.kind).toBe(structure(c.spec));
    }
  });
});

describe('the real documents (a regression: 770, 869, 994 and 944 px wide, Sobol 1246 px tall; 1372 px at the report’s 7 factors × 5 outcomes)', () => {
  const docs: [string, StudyDoc][] = [
    ['compare, 23 countries', makeCompareDoc(LARGE_COUNTRIES)],
    ['Morris', real('sensitivity-morris.json')],
    ['Sobol', real('sensitivity-sobol.json')],
    ['Morris, 7 factors × 5 outcomes', makeSensitivityDoc('morris', BASELINE_FACTORS, REPORT_OUTCOMES)],
    ['Sobol, 7 factors × 5 outcomes', makeSensitivityDoc('sobol', BASELINE_FACTORS, REPORT_OUTCOMES)],
    ['discover', real('discover.json')],
  ];
  for (const [name, doc] of docs)
    it(`${name}: every chart fits the page width with no lint finding`, async () => {
      for (const c of buildStudyCharts(doc)) {
        const r = await lintChart(c.spec);
        expect(r.findings, c.kind).toEqual([]);
        expect(r.width, c.kind).toBeLessThanOrEqual(640);
        if (c.kind === 'sensitivity') expect(r.height, c.kind).toBeLessThanOrEqual(900);
      }
    });

  it('a narrower page narrows the chart (the width is an option)', async () => {
    const r = await lintChart(compareChart(makeCompareDoc(LARGE_COUNTRIES), { width: 520 }));
    expect(r.width).toBeLessThanOrEqual(520);
    expect(r.findings).toEqual([]);
  });

  it('every study chart fits a 520 px page too (a regression: 575, 580 and 599 px wide)', async () => {
    for (const [name, doc] of docs)
      for (const c of buildStudyCharts(doc, { width: 520 })) {
        const r = await lintChart(c.spec);
        expect(r.findings, `${name} ${c.kind}`).toEqual([]);
        expect(r.width, `${name} ${c.kind}`).toBeLessThanOrEqual(520);
      }
  });
});

describe('helpers', () => {
  it('writes shares as FORMATS.share does, one decimal under 1%', () => {
    expect([0, 0.004, 0.025, 0.42, 1].map(shareText)).toEqual(['0%', '0.4%', '3%', '42%', '100%']);
  });

  it('writes an event’s level with one decimal under 10% and over 90%, so it agrees with the pp difference (a regression: "4% vs 2%" beside +1.7 pp)', () => {
    expect([0.0367, 0.02, 0.004, 0, 0.42, 0.957, 1].map((x) => outcomeValue(x, true))).toEqual([
      '3.7%',
      '2.0%',
      '0.4%',
      '0%',
      '42%',
      '95.7%',
      '100%',
    ]);
    expect(outcomeValue(0.0367, false)).toBe('0.0367');
  });

  it('names the months of an outcome and capitalizes it as a panel title (a regression: lowercase titles, "in 2030-12")', () => {
    expect(outcomeText('countries at rung ≥ 5 in 2030-12')).toBe('countries at rung ≥ 5 in Dec 2030');
    expect(outcomeTitle('power share of the Kandahar circle in 2030-12')).toBe(
      'Power share of the Kandahar circle in Dec 2030',
    );
    expect(outcomeTitle('1 or more countries at formal recognition in 2028-12')).toBe(
      '1 or more countries at formal recognition in Dec 2028',
    );
  });

  it('names factors by what they are, not by their code path (a regression: "decision.first_mover")', () => {
    expect(factorLabel('decision.first_mover')).toBe('first-mover cost of recognition');
    expect(factorLabel('mechanisms.emboldening.power_gain')).toBe('emboldening: power gain');
    // a path without a name of its own: its last part de-snaked, with its group
    expect(factorLabel('decision.hypothetical_weight')).toBe('hypothetical weight (decision)');
    expect(factorLabel('countries.US.weights.terror')).toBe('terror (US weights)');
    expect(factorLabel('memory')).toBe('memory');
    for (const f of BASELINE_FACTORS) expect(factorLabel(f.path)).not.toMatch(/[._]/);
    // two paths that would read alike keep their paths
    expect([...factorNames(['a.b.x_y', 'c.b.x_y', 'decision.peers']).values()]).toEqual([
      'a.b.x_y',
      'c.b.x_y',
      'weight on peers',
    ]);
  });

  it('reads a factor’s full range from the design', () => {
    expect(fullRange('range 0.002..0.01')).toEqual({ lo: 0.002, hi: 0.01, text: '0.002–0.01' });
    expect(fullRange('values true, false')).toEqual({ values: ['true', 'false'], text: '{true, false}' });
    expect(fullRange('triangular(0.5, 0.8, 1)')).toEqual({ lo: 0.5, hi: 1, text: 'triangular(0.5, 0.8, 1)' });
    expect(fullRange('normal(0.8, 0.1)')).toMatchObject({ text: 'normal(0.8, 0.1)' });
    expect(fullRange('something else')).toBeNull();
  });

  it('wraps subtitle parts between parts, not inside them', () => {
    expect(
      wrapParts(['baseline vs reform-before-recognition', 'seed 20210815', '2025-06 to 2030-12'], 400),
    ).toEqual(['baseline vs reform-before-recognition · seed 20210815', '2025-06 to 2030-12']);
  });

  it('says where a study’s runs start: replaying the record, from its end, or with no record (reader 3: "baseline" meant either)', () => {
    const period = { start: '2021-08', end: '2030-12' };
    expect(studyStartNote({ ...period, record_end: '2025-06' })).toBe(
      "Runs start in Aug 2021 and replay the record's events (not its stances) to Jun 2025, then project to Dec 2030: outcomes come from the model's path, not the observed Jun 2025 state.",
    );
    expect(studyStartNote({ start: '2025-06', end: '2030-12', record_end: '2025-06' })).toBe(
      "Runs start in Jun 2025 from the observed state (the record's end) and go to Dec 2030.",
    );
    expect(studyStartNote(period)).toBe('Runs go from Aug 2021 to Dec 2030.');
    // the CLI's documents carry the period and the record's end; each chart's caption and subtitle say it
    for (const file of ['sensitivity-morris.json', 'sensitivity-sobol.json', 'discover.json']) {
      const doc = real(file) as SensitivityDoc | DiscoverDoc;
      expect([doc.start, doc.end, doc.record_end], file).toEqual(['2021-08', '2030-12', '2025-06']);
      const spec = buildStudyCharts(doc)[0]!.spec as Json;
      expect(spec.description, file).toContain(studyStartNote(doc));
      expect(spec.title.subtitle.join(' · '), file).toContain('2021-08 to 2030-12');
    }
  });
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
    const s = spec(compare);
    const [fans, ends] = s.vconcat.map((v: Json) => rowsOf(s, v));
    expect(s.vconcat.map((v: Json) => v.data.name)).toEqual(['fans', 'ends']);
    const scenarios = new Set(fans.map((r: Json) => r.scenario));
    expect(scenarios).toEqual(new Set(['baseline', 'isk-surge', 'western-isolation']));
    expect(new Set(fans.map((r: Json) => r.series))).toEqual(
      new Set(['Countries at rung ≥ 4 (diplomatic presence)', 'Countries at rung 6 (formal recognition)']),
    );
    expect(ends).toHaveLength(3 * SMALL_COUNTRIES.length);
    for (const r of ends) {
      expect(r.p).toBeGreaterThanOrEqual(0);
      expect(r.p).toBeLessThanOrEqual(1);
    }
    // the more engaged scenario has the higher probabilities
    const p = (scenario: string) =>
      ends.find((r: Json) => r.scenario === scenario && r.country === 'China').p;
    expect(p('isk-surge')).toBeGreaterThan(p('baseline'));
    expect(p('western-isolation')).toBeLessThan(p('baseline'));
  });

  it('lists the countries by bloc in the palette’s fixed order, each bloc under its name, whatever the values (a regression: ordered by the run, no blocs)', () => {
    const big = makeCompareDoc(LARGE_COUNTRIES);
    const panel = spec(big).vconcat[1];
    const y = panel.spec.encoding.y;
    // the order of the other charts: countriesInOrder (bloc, then as the data list them)
    const order = countriesInOrder(big.ensembles[0]!.actors);
    const rows: string[] = y.scale.domain;
    expect(rows.filter((r) => !r.startsWith('§'))).toEqual(order.map((c) => c.name));
    expect(rows.filter((r) => r.startsWith('§'))).toEqual(
      ['West', 'Great powers', 'Neighbours', 'Central Asia', 'Gulf', 'Asia'].map((b) => `§${b}`),
    );
    expect(rows.slice(0, 3)).toEqual(['§West', 'United States', 'United Kingdom']);
    // the bloc names in bold, without their marker or a tick
    expect(y.axis.labelExpr).toContain('substring(datum.value, 1)');
    expect(y.axis.labelFontWeight.condition.value).toBe('bold');
    // a scenario where China is least engaged lists it in the same place
    const flipped = structuredClone(big);
    for (const e of flipped.ensembles)
      for (const r of e.rung_at_least) r.p = r.p.map((p) => (r.country === 'CHN' ? 0 : 1 - p));
    expect(spec(flipped).vconcat[1].spec.encoding.y.scale.domain).toEqual(rows);
  });

  it('writes each probability at its bar: inside a long bar, beside a short one (a regression: no values)', async () => {
    const s = spec(compare);
    const ends: Json[] = s.datasets.ends;
    for (const r of ends) expect(r.label).toBe(shareText(r.p));
    const [bar, inside, beside] = s.vconcat[1].spec.layer;
    expect(bar.mark.type).toBe('bar');
    expect(inside.transform).toEqual([{ filter: `datum.p >= ${INSIDE_FROM}` }]);
    expect(inside.mark).toMatchObject({ type: 'text', align: 'right', color: 'white' });
    expect(beside.transform).toEqual([{ filter: `datum.p < ${INSIDE_FROM}` }]);
    expect(beside.mark).toMatchObject({ type: 'text', align: 'left' });
    const [r] = await renderSpecs([{ kind: 'compare', spec: s }], ['svg']);
    for (const row of ends) expect(r!.svg).toContain(`>${row.label}</text>`);
  });

  it('says in its caption what the bands are and what common random numbers mean (moved from the subtitle)', () => {
    const d = spec(compare).description;
    expect(d).toContain('line: median of the runs · dark band: middle 50%');
    expect(d).toContain(
      'common random numbers: replication r of every scenario draws the same random numbers',
    );
    expect(d).toMatch(/Median in Jul 2023: at rung ≥ 4 baseline \d/);
    expect(d).toContain('in Jul 2023 (its state in that month');
  });

  it('rejects a document without ensembles', () => {
    expect(() => buildCompareChart('compare', { ...compare, ensembles: [] })).toThrow(
      new RangeError('compare: the document has no ensembles to chart'),
    );
  });
});

describe('compare-differences', () => {
  it('never repeats a tick label, however small the differences (a regression: "+0 pp, +1 pp, +1 pp")', async () => {
    for (const [difference, lo, hi] of [
      [0.004, -0.002, 0.011],
      [0.0004, -0.0002, 0.0011],
      [0.025, -0.024, 0.074],
    ] as const) {
      const small = makeCompareDoc();
      small.differences = small.differences.map((d) => (d.outcome.binary ? { ...d, difference, lo, hi } : d));
      const [rendered] = await renderSpecs([{ kind: 'compare-differences', spec: spec(small, 1) }], ['svg']);
      const ticks = [...rendered!.svg.matchAll(/>([−+-]?[\d.]+ pp)</g)].map((m) => m[1]);
      expect(ticks.length).toBeGreaterThan(2);
      expect(new Set(ticks).size).toBe(ticks.length);
    }
  });

  it('has one panel per outcome and one row per scenario, with the interval and a zero rule', () => {
    const s = spec(compare, 1);
    expect(s.vconcat.map((v: Json) => v.title.text)).toEqual([
      'Probability: some country recognizes by Jul 2023',
      'Mean number of countries at rung ≥ 4 in Jul 2023',
    ]);
    const [binary, count] = s.vconcat;
    const [binaryRows, countRows] = [rowsOf(s, binary), rowsOf(s, count)];
    expect(binaryRows.map((r: Json) => r.row)).toEqual([
      'isk-surge\n82% vs 70% in baseline',
      'western-isolation\n55% vs 70% in baseline',
    ]);
    expect(countRows.map((r: Json) => r.row)).toEqual([
      'isk-surge\n2.60 vs 2.10 in baseline',
      'western-isolation\n1.90 vs 2.10 in baseline',
    ]);
    expect(countRows.map((r: Json) => r.direction)).toEqual(['interval includes 0', 'interval includes 0']);
    expect(binaryRows.map((r: Json) => r.direction)).toEqual([
      'higher than the reference',
      'lower than the reference',
    ]);
    const [zero, interval, dot] = binary.layer;
    expect(zero.encoding.x.datum).toBe(0);
    expect([interval.encoding.x.field, interval.encoding.x2.field]).toEqual(['lo', 'hi']);
    expect(dot.encoding.x.field).toBe('difference');
    expect(interval.encoding.y.axis.labelExpr).toContain('split(');
    for (const r of [...binaryRows, ...countRows]) {
      expect(r.lo).toBeLessThanOrEqual(r.difference);
      expect(r.difference).toBeLessThanOrEqual(r.hi);
    }
    // percentage points on the axis of a probability
    expect(interval.encoding.x.axis.labelExpr).toContain("' pp'");
    expect(count.layer[1].encoding.x.axis.labelExpr).not.toContain('pp');
  });

  it('writes small shares with one decimal, as the pp difference reads (a regression: "4% vs 2%" beside +1.7 pp)', () => {
    const doc = makeCompareDoc();
    doc.differences = doc.differences.map((d) =>
      d.outcome.binary ? { ...d, scenario_mean: 0.0367, reference_mean: 0.02, difference: 0.0167 } : d,
    );
    const rows = rowsOf(spec(doc, 1), spec(doc, 1).vconcat[0]);
    expect(rows[0].row).toBe('isk-surge\n3.7% vs 2.0% in baseline');
  });

  it('keeps 0 inside the axis with room, even when every interval lies on one side of it (a regression: the zero rule hidden at the frame)', async () => {
    const doc = makeCompareDoc();
    doc.differences = doc.differences.map((d) =>
      d.outcome.binary ? { ...d, difference: 0.04, lo: 0.018, hi: 0.062 } : d,
    );
    const s = spec(doc, 1);
    expect(s.vconcat[0].layer[1].encoding.x.scale).toEqual({ zero: true, nice: false, padding: ZERO_ROOM });
    const [r] = await renderSpecs([{ kind: 'compare-differences', spec: s }], ['svg']);
    // the dashed zero rule of the first panel, in its plot's coordinates
    const zero =
      /<line transform="translate\(([\d.]+),0\)"[^>]*stroke="#8a8a8a"[^>]*stroke-dasharray="4,3"/.exec(
        r!.svg,
      );
    expect(zero).not.toBeNull();
    expect(Number(zero![1])).toBeGreaterThanOrEqual(ZERO_ROOM - 1);
  });

  it('caps each interval inside the padded domain, so that it visibly ends (a regression: lines cut by the frame)', () => {
    const s = spec(makeCompareDoc(), 1);
    const cap = s.vconcat[0].layer[3];
    expect(cap.mark).toMatchObject({ type: 'tick', orient: 'vertical' });
    expect(cap.transform).toEqual([{ fold: ['lo', 'hi'], as: ['end', 'bound'] }]);
    expect(cap.encoding.x.scale).toEqual({ zero: true, nice: false, padding: ZERO_ROOM });
    expect(ZERO_ROOM).toBeGreaterThanOrEqual(10);
  });

  it('names the differences clear of 0 in its caption', () => {
    const d = spec(compare, 1).description;
    expect(d).toContain('some country recognizes by Jul 2023, isk-surge +12 pp [+6, +18] (95% interval)');
    expect(d).toContain('western-isolation −15 pp [−21, −9]');
    const none = makeCompareDoc();
    none.differences = none.differences.map((x) => ({ ...x, lo: -1, hi: 1 }));
    expect(spec(none, 1).description).toContain('No difference is clear of 0');
  });

  it('says the runs start from the observed state when --start is at the record’s end (reader 2)', () => {
    const report = makeReportCompareDoc();
    for (const i of [0, 1]) {
      const s = spec(report, i);
      expect(s.description).toContain(
        'Every scenario runs over the same months, Aug 2021 to Jul 2023, from its --start, and starts from the observed state: each country at its observed rung in Aug 2021',
      );
      expect([s.title.subtitle].flat().join(' ')).toContain('from the observed Aug 2021 state to Jul 2023');
    }
    // a start before the record's end: the runs simulate the record's months too
    const early = makeReportCompareDoc();
    early.ensembles = early.ensembles.map((e) => ({ ...e, record: { end: '2022-06', rows: [] } }));
    expect(compareStart(early)).toContain('the runs simulate the record’s months up to Jun 2022 too');
    expect(compareStart(early)).not.toContain('observed state');
    // no record over the months: only the months
    const none = makeReportCompareDoc();
    none.ensembles = none.ensembles.map(({ record: _r, ...e }) => e);
    expect(compareStart(none)).toBe(
      'Every scenario runs over the same months, Aug 2021 to Jul 2023, from its --start.',
    );
  });

  it('writes a power share and its difference in percentage points (reader 2: Kandahar power)', () => {
    const s = spec(makeReportCompareDoc(), 1);
    const power = s.vconcat[4];
    expect(power.title.text).toBe('Mean power share of the Kandahar circle in Dec 2030');
    expect(power.layer[1].encoding.x.title).toBe('Difference (percentage points)');
    expect(power.layer[1].encoding.x.axis.labelExpr).toContain("' pp'");
    expect(rowsOf(s, power).map((r: Json) => r.row)).toEqual([
      'reform-before-recognition\n71.5% vs 71.6% in baseline',
    ]);
    expect(shareOutcome(REPORT_OUTCOMES[4]!)).toBe(true);
    expect(shareOutcome(REPORT_OUTCOMES[3]!)).toBe(false);
    expect(shareOutcome({ text: 'power_haqqani', label: 'x', binary: false })).toBe(true);
    expect(meanText(0.7154, REPORT_OUTCOMES[4]!)).toBe('71.5%');
    expect(meanText(3.95, REPORT_OUTCOMES[3]!)).toBe('3.95');
  });

  it('tells the probability of ≥ 1 recognizer from the mean count of recognizers (reader 2: the two recognition panels)', () => {
    const s = spec(makeReportCompareDoc(), 1);
    expect(s.vconcat.map((v: Json) => v.title.text)).toEqual([
      'Probability of 1 or more countries at formal recognition in Dec 2030',
      'Mean number of countries at formal recognition in Dec 2030',
      'Probability of 1 or more Western countries at rung ≥ 4 in Dec 2030',
      'Mean number of countries at rung ≥ 5 in Dec 2030',
      'Mean power share of the Kandahar circle in Dec 2030',
    ]);
    expect(s.description).toContain(
      '“Probability of 1 or more countries at formal recognition in Dec 2030” and “Mean number of countries at formal recognition in Dec 2030” read the same measure: the first is the share of runs with 1 or more countries at formal recognition in Dec 2030 (in pp), the second the mean number of countries at formal recognition in Dec 2030 over the runs',
    );
    // only that pair: the Western event has no count beside it
    expect(s.description.match(/read the same measure/g)).toHaveLength(1);
    expect(
      differenceTitle({
        text: 'legitimacy >= 0.5',
        label: 'legitimacy index ≥ 0.5 in 2030-12',
        binary: true,
      }),
    ).toBe('Probability of legitimacy index ≥ 0.5 in Dec 2030');
  });

  it('thins the ticks of a difference axis with the width, so none crowd (reader 2: "+5 pp +6 pp")', async () => {
    for (const width of [640, 560]) {
      const s: Json = buildCompareChart('compare-differences', makeReportCompareDoc(), { width });
      const r = await lintChart(s);
      expect(r.findings, `width ${width}`).toEqual([]);
      expect(r.width).toBeLessThanOrEqual(width);
      for (const view of s.vconcat) {
        const axis = view.layer[1].encoding.x.axis;
        expect(axis.tickCount).toBe(Math.max(3, Math.round(view.width / 75)));
        expect(axis.labelOverlap).toBe('greedy');
      }
      // the tick labels of each axis at least 40 px apart
      for (const axis of r.svg.matchAll(/role-axis-label"[\s\S]*?<\/g>/g)) {
        const xs = [...axis[0].matchAll(/translate\(([\d.]+),16\)/g)].map((m) => Number(m[1]));
        for (let k = 1; k < xs.length; k++)
          expect(xs[k]! - xs[k - 1]!, `${axis[0].slice(0, 80)} at ${width}`).toBeGreaterThanOrEqual(40);
      }
    }
  });

  it('keeps a gap between an end label drawn flush and its neighbour (reader 3: "+5 pp +6 pp" touching)', async () => {
    const doc = makeReportCompareDoc();
    const binary = doc.differences.findIndex((d) => d.outcome.binary);
    // the real interval of reader 3's Western panel: 0 and the flush end label +6 pp crowd +5 pp
    Object.assign(doc.differences[binary]!, { difference: 0.04, lo: 0.017788, hi: 0.062212 });
    const labels = (
      await sceneItems(buildCompareChart('compare-differences', doc), 'text', 'axis-label')
    ).filter((t) => t.text !== '');
    const axes = new Map<unknown, typeof labels>();
    for (const t of labels) axes.set(t.mark, [...(axes.get(t.mark) ?? []), t]);
    expect(axes.size).toBeGreaterThanOrEqual(doc.differences.length);
    for (const [, axis] of axes) {
      const shown = axis.filter((t) => t.opacity !== 0).sort((a, b) => a.bounds.x1 - b.bounds.x1);
      for (let k = 1; k < shown.length; k++)
        expect(
          shown[k].bounds.x1 - shown[k - 1].bounds.x2,
          shown.map((t) => t.text).join(' '),
        ).toBeGreaterThanOrEqual(6);
    }
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
    expect(panel.title.text).toBe('Countries at rung ≥ 4 in Jul 2023');
    const [bar, rule, diamond] = panel.layer;
    // the readable names on the axis, the paths in the tooltips
    expect(bar.encoding.y.field).toBe('name');
    expect(bar.encoding.tooltip.map((t: Json) => t.field)).toEqual(
      expect.arrayContaining(['name', 'factor', 'describe']),
    );
    expect(bar.encoding.y.sort).toEqual({ field: 'mu_star', op: 'max', order: 'descending' });
    expect(bar.encoding.x.field).toBe('mu_star');
    expect([rule.encoding.x.field, rule.encoding.x2.field]).toEqual(['lo', 'hi']);
    expect(diamond.mark.shape).toBe('diamond');
    expect(diamond.encoding.x.field).toBe('sigma');
    const rows = rowsOf(s, panel);
    expect(rows).toHaveLength(FACTORS.length);
    for (const r of rows) {
      expect(r.outcome).toBe(OUTCOMES[1]!.text);
      expect(r.lo).toBeLessThanOrEqual(r.mu_star);
      expect(r.mu_star).toBeLessThanOrEqual(r.hi);
      expect(r.describe).toBe(FACTORS.find((f) => f.path === r.factor)!.describe);
      expect(r.name).toBe(factorLabel(r.factor));
    }
    // each outcome in its own units
    expect(s.resolve.scale.x).toBe('independent');
    expect(s.description).toContain('orange ◆: σ, the spread of the effects');
  });

  it('Sobol: S1 and ST side by side per factor, sorted by ST, with intervals, on one scale', () => {
    const s = spec(makeSensitivityDoc('sobol'));
    const panel = s.vconcat[0];
    const indices = panel.layer[2];
    expect(indices.encoding.yOffset.field).toBe('index');
    expect(indices.encoding.y.sort).toEqual({ field: 'st', op: 'max', order: 'descending' });
    const rows = rowsOf(s, panel);
    expect(rows).toHaveLength(2 * FACTORS.length);
    expect(new Set(rows.map((r: Json) => r.index))).toEqual(
      new Set(['S1 (first order)', 'ST (total, with interactions)']),
    );
    for (const r of rows) expect(r.lo).toBeLessThanOrEqual(r.hi);
    expect(s.resolve.scale.x).toBe('shared');
  });

  it('Sobol: marks the intervals too wide to read, pale and dashed, and lists them in the caption (issue 11 item 4)', async () => {
    const doc = real('sensitivity-sobol.json') as SensitivityDoc;
    const s = spec(doc);
    const rows: Json[] = s.datasets.indices;
    const shaky = rows.filter((r) => r.unreliable);
    expect(shaky).toHaveLength(doc.unreliable!.length);
    for (const r of shaky) expect(r.reading).toBe(SOBOL_READINGS[1]);
    // pale bars, dashed intervals with a legend entry
    const indices = s.vconcat[0].layer[2];
    expect(indices.layer[0].encoding.opacity.field).toBe('reading');
    expect(indices.layer[0].encoding.opacity.scale).toEqual({ domain: SOBOL_READINGS, range: [1, 0.4] });
    expect(indices.layer[1].encoding.strokeDash.scale.domain).toEqual(SOBOL_READINGS);
    // one legend of the readings: its entry 'interval too wide to read' pale and dashed (a regression:
    // the pale bars had no legend entry, only the dashed line did)
    const r = await lintChart(s);
    expect(r.findings).toEqual([]);
    const legends = [...r.svg.matchAll(/aria-label="Symbol legend ([^"]*)"/g)].map((m) => m[1]!);
    const readings = legends.filter((l) => l.includes(SOBOL_READINGS[1]!));
    expect(readings).toHaveLength(1);
    expect(readings[0]).toMatch(/strokeDash and opacity/);
    // S1 and ST told apart by hue, not only by lightness (a regression: light and dark blue), and by
    // fill in grey print (reader 4: orange and blue alike): S1 solid, ST an outline
    const bar = indices.layer[0].encoding;
    expect(bar.fill.scale.range).toEqual(['#E69F00', 'white']);
    expect(bar.stroke.scale.range).toEqual(['#E69F00', '#0072B2']);
    expect(s.description).toContain('S1 (solid orange)');
    expect(s.description).toContain('ST (blue outline)');
    // the count and the widest (each one's interval is in its tooltip), not the whole list
    expect(s.description).toContain(
      'Too uncertain to read: 13 of 20 indices have a 95% interval wider than 0.2 or reaching outside [−0.05, 1.05] (pale bar, dashed line; each in its tooltip), the widest S1 of weight on peers for',
    );
    expect(s.description).not.toContain('S1 of decision.rights [0.322, 0.824]');
    expect(indices.layer[0].encoding.tooltip.map((t: Json) => t.field)).toEqual(
      expect.arrayContaining(['lo', 'hi', 'reading']),
    );
    const [rendered] = await renderSpecs([{ kind: 'sensitivity', spec: s }], ['svg']);
    expect(rendered!.svg).toContain(svgText('interval too wide to read'));
    expect(rendered!.svg).toContain('stroke-dasharray="3,2"');
    // a clean document says so
    expect(spec(makeSensitivityDoc('sobol')).description).toContain('Every interval is narrower than 0.2');
  });

  it('Sobol: a caption of five sentences at most (design, start, reading, warning, still), and a report-size study under 900 px tall (a regression: ~1,800 characters, 1372 px)', async () => {
    const sentences = (text: string) => text.split(/(?<=\.) (?=[A-Z'])/).length;
    const report = makeSensitivityDoc('sobol', BASELINE_FACTORS, REPORT_OUTCOMES);
    const wide = structuredClone(report);
    for (const o of wide.outcomes) for (const ix of o.indices) Object.assign(ix, { s1_lo: -0.3, st_hi: 1.3 });
    for (const doc of [report, wide, real('sensitivity-sobol.json') as SensitivityDoc]) {
      const s = spec(doc);
      expect(sentences(s.description), s.description).toBeLessThanOrEqual(5);
      expect(s.description.length).toBeLessThanOrEqual(1300);
    }
    // every index of `wide` is unreliable: the caption counts them and names one
    expect(spec(wide).description).toContain('Too uncertain to read: 70 of 70 indices');
    const r = await lintChart(spec(report));
    expect(r.height).toBeLessThanOrEqual(900);
    // one axis for all panels: its numbers under the last panel only
    const panels = spec(report).vconcat;
    expect(panels.map((p: Json) => p.layer[2].layer[0].encoding.x.axis.labels)).toEqual([
      false,
      false,
      false,
      false,
      true,
    ]);
  });

  it('Sobol: without an `unreliable` list the chart applies the study’s rule itself', () => {
    expect(UNRELIABLE).toEqual(SOBOL_UNRELIABLE);
    const doc = real('sensitivity-sobol.json') as SensitivityDoc;
    const listed = unreliableIndices(doc);
    const { unreliable: _, ...bare } = doc;
    expect(unreliableIndices(bare)).toEqual(listed);
    expect(listed.has(unreliableKey('at_least_5@2030-12', 'decision.peers', 's1'))).toBe(true);
  });

  it('Sobol: the axis is [0, 1] when every index lies in it; a wild estimate is cut at the edge and flagged, not given the whole axis (a regression: −7.9 made the others slivers)', async () => {
    const labels = async (doc: SensitivityDoc) => {
      const [r] = await renderSpecs([{ kind: 'sensitivity', spec: sensitivityChart(doc) }], ['svg']);
      // the labels of the numeric axes (the factor axes have names)
      const ticks = [...r!.svg.matchAll(/role-axis-label"[^>]*>(.*?)<\/g>/g)]
        .map((g) => [...g[1]!.matchAll(/>([^<]*)<\/text>/g)].map((m) => m[1]!))
        .filter((labels) => labels.every((l) => /^[−\d.]+$/.test(l)))
        .flat()
        .map((l) => Number(l.replace('−', '-')));
      return { svg: r!.svg, ticks };
    };
    const clean = makeSensitivityDoc('sobol');
    for (const o of clean.outcomes)
      for (const ix of o.indices)
        Object.assign(ix, { s1_lo: Math.max(0, ix.s1_lo!), st_lo: Math.max(0, ix.st_lo!) });
    const inside = await labels(clean);
    expect([Math.min(...inside.ticks), Math.max(...inside.ticks)]).toEqual([0, 1]);

    const wild = structuredClone(clean);
    Object.assign(wild.outcomes[1]!.indices[0]!, { s1: -7.9, s1_lo: -12, s1_hi: 3 });
    const out = await labels(wild);
    expect(Math.min(...out.ticks)).toBeGreaterThanOrEqual(SOBOL_DRAWN.lo);
    expect(Math.max(...out.ticks)).toBeLessThanOrEqual(SOBOL_DRAWN.hi);
    const s = sensitivityChart(wild) as Json;
    expect(s.datasets.indices.find((r: Json) => r.value === -7.9).unreliable).toBe(true);
    expect(s.description).toContain(
      '1 reaches beyond the axis (−0.2 to 1.2) and ends in a triangle at its edge',
    );
    // the cut interval ends in a triangle at the edge
    const beyond = s.vconcat[1].layer[2].layer.find((l: Json) => l.mark.shape === 'triangle-left');
    expect(beyond.transform).toEqual([{ filter: `datum.lo < ${SOBOL_DRAWN.lo}` }]);
    expect(beyond.encoding.x.field).toBe('drawn_lo');
    expect(out.svg).toContain('role-mark');
  });

  it('an outcome the same at every design point gets a line of text in place of its panel, and a word in the caption (a regression: an empty panel)', async () => {
    for (const method of ['morris', 'sobol'] as const) {
      const doc = makeSensitivityDoc(method);
      for (const ix of doc.outcomes[1]!.indices)
        for (const k of Object.keys(ix)) if (k !== 'factor') (ix as Json)[k] = 0;
      const s: Json = spec(doc);
      expect(s.datasets.notes).toEqual([{ outcome: OUTCOMES[1]!.text, note: STILL_NOTE }]);
      expect(s.description).toContain(
        `'${OUTCOMES[1]!.label}' is the same at every design point: no factor changes it, so every index is 0 and its panel is not drawn.`,
      );
      // the note's view: its title and a text, no bars and no axis labels
      const note = s.vconcat[1];
      expect(note.title.text).toBe('Countries at rung ≥ 4 in Jul 2023');
      expect(note.data.name).toBe('notes');
      expect(note.mark.type).toBe('text');
      expect(note.encoding.y.axis.labels).toBe(false);
      expect(s.vconcat[0].data.name).toBe('indices');
      // the axis title moves to the last panel drawn
      const axisTitle = (v: Json) =>
        method === 'morris' ? v.layer[0].encoding.x.title : v.layer[2].layer[0].encoding.x.title;
      expect(axisTitle(s.vconcat[0])).toBeTruthy();
      const [rendered] = await renderSpecs([{ kind: 'sensitivity', spec: s }], ['svg']);
      expect(rendered!.svg.split(`>${STILL_NOTE}<`)).toHaveLength(2);
      const lint = await lintChart(s);
      expect(lint.findings).toEqual([]);
      // far shorter than the chart with the panel drawn
      expect(lint.height).toBeLessThan((await lintChart(spec(makeSensitivityDoc(method)))).height - 40);
    }
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
    const anchor = async (chosen: number) => {
      const doc = { ...makeDiscoverDoc(), chosen };
      const [r] = await renderSpecs([{ kind: 'discover', spec: spec(doc) }], ['svg']);
      const label = `chosen box \\(step ${chosen}\\)`;
      return new RegExp(`<text[^>]*text-anchor="(start|end)"[^>]*>${label}</text>`).exec(r!.svg)?.[1];
    };
    // step 1 covers 90% of the cases: near the right edge, so the label goes left
    expect(await anchor(1)).toBe('end');
    // step 7 covers 17%: the label goes right
    expect(await anchor(7)).toBe('start');
  });

  const doc = makeDiscoverDoc();

  it('connects the peeling steps in order, colours by restricted factors and rings the chosen box', () => {
    const s = spec(doc);
    const trajectory = s.vconcat[1].layer[1];
    expect(trajectory.data.name).toBe('trajectory');
    const rows = s.datasets.trajectory;
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

  it('draws the answer first: each factor’s full range with the part the chosen box keeps, by name (a regression: only the search path, the ranges in the caption)', async () => {
    const s = spec(doc);
    const [ranges, peeling] = s.vconcat;
    expect(ranges.data.name).toBe('box');
    expect(ranges.encoding.y.field).toBe('name');
    expect(peeling.layer[1].data.name).toBe('trajectory');
    const rows: Json[] = s.datasets.box;
    expect(rows).toEqual(boxData(doc, doc.trajectory[5]!.box));
    // the restricted factors first, then the free ones, each by its readable name
    expect(rows.map((r) => [r.name, r.order, r.restricted])).toEqual([
      ['attack rate (isk)', 0, true],
      ['terror (US weights)', 1, true],
      ['emboldening (mechanisms)', 2, true],
      ['consolidation (kandahar)', 3, false],
    ]);
    const at = (name: string) => rows.find((r) => r.name === name)!;
    // 0.16–0.29 of 0.05–0.3; ≤ 2.1 of 0–3; {true} of {true, false}; the free factor over its whole range
    expect([at('attack rate (isk)').from, at('attack rate (isk)').to]).toEqual([
      expect.closeTo(0.44, 9),
      expect.closeTo(0.96, 9),
    ]);
    expect([at('terror (US weights)').from, at('terror (US weights)').to]).toEqual([
      0,
      expect.closeTo(0.7, 9),
    ]);
    expect([at('emboldening (mechanisms)').from, at('emboldening (mechanisms)').to]).toEqual([0, 0.5]);
    expect(at('consolidation (kandahar)')).toMatchObject({
      from: 0,
      to: 1,
      text: 'not restricted: normal(0.8, 0.1)',
    });
    for (const r of rows) {
      expect(r.from).toBeGreaterThanOrEqual(0);
      expect(r.to).toBeLessThanOrEqual(1);
    }
    // grey full ranges, the kept part over them, and the kept range in words
    expect(ranges.layer[0].mark.color).toBe('#e3e3e3');
    expect(ranges.layer[1].encoding.x2.field).toBe('to');
    expect(ranges.layer.slice(2).map((l: Json) => l.encoding.text.field)).toEqual(['text', 'text']);
    const lint = await lintChart(s);
    expect(lint.findings).toEqual([]);
    expect(lint.width).toBeLessThanOrEqual(640);
    // the real discovery: its three restricted factors named, the whole chart within the page
    const realDoc = real('discover.json') as DiscoverDoc;
    const r = await lintChart(spec(realDoc));
    expect(r.findings).toEqual([]);
    // the bounds to 3 significant digits of the full range (a regression: '0.00501–0.1 of 0–0.1')
    for (const text of [
      'first-mover cost of recognition',
      '0–0.17 of 0–2',
      '0.005–0.1 of 0–0.1',
      'not restricted: 0–1',
    ])
      expect(r.svg).toContain(svgText(text));
    expect(r.svg).not.toContain('0.00501');
    expect(r.svg).not.toContain('>decision.first_mover<');
  });

  it('a discrete factor keeps values apart as separate segments of its range', () => {
    const rows = boxData({ ...doc, factors: [{ path: 'x', describe: 'values 1, 2, 3, 4' }] }, [
      { path: 'x', values: [1, 3] },
    ]);
    expect(rows.map((r) => [r.from, r.to, r.first])).toEqual([
      [0, 0.25, true],
      [0.5, 0.75, false],
    ]);
    expect(rows[0]!.text).toBe('{1, 3} of {1, 2, 3, 4}');
    // a range the chart cannot draw is written only
    const unknown = boxData({ ...doc, factors: [{ path: 'y', describe: 'lognormal(1, 2)' }] }, [
      { path: 'y', lo: 2 },
    ]);
    expect(unknown).toMatchObject([{ from: null, to: null, text: '≥ 2 (lognormal(1, 2))' }]);
  });

  it('gives the chosen box and its bounds in the caption (moved from the subtitle)', () => {
    expect(spec(doc).description).toContain(
      'The chosen box (step 5) covers 45% of the cases at a density of 68%, with 175 of 400 design points; it restricts attack rate (isk) (isk.attack_rate) to 0.16–0.29 of 0.05–0.3; terror (US weights) (countries.US.weights.terror) to ≤ 2.1 of 0–3; emboldening (mechanisms) (mechanisms.emboldening) to {true} of {true, false}.',
    );
  });

  it('says when the chosen box restricts nothing, on the chart and in the caption (issue 11 item 4)', async () => {
    const whole = { ...doc, chosen: 0 };
    const s = spec(whole);
    expect(s.description).toContain(
      "it restricts no factor: it is the whole design, so PRIM found no range of these factors where 'some country recognizes by Jul 2023' is more frequent than its base rate (25%)",
    );
    expect([s.title.subtitle].flat().at(-1)).toContain('no factor restricted');
    expect(s.datasets.box.every((r: Json) => !r.restricted && r.from === 0 && r.to === 1)).toBe(true);
    const [r] = await renderSpecs([{ kind: 'discover', spec: s }], ['svg']);
    expect(r!.svg).toContain('chosen box (step 0): restricts nothing');
    expect((await lintChart(s)).findings).toEqual([]);
  });

  it('an outcome that holds at no design point, or at all, gives a message rather than an empty plot (issue 11 item 4)', async () => {
    const flat = (base_rate: number): DiscoverDoc => ({
      ...doc,
      base_rate,
      trajectory: [{ step: 0, coverage: base_rate, density: base_rate, n: 400, box: [] }],
      chosen: 0,
    });
    for (const [rate, says] of [
      [0, 'holds at none of the 400 design points: there is nothing for PRIM to find.'],
      [1, 'holds at all 400 design points: no factor range makes a difference.'],
    ] as const) {
      const s = spec(flat(rate));
      expect(s.mark.type).toBe('text');
      expect(s.layer).toBeUndefined();
      expect(s.datasets.message[0].text.replace(/\n/g, ' ')).toContain(
        `'some country recognizes by Jul 2023' ${says} Widen the factor ranges`,
      );
      expect(s.description).toContain(says);
      const lint = await lintChart(s);
      expect(lint.findings).toEqual([]);
      expect(lint.svg).toContain(svgText("'some country recognizes by Jul 2023' holds at"));
      expect(lint.svg).not.toContain('Coverage');
    }
  });

  it('writes a bound to 3 significant digits of its factor’s range', () => {
    expect(rangeDigits(0.00501, 0, 0.1)).toBe('0.005');
    expect(rangeDigits(0.935, 0.5, 0.95)).toBe('0.935');
    expect(rangeDigits(0.00165, 0, 2)).toBe('0');
    expect(rangeDigits(0.166, 0, 2)).toBe('0.17');
    expect(rangeDigits(-0.0123, -1, 1)).toBe('−0.01');
    expect(rangeDigits(1234.5, 0, 5000)).toBe('1230');
  });

  it('puts the scenario’s question first in the caption when the document has one', () => {
    expect(spec(doc).description).toMatch(/^PRIM peels/);
    const asked = spec({ ...doc, question: 'What if the West waits?' } as DiscoverDoc);
    expect(asked.description).toMatch(/^baseline asks: What if the West waits\? PRIM peels/);
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
