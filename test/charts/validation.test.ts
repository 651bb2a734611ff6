import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  backtestChart,
  backtestData,
  backtestGrid,
  backtestOrderChart,
  backtestScoresChart,
} from '../../src/charts/backtest.js';
import { AT_BOUND, calibrationParamsChart, calibrationTraceChart } from '../../src/charts/calibration.js';
import { DRIVE_TERM_LABELS, waterfallData } from '../../src/charts/explain.js';
import {
  FORECAST_SHOWN,
  forecastRows,
  informative,
  naturalCompare,
  questionFamily,
  shownQuestions,
} from '../../src/charts/forecast.js';
import {
  BACKTEST_CHART_KINDS,
  buildValidationCharts,
  CALIBRATION_CHART_KINDS,
  renderSpecs,
  VALIDATION_CHART_DESCRIPTIONS,
  VALIDATION_CHART_KINDS,
  type ValidationDoc,
} from '../../src/charts/index.js';
import { compileSpec } from '../../src/charts/render.js';
import { signedSig3 } from '../../src/charts/style.js';
import { DRIVE_TERMS } from '../../src/model/index.js';
import type { CountryExplanation } from '../../src/validation/docs.js';
import { checkEveryChart, overlappingAxisLabels } from './checks.js';
import { lintChart } from './lint.js';
import { dataOf, type Json } from './study-fixture.js';
import {
  BACKTEST_COUNTRIES,
  BACKTEST_LARGE,
  makeBacktestDoc,
  makeCalibrationDoc,
  makeCountryExplanation,
  makeFactionExplanation,
  makeForecastDoc,
  makeRollingDoc,
  makeWesternExplanation,
} from './validation-fixture.js';

const backtest = makeBacktestDoc();
const calibration = makeCalibrationDoc();
const forecast = makeForecastDoc();
const country = makeCountryExplanation();
const faction = makeFactionExplanation();
const rolling = makeRollingDoc();

const DOCS: [string, ValidationDoc][] = [
  ['backtest', backtest],
  ['calibration', calibration],
  ['rolling', rolling],
  ['forecast', forecast],
  ['uzbekistan', country],
  ['united-states', makeWesternExplanation()],
  ['kandahar', faction],
];

const kinds = (doc: ValidationDoc) => buildValidationCharts(doc).map((c) => c.kind);
const specOf = (doc: ValidationDoc, kind: string): Json =>
  buildValidationCharts(doc).find((c) => c.kind === kind)!.spec;
/** The rows of one named dataset of a spec. */
const rowsOf = (spec: Json, name: string): Json[] => spec.datasets[name];
const NAMES = BACKTEST_COUNTRIES.map((c) => c.name);

/** Title and labels each rendered chart must show, by fixture tag and chart kind. */
const EXPECTED: Record<string, string[]> = {
  'backtest/backtest': [
    'Backtest: observed rung against the simulated runs',
    'baseline · seed 42 · 200 runs · 2021-08 to 2023-07',
    'West',
    'Great powers',
    'Neighbours',
    ...NAMES,
    'hostile',
    'informal',
    'recognition',
    'Model: median of the runs',
    'Observed rung',
  ],
  'backtest/backtest-scores': [
    'Backtest scores: the model against naive forecasters',
    '(a) Overall, over all countries and months',
    'Rung error (MAE)',
    'Brier score',
    'Wrong at the end',
    'Persistence',
    'Trend',
    '0.431',
    '0.0810',
    '67%',
    'Mean absolute rung error over the months',
    ...NAMES,
  ],
  'backtest/backtest-order': [
    'Backtest: the order in which countries reached the rungs',
    "First month at rung ≥ 4 (diplomatic presence): Spearman's ρ = 0.900",
    "First month at rung ≥ 5 (ambassador exchange): Spearman's ρ = 0.600",
    'China',
    'Russia',
    'Iran',
    'not by Jul 2023 (at the edge)',
  ],
  'calibration/calibration-trace': [
    'Calibration: the search for the best parameters',
    'baseline · seed 42 · 100 paths per evaluation · 2021-08 to 2025-06',
    'best 88.4 at evaluation 24',
    'Evaluation',
  ],
  'calibration/calibration-params': [
    'Calibration: the fitted parameters in their search ranges',
    'decision.security',
    'countries.US.review_rate',
    '0.0102',
    '1.85',
    '0.214',
    '0.0100',
    '0.200',
    'fitted value at a bound',
  ],
  'rolling/rolling': [
    'Out of sample: forecasts of who moves, refitted at each origin',
    'baseline · seed 42 · 500 runs · origins 2022-06, 2023-06',
    'Mean Brier score (lower is better)',
    "Reliability of the model's forecasts",
    'Model (refitted at each origin)',
    'Base rate before the origin',
    'Share that happened',
  ],
  'forecast/forecast': [
    'Forecast: 13 questions, Jul 2025 to Dec 2026',
    'baseline · seed 42 · 500 runs · 2025-07 to 2026-12 · created 2025-07-01',
    'RU rung ≥ 6 by 2026-12',
    'recognizers ≥ 1 at 2026-12',
    'first recognizer none by 2026-12',
    '62% (baseline 0%)',
    '83% (baseline 100%)',
    'Persistence baseline',
  ],
  'uzbekistan/explain-country': [
    'Why Uzbekistan stands where it does, Mar 2024',
    'baseline · seed 42 · 2024-03',
    'now: rung 4',
    'cap: rung 5',
    'security (ISK × counter-terrorism)',
    'economic stakes',
    "women's rights cost",
    'migration and returns',
    'terrorist listing, UN sanctions',
    'total drive',
    '5.40',
    '+0.900',
    '−0.300',
    "(b) This month's hazards (cause in view: peer)",
    '5 ambassador exchange (up)',
    'taken this month',
  ],
  'united-states/explain-country': [
    'Why United States stands where it does, Jun 2023',
    'now: rung 2',
    'cap: rung 3',
    "(b) This month's hazards (cause in view: policy)",
    '1 humanitarian only (down)',
    'not taken',
  ],
  'kandahar/explain-faction': [
    'Why the power of Kandahar circle moved, Jun 2025',
    'baseline · seed 42 · 2025-06',
    'reform rewarded',
    'isolation crack-down',
    'sum of the terms',
    '+0.0390',
    '−0.00400',
    "Women's and girls' rights",
    '72%',
    'ideal of Kandahar circle',
  ],
};

/** What each chart's caption (its `description`) must say: the notes and figures that were subtitles. */
const DESCRIBED: Record<string, string[]> = {
  'backtest/backtest': [
    'Black step line: the observed rung; blue line: median of the runs',
    'Mean absolute rung error: model 0.431, persistence 0.652, trend 0.713.',
    'Brier: model 0.0810, persistence 0.0950, trend 0.121.',
  ],
  'backtest/backtest-scores': [
    'Persistence: every country keeps its rung at the start.',
    "Trend: each country's rung trend, fitted on the first 12 months and extrapolated.",
    'Brier: over the events "rung ≥ k" (k = 1 to 6) of every country and month.',
    'Wrong at the end: share of countries whose final rung is missed',
  ],
  'backtest/backtest-order': [
    "blue ring: the model's median first month over the 200 runs; ▶: not by Jul 2023, drawn at the edge.",
  ],
  'calibration/calibration-trace': [
    'ring: the best evaluation (loss 88.4 at evaluation 24).',
    '4 parameters fitted to the record from Aug 2021 to Jun 2025 by nelder-mead',
    'Log-likelihood of the record −88.4 before, −52.1 after (per-country constant hazard −64.6).',
    'Brier score 0.112 before, 0.0980 after (persistence 0.104, trend 0.122; lower is better).',
  ],
  'calibration/calibration-params': [
    'Orange diamond: a fitted value at a bound (within 1% of the range from it)',
    'Log-likelihood of the record −88.4 before, −52.1 after',
  ],
  'rolling/rolling': [
    '500 runs per forecast; 24 questions, 2 happened.',
    '12 months: model 0.150, persistence 0.167, base rate 0.155',
    '6 months: nothing happened',
    '12 months: +3% [−20%, +25%] over the base rate',
    'all horizons: 0% [−30%, +20%] over the base rate',
  ],
  'forecast/forecast': [
    'Dot: the share of the runs in which the event happens; square: the persistence baseline',
  ],
  'uzbekistan/explain-country': [
    'Uzbekistan moved from rung 4 (diplomatic presence) to 5 (ambassador exchange) this month (cause: peer).',
    'Its drive, the rung its interests point to, is 5.40 rungs',
    'Cap: rung 5 (ambassador exchange); gate of rung 6: counter-terrorism cooperation ≥ 0.3.',
    'Uzbekistan does not list the Taliban.',
    'First-mover cost of the next rung: 0.100 rungs.',
  ],
  'united-states/explain-country': [
    'United States stays at rung 2 (informal contact) this month (cause in view: policy).',
    "Cap: rung 3 (official talks); gate of rung 4: women's and girls' rights ≥ 0.4.",
    'United States lists the Taliban: no ambassadors or recognition until it delists.',
  ],
  'kandahar/explain-faction': [
    'The power share of Kandahar circle went from 0.620 to 0.635 (+0.0150) this month.',
    'Inputs this month: engagement earned by reform 0.0500, legitimacy without reform 0.300, Western isolation 0.400.',
    "The shares also move with noise and the other factions' terms.",
  ],
};

/** A spec without its datasets, caption and titles (the chart's and its panels'): what must not depend
 * on the document's values. */
function structure(spec: TopLevelSpec): Json {
  const strip = (node: Json): Json =>
    Array.isArray(node)
      ? node.map(strip)
      : node && typeof node === 'object'
        ? Object.fromEntries(
            Object.entries(node)
              .filter(([key, value]) => !(key === 'title' && value && typeof value === 'object'))
              .map(([key, value]) => [key, strip(value)]),
          )
        : node;
  const { datasets: _d, description: _c, ...rest } = spec as Json;
  return strip(rest);
}

/** Every `data` of a spec and its sub-views. */
function dataRefs(node: Json, out: Json[] = []): Json[] {
  if (node && typeof node === 'object') {
    if (node.data) out.push(node.data);
    for (const [key, value] of Object.entries(node))
      if (key !== 'datasets' && key !== 'data') dataRefs(value, out);
  }
  return out;
}

describe('every validation chart', async () => {
  const charts = DOCS.flatMap(([tag, doc]) => buildValidationCharts(doc).map((c) => ({ ...c, tag })));
  const rendered = await renderSpecs(charts, ['svg']);

  it('names and describes the kinds, and builds them by document kind', () => {
    expect(VALIDATION_CHART_KINDS).toEqual([
      'backtest',
      'backtest-scores',
      'backtest-order',
      'calibration-trace',
      'calibration-params',
      'rolling',
      'forecast',
      'explain-country',
      'explain-faction',
    ]);
    expect(Object.keys(VALIDATION_CHART_DESCRIPTIONS)).toEqual([...VALIDATION_CHART_KINDS]);
    expect(kinds(backtest)).toEqual([...BACKTEST_CHART_KINDS]);
    expect(kinds(calibration)).toEqual([...CALIBRATION_CHART_KINDS]);
    expect(kinds(rolling)).toEqual(['rolling']);
    expect(kinds(forecast)).toEqual(['forecast']);
    expect(kinds(country)).toEqual(['explain-country']);
    expect(kinds(faction)).toEqual(['explain-faction']);
    expect(charts.map((c) => `${c.tag}/${c.kind}`)).toEqual(Object.keys(EXPECTED));
    expect(Object.keys(DESCRIBED)).toEqual(Object.keys(EXPECTED));
    expect(() => buildValidationCharts({ kind: 'score' } as unknown as ValidationDoc)).toThrow(
      /no charts for a document of kind 'score'/,
    );
  });

  checkEveryChart(DOCS, charts, rendered, EXPECTED, buildValidationCharts);

  it.each(
    charts.map((c) => [`${c.tag}/${c.kind}`, c] as const),
  )('%s: one short subtitle line, the notes and figures in the caption', (name, c) => {
    const s: Json = c.spec;
    expect([s.title.subtitle].flat()).toHaveLength(1);
    for (const text of DESCRIBED[name]!) expect(s.description, text).toContain(text);
    expect(s.description).not.toMatch(/>=|<=/);
  });

  it.each(
    charts.map((c) => [`${c.tag}/${c.kind}`, c] as const),
  )('%s: its values come through named datasets', (_, c) => {
    const s: Json = c.spec;
    const names = Object.keys(s.datasets);
    expect(names.length).toBeGreaterThan(0);
    const refs = dataRefs(s);
    for (const ref of refs) {
      expect(ref.values, JSON.stringify(ref)).toBeUndefined();
      expect(names).toContain(ref.name);
    }
    // every dataset is used
    expect(new Set(refs.map((r) => r.name))).toEqual(new Set(names));
  });

  it.each(
    charts.map((c) => [`${c.tag}/${c.kind}`, c] as const),
  )('%s: fits the page and passes the chart lint', async (_, c) => {
    const r = await lintChart(c.spec);
    expect(r.findings).toEqual([]);
    expect(r.width).toBeLessThanOrEqual(640);
  });

  it('the 23-country backtest over 48 months compiles cleanly, fits the page and passes the lint', async () => {
    const large = makeBacktestDoc({ countries: BACKTEST_LARGE, months: 48 });
    expect(large.per_country).toHaveLength(23);
    for (const { spec } of buildValidationCharts(large)) {
      const out = compileSpec(spec);
      expect(out.errors).toEqual([]);
      expect(out.warnings).toEqual([]);
      expect((await lintChart(spec)).findings).toEqual([]);
    }
  });

  it('lays out from the width option: the whole image as wide as asked', async () => {
    for (const [, doc] of DOCS)
      for (const { kind, spec } of buildValidationCharts(doc, { width: 900 })) {
        const r = await lintChart(spec);
        expect(r.width, kind).toBeLessThanOrEqual(900);
        // the backtest's blocs have two countries each: two panels a row, however wide
        if (kind !== 'backtest') expect(r.width, kind).toBeGreaterThan(860);
        expect(
          r.findings.filter((f) => !f.startsWith('width')),
          kind,
        ).toEqual([]);
      }
  });

  it("a spec's structure depends on the actors, period and options only, not on the values", () => {
    const same = (a: ValidationDoc, b: ValidationDoc) => {
      const [x, y] = [buildValidationCharts(a), buildValidationCharts(b)];
      x.forEach((c, i) => {
        expect(structure(y[i]!.spec), c.kind).toEqual(structure(c.spec));
        expect(y[i]!.spec, c.kind).not.toEqual(c.spec);
      });
    };
    // another backtest: errors in the reverse order, other scores, another rho, other ends
    const bt = makeBacktestDoc();
    bt.per_country.forEach((c, i) => {
      c.model_mae = 0.1 * i;
      c.end_observed = 6 - (i % 7);
      c.band.p50 = c.band.p50.map((r) => Math.min(6, r + 1));
    });
    bt.scores.model = { mae: 1.5, brier: 0.3, end_miss: 0.9 };
    bt.order[0]!.spearman = -0.2;
    same(backtest, bt);
    // another search: the best early, a restart, other fits
    const cal = makeCalibrationDoc({ perStartBest: true });
    cal.trace[2]!.loss = 10;
    cal.params[0]!.fitted = 0;
    same(calibration, cal);
    // other probabilities: other questions shown, other families
    const fc = makeForecastDoc();
    fc.questions.forEach((q, i) => {
      q.p = i % 2 ? 0.001 : 0.5;
    });
    same(forecast, fc);
    // other terms (adding up to another drive), another faction's month
    const ex = makeCountryExplanation();
    ex.terms[0]!.value = -3;
    ex.drive = 1.4;
    same(country, ex);
    const fx = makeFactionExplanation();
    fx.terms.forEach((t) => {
      t.value = -t.value * 10;
    });
    fx.policy[0]!.weight = 0.1;
    same(faction, fx);
    const ro = makeRollingDoc();
    ro.scores[0]!.model.brier = 0.5;
    ro.reliability[4] = { lo: 0.4, hi: 0.7, n: 3, mean_p: 0.5, observed: 1 };
    same(rolling, ro);
  });
});

describe('numbers', () => {
  it('scores and losses to three significant digits, with a true minus sign', () => {
    expect([0.9, -0.3, 0.039, -0.004, 1.66, 0].map(signedSig3)).toEqual([
      '+0.900',
      '−0.300',
      '+0.0390',
      '−0.00400',
      '+1.66',
      '0.00',
    ]);
    // float noise is no term
    expect(signedSig3(1e-17)).toBe('0.00');
    const overall = rowsOf(specOf(backtest, 'backtest-scores'), 'overall');
    expect(overall.map((r: Json) => r.label)).toEqual([
      '0.431',
      '0.652',
      '0.713',
      '0.0810',
      '0.0950',
      '0.121',
      '33%',
      '50%',
      '67%',
    ]);
    const params = rowsOf(specOf(calibration, 'calibration-params'), 'params');
    expect(params.map((r: Json) => [r.lo_label, r.hi_label, r.start_label, r.fitted_label])).toEqual([
      ['0.00', '3.00', '1.20', '1.85'],
      ['0.00', '2.00', '0.800', '2.00'],
      ['0.0500', '1.00', '0.300', '0.214'],
      ['0.0100', '0.200', '0.0500', '0.0102'],
    ]);
  });
});

describe('backtest', () => {
  const s = specOf(backtest, 'backtest');

  it('has one row per country and month with ordered quantiles and the observed rung', () => {
    const rows = backtestData(backtest);
    expect(rows).toHaveLength(BACKTEST_COUNTRIES.length * 24);
    for (const r of rows) {
      expect(r.p05).toBeLessThanOrEqual(r.p25);
      expect(r.p25).toBeLessThanOrEqual(r.p50);
      expect(r.p50).toBeLessThanOrEqual(r.p75);
      expect(r.p75).toBeLessThanOrEqual(r.p95);
      expect(Number.isInteger(r.observed)).toBe(true);
    }
    const china = rows.filter((r) => r.country === 'China');
    expect(china.map((r) => r.observed)).toEqual(backtest.per_country[2]!.observed);
    expect(rowsOf(s, 'backtest')).toEqual(rows);
  });

  it('groups panels by bloc in bloc order, countries in the fixed order of the palette', () => {
    expect(s.vconcat.map((v: Json) => v.title?.text)).toEqual(['West', 'Great powers', 'Neighbours']);
    expect(s.vconcat.map((v: Json) => v.facet.column.sort)).toEqual([
      ['United States', 'United Kingdom'],
      ['China', 'Russia'],
      ['Pakistan', 'Iran'],
    ]);
    // each row takes its countries from the one dataset
    expect(s.vconcat.map((v: Json) => v.transform[0].filter.oneOf)).toEqual(
      s.vconcat.map((v: Json) => v.facet.column.sort),
    );
  });

  it('fills the width with as many panels a row as leave room for the longest name (a regression: 928 px)', () => {
    const names = BACKTEST_LARGE.map((c) => c.name);
    const page = backtestGrid(names, 640);
    expect(page.columns).toBe(3);
    expect(page.columns * page.panel).toBeLessThanOrEqual(640 - 24 - 84);
    expect(backtestGrid(names, 1000).columns).toBe(5);
    expect(backtestGrid(['Iran', 'Iraq'], 640).columns).toBe(4);
    const large = specOf(makeBacktestDoc({ countries: BACKTEST_LARGE, months: 48 }), 'backtest');
    const rows = large.vconcat.map((v: Json) => v.facet.column.sort.length);
    expect(Math.max(...rows)).toBe(3);
    expect(rows.reduce((a: number, b: number) => a + b, 0)).toBe(23);
  });

  it('draws the 90% band, the 50% band, the median, and the observed rung as a step line on top', () => {
    const layers = s.vconcat[0].spec.layer;
    expect(layers.map((l: Json) => l.mark.type)).toEqual(['area', 'area', 'line', 'point', 'line', 'point']);
    expect([layers[0].encoding.y.field, layers[0].encoding.y2.field]).toEqual(['p05', 'p95']);
    expect([layers[1].encoding.y.field, layers[1].encoding.y2.field]).toEqual(['p25', 'p75']);
    expect(layers[1].mark.opacity).toBeGreaterThan(layers[0].mark.opacity);
    expect(layers[2].encoding.y.field).toBe('p50');
    expect(layers[4].encoding.y.field).toBe('observed');
    for (const l of [layers[0], layers[1], layers[2], layers[4]])
      expect(l.mark.interpolate).toBe('step-after');
    expect(layers[4].mark.color ?? layers[4].encoding.color.datum).toBe('Observed rung');
    expect(layers[0].encoding.y.axis.values).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('rejects bands and observations of the wrong length, and a backtest without countries', () => {
    const short = makeBacktestDoc();
    short.per_country[1]!.band.p75.pop();
    expect(() => buildValidationCharts(short)).toThrow(RangeError);
    expect(() => buildValidationCharts(short)).toThrow(
      "backtest: band p75 of 'GBR' has 23 values, expected one per month (24)",
    );
    const observed = makeBacktestDoc();
    observed.per_country[0]!.observed.push(3);
    expect(() => backtestChart(observed)).toThrow(
      "backtest: observed of 'USA' has 25 values, expected one per month (24)",
    );
    expect(() => backtestScoresChart({ ...backtest, per_country: [] })).toThrow(
      new RangeError('backtest-scores: the backtest has no countries'),
    );
  });
});

describe('backtest-scores', () => {
  const s = specOf(backtest, 'backtest-scores');

  it('shows the overall scores of the three forecasters and the MAE by country, largest model error first', () => {
    const overall = rowsOf(s, 'overall');
    expect(overall).toHaveLength(9);
    expect(overall.find((r: Json) => r.metric === 'Brier score' && r.forecaster === 'Model').value).toBe(
      0.081,
    );
    const points = rowsOf(s, 'by_country');
    expect(points).toHaveLength(3 * BACKTEST_COUNTRIES.length);
    const model = points.filter((r: Json) => r.forecaster === 'Model');
    expect(model.map((r: Json) => r.mae)).toEqual(
      model.map((r: Json) => r.mae).sort((a: number, b: number) => b - a),
    );
    // the axis sorts by the order field: largest model error at the top
    expect(model.map((r: Json) => r.order)).toEqual(model.map((_: Json, i: number) => i));
    const [, byCountry] = s.vconcat;
    expect(byCountry.layer[0].encoding.y.sort).toEqual({ field: 'order', op: 'min' });
    const ranges = rowsOf(s, 'ranges');
    expect(ranges.map((r: Json) => r.country)).toEqual(model.map((r: Json) => r.country));
    for (const r of ranges) expect(r.lo).toBeLessThanOrEqual(r.hi);
  });

  it('no axis labels overlap in the narrow overall panels (a regression: "0.000.02")', async () => {
    const doc = makeBacktestDoc();
    doc.scores.model.brier = 0.061;
    doc.scores.persistence.brier = 0.081;
    doc.scores.trend.brier = 0.062;
    const [out] = await renderSpecs([{ kind: 'backtest-scores', spec: backtestScoresChart(doc) }], ['svg']);
    expect(overlappingAxisLabels(out!.svg)).toEqual([]);
  });
});

describe('backtest-order', () => {
  it('puts each k in a panel with rho in its title; a month not reached is drawn at the end', () => {
    const s = specOf(backtest, 'backtest-order');
    expect(s.vconcat).toHaveLength(2);
    const five = rowsOf(s, 'order_points').filter((r: Json) => r.k === 5);
    const iran = five.filter((r: Json) => r.country === 'Iran');
    expect(iran.map((r: Json) => [r.source, r.date, r.when])).toEqual([
      ['Observed', '2023-07', 'Jul 2023'],
      ['Model median', '2023-07', 'not by Jul 2023'],
    ]);
    expect(iran[1].reached).toBe('not by Jul 2023 (at the edge)');
    // reached first at the top
    const byOrder = [...new Map(five.map((r: Json) => [r.order, r.country])).entries()].sort(
      (a, b) => a[0] - b[0],
    );
    expect(byOrder.map(([, c]) => c)).toEqual(['China', 'Russia', 'Iran']);
    expect(s.vconcat[1].layer[1].transform).toEqual([{ filter: 'datum.k === 5' }]);
  });

  it('leaves out countries that reached it neither in the data nor in the model, and names them in the caption', () => {
    const doc = makeBacktestDoc();
    doc.order[0]!.countries.push({ country: 'USA', observed: null, model_median: null });
    doc.order[0]!.spearman = null;
    const s = specOf(doc, 'backtest-order');
    expect(s.vconcat[0].title.text).toContain("Spearman's ρ not defined");
    expect(s.description).toContain(
      "Left out of rung ≥ 4 (diplomatic presence), as they reached it neither in the data nor in the model's median: United States.",
    );
    expect(rowsOf(s, 'order_spans').map((r: Json) => r.country)).not.toContain('United States');
  });

  it('rejects a k outside 1..6 and an empty order', () => {
    const doc = makeBacktestDoc();
    doc.order[0]!.k = 9;
    expect(() => backtestOrderChart(doc)).toThrow(/k must be a whole rung/);
    expect(() => backtestOrderChart({ ...backtest, order: [] })).toThrow(
      /backtest-order: the backtest has no order of reaching rungs/,
    );
  });
});

describe('forecast: the informative questions only', () => {
  it('shows at most 40, the ones where model and persistence differ, and says how many are left out', () => {
    const doc = makeForecastDoc();
    doc.questions = Array.from({ length: 198 }, (_, i) => ({
      id: `X${i} rung>=5 by 2027-12`,
      text: 'a question',
      // 150 that say "no" like persistence, 48 the model gives between 5% and 52%
      p: i < 150 ? 0.001 : 0.05 + (i - 150) / 100,
      persistence: 0,
    }));
    const shown = shownQuestions(doc.questions);
    expect(shown).toHaveLength(FORECAST_SHOWN);
    // the 40 where the two differ most, in the document's order
    expect(shown.map((q) => q.id)).toEqual(doc.questions.slice(158).map((q) => q.id));
    const s = specOf(doc, 'forecast');
    expect(s.title.text).toBe('Forecast: 40 of 198 questions, Jul 2025 to Dec 2026');
    expect(rowsOf(s, 'forecast')).toHaveLength(40);
    expect(s.description).toContain(
      'Left out: 158 questions: 150 the model puts below 2% or above 98%, as persistence does, and 8 beyond the 40 where the model and persistence differ most; forecast.csv has all 198.',
    );
    // only the sure ones left out
    doc.questions = doc.questions.slice(0, 170);
    expect(specOf(doc, 'forecast').description).toContain(
      'Left out: 150 questions the model puts below 2% or above 98%, as persistence does; forecast.csv has all 170.',
    );
    expect(informative({ p: 0.5, persistence: 0.5 })).toBe(true);
    expect(informative({ p: 0.99, persistence: 1 })).toBe(false);
    expect(informative({ p: 0.01, persistence: 1 })).toBe(true);
  });
});

describe('rolling', () => {
  it('a bar per forecaster and horizon, and the non-empty reliability bins', () => {
    const s = specOf(rolling, 'rolling');
    const scores = rowsOf(s, 'scores');
    expect(scores).toHaveLength(3 * 3);
    expect(scores[3]).toEqual({
      horizon: '12 months',
      forecaster: 'Model (refitted at each origin)',
      brier: 0.1502,
      log: 0.5211,
    });
    expect(rowsOf(s, 'reliability').map((b: Json) => b.n)).toEqual([12, 4, 4, 4]);
    expect(s.hconcat.map((v: Json) => v.data.name)).toEqual(['scores', 'reliability']);
  });

  it('rejects a document without scores or with a non-finite score', () => {
    expect(() => buildValidationCharts({ ...rolling, scores: [] })).toThrow(
      /rolling: the document has no scores/,
    );
    const bad = makeRollingDoc();
    bad.scores[1]!.model.brier = Number.NaN;
    expect(() => buildValidationCharts(bad)).toThrow(/the model score at 12 months is not finite/);
  });
});

describe('calibration', () => {
  it('trace: loss points, a step line of the best, the best evaluation ringed', () => {
    const s = specOf(calibration, 'calibration-trace');
    expect(rowsOf(s, 'trace')).toHaveLength(60);
    const [restarts, points, best, ring] = s.layer;
    expect(restarts.transform).toEqual([{ filter: 'datum.restart' }]);
    expect(points.encoding.y.field).toBe('loss');
    expect(best.mark.interpolate).toBe('step-after');
    expect(best.encoding.y.field).toBe('best');
    expect(ring.data).toEqual({ name: 'best' });
    expect(rowsOf(s, 'best')).toEqual([
      expect.objectContaining({ evaluation: 24, label: 'best 88.4 at evaluation 24', side: 'right' }),
    ]);
    // a best over the whole search never rises: no restart visible
    expect(rowsOf(s, 'trace').some((r: Json) => r.restart)).toBe(false);
  });

  it('trace: marks a restart where a per-start best goes up', () => {
    const s = specOf(makeCalibrationDoc({ perStartBest: true }), 'calibration-trace');
    expect(
      rowsOf(s, 'trace')
        .filter((r: Json) => r.restart)
        .map((r: Json) => r.evaluation),
    ).toEqual([31]);
    expect(s.description).toContain('dashed rules: restarts of the search (1)');
  });

  it('trace: the label of a best late in the search goes to its left (a regression: over the axis labels)', () => {
    const doc = makeCalibrationDoc();
    doc.trace[55]!.loss = 10;
    const s = specOf(doc, 'calibration-trace');
    expect(rowsOf(s, 'best')[0]).toMatchObject({ evaluation: 56, side: 'left' });
    const labels = s.layer[3].layer.slice(1);
    expect(labels.map((l: Json) => [l.transform[0].filter, l.mark.align, l.mark.baseline])).toEqual([
      ["datum.side === 'left'", 'right', 'top'],
      ["datum.side === 'right'", 'left', 'top'],
    ]);
  });

  it('trace: rejects an empty trace and evaluations out of order', () => {
    expect(() => calibrationTraceChart({ ...calibration, trace: [] })).toThrow(
      new RangeError('calibration-trace: the trace is empty (no evaluations)'),
    );
    const doc = makeCalibrationDoc();
    doc.trace[5]!.evaluation = 2;
    expect(() => calibrationTraceChart(doc)).toThrow(/evaluations must increase \(2 follows 5\)/);
  });

  it('params: positions in the range, values in their units, fitted values on a bound marked', () => {
    const s = specOf(calibration, 'calibration-params');
    const rows = rowsOf(s, 'params');
    expect(rows.map((r: Json) => r.path)).toEqual(calibration.params.map((p) => p.path));
    expect(rows[0].start_x).toBeCloseTo(0.4, 10);
    expect(rows[0].fitted_x).toBeCloseTo(1.85 / 3, 10);
    const points = rowsOf(s, 'param_points');
    const atBound = points
      .filter((p: Json) => p.which === 'fitted value at a bound')
      .map((p: Json) => p.path);
    expect(atBound).toEqual(['decision.rights', 'countries.US.review_rate']);
    for (const p of atBound) {
      const x = points.find((q: Json) => q.path === p && q.which !== 'start value').x;
      expect(Math.min(x, 1 - x)).toBeLessThanOrEqual(AT_BOUND);
    }
    // text of 11 px (a regression: the values were written at 10 px)
    for (const l of s.layer.filter((l: Json) => l.mark.type === 'text')) expect(l.mark.fontSize).toBe(11);
  });

  it('params: rejects bounds out of order and a calibration without parameters', () => {
    const doc = makeCalibrationDoc();
    doc.params[1] = { ...doc.params[1]!, lo: 2, hi: 2 };
    expect(() => calibrationParamsChart(doc)).toThrow(
      "calibration-params: 'decision.rights' has bounds 2..2 (lo must be below hi)",
    );
    expect(() => calibrationParamsChart({ ...calibration, params: [] })).toThrow(
      /calibration-params: the calibration has no parameters/,
    );
  });
});

describe('forecast', () => {
  it('groups questions by family in order of appearance, ids in natural order within one', () => {
    const rows = forecastRows(forecast);
    expect([...new Set(rows.map((r) => r.panel))]).toEqual([
      'RU … (2 questions)',
      'CN … (2 questions)',
      'US … (1 question)',
      'first … (3 questions)',
      'recognizers … (3 questions)',
      'UN … (1 question)',
      'kandahar … (1 question)',
    ]);
    expect(rows.map((r) => r.order)).toEqual(rows.map((_, i) => i));
    expect(rows.filter((r) => r.family === 'recognizers').map((r) => r.id)).toEqual([
      'recognizers>=1 at 2025-12',
      'recognizers>=1 at 2026-12',
      'recognizers>=2 at 2025-12',
    ]);
    expect(rows.slice(0, 2).map((r) => [r.label, r.p, r.persistence, r.values])).toEqual([
      ['RU rung ≥ 6 by 2025-12', 0.41, 0, '41% (baseline 0%)'],
      ['RU rung ≥ 6 by 2026-12', 0.62, 0, '62% (baseline 0%)'],
    ]);
    const s = specOf(forecast, 'forecast');
    expect(rowsOf(s, 'forecast')).toEqual(rows);
    expect(s.encoding.y.sort).toEqual({ field: 'order', op: 'min' });
    // every other family on a band, the model drawn over the baseline
    expect(s.layer[0].transform).toEqual([{ filter: 'datum.panel_order % 2 === 1' }]);
    expect(s.layer.at(-1).transform[0]).toEqual({
      fold: ['persistence', 'p'],
      as: ['source', 'probability'],
    });
  });

  it('writes small shares with one decimal (a regression: "0%" beside a visible bar)', () => {
    const doc = makeForecastDoc();
    doc.questions[4]!.p = 0.004;
    doc.questions[4]!.persistence = 0.03;
    expect(forecastRows(doc).find((r) => r.id === doc.questions[4]!.id)!.values).toBe('0.4% (baseline 3%)');
  });

  it('derives families and sorts naturally', () => {
    expect(questionFamily('RU rung>=6 by 2025-12')).toBe('RU');
    expect(questionFamily('recognizers@2026-12 >= 3')).toBe('recognizers');
    expect(questionFamily('recognizers>=3 at 2026-12')).toBe('recognizers');
    expect(questionFamily('first recognizer none by 2026-12')).toBe('first');
    expect(questionFamily('>=3')).toBe('>=3');
    expect(['x>=10', 'x>=2', 'x>=1'].sort(naturalCompare)).toEqual(['x>=1', 'x>=2', 'x>=10']);
  });

  it('rejects a forecast without questions, probabilities outside 0..1 and repeated ids', () => {
    expect(() => buildValidationCharts({ ...forecast, questions: [] })).toThrow(
      new RangeError('forecast: the document has no questions'),
    );
    const bad = makeForecastDoc();
    bad.questions[2]!.p = 1.2;
    expect(() => buildValidationCharts(bad)).toThrow(
      "forecast: p of 'CN rung>=6 by 2025-12' must be a probability in 0..1 (got 1.2)",
    );
    const twice = makeForecastDoc();
    twice.questions.push(twice.questions[0]!);
    expect(() => buildValidationCharts(twice)).toThrow(/question 'RU rung>=6 by 2026-12' appears twice/);
  });
});

describe('explain-country', () => {
  it('the waterfall steps from 0 through each term to the total, which equals the drive', () => {
    for (const doc of [country, makeWesternExplanation()]) {
      const steps = waterfallData(doc);
      expect(steps).toHaveLength(doc.terms.length + 1);
      expect(steps[0]!.start).toBe(0);
      for (let i = 1; i < doc.terms.length; i++) expect(steps[i]!.start).toBeCloseTo(steps[i - 1]!.end, 12);
      const total = steps.at(-1)!;
      expect([total.term, total.start, total.end]).toEqual(['drive', 0, doc.drive]);
      expect(steps[doc.terms.length - 1]!.end).toBeCloseTo(doc.drive, 9);
      steps.slice(0, -1).forEach((s, i) => {
        expect(s.value).toBe(doc.terms[i]!.value);
        expect(s.end - s.start).toBeCloseTo(s.value, 12);
      });
    }
    const s = specOf(country, 'explain-country');
    expect(dataOf(s).find((r: Json) => r.term === 'drive').end).toBe(5.4);
    expect(
      rowsOf(s, 'steps')
        .map((r: Json) => r.value_label)
        .slice(0, 3),
    ).toEqual(['+1.00', '+0.900', '−0.100']);
  });

  it('has rules at the current rung and at the cap, and the options as a second panel', () => {
    const s = specOf(country, 'explain-country');
    const rules = rowsOf(s, 'rules');
    expect(rules.map((r: Json) => [r.kind, r.x, r.label, r.line])).toEqual([
      ['current rung', 4, 'now: rung 4', 0],
      ['cap', 5, 'cap: rung 5', 1],
    ]);
    expect(rules[1].detail).toBe('rung 5 (gate of rung 6: counter-terrorism cooperation ≥ 0.3)');
    expect(rowsOf(s, 'options').map((o: Json) => [o.rung, o.p, o.chosen])).toEqual([
      [3, 0, 'not taken'],
      [4, 0.82, 'not taken'],
      [5, 0.18, 'taken this month'],
    ]);
    // staying is an option taken too
    const stay = rowsOf(specOf(makeWesternExplanation(), 'explain-country'), 'options');
    expect(stay.map((o: Json) => [o.rung, o.chosen])).toEqual([
      [1, 'not taken'],
      [2, 'taken this month'],
      [3, 'not taken'],
    ]);
  });

  it('labels of the rules end at their rules, one line apart, so neither leaves the plot (a regression)', () => {
    const [drive] = specOf(country, 'explain-country').vconcat;
    const labels = drive.layer[0].layer.slice(1);
    expect(labels.map((l: Json) => [l.transform[0].filter, l.mark.align, l.encoding.y.value])).toEqual([
      ['datum.line === 0', 'right', -4],
      ['datum.line === 1', 'right', -18],
    ]);
  });

  it('labels every drive term of the model', () => {
    expect(Object.keys(DRIVE_TERM_LABELS)).toEqual([...DRIVE_TERMS]);
    const labels = waterfallData(country).map((s) => s.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('merges the rules when the country stands at its cap, and names a cap from listing', () => {
    const rulesOf = (doc: CountryExplanation) =>
      rowsOf(specOf(doc, 'explain-country'), 'rules').map((r: Json) => [r.label, r.detail]);
    // listed: at most rung 4 (diplomatic presence) until it delists
    const doc = { ...makeWesternExplanation(), rung_before: 4, cap: 4, binding_gate: null };
    const listed = 'rung 4 (listed: no ambassadors or recognition until it delists)';
    expect(rulesOf(doc)).toEqual([['now and cap: rung 4', listed]]);
    // the listing binds below a gate that would allow more; a gate that binds lower is named
    const gated = { ...doc, binding_gate: { rung: 6, when: 'ct_cooperation >= 0.6' } };
    expect(rulesOf(gated)).toEqual([['now and cap: rung 4', listed]]);
    expect(specOf(gated, 'explain-country').description).toContain(
      'Binding gate: reaching rung 6 needs counter-terrorism cooperation ≥ 0.6.',
    );
    const low = { ...doc, rung_before: 2, cap: 3, binding_gate: { rung: 4, when: 'womens_rights >= 0.4' } };
    expect(rulesOf(low)).toEqual([
      ['now: rung 2', 'rung 2 (informal contact)'],
      ['cap: rung 3', "rung 3 (gate of rung 4: women's and girls' rights ≥ 0.4)"],
    ]);
  });

  it('rejects terms that do not add up to the drive, and rungs outside 0..6', () => {
    expect(() => buildValidationCharts({ ...country, drive: 5 })).toThrow(
      'explain-country: the terms add up to 5.400000, not to the drive 5',
    );
    expect(() => buildValidationCharts({ ...country, cap: 7 })).toThrow(
      /explain-country: cap must be a whole rung from 0 to 6 \(got 7\)/,
    );
  });
});

describe('explain-faction', () => {
  it('has the power terms and their sum, the weights and the target against the ideal', () => {
    const s = specOf(faction, 'explain-faction');
    const terms = rowsOf(s, 'terms');
    expect(terms.map((t: Json) => t.label)).toEqual([
      'consolidation',
      'reform rewarded',
      'emboldening',
      'isolation crack-down',
      'sum of the terms',
    ]);
    expect(terms.at(-1).value).toBeCloseTo(0.039, 12);
    expect(rowsOf(s, 'policy').map((p: Json) => p.weight)).toEqual([0.72, 0.6, 0.7]);
    expect(rowsOf(s, 'policy_points')).toHaveLength(6);
    expect(s.vconcat.map((v: Json) => v.data?.name ?? v.layer.map((l: Json) => l.data.name))).toEqual([
      'terms',
      'policy',
      ['policy', 'policy_points'],
    ]);
  });

  it('rejects a faction without terms and a weight outside 0..1', () => {
    expect(() => buildValidationCharts({ ...faction, terms: [] })).toThrow(
      new RangeError('explain-faction: the document has no power terms'),
    );
    const doc = makeFactionExplanation();
    doc.policy[0]!.weight = 1.5;
    expect(() => buildValidationCharts(doc)).toThrow(/weight on 'womens_rights' must be a probability/);
  });
});

describe('explanations without options or policy', () => {
  it('leave out the panel and its dataset', async () => {
    const country = { ...makeCountryExplanation(), options: [] };
    const s = specOf(country, 'explain-country');
    expect(s.vconcat).toHaveLength(1);
    expect(Object.keys(s.datasets)).toEqual(['steps', 'rules']);
    const faction = { ...makeFactionExplanation(), policy: [] };
    const f = specOf(faction, 'explain-faction');
    expect(f.vconcat).toHaveLength(1);
    expect(Object.keys(f.datasets)).toEqual(['terms']);
    for (const spec of [s, f]) expect((await lintChart(spec)).findings).toEqual([]);
  });
});
