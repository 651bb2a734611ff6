import { describe, expect, it } from 'vitest';
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
import {
  AT_BOUND,
  backtestChart,
  backtestData,
  backtestOrderChart,
  backtestScoresChart,
  calibrationParamsChart,
  calibrationTraceChart,
  DRIVE_TERM_LABELS,
  FORECAST_SHOWN,
  informative,
  naturalCompare,
  questionFamily,
  shownQuestions,
  waterfallData,
} from '../../src/charts/validation.js';
import { DRIVE_TERMS } from '../../src/model/index.js';
import type { CountryExplanation } from '../../src/validation/docs.js';
import { checkEveryChart, overlappingAxisLabels } from './checks.js';
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

/** The inline data of a spec and of all its sub-views, concatenations included. */
const kinds = (doc: ValidationDoc) => buildValidationCharts(doc).map((c) => c.kind);
const specOf = (doc: ValidationDoc, kind: string): Json =>
  buildValidationCharts(doc).find((c) => c.kind === kind)!.spec;
const NAMES = BACKTEST_COUNTRIES.map((c) => c.name);

/** Title and labels each rendered chart must show, by fixture tag and chart kind. */
const EXPECTED: Record<string, string[]> = {
  'backtest/backtest': [
    'Backtest: observed engagement against the simulated runs, by country',
    'baseline · seed 42 · 200 runs · 2021-08 to 2023-07',
    'mean absolute rung error: model 0.431 · persistence 0.652 · trend 0.713',
    'Brier: model 0.081 · persistence 0.095 · trend 0.121',
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
    'Mean absolute rung error',
    'Brier score',
    'Share wrong at the end',
    'Persistence (no change from the start)',
    'Trend (fitted on the first 12 months)',
    '0.431',
    '0.667',
    ...NAMES,
  ],
  'backtest/backtest-order': [
    'Backtest: in which order did countries reach diplomatic presence and ambassadors?',
    "First month at rung ≥ 4 (diplomatic presence): Spearman's ρ = 0.90",
    "First month at rung ≥ 5 (ambassador exchange): Spearman's ρ = 0.60",
    'China',
    'Russia',
    'Iran',
    'not by Jul 2023 (drawn at the edge)',
  ],
  'calibration/calibration-trace': [
    'Calibration: the search for the best parameters (4 parameters)',
    'baseline · seed 42 · 100 latent paths per evaluation · nelder-mead · fitted on 2021-08 to 2025-06',
    'log-likelihood of the record −88.4 → −52.1 (per-country constant hazard −64.6) · Brier 0.112 → 0.098 (persistence 0.104, trend 0.122)',
    'best 88.41 at evaluation 24',
    'Evaluation',
  ],
  'calibration/calibration-params': [
    'Calibration: where the fitted parameters ended in their search ranges',
    'decision.security',
    'countries.US.review_rate',
    '0.0102',
    '1.85',
    '0.214',
    'fitted value at a bound (within 1% of the range)',
  ],
  'rolling/rolling': [
    'Out of sample: forecasts of who moves, refitted at each origin',
    'baseline · seed 42 · origins 2022-06, 2023-06',
    '500 runs per forecast · 24 questions, 2 happened',
    '6 months: nothing happened',
    '12 months: +3% [−20%, +25%] over the base rate',
    'all horizons: −0% [−30%, +20%] over the base rate',
    'Mean Brier score (lower is better)',
    "Reliability of the model's forecasts",
    'Model (refitted at each origin)',
    'Base rate before the origin',
    'Share that happened',
  ],
  'forecast/forecast': [
    'Forecast: 13 questions about Jul 2025 to Dec 2026',
    'baseline · seed 42 · 500 runs · from 2025-07 to 2026-12 · created 2025-07-01',
    'RU … (2 questions)',
    'recognizers … (3 questions)',
    'RU rung ≥ 6 by 2026-12',
    'first recognizer none by 2026-12',
    '62% (baseline 0%)',
    'Persistence baseline',
  ],
  'uzbekistan/explain-country': [
    'Why Uzbekistan stands where it does, Mar 2024',
    'moved: rung 4 (diplomatic presence) → 5 (ambassador exchange) (cause: peer)',
    'binding gate: reaching rung 6 needs ct_cooperation >= 0.3',
    'cap: rung 5 (gate of rung 6: ct_cooperation >= 0.3)',
    'now: rung 4',
    'security (ISK threat × counter-terrorism)',
    'economic stakes',
    "women's rights cost",
    'migration and returns',
    'terrorist listing and UN sanctions',
    'total drive',
    '5.40',
    '−0.30',
    "(b) This month's hazards (cause in view: peer)",
    '5 ambassador exchange (up)',
    'taken this month',
    'first-mover cost of the next rung 0.10 rungs',
  ],
  'united-states/explain-country': [
    'Why United States stands where it does, Jun 2023',
    'stays at rung 2 (informal contact)',
    'lists the Taliban: no ambassadors or recognition until it delists',
    'cap: rung 3 (gate of rung 4: womens_rights >= 0.4)',
    "(b) This month's hazards (cause in view: policy)",
    '1 humanitarian only (down)',
    'not taken',
  ],
  'kandahar/explain-faction': [
    'Why the power of Kandahar circle moved, Jun 2025',
    'power share 0.620 → 0.635 (+0.015)',
    'reform rewarded (earned engagement)',
    'isolation crack-down',
    'sum of the terms',
    '+0.039',
    "Women's and girls' rights",
    '72%',
    'ideal of Kandahar circle',
  ],
};

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
    expect(() => buildValidationCharts({ kind: 'score' } as unknown as ValidationDoc)).toThrow(
      /no charts for a document of kind 'score'/,
    );
  });

  checkEveryChart(DOCS, charts, rendered, EXPECTED, buildValidationCharts);

  it('the 23-country backtest over 48 months compiles cleanly too', () => {
    const large = makeBacktestDoc({ countries: BACKTEST_LARGE, months: 48 });
    expect(large.per_country).toHaveLength(23);
    for (const { spec } of buildValidationCharts(large)) {
      const out = compileSpec(spec);
      expect(out.errors).toEqual([]);
      expect(out.warnings).toEqual([]);
    }
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
  });

  it('groups panels by bloc in bloc order, at most five a row, most engaged at the end first', () => {
    expect(s.vconcat.map((v: Json) => v.title?.text)).toEqual(['West', 'Great powers', 'Neighbours']);
    expect(s.vconcat.map((v: Json) => v.facet.column.sort)).toEqual([
      // ties (both at rung 2 at the end) by name
      ['United Kingdom', 'United States'],
      ['Russia', 'China'],
      ['Iran', 'Pakistan'],
    ]);
    const large = specOf(makeBacktestDoc({ countries: BACKTEST_LARGE, months: 48 }), 'backtest');
    const rows = large.vconcat.map((v: Json) => v.facet.column.sort.length);
    expect(Math.max(...rows)).toBe(5);
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
    const [overall, byCountry] = s.vconcat;
    expect(overall.data.values).toHaveLength(9);
    expect(
      overall.data.values.find((r: Json) => r.metric === 'Brier score' && r.forecaster === 'Model').value,
    ).toBe(0.081);
    const points = byCountry.layer[1].data.values;
    expect(points).toHaveLength(3 * BACKTEST_COUNTRIES.length);
    const model = points.filter((r: Json) => r.forecaster === 'Model').map((r: Json) => r.mae);
    expect(model).toEqual([...model].sort((a, b) => b - a));
    expect(byCountry.layer[0].encoding.y.sort).toEqual(
      points.filter((r: Json) => r.forecaster === 'Model').map((r: Json) => r.country),
    );
    for (const r of byCountry.layer[0].data.values) expect(r.lo).toBeLessThanOrEqual(r.hi);
  });
});

describe('backtest-order', () => {
  it('puts each k in a panel with rho in its title; a month not reached is drawn at the end', () => {
    const s = specOf(backtest, 'backtest-order');
    expect(s.vconcat).toHaveLength(2);
    const [, five] = s.vconcat;
    const iran = five.layer[1].data.values.filter((r: Json) => r.country === 'Iran');
    expect(iran.map((r: Json) => [r.source, r.date, r.when])).toEqual([
      ['Observed', '2023-07', 'Jul 2023'],
      ['Model median', '2023-07', 'not by Jul 2023'],
    ]);
    expect(iran[1].reached).toBe('not by Jul 2023 (drawn at the edge)');
    // reached first at the top
    expect(five.layer[0].encoding.y.sort).toEqual(['China', 'Russia', 'Iran']);
  });

  it('leaves out countries that reached it neither in the data nor in the model, and names them', () => {
    const doc = makeBacktestDoc();
    doc.order[0]!.countries.push({ country: 'USA', observed: null, model_median: null });
    doc.order[0]!.spearman = null;
    const panel = specOf(doc, 'backtest-order').vconcat[0];
    expect(panel.title.text).toContain("Spearman's ρ not defined");
    expect(panel.title.subtitle).toContain('United States');
    expect(panel.layer[0].encoding.y.sort).not.toContain('United States');
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

describe('backtest-scores', () => {
  it('no axis labels overlap in the narrow overall panels (a regression: "0.000.02")', async () => {
    const doc = makeBacktestDoc();
    doc.scores.model.brier = 0.061;
    doc.scores.persistence.brier = 0.081;
    doc.scores.trend.brier = 0.062;
    const [out] = await renderSpecs([{ kind: 'backtest-scores', spec: backtestScoresChart(doc) }], ['svg']);
    expect(overlappingAxisLabels(out!.svg)).toEqual([]);
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
    expect(s.title.text).toBe('Forecast: 40 of 198 questions about Jul 2025 to Dec 2026');
    expect(s.title.subtitle.at(-1)).toBe(
      'left out: 158 questions the model puts below 2% or above 98%, as persistence does, and those beyond the 40 where the two differ most (forecast.csv has all)',
    );
    expect(informative({ p: 0.5, persistence: 0.5 })).toBe(true);
    expect(informative({ p: 0.99, persistence: 1 })).toBe(false);
    expect(informative({ p: 0.01, persistence: 1 })).toBe(true);
  });
});

describe('rolling', () => {
  it('a bar per forecaster and horizon, and the non-empty reliability bins', () => {
    const s = specOf(rolling, 'rolling');
    expect(s.hconcat[0].data.values).toHaveLength(3 * 3);
    expect(s.hconcat[0].data.values[3]).toEqual({
      horizon: '12 months',
      forecaster: 'Model (refitted at each origin)',
      brier: 0.1502,
      log: 0.5211,
    });
    expect(s.hconcat[1].data.values.map((b: Json) => b.n)).toEqual([12, 4, 4, 4]);
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
    expect(s.data.values).toHaveLength(60);
    const [restarts, points, best, ring] = s.layer;
    expect(restarts.transform).toEqual([{ filter: 'datum.restart' }]);
    expect(points.encoding.y.field).toBe('loss');
    expect(best.mark.interpolate).toBe('step-after');
    expect(best.encoding.y.field).toBe('best');
    expect(ring.data.values[0].evaluation).toBe(24);
    // a best over the whole search never rises: no restart visible
    expect(s.data.values.some((r: Json) => r.restart)).toBe(false);
  });

  it('trace: marks a restart where a per-start best goes up', () => {
    const s = specOf(makeCalibrationDoc({ perStartBest: true }), 'calibration-trace');
    expect(s.data.values.filter((r: Json) => r.restart).map((r: Json) => r.evaluation)).toEqual([31]);
    expect(s.title.subtitle.at(-1)).toContain('dashed: restart of the search (1)');
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
    const rows = s.data.values;
    expect(rows.map((r: Json) => r.path)).toEqual(calibration.params.map((p) => p.path));
    expect(rows[0].start_x).toBeCloseTo(0.4, 10);
    expect(rows[0].fitted_x).toBeCloseTo(1.85 / 3, 10);
    expect([rows[3].lo_label, rows[3].hi_label, rows[3].fitted_label]).toEqual(['0.01', '0.2', '0.0102']);
    const points = s.layer.at(-1).data.values;
    const atBound = points
      .filter((p: Json) => p.which.startsWith('fitted value at a bound'))
      .map((p: Json) => p.path);
    expect(atBound).toEqual(['decision.rights', 'countries.US.review_rate']);
    for (const p of atBound) {
      const x = points.find((q: Json) => q.path === p && q.which !== 'start value').x;
      expect(Math.min(x, 1 - x)).toBeLessThanOrEqual(AT_BOUND);
    }
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
    const s = specOf(forecast, 'forecast');
    expect(s.concat.map((v: Json) => v.title.text)).toEqual([
      'RU … (2 questions)',
      'CN … (2 questions)',
      'US … (1 question)',
      'first … (3 questions)',
      'recognizers … (3 questions)',
      'UN … (1 question)',
      'kandahar … (1 question)',
    ]);
    const recognizers = s.concat[4].layer[0].data.values.map((r: Json) => r.id);
    expect(recognizers).toEqual([
      'recognizers>=1 at 2025-12',
      'recognizers>=1 at 2026-12',
      'recognizers>=2 at 2025-12',
    ]);
    const points = s.concat[0].layer[1].data.values;
    expect(points.map((p: Json) => [p.forecaster, p.p])).toEqual([
      ['Persistence baseline', 0],
      ['Model', 0.41],
      ['Persistence baseline', 0],
      ['Model', 0.62],
    ]);
    expect(s.columns).toBe(2);
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
  });

  it('has rules at the current rung and at the cap, and the options as a second panel', () => {
    const [drive, options] = specOf(country, 'explain-country').vconcat;
    const rules = drive.layer[0].data.values;
    expect(rules.map((r: Json) => [r.kind, r.x, r.align])).toEqual([
      ['current rung', 4, 'right'],
      ['cap', 5, 'left'],
    ]);
    expect(rules[1].label).toBe('cap: rung 5 (gate of rung 6: ct_cooperation >= 0.3)');
    expect(options.data.values.map((o: Json) => [o.rung, o.p, o.chosen])).toEqual([
      [3, 0, 'not taken'],
      [4, 0.82, 'not taken'],
      [5, 0.18, 'taken this month'],
    ]);
    // staying is an option taken too
    const [, stay] = specOf(makeWesternExplanation(), 'explain-country').vconcat;
    expect(stay.data.values.map((o: Json) => [o.rung, o.chosen])).toEqual([
      [1, 'not taken'],
      [2, 'taken this month'],
      [3, 'not taken'],
    ]);
  });

  it('labels every drive term of the model', () => {
    expect(Object.keys(DRIVE_TERM_LABELS)).toEqual([...DRIVE_TERMS]);
    const labels = waterfallData(country).map((s) => s.label);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('merges the rules when the country stands at its cap, and names a cap from listing', () => {
    const rulesOf = (doc: CountryExplanation) =>
      specOf(doc, 'explain-country').vconcat[0].layer[0].data.values.map((r: Json) => r.label);
    // listed: at most rung 4 (diplomatic presence) until it delists
    const doc = { ...makeWesternExplanation(), rung_before: 4, cap: 4, binding_gate: null };
    expect(rulesOf(doc)).toEqual([
      'now and cap: rung 4 (listed: no ambassadors or recognition until it delists)',
    ]);
    // the listing binds below a gate that would allow more; a gate that binds lower is named
    const gated = { ...doc, binding_gate: { rung: 6, when: 'ct_cooperation >= 0.6' } };
    expect(rulesOf(gated)).toEqual([
      'now and cap: rung 4 (listed: no ambassadors or recognition until it delists)',
    ]);
    const low = { ...doc, rung_before: 2, cap: 3, binding_gate: { rung: 4, when: 'womens_rights >= 0.4' } };
    expect(rulesOf(low)).toEqual(['now: rung 2', 'cap: rung 3 (gate of rung 4: womens_rights >= 0.4)']);
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
    const [terms, weights, target] = specOf(faction, 'explain-faction').vconcat;
    expect(terms.data.values.map((t: Json) => t.label)).toEqual([
      'consolidation',
      'reform rewarded (earned engagement)',
      'emboldening (legitimacy without reform)',
      'isolation crack-down',
      'sum of the terms',
    ]);
    expect(terms.data.values.at(-1).value).toBeCloseTo(0.039, 12);
    expect(weights.data.values.map((p: Json) => p.weight)).toEqual([0.72, 0.6, 0.7]);
    expect(target.layer[1].data.values).toHaveLength(6);
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
