import { readFileSync } from 'node:fs';
import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import {
  BAND_COLOURS,
  backtestChart,
  backtestData,
  backtestGrid,
  backtestOrderChart,
  backtestScoresChart,
  headerLines,
  orderEntries,
  SCORE_ROOM,
} from '../../src/charts/backtest.js';
import {
  AT_BOUND,
  calibrationParamsChart,
  calibrationTraceChart,
  PARAM_POINT_KINDS,
  paramText,
} from '../../src/charts/calibration.js';
import { CAUSE_WORDS, DRIVE_TERM_LABELS, powerTermData, waterfallData } from '../../src/charts/explain.js';
import {
  FORECAST_SHOWN,
  forecastRows,
  hiddenTopics,
  informative,
  leftOutSentence,
  naturalCompare,
  questionFamily,
  questionTopic,
  readableQuestion,
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
import { skillText } from '../../src/charts/rolling.js';
import { factorLabel } from '../../src/charts/study.js';
import { INK, monthName, RECORD_GREY, sig3, signedSig3, textWidth } from '../../src/charts/style.js';
import { DRIVE_TERMS } from '../../src/model/index.js';
import { CAUSES } from '../../src/model/types.js';
import type { CountryExplanation } from '../../src/validation/docs.js';
import { checkEveryChart, overlappingAxisLabels, runtimeWarnings, sceneItems } from './checks.js';
import { type LintResult, lintChart } from './lint.js';
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
/** The real-size rolling backtest (test/fixtures/charts: 5 origins, 4 of them still improving). */
const rollingDoc = JSON.parse(
  readFileSync(new URL('../fixtures/charts/rolling.json', import.meta.url), 'utf8'),
) as ValidationDoc;

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
    'Model: middle 50% of the runs',
    'Model: middle 90% of the runs',
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
    'First month at rung ≥ 4 (diplomatic presence)',
    "Spearman's ρ = 0.900 · model reached 3 of 3 by Jul 2023",
    'First month at rung ≥ 5 (ambassador exchange)',
    "Spearman's ρ = 0.600 · model reached 2 of 3 by Jul 2023",
    'China',
    'Russia',
    'Iran',
    'Observed: first month at the rung',
    'Model: median first month of the runs',
    'Model: not by Jul 2023 (drawn at the edge)',
  ],
  'calibration/calibration-trace': [
    'Calibration: the search for the best parameters',
    'baseline · seed 42 · 100 paths per evaluation · 2021-08 to 2025-06',
    'best −88.4 at evaluation 24',
    'Evaluation',
    'Penalized log-likelihood of the record (higher is better)',
  ],
  'calibration/calibration-params': [
    'Calibration: the fitted parameters in their search ranges',
    factorLabel('decision.security'),
    factorLabel('countries.US.review_rate'),
    '0.0102',
    '1.85',
    '0.214',
    '0.0100',
    '0.200',
    'fitted, at a bound',
  ],
  'rolling/rolling': [
    'Out of sample: forecasts of who moves, refitted at each origin',
    'baseline · seed 42 · 500 runs · origins 2022-06, 2023-06',
    'Mean Brier score (lower is better)',
    "Reliability of the model's forecasts",
    'Model (refitted at each origin)',
    'Base rate before the origin',
    'Share that happened',
    '2 of 24 questions happened',
    '0.150',
    '0.167',
  ],
  'forecast/forecast': [
    'Forecast: 13 questions, Jul 2025 to Dec 2026',
    'baseline · seed 42 · 500 runs · 2025-07 to 2026-12 · created 2025-07-01',
    'Russia rung ≥ 6 by Dec 2026',
    'recognizers ≥ 1 in Dec 2026',
    'first recognizer none by Dec 2026',
    'first recognizer China',
    'Kandahar circle power ≥ 0.5 in Dec 2026',
    '62% (persistence 0%)',
    '83% (persistence 100%)',
    'Persistence (nothing changes)',
  ],
  'uzbekistan/explain-country': [
    'Why Uzbekistan stands where it does, Mar 2024',
    'baseline · seed 42 · 2024-03 · in one simulated run',
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
    "(b) This month's chances: a rung down, stay, or up",
    'up to 5 ambassador exchange',
    'stay at 4 diplomatic presence',
    'Chance this month',
    'taken this month',
  ],
  'united-states/explain-country': [
    'Why United States stands where it does, Jun 2023',
    'now: rung 2',
    'cap: rung 3',
    "(b) This month's chances: a rung down, stay, or up",
    'down to 1 humanitarian only',
    'not taken',
  ],
  'kandahar/explain-faction': [
    'Why the power of the Kandahar circle moved, Jun 2025',
    'baseline · seed 42 · 2025-06 · in one simulated run',
    '(a) The change of its power share this month, term by term',
    'reform rewarded',
    'isolation crack-down',
    'noise and the other factions',
    'change of the power share',
    'Change of the power share (percentage points)',
    '+1.50',
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
    "blue ring: the model's median first month over the 200 runs; ▶: the model's median is not there by Jul 2023, drawn at the edge.",
    '"Model reached k of n by Jul 2023": of the n countries shown',
  ],
  'calibration/calibration-trace': [
    "Dots: each evaluation's penalized log-likelihood (the record's log-likelihood minus the prior penalty of the per-country offsets, refitted each time)",
    // the plotted quantity and its figures: the trace's first and best, the fit's log-likelihood and penalty
    'It rose from −123 (evaluation 1) to −88.4 (evaluation 24): log-likelihood −84.4 minus penalty 4.00.',
    '4 parameters fitted by nelder-mead',
    // in-sample, with the number of parameters fitted to the record
    'In-sample Brier (',
    ': 0.112 before, 0.0980 after; persistence 0.104, trend 0.122; lower is better.',
  ],
  'calibration/calibration-params': [
    'Orange diamond: within 1% of the range from a bound; a wider range might fit better.',
    "Log-likelihood of the record −95.2 at the start (no offsets), −84.4 fitted (offsets' penalty 4.00);",
  ],
  'rolling/rolling': [
    '500 runs per forecast.',
    '2 of 24 questions happened (6 months: 0 of 12; 12 months: 2 of 12).',
    '12 months: model 0.150, persistence 0.167, base rate 0.155',
    '6 months: nothing happened',
    '12 months: +3% [−20%, +25%] over the base rate',
    'all horizons: 0% [−30%, +20%] over the base rate',
  ],
  'forecast/forecast': [
    'Dot: the share of the runs in which the event happens; square: persistence, the forecast that nothing changes',
  ],
  'uzbekistan/explain-country': [
    'Uzbekistan moved from rung 4 (diplomatic presence) to 5 (ambassador exchange) this month, after a peer, rival or patron changing its rung.',
    'Its drive, the rung its interests point to, is 5.40 rungs',
    'Cap: rung 5 (ambassador exchange); gate of rung 6: counter-terrorism cooperation ≥ 0.3.',
    'Uzbekistan does not list the Taliban.',
    'First-mover cost of the next rung: 0.100 rungs.',
  ],
  'united-states/explain-country': [
    'United States stays at rung 2 (informal contact) this month.',
    "A move needs a reason the country saw lately; this month's: a shift of Taliban policy.",
    "Cap: rung 3 (official talks); gate of rung 4: women's and girls' rights ≥ 0.4.",
    'United States lists the Taliban: no ambassadors or recognition until it delists.',
  ],
  'kandahar/explain-faction': [
    'The power share of Kandahar circle went from 62.0% to 63.5% (+1.50 points) this month.',
    'Panel (a): the change term by term in points; the parts add up to the change.',
    '"Noise and the other factions" (',
    'Inputs this month: engagement earned by reform 0.0500 (rewards reform), legitimacy without reform 0.300 (emboldens), Western isolation 0.400 (crack-down).',
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
  // laid out once: the SVG for the checks of every chart, the lint's findings for the page test
  const rendered: LintResult[] = [];
  for (const c of charts) rendered.push(await lintChart(c.spec));

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
    charts.map((c, i) => [`${c.tag}/${c.kind}`, i] as const),
  )('%s: fits the page and passes the chart lint', (_, i) => {
    expect(rendered[i]!.findings).toEqual([]);
    expect(rendered[i]!.width).toBeLessThanOrEqual(640);
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
    // zero as '0', not '0.00' beside '0.0500' (a regression: mixed digits)
    expect(params.map((r: Json) => [r.lo_label, r.hi_label, r.start_label, r.fitted_label])).toEqual([
      ['0', '3.00', '1.20', '1.85'],
      ['0', '2.00', '0.800', '2.00'],
      ['0.0500', '1.00', '0.300', '0.214'],
      ['0.0100', '0.200', '0.0500', '0.0102'],
    ]);
    expect([0, 0.06, 0.0052, 12, -0.3].map(paramText)).toEqual(['0', '0.0600', '0.00520', '12.0', '−0.300']);
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
    // blocs side by side while a row has room: West and Great powers, then Neighbours
    expect(s.vconcat.map((v: Json) => v.hconcat.length)).toEqual([2, 1]);
    const blocs = s.vconcat.flatMap((v: Json) => v.hconcat);
    expect(blocs.map((b: Json) => b.title?.text)).toEqual(['West', 'Great powers', 'Neighbours']);
    expect(blocs.map((b: Json) => b.facet.column.sort)).toEqual([
      ['United States', 'United Kingdom'],
      ['China', 'Russia'],
      ['Pakistan', 'Iran'],
    ]);
    // each bloc takes its countries from the one dataset
    expect(blocs.map((b: Json) => b.transform[0].filter.oneOf)).toEqual(
      blocs.map((b: Json) => b.facet.column.sort),
    );
  });

  it('fills the width with as many panels a row as leave room for the longest name (a regression: 928 px)', () => {
    const names = BACKTEST_LARGE.map((c) => c.name);
    const page = backtestGrid(names, 640);
    // five a row (a regression: three, 425 mm tall), a long name on two lines
    expect(page.columns).toBe(5);
    expect(page.columns * page.panel).toBeLessThanOrEqual(640 - 24 - 84);
    expect(backtestGrid(names, 1000).columns).toBe(6);
    expect(backtestGrid(['Iran', 'Iraq'], 640).columns).toBe(5);
    // a name without a space is never broken: it sets the least width
    expect(backtestGrid(['Kyrgyzstanistanistan'], 640).columns).toBe(3);
    expect(headerLines('United Arab Emirates', page.panel)).toEqual(['United Arab', 'Emirates']);
    // at five a row even 'United Kingdom' takes two lines; one where there is room
    expect(headerLines('United Kingdom', page.panel)).toEqual(['United', 'Kingdom']);
    expect(headerLines('United Kingdom', 160)).toEqual(['United Kingdom']);
    const large = specOf(makeBacktestDoc({ countries: BACKTEST_LARGE, months: 48 }), 'backtest');
    // a row holds at most five panels, blocs packed side by side (a bloc too long goes on under itself)
    const rows = large.vconcat.map((v: Json) =>
      v.hconcat.reduce((n: number, b: Json) => n + b.facet.column.sort.length, 0),
    );
    expect(rows).toEqual([5, 4, 2, 5, 4, 3]);
    expect(Math.max(...rows)).toBe(5);
  });

  it('is shorter: blocs packed five panels a row, 80 px each, every rung named (a regression: 1585 px tall)', async () => {
    const large = makeBacktestDoc({ countries: BACKTEST_LARGE, months: 48 });
    const r = await lintChart(backtestChart(large));
    expect(r.findings).toEqual([]);
    expect(r.height).toBeLessThan(1250);
    // every rung's label in every row: none hidden for want of room
    const rows = (backtestChart(large) as Json).vconcat.length;
    for (const rung of ['hostile', 'humanitarian', 'talks', 'recognition'])
      expect(r.svg.split(`>${rung}</text>`).length - 1, rung).toBe(rows);
    // the long name on two lines over its panel
    const gulf = makeBacktestDoc({
      countries: [{ id: 'ARE', name: 'United Arab Emirates', bloc: 'gulf', path: '0:2 6:3' }],
    });
    const svg = (await lintChart(backtestChart(gulf))).svg;
    expect(svg).toContain('>United Arab</tspan>');
    expect(svg).toContain('>Emirates</tspan>');
  });

  it('draws the 90% band, the 50% band, the rungs, the median, and the observed rung as a step line on top', () => {
    const layers = s.vconcat[0].hconcat[0].spec.layer;
    expect(layers.map((l: Json) => l.mark.type)).toEqual([
      'area',
      'area',
      'rule',
      'line',
      'point',
      'line',
      'point',
    ]);
    expect([layers[0].encoding.y.field, layers[0].encoding.y2.field]).toEqual(['p05', 'p95']);
    expect([layers[1].encoding.y.field, layers[1].encoding.y2.field]).toEqual(['p25', 'p75']);
    // the rungs' grid over the opaque bands, under the lines
    expect(layers[2].encoding.y.field).toBe('rung');
    expect(layers[0].encoding.y.axis.grid).toBe(false);
    expect(layers[3].encoding.y.field).toBe('p50');
    expect(layers[5].encoding.y.field).toBe('observed');
    for (const l of [layers[0], layers[1], layers[3], layers[5]])
      expect(l.mark.interpolate).toBe('step-after');
    expect(layers[5].mark.color ?? layers[5].encoding.color.datum).toBe('Observed rung');
    expect(layers[0].encoding.y.axis.values).toEqual([0, 1, 2, 3, 4, 5, 6]);
  });

  it('has a legend entry for each band, in the colour the band is drawn (a regression: none)', async () => {
    const layers = s.vconcat[0].hconcat[0].spec.layer;
    expect(layers.slice(0, 2).map((l: Json) => [l.encoding.fill.datum, l.mark.opacity])).toEqual([
      ['Model: middle 90% of the runs', 1],
      ['Model: middle 50% of the runs', 1],
    ]);
    // the colours the translucent blue of the fan makes on white: the 50% band darker
    expect(layers[0].encoding.fill.scale.range).toEqual(BAND_COLOURS);
    expect(BAND_COLOURS).toEqual(['#92c3de', '#d6e8f3']);
    const svg = (await lintChart(s)).svg;
    for (const [band, colour] of [
      ['Model: middle 50% of the runs', BAND_COLOURS[0]],
      ['Model: middle 90% of the runs', BAND_COLOURS[1]],
    ]) {
      expect(svg).toContain(`>${band}</text>`);
      expect(svg).toContain(`fill="${colour}"`);
    }
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

  it('pads the rung-error axis so a marker at 0 is drawn off the axis line (a regression: markers on the names)', () => {
    const b = backtestScoresChart(backtest) as unknown as Json;
    for (const l of b.vconcat[1].layer) {
      expect(l.encoding.x.scale).toEqual({ zero: true, nice: false, padding: SCORE_ROOM });
    }
    expect(SCORE_ROOM).toBeGreaterThanOrEqual(Math.sqrt(70) / 2 + 2);
  });

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

  it('draws the model over persistence where they agree, persistence hollow (a regression: the dot hidden)', () => {
    const points = rowsOf(s, 'by_country');
    // per country the model's point comes last in the data: vega draws it on top
    for (let i = 0; i < points.length; i += 3) expect(points[i + 2].forecaster).toBe('Model');
    const enc = s.vconcat[1].layer[1].encoding;
    expect(enc.fill.scale).toEqual({
      domain: ['Model', 'Persistence', 'Trend'],
      range: ['#0072B2', 'transparent', enc.stroke.scale.range[2]],
    });
    expect(enc.stroke.scale.range[1]).not.toBe('transparent');
    // one legend, the points' (hollow square for persistence); the bars' colours are named on their axis
    expect(s.vconcat[0].spec.layer[0].encoding.color.legend).toBeNull();
  });

  it('says lower is better in both panels', () => {
    expect(s.vconcat.map((v: Json) => v.title.text)).toEqual([
      '(a) Overall, over all countries and months (lower is better)',
      '(b) Rung error by country, largest model error first (lower is better)',
    ]);
    expect(s.vconcat[1].layer[1].encoding.x.title).toMatch(/\(lower is better\)$/);
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
    // each point as the legend entry it is drawn as: a dot, a ring, a ▶ (a regression: a blue dot in the
    // legend that the chart never drew)
    const entries = orderEntries(backtest.end);
    expect(iran.map((r: Json) => r.entry)).toEqual([entries[0], entries[2]]);
    expect(five.find((r: Json) => r.country === 'China' && r.source === 'Model median').entry).toBe(
      entries[1],
    );
    const points = s.vconcat[1].layer[1].encoding;
    expect(points.shape.scale).toEqual({ domain: entries, range: ['circle', 'circle', 'triangle-right'] });
    expect(points.fill.scale.range).toEqual(['#222222', 'transparent', 'transparent']);
    expect(points.stroke.scale.range).toEqual(['#222222', '#0072B2', '#0072B2']);
    // "model reached k of n by <end>" beside rho
    expect(s.vconcat.map((v: Json) => v.title.subtitle)).toEqual([
      "Spearman's ρ = 0.900 · model reached 3 of 3 by Jul 2023",
      "Spearman's ρ = 0.600 · model reached 2 of 3 by Jul 2023",
    ]);
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
    expect([s.vconcat[0].title.subtitle].flat().join(' ')).toContain("Spearman's ρ not defined");
    expect(s.description).toContain(
      "Left out of rung ≥ 4 (diplomatic presence), as they reached it neither in the data nor in the model's median: United States.",
    );
    expect(rowsOf(s, 'order_spans').map((r: Json) => r.country)).not.toContain('United States');
  });

  it('draws a country the data do not show at the rung without a dot, and says so', () => {
    const doc = makeBacktestDoc();
    doc.order[0]!.countries.push({ country: 'USA', observed: null, model_median: '2022-05' });
    const s = specOf(doc, 'backtest-order');
    const us = rowsOf(s, 'order_points').filter((r: Json) => r.k === 4 && r.country === 'United States');
    expect(us.map((r: Json) => r.source)).toEqual(['Model median']);
    expect(rowsOf(s, 'order_spans').map((r: Json) => r.country)).not.toContain('United States');
    expect(s.vconcat[0].title.subtitle).toContain('model reached 4 of 4 by Jul 2023');
    expect(s.description).toContain(
      'Not observed at rung ≥ 4 (diplomatic presence) by Jul 2023, so drawn without a dot: United States.',
    );
  });

  it('prints no rho when the model reaches fewer than half of the countries', () => {
    // a regression: "ρ = 0.725" printed plainly when the model reached 1 of 5 (the rest tied at the end)
    const doc = makeBacktestDoc();
    for (const c of doc.order[0]!.countries.slice(1)) c.model_median = null;
    const s = specOf(doc, 'backtest-order');
    const [four, five] = s.vconcat.map((v: Json) => [v.title.subtitle].flat().join(' '));
    // a second reader still read the number printed beside 'not meaningful'
    expect(four).toBe("Spearman's ρ: n/a (the model reached 1 of 3 by Jul 2023: too few to rank)");
    // half or more reached: rho plainly
    expect(five).toBe("Spearman's ρ = 0.600 · model reached 2 of 3 by Jul 2023");
    expect(s.description).toContain('not meaningful when the model reaches fewer than half of the countries');
  });

  it('names the countries left out because they stood at the rung at the start', () => {
    const s = specOf(backtest, 'backtest-order');
    // Pakistan starts at rung 4: not in the rung-4 panel, and the caption says why
    expect(
      rowsOf(s, 'order_points')
        .filter((r: Json) => r.k === 4)
        .map((r: Json) => r.country),
    ).not.toContain('Pakistan');
    expect(s.description).toContain(
      `Left out of rung ≥ 4 (diplomatic presence), as they stood there at the start (${monthName(backtest.start)}): Pakistan.`,
    );
    // nobody starts at rung 5: no such sentence
    expect(s.description).not.toContain('Left out of rung ≥ 5');
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

  it('draws a mark at 0% or 100% inside the frame, not across it (reader 3: squares straddling the frame)', async () => {
    const doc = makeForecastDoc();
    doc.questions = [
      { id: 'RU rung>=5 by 2027-12', text: 'a question', p: 0.3, persistence: 0 },
      { id: 'kandahar power>=0.5 in 2027-12', text: 'a question', p: 0.96, persistence: 1 },
    ];
    const marks = await sceneItems(specOf(doc, 'forecast'), 'symbol');
    expect(marks).toHaveLength(4);
    for (const m of marks) {
      const r = Math.sqrt(m.size) / 2;
      expect(m.x - r).toBeGreaterThanOrEqual(0);
      expect(m.x + r).toBeLessThanOrEqual(m.mark.group.width);
    }
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
      label: '0.150',
    });
    expect(rowsOf(s, 'reliability').map((b: Json) => b.n)).toEqual([12, 4, 4, 4]);
    expect([...s.hconcat[0].vconcat, s.hconcat[1]].map((v: Json) => v.data.name)).toEqual([
      'scores',
      'skill',
      'reliability',
    ]);
  });

  it("writes the model's skill, its interval and what it says under the bars (a regression: only in the caption)", () => {
    const real = specOf(rollingDoc, 'rolling');
    expect(rowsOf(real, 'skill')).toEqual([
      {
        lines: [
          "Model's skill over persistence, all horizons:",
          '+4% [−7%, +13%] (90% interval): no clear gain',
        ],
      },
    ]);
    expect(real.hconcat[0].vconcat[1].encoding.text).toEqual({ field: 'lines' });
    // an interval above 0 is a clear gain, below it clearly worse; nothing happened: no skill
    const doc = makeRollingDoc();
    const all = doc.scores.find((x) => x.horizon === 'all')!;
    all.skill = { reference: 'base_rate', point: 0.2, lo: 0.05, hi: 0.3, level: 0.9, skipped: 0 };
    expect(skillText(doc)[1]).toBe('+20% [+5%, +30%] (90% interval): a clear gain');
    expect(skillText(doc)[0]).toContain('over the base rate');
    all.skill = { reference: 'persistence', point: -0.2, lo: -0.3, hi: -0.01, level: 0.9, skipped: 0 };
    expect(skillText(doc)[1]).toMatch(/: clearly worse$/);
    all.skill = null;
    expect(skillText(doc).join(' ')).toBe('all horizons: nothing happened, so no skill to measure');
  });

  it("has no '0' in the size legend: the bubbles' scale starts at 1 question (a regression)", async () => {
    const s = specOf(rollingDoc, 'rolling');
    expect(s.hconcat[1].layer[1].encoding.size.scale.domainMin).toBe(1);
    const [out] = await renderSpecs([{ kind: 'rolling', spec: s }], ['svg']);
    const labels = [...out!.svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    const at = labels.indexOf('Questions');
    expect(at).toBeGreaterThanOrEqual(0);
    expect(labels.slice(at + 1)).not.toContain('0');
  });

  it('says in the caption when refits stopped while still improving', () => {
    expect(specOf(rollingDoc, 'rolling').description).toContain(
      'At 4 of the 5 origins the refit was still improving when its',
    );
    const doc = makeRollingDoc();
    expect(specOf(doc, 'rolling').description).not.toContain('still improving');
    doc.origins[0]!.still_improving = true;
    expect(specOf(doc, 'rolling').description).toContain(
      `At 1 of the ${doc.origins.length} origins the refit was still improving`,
    );
    for (const o of doc.origins) o.still_improving = false;
    expect(specOf(doc, 'rolling').description).not.toContain('still improving');
  });

  it('writes each Brier score beside its bar (a regression: bars without values)', () => {
    const s = specOf(rolling, 'rolling');
    const layers = s.hconcat[0].vconcat[0].spec.layer;
    expect(layers.map((l: Json) => l.mark.type)).toEqual(['bar', 'text']);
    expect(layers[1].encoding.text).toEqual({ field: 'label' });
    expect(rowsOf(s, 'scores').map((r: Json) => r.label)).toEqual([
      '0.00710',
      '0.00',
      '0.00160',
      '0.150',
      '0.167',
      '0.155',
      '0.0787',
      '0.0833',
      '0.0785',
    ]);
  });

  it('says on the chart how many questions happened (a regression: only in the caption)', () => {
    const s = specOf(rolling, 'rolling');
    expect(s.hconcat[1].title.subtitle).toBe('2 of 24 questions happened');
  });

  it('keeps the bubbles off the axis labels: small, and the axes padded (a regression: a 0% label covered)', async () => {
    const doc = makeRollingDoc();
    // the largest bin at the corner, where the labels 0% are
    doc.reliability[0] = { lo: 0, hi: 0.05, n: 400, mean_p: 0, observed: 0 };
    const s = specOf(doc, 'rolling');
    const bubble = s.hconcat[1].layer[1].encoding;
    expect(bubble.size.scale.range).toEqual([15, 250]);
    expect(bubble.x.scale.padding).toBeGreaterThanOrEqual(Math.sqrt(250 / Math.PI));
    expect(bubble.y.scale.padding).toBeGreaterThanOrEqual(Math.sqrt(250 / Math.PI));
    expect((await lintChart(s)).findings).toEqual([]);
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
  it('trace: penalized log-likelihood points, a step line of the best, the best evaluation ringed', () => {
    const s = specOf(calibration, 'calibration-trace');
    expect(rowsOf(s, 'trace')).toHaveLength(60);
    const [restarts, points, best, ring] = s.layer;
    expect(restarts.transform).toEqual([{ filter: 'datum.restart' }]);
    expect(points.encoding.y.field).toBe('penalized');
    expect(best.mark.interpolate).toBe('step-after');
    expect(best.encoding.y.field).toBe('best');
    expect(ring.data).toEqual({ name: 'best' });
    expect(rowsOf(s, 'best')).toEqual([
      expect.objectContaining({ evaluation: 24, label: 'best −88.4 at evaluation 24', side: 'right' }),
    ]);
    // the loss with its sign turned, the best a running maximum
    rowsOf(s, 'trace').forEach((r: Json, i: number) => {
      expect(r.penalized).toBe(-calibration.trace[i]!.loss);
      expect(r.best).toBe(-calibration.trace[i]!.best);
    });
    // a best over the whole search never rises: no restart visible
    expect(rowsOf(s, 'trace').some((r: Json) => r.restart)).toBe(false);
  });

  it('trace: the axis and the caption tell of one quantity, with the same figures (a regression: loss 67.3 against log-likelihood −90.5)', () => {
    const s = specOf(calibration, 'calibration-trace');
    expect(s.layer[1].encoding.y.title).toBe('Penalized log-likelihood of the record (higher is better)');
    const first = rowsOf(s, 'trace')[0].penalized;
    const top = rowsOf(s, 'best')[0].penalized;
    // the figures of the caption are the plotted ones, and the best is the fit's log-likelihood − penalty
    expect(s.description).toContain(
      `It rose from ${sig3(first)} (evaluation 1) to ${sig3(top)} (evaluation 24)`,
    );
    const { after, prior_penalty } = calibration.likelihood;
    expect(after.loglik - prior_penalty).toBeCloseTo(top, 6);
    // the log-likelihood without offsets (another quantity) is left to the parameters' chart
    expect(s.description).not.toContain(sig3(calibration.likelihood.before.loglik));
  });

  it('says the Brier is in-sample, with the number of parameters fitted (a regression: read as a forecast score)', () => {
    const { parameters } = calibration.likelihood;
    const offsets = parameters - calibration.params.length;
    for (const kind of ['calibration-trace', 'calibration-params'])
      expect(specOf(calibration, kind).description).toContain(
        `In-sample Brier (${parameters} parameters fitted to this record, ${offsets} of them country offsets):`,
      );
  });

  it('warns of Monte Carlo noise from the effective paths, and only when the doc has them', () => {
    const { ess } = calibration.likelihood.after;
    const warning = `Effective paths at the fit: ${sig3(ess.country)} per country, ${sig3(ess.joint)} jointly, so differences this small may be Monte Carlo noise.`;
    for (const kind of ['calibration-trace', 'calibration-params'])
      expect(specOf(calibration, kind).description).toContain(warning);
    const doc = makeCalibrationDoc();
    (doc.likelihood.after as { ess?: unknown }).ess = undefined;
    expect(specOf(doc, 'calibration-trace').description).not.toContain('Monte Carlo');
  });

  it('keeps the captions of the real calibration short (a regression: 172 words)', () => {
    const real = JSON.parse(
      readFileSync(new URL('../fixtures/charts/calibration.json', import.meta.url), 'utf8'),
    ) as ValidationDoc;
    for (const kind of ['calibration-trace', 'calibration-params'])
      expect(specOf(real, kind).description.split(/\s+/).length).toBeLessThanOrEqual(125);
  });

  it("trace: a tick every 64 px or more on the evaluations' axis (a regression: '38 40' crowded)", () => {
    const s = specOf(calibration, 'calibration-trace');
    expect(s.encoding.x.axis.tickCount).toBe(Math.floor(s.width / 64));
    const narrow = calibrationTraceChart(calibration, { width: 320 }) as Json;
    expect(narrow.encoding.x.axis.tickCount).toBe(Math.floor(narrow.width / 64));
    expect(narrow.encoding.x.axis.tickCount).toBeLessThan(s.encoding.x.axis.tickCount);
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
      ["datum.side === 'left'", 'right', 'bottom'],
      ["datum.side === 'right'", 'left', 'bottom'],
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
    // readable names on the axis, the paths in the tooltip and the caption (a regression: code names)
    expect(rows.map((r: Json) => r.name)).toEqual(calibration.params.map((p) => factorLabel(p.path)));
    expect(s.encoding.y.field).toBe('name');
    expect(rows[0].start_x).toBeCloseTo(0.4, 10);
    expect(rows[0].fitted_x).toBeCloseTo(1.85 / 3, 10);
    const points = rowsOf(s, 'param_points');
    const atBound = points.filter((p: Json) => p.which === PARAM_POINT_KINDS[2]).map((p: Json) => p.path);
    expect(atBound).toEqual(['decision.rights', 'countries.US.review_rate']);
    for (const p of atBound) {
      const x = points.find((q: Json) => q.path === p && q.which !== PARAM_POINT_KINDS[0]).x;
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
  it('says it starts from the observed state (a reader could not tell it from the Aug 2021 baseline replay)', () => {
    const s: Json = specOf(forecast, 'forecast');
    expect(s.description).toMatch(
      new RegExp(`^The runs start in ${monthName(forecast.from)} from the observed state then`),
    );
  });

  it('groups questions by family in order of appearance, ids in natural order within one', () => {
    const rows = forecastRows(forecast);
    expect([...new Set(rows.map((r) => r.panel))]).toEqual([
      'Russia … (2 questions)',
      'China … (2 questions)',
      'United States … (1 question)',
      'first … (3 questions)',
      'recognizers … (3 questions)',
      'UN … (1 question)',
      'Kandahar circle … (1 question)',
    ]);
    expect(rows.map((r) => r.order)).toEqual(rows.map((_, i) => i));
    expect(rows.filter((r) => r.family === 'recognizers').map((r) => r.id)).toEqual([
      'recognizers>=1 at 2025-12',
      'recognizers>=1 at 2026-12',
      'recognizers>=2 at 2025-12',
    ]);
    expect(rows.slice(0, 2).map((r) => [r.label, r.p, r.persistence, r.values])).toEqual([
      ['Russia rung ≥ 6 by Dec 2025', 0.41, 0, '41% (persistence 0%)'],
      ['Russia rung ≥ 6 by Dec 2026', 0.62, 0, '62% (persistence 0%)'],
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
    expect(forecastRows(doc).find((r) => r.id === doc.questions[4]!.id)!.values).toBe(
      '0.4% (persistence 3%)',
    );
  });

  it('names countries and factions, not their codes, when the document keeps the actors (a regression: RU, IR…)', () => {
    const names = new Map([
      ['RU', 'Russia'],
      ['kandahar', 'Kandahar circle'],
    ]);
    expect(readableQuestion('RU rung>=6 by 2025-12', names)).toBe('Russia rung ≥ 6 by Dec 2025');
    expect(readableQuestion('first recognizer RU', names)).toBe('first recognizer Russia');
    // a state in a month reads "in", a first passage "by"
    expect(readableQuestion('recognizers>=3 at 2026-12', names)).toBe('recognizers ≥ 3 in Dec 2026');
    expect(readableQuestion('kandahar power>=0.5 at 2026-12', names)).toBe(
      'Kandahar circle power ≥ 0.5 in Dec 2026',
    );
    // 'UN' is no country: it stays
    expect(readableQuestion('UN seat 2025-12', names)).toBe('UN seat Dec 2025');
    // a document written before the actors were kept: the codes stay, and the caption says why
    const old = makeForecastDoc({ actors: false });
    expect(forecastRows(old)[0]!.label).toBe('RU rung ≥ 6 by Dec 2025');
    expect(specOf(old, 'forecast').description).toContain(
      'Countries and factions by id: the document predates their names.',
    );
    expect(specOf(forecast, 'forecast').description).not.toContain('predates');
  });

  it('says which kinds of question are all left out as sure, e.g. every formal recognition (a regression: hidden silently)', () => {
    const doc = makeForecastDoc();
    // nobody recognizes: every rung ≥ 6 question and every first recognizer below 2%
    for (const q of doc.questions)
      if (/rung>=6|first recognizer [A-Z]/.test(q.id)) {
        q.p = 0.004;
        q.persistence = 0;
      }
    const s = specOf(doc, 'forecast');
    expect(s.description).toMatch(
      /as persistence does, among them all 3 on formal recognition \(rung ≥ 6\); forecast\.csv has all/,
    );
    // 'nobody by the end' is shown: the first recognizers are not said to be left out
    expect(s.description).not.toContain('the first to recognize');
    // … until it is as sure as persistence
    doc.questions.find((q) => q.id.startsWith('first recognizer none'))!.p = 0.995;
    expect(specOf(doc, 'forecast').description).toContain(
      'among them all 3 on formal recognition (rung ≥ 6) and all 3 on the first to recognize;',
    );
    expect(rowsOf(s, 'forecast').map((r: Json) => r.id)).not.toContain('RU rung>=6 by 2025-12');
    // a kind with one question shown is not said to be left out
    expect(s.description).not.toContain('ambassador exchange');
    expect(questionTopic('RU rung>=6 by 2025-12')).toBe('formal recognition (rung ≥ 6)');
    expect(hiddenTopics(forecast, shownQuestions(forecast.questions))).toEqual([]);
  });

  it('says what is left out in one sentence (a regression: five "left out" sentences)', () => {
    const doc = makeForecastDoc();
    for (const q of doc.questions)
      if (/rung>=6|first recognizer/.test(q.id)) {
        q.p = q.persistence === 1 ? 0.995 : 0.004;
      }
    const text = specOf(doc, 'forecast').description as string;
    expect(text.match(/left out/gi)).toHaveLength(1);
    // one kind: 'the one on …'; the list joined with 'and'
    for (const q of doc.questions) Object.assign(q, { p: 0.001, persistence: 0 });
    expect(leftOutSentence(doc, 0, ['the one on the UN seat'])).toContain(
      'as persistence does, among them the one on the UN seat;',
    );
    expect(leftOutSentence(doc, 0, ['a', 'b', 'c'])).toContain('among them a, b and c;');
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
    // one layer, each label lifted by its line (no layer a line: one would run empty when rules merge)
    expect(labels).toHaveLength(1);
    expect([labels[0].mark.align, labels[0].encoding.y.value, labels[0].mark.dy]).toEqual([
      'right',
      -4,
      { expr: '-14 * datum.line' },
    ]);
  });

  it('draws without a runtime warning when the rules merge into one (a regression: empty label layers, an infinite extent)', async () => {
    const merged = { ...country, rung_before: 5, cap: 5, rung_after: 5 };
    expect(rowsOf(specOf(merged, 'explain-country'), 'rules')).toHaveLength(1);
    expect(await runtimeWarnings(specOf(merged, 'explain-country'))).toEqual([]);
  });

  it('sets the record’s rung beside the run’s, in the record’s grey, merged where they meet (reader 3)', () => {
    const rulesOf = (doc: CountryExplanation) =>
      rowsOf(specOf(doc, 'explain-country'), 'rules').map((r: Json) => [r.label, r.line, r.colour]);
    expect(rulesOf({ ...country, observed: 2 })).toEqual([
      ['record: rung 2', 0, RECORD_GREY],
      ['now: rung 4', 1, INK],
      ['cap: rung 5', 2, INK],
    ]);
    expect(rulesOf({ ...country, observed: 5 })).toEqual([
      ['now: rung 4', 0, INK],
      ['cap and record: rung 5', 1, INK],
    ]);
    expect(specOf({ ...country, observed: 2 }, 'explain-country').description).toContain(
      'The record has Uzbekistan at rung 2 (informal contact) that month (grey rule), where this run has 5 (ambassador exchange).',
    );
    // without the record: no rule, no sentence
    expect(rulesOf(country).map((r: Json[]) => r[0])).toEqual(['now: rung 4', 'cap: rung 5']);
    expect(specOf(country, 'explain-country').description).not.toContain('The record has');
  });

  it('writes a term that adds nothing as a grey 0 at the plot’s left edge, off the rules (reader 3: "0.00" on the cap line)', () => {
    const steps = waterfallData(country);
    const zero = steps.filter((s) => s.zero).map((s) => [s.term, s.value_label]);
    expect(zero).toEqual([
      ['alignment', '0'],
      ['reserves', '0'],
    ]);
    const [drive] = specOf(country, 'explain-country').vconcat;
    const texts = drive.layer[1].layer.filter((l: Json) => l.mark.type === 'text');
    expect(texts.map((l: Json) => [l.transform[0].filter, l.encoding.x.value ?? l.encoding.x.field])).toEqual(
      [
        ['!datum.zero', 'label_x'],
        ['datum.zero', 0],
      ],
    );
  });

  it('puts a white ground under each value, over the dashed rules (a regression: values struck through)', () => {
    const [drive] = specOf(country, 'explain-country').vconcat;
    const steps = drive.layer[1].layer;
    expect(steps.map((l: Json) => l.mark.type)).toEqual(['bar', 'rect', 'text', 'text']);
    const ground = steps[1];
    expect(ground.mark.color).toBe('white');
    expect(ground.encoding.x.field).toBe('label_x');
    expect(steps[2].encoding.x.field).toBe('label_x');
    // as wide as the widest value at 11 px
    expect(ground.mark.x2Offset - ground.mark.xOffset).toBeGreaterThanOrEqual(textWidth('−0.00400', 11));
    // the rules are drawn before the grounds
    expect(drive.layer[0].data).toEqual({ name: 'rules' });
  });

  it('says it is one simulated run, not the record (a regression: read as what happened)', () => {
    expect(specOf(country, 'explain-country').title.subtitle).toBe(
      `${country.scenario} · seed ${country.seed} · ${country.date} · in one simulated run`,
    );
  });

  it('speaks plainly: chances, not hazards; what it saw, not the cause in view (a regression: jargon)', () => {
    for (const doc of [country, makeWesternExplanation()]) {
      const s = specOf(doc, 'explain-country');
      const text = JSON.stringify([s.vconcat.map((v: Json) => v.title), s.description, rowsOf(s, 'options')]);
      expect(text).not.toMatch(/hazard|cause in view|\(cause/);
    }
    expect(Object.keys(CAUSE_WORDS)).toEqual([...CAUSES]);
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
      'noise and the other factions',
      'change of the power share',
    ]);
    expect(terms.at(-1).value).toBeCloseTo(0.015, 12);
    expect(terms.at(-1).value_label).toBe('+1.50');
    expect(rowsOf(s, 'policy').map((p: Json) => p.weight)).toEqual([0.72, 0.6, 0.7]);
    expect(rowsOf(s, 'policy_points')).toHaveLength(6);
    expect(s.vconcat.map((v: Json) => v.data?.name ?? v.layer.map((l: Json) => l.data.name))).toEqual([
      'terms',
      'policy',
      ['policy', 'policy_points'],
    ]);
  });

  it('adds up to the drawn change: the rest is its own bar (a regression: power fell, every bar positive)', () => {
    // power fell although every named term raises it
    const doc = { ...makeFactionExplanation(), power_before: 0.7109, power_after: 0.7069 };
    const terms = powerTermData(doc);
    const change = terms.at(-1)!;
    expect(change.value).toBeCloseTo(-0.004, 12);
    const parts = terms.slice(0, -1);
    expect(parts.reduce((s, t) => s + t.value, 0)).toBeCloseTo(change.value, 12);
    // a waterfall: each part from where the one above ended, the change from 0
    parts.forEach((t, i) => {
      expect(t.start).toBeCloseTo(i === 0 ? 0 : parts[i - 1]!.end, 12);
      expect(t.end - t.start).toBeCloseTo(t.value, 12);
    });
    expect([change.start, change.end]).toEqual([0, change.value]);
    const rest = terms.find((t) => t.term === 'rest')!;
    expect(rest.value).toBeLessThan(0);
    expect(rest.kind).toBe('lowers it');
    // each named part in proportion to its growth of log power (the logarithmic mean of the shares)
    const mean = (0.7069 - 0.7109) / Math.log(0.7069 / 0.7109);
    parts.slice(0, -1).forEach((t, i) => {
      expect(t.log_value).toBe(doc.terms[i]!.value);
      expect(t.value).toBeCloseTo(t.log_value * mean, 12);
    });
    const s = specOf(doc, 'explain-faction');
    expect(s.description).toContain('went from 71.1% to 70.7% (−0.400 points) this month.');
    expect(s.description).toContain('the parts add up to the change.');
    // negative values left of their bars, at the bar's end
    expect(rowsOf(s, 'terms').every((t: Json) => t.label_x === t.end)).toBe(true);
    // equal shares: the factor is the share itself, no division by zero
    const still = powerTermData({ ...doc, power_after: doc.power_before });
    expect(still.every((t) => Number.isFinite(t.value))).toBe(true);
    expect(still.at(-1)!.value).toBe(0);
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

describe('caption lengths (a regression: captions over 190 words)', () => {
  it('keeps the faction explanation and the forecast captions to about 120 words', () => {
    for (const [doc, kind] of [
      [faction, 'explain-faction'],
      [forecast, 'forecast'],
    ] as const)
      expect(specOf(doc, kind).description.split(/\s+/).length).toBeLessThanOrEqual(125);
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
