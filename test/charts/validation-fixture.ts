// Synthetic, deterministic validation documents for the chart tests: a backtest, a calibration, a
// forecast and the two explanations, from simple formulas (no model, no randomness, no I/O).

import type { ActorInfo } from '../../src/model/results.js';
import type {
  BacktestDoc,
  CalibrationDoc,
  CountryExplanation,
  FactionExplanation,
  ForecastDoc,
  RollingDoc,
  Scores,
} from '../../src/validation/docs.js';
import { type FixtureCountry, LARGE_COUNTRIES, month, rungAt, SMALL_COUNTRIES } from './fixture.js';

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const clampRung = (x: number) => Math.min(6, Math.max(0, x));

/** The small backtest: 6 countries in 3 blocs (the small fixture, Pakistan and Iran), 24 months. */
export const BACKTEST_COUNTRIES: FixtureCountry[] = [
  ...SMALL_COUNTRIES,
  { id: 'PAK', name: 'Pakistan', bloc: 'neighbour', path: '0:4 16:3' },
  { id: 'IRN', name: 'Iran', bloc: 'neighbour', path: '0:3 7:4 23:5' },
];

/** All 23 countries, for the layout of the real document. */
export const BACKTEST_LARGE: FixtureCountry[] = [
  ...LARGE_COUNTRIES,
  { id: 'EUU', name: 'European Union', bloc: 'west', path: '0:1 5:2 18:3' },
  { id: 'CAN', name: 'Canada', bloc: 'west', path: '0:0 8:1' },
  { id: 'NLD', name: 'Netherlands', bloc: 'west', path: '0:0 10:1 30:2' },
];

export interface BacktestOptions {
  countries?: FixtureCountry[];
  months?: number;
}

function scores(mae: number, brier: number, end_miss: number): Scores {
  return { mae, brier, end_miss };
}

/** Month index of the first month at rung ≥ k of a series, or null. */
function firstAt(series: number[], k: number): number | null {
  const m = series.findIndex((r) => r >= k);
  return m < 0 ? null : m;
}

/**
 * The model's median follows each country's observed path a few months late (0 to 3 months by
 * country), with 50% and 90% bands that widen over the window.
 */
export function makeBacktestDoc(o: BacktestOptions = {}): BacktestDoc {
  const countries = o.countries ?? BACKTEST_COUNTRIES;
  const M = o.months ?? 24;
  const months = Array.from({ length: M }, (_, m) => month(m));
  const actors: ActorInfo[] = [
    ...countries.map((c): ActorInfo => ({ id: c.id, name: c.name, kind: 'country', bloc: c.bloc })),
    { id: 'kandahar', name: 'Kandahar circle', kind: 'faction' },
    { id: 'world', name: 'All modeled countries', kind: 'world' },
  ];
  const perCountry = countries.map((c, i) => {
    const lag = i % 4;
    const observed = months.map((_, m) => rungAt(c, m));
    const p50 = months.map((_, m) => rungAt(c, Math.max(0, m - lag)));
    const p25 = p50.map((r, m) => clampRung(r - (m >= 6 ? 1 : 0)));
    const p75 = p50.map((r, m) => clampRung(r + (m >= 12 ? 1 : 0)));
    const p05 = p25.map((r, m) => clampRung(r - (m >= 4 ? 1 : 0)));
    const p95 = p75.map((r) => clampRung(r + 1));
    const mae = (f: (m: number) => number) => r6(observed.reduce((s, r, m) => s + Math.abs(f(m) - r), 0) / M);
    return {
      country: c.id,
      observed,
      model_mae: mae((m) => p50[m]!),
      persistence_mae: mae(() => observed[0]!),
      trend_mae: r6(mae(() => observed[0]!) * 1.2 + 0.05 * (i % 3)),
      end_observed: observed[M - 1]!,
      end_model: p50[M - 1]!,
      end_p: r6(0.5 + 0.05 * i),
      band: { p05, p25, p50, p75, p95 },
    };
  });
  const order = [4, 5].map((k) => {
    const rows = perCountry.flatMap((c) => {
      const seen = firstAt(c.observed, k);
      if (seen === null || seen === 0) return [];
      const median = firstAt(c.band.p50, k);
      return [
        {
          country: c.country,
          observed: months[seen]!,
          model_median: median === null ? null : months[median]!,
        },
      ];
    });
    return { k, countries: rows, spearman: rows.length >= 2 ? r6(0.9 - 0.3 * (k - 4)) : null };
  });
  return {
    kind: 'backtest',
    scenario: 'baseline',
    seed: '42',
    runs: 200,
    start: months[0]!,
    end: months[M - 1]!,
    months,
    actors,
    scores: {
      model: scores(0.431, 0.081, 0.333),
      persistence: scores(0.652, 0.095, 0.5),
      trend: scores(0.713, 0.121, 0.667),
    },
    trend_fit_months: 12,
    per_country: perCountry,
    order,
    concordance: [
      { k: 4, countries: 'at risk', n: 4, reached: 2, c: 0.8, comparable: 5 },
      { k: 5, countries: 'at risk', n: 6, reached: 1, c: 0.6, comparable: 5 },
    ],
    likelihood: {
      loglik: -40.2,
      joint: -41,
      ess: { joint: 3, country: 10 },
      per_country: perCountry.map((c) => ({ country: c.country, loglik: -40.2 / perCountry.length })),
      ruled_out: [],
      paths: 100,
      constant_hazard: { loglik: -30.5, parameters: 5, nominal: 2 * perCountry.length },
    },
  };
}

export interface CalibrationOptions {
  /** the best is per start of the search (it goes up at a restart) rather than over the whole search */
  perStartBest?: boolean;
  evaluations?: number;
}

const likelihood = (loglik: number) => ({
  loglik,
  joint: loglik - 0.5,
  ess: { joint: 3.5, country: 12 },
  per_country: [
    { country: 'US', loglik: loglik / 2 },
    { country: 'CN', loglik: loglik / 2 },
  ],
  ruled_out: [{ country: 'CN', month: '2023-09' }],
});

/** A search over four parameters: 60 evaluations, a restart at evaluation 31; two values end on a bound. */
export function makeCalibrationDoc(o: CalibrationOptions = {}): CalibrationDoc {
  const n = o.evaluations ?? 60;
  const trace: CalibrationDoc['trace'] = [];
  let best = Number.POSITIVE_INFINITY;
  for (let e = 1; e <= n; e++) {
    const t = e > 30 ? e - 30 : e;
    if (o.perStartBest && e === 31) best = Number.POSITIVE_INFINITY;
    const loss = r6(
      1000 * (0.088 + (0.04 * Math.abs(Math.sin(1.7 * e))) / (1 + t / 8) + (e > 30 ? 0.004 : 0)),
    );
    best = Math.min(best, loss);
    trace.push({ evaluation: e, loss, best: r6(best) });
  }
  const window = (before: number, after: number) => ({
    model_before: scores(0.5, before, 0.4),
    model_after: scores(0.45, after, 0.35),
    persistence: scores(0.6, 0.104, 0.5),
    trend: scores(0.7, 0.122, 0.6),
  });
  return {
    kind: 'calibration',
    scenario: 'baseline',
    seed: '42',
    paths: 100,
    runs: 100,
    sigma: 0.5,
    method: 'nelder-mead',
    start: '2021-08',
    end: '2025-06',
    params: [
      { path: 'decision.security', lo: 0, hi: 3, start: 1.2, fitted: 1.85 },
      { path: 'decision.rights', lo: 0, hi: 2, start: 0.8, fitted: 2 },
      { path: 'decision.inertia', lo: 0.05, hi: 1, start: 0.3, fitted: 0.214 },
      { path: 'countries.US.review_rate', lo: 0.01, hi: 0.2, start: 0.05, fitted: 0.0102 },
    ],
    offsets: [
      { country: 'US', fitted: -0.21 },
      { country: 'CN', fitted: 0.48 },
    ],
    trace,
    still_improving: false,
    // as calibrate writes them: the best of the trace is the loss at the fit, −(log-likelihood − penalty)
    likelihood: {
      before: likelihood(-95.2),
      after: likelihood(r6(-Math.min(...trace.map((t) => t.loss)) + 4)),
      prior_penalty: 4,
      parameters: 6,
      constant_hazard: { loglik: -64.6, parameters: 12, nominal: 46 },
    },
    in_sample: window(0.112, 0.098),
    output: 'out/calibration/calibrated.yaml',
  };
}

/** The actors of the forecast's questions, as `forecast` keeps them (actorsOf). */
export const FORECAST_ACTORS: ActorInfo[] = [
  { id: 'US', name: 'United States', kind: 'country', bloc: 'west' },
  { id: 'CN', name: 'China', kind: 'country', bloc: 'great_power' },
  { id: 'RU', name: 'Russia', kind: 'country', bloc: 'great_power' },
  { id: 'kandahar', name: 'Kandahar circle', kind: 'faction' },
  { id: 'UN', name: 'United Nations', kind: 'UN' },
];

/** A forecast of 13 questions in 7 families; with the actors (`forecast` keeps them), unless a document
 * written before they were kept is asked for (`actors: false`). */
export function makeForecastDoc(o: { actors?: boolean } = {}): ForecastDoc {
  const q = (id: string, text: string, p: number, persistence: number) => ({ id, text, p, persistence });
  return {
    ...(o.actors === false ? {} : { actors: FORECAST_ACTORS }),
    kind: 'forecast',
    scenario: 'baseline',
    seed: '42',
    runs: 500,
    from: '2025-07',
    to: '2026-12',
    created: '2025-07-01',
    questions: [
      q('RU rung>=6 by 2026-12', 'RU stands at rung 6 or higher at some month by 2026-12', 0.62, 0),
      q('RU rung>=6 by 2025-12', 'RU stands at rung 6 or higher at some month by 2025-12', 0.41, 0),
      q('CN rung>=6 by 2025-12', 'CN stands at rung 6 or higher at some month by 2025-12', 0.22, 0),
      q('CN rung>=5 by 2025-12', 'CN stands at rung 5 or higher at some month by 2025-12', 0.71, 0),
      q('US rung>=4 by 2026-12', 'US stands at rung 4 or higher at some month by 2026-12', 0.03, 0),
      q('first recognizer RU', 'RU is (among) the first to recognize formally, by 2026-12', 0.55, 0),
      q('first recognizer CN', 'CN is (among) the first to recognize formally, by 2026-12', 0.2, 0),
      q('first recognizer none by 2026-12', 'nobody recognizes formally by 2026-12', 0.25, 1),
      q('recognizers>=2 at 2025-12', 'at least 2 countries recognize formally in 2025-12', 0.18, 0),
      q('recognizers>=1 at 2025-12', 'at least 1 country recognizes formally in 2025-12', 0.45, 0),
      q('recognizers>=1 at 2026-12', 'at least 1 country recognizes formally in 2026-12', 0.75, 0),
      q(
        'UN seat 2025-12',
        "the Taliban hold Afghanistan's UN seat after the 2025 credentials decision",
        0.04,
        0,
      ),
      q(
        'kandahar power>=0.5 at 2026-12',
        'the kandahar faction holds at least half the power in 2026-12',
        0.83,
        1,
      ),
    ],
  };
}

/** Uzbekistan in March 2024: strong interests lift it from diplomatic presence to an ambassador exchange
 * (a peer, Pakistan, had just moved); the counter-terrorism gate of rung 6 caps it at 5. The terms are
 * the model's (src/model/terms.ts, DRIVE_TERMS) and add up to the drive; the move up needs 5 − 0.5 +
 * inertia 0.35 + first-mover cost 0.1 = 4.95 rungs of drive, so the excess is 0.45. */
export function makeCountryExplanation(): CountryExplanation {
  const terms = [
    ['base', 1],
    ['security', 0.9],
    ['harboured', -0.1],
    ['alignment', 0],
    ['economic', 1.6],
    ['humanitarian', 0.4],
    ['migration', 0.4],
    ['reserves', 0],
    ['rivalry', 0.3],
    ['peers', 0.5],
    ['patron', 0.45],
    ['rights', -0.3],
    ['domestic', -0.15],
    ['sanctions', -0.3],
    ['events', 0.7],
  ] as const;
  return {
    kind: 'explain-country',
    scenario: 'baseline',
    seed: '42',
    date: '2024-03',
    country: 'UZ',
    name: 'Uzbekistan',
    rung_before: 4,
    rung_after: 5,
    moved: true,
    cause: 'peer',
    earned: false,
    terms: terms.map(([term, value]) => ({ term, value })),
    drive: 5.4,
    cap: 5,
    binding_gate: { rung: 6, when: 'ct_cooperation >= 0.3' },
    listed: false,
    first_mover_cost: 0.1,
    excess: 0.45,
    shortfall: -2.25,
    precursor: false,
    options: [
      { rung: 3, p: 0 },
      { rung: 4, p: 0.82 },
      { rung: 5, p: 0.18 },
    ],
  };
}

/** The United States in June 2023: the rights cost holds it at informal contact, under the rung-4 gate;
 * its drive falls just short of keeping the rung, and a crack-down is in view, so a step down is
 * possible but unlikely. */
export function makeWesternExplanation(): CountryExplanation {
  const terms = [
    ['base', 1],
    ['security', 0.35],
    ['harboured', -0.05],
    ['alignment', 0],
    ['economic', 0.1],
    ['humanitarian', 0.8],
    ['migration', 0],
    ['reserves', 0.5],
    ['rivalry', 0.4],
    ['peers', 0.2],
    ['patron', 0],
    ['rights', -1.15],
    ['domestic', -0.6],
    ['sanctions', -0.45],
    ['events', 0],
  ] as const;
  return {
    ...makeCountryExplanation(),
    date: '2023-06',
    country: 'US',
    name: 'United States',
    rung_before: 2,
    rung_after: 2,
    moved: false,
    cause: 'policy',
    earned: false,
    terms: terms.map(([term, value]) => ({ term, value })),
    drive: 1.1,
    cap: 3,
    binding_gate: { rung: 4, when: 'womens_rights >= 0.4' },
    listed: true,
    first_mover_cost: 0,
    excess: -1.75,
    shortfall: 0.05,
    precursor: false,
    options: [
      { rung: 1, p: 0.01 },
      { rung: 2, p: 0.99 },
      { rung: 3, p: 0 },
    ],
  };
}

/** The Kandahar circle in 2025-06: consolidating and emboldened, with most weight on women's rights. */
export function makeFactionExplanation(): FactionExplanation {
  return {
    kind: 'explain-faction',
    scenario: 'baseline',
    seed: '42',
    date: '2025-06',
    faction: 'kandahar',
    name: 'Kandahar circle',
    power_before: 0.62,
    power_after: 0.635,
    terms: [
      { term: 'consolidation', value: 0.02 },
      { term: 'reform_rewarded', value: -0.004 },
      { term: 'emboldening', value: 0.015 },
      { term: 'isolation_crackdown', value: 0.008 },
    ],
    flows: { earned: 0.05, unearned: 0.3, isolation: 0.4 },
    policy: [
      { dimension: 'womens_rights', target: 0.08, ideal: 0, weight: 0.72 },
      { dimension: 'ct_cooperation', target: 0.35, ideal: 0.3, weight: 0.6 },
      { dimension: 'inclusivity', target: 0.1, ideal: 0.05, weight: 0.7 },
    ],
  };
}

/** A rolling-origin backtest: two origins, two horizons, 3 countries; events at 12 months only. */
export function makeRollingDoc(): RollingDoc {
  const countries = ['CHN', 'USA', 'RUS'];
  const questions: RollingDoc['questions'] = [];
  for (const origin of ['2022-06', '2023-06'])
    for (const horizon of [6, 12])
      countries.forEach((country, c) => {
        for (const direction of ['up', 'down'] as const)
          questions.push({
            origin,
            country,
            direction,
            horizon,
            outcome: horizon === 12 && direction === 'up' && c === 0 ? 1 : 0,
            model: r6(direction === 'up' ? 0.05 + 0.1 * c : 0.01),
            persistence: 0,
            base_rate: r6(horizon === 6 ? 0.04 : 0.08),
          });
      });
  const score = (brier: number, log: number) => ({ brier, log });
  return {
    kind: 'rolling-backtest',
    scenario: 'baseline',
    seed: '42',
    start: '2021-08',
    end: '2024-06',
    origins: ['2022-06', '2023-06'].map((origin, i) => ({
      origin,
      fitted: [{ path: 'decision.inertia', value: 0.2 + 0.1 * i }],
      offsets: countries.map((country) => ({ country, value: 0 })),
      loglik: -20 - 5 * i,
      still_improving: false,
    })),
    horizons: [6, 12],
    runs: 500,
    paths: 50,
    evaluations: 40,
    sigma: 0.5,
    params: [{ path: 'decision.inertia', lo: 0, hi: 1 }],
    resamples: 200,
    questions,
    scores: [
      {
        horizon: 6,
        questions: 12,
        happened: 0,
        model: score(0.0071, 0.071),
        persistence: score(0, 0),
        base_rate: score(0.0016, 0.041),
        skill: null,
      },
      {
        horizon: 12,
        questions: 12,
        happened: 2,
        model: score(0.1502, 0.5211),
        persistence: score(0.1667, 2.31),
        base_rate: score(0.1554, 0.4),
        skill: { reference: 'base_rate', point: 0.0335, lo: -0.2, hi: 0.25, level: 0.9, skipped: 3 },
      },
      {
        horizon: 'all',
        questions: 24,
        happened: 2,
        model: score(0.0787, 0.296),
        persistence: score(0.0833, 1.1513),
        base_rate: score(0.0785, 0.22),
        skill: { reference: 'base_rate', point: -0.0025, lo: -0.3, hi: 0.2, level: 0.9, skipped: 0 },
      },
    ],
    reliability: [
      { lo: 0, hi: 0.05, n: 12, mean_p: 0.02, observed: 0 },
      { lo: 0.05, hi: 0.1, n: 4, mean_p: 0.05, observed: 0.5 },
      { lo: 0.1, hi: 0.2, n: 4, mean_p: 0.15, observed: 0 },
      { lo: 0.2, hi: 0.4, n: 4, mean_p: 0.25, observed: 0 },
      { lo: 0.4, hi: 0.7, n: 0, mean_p: null, observed: null },
      { lo: 0.7, hi: 1, n: 0, mean_p: null, observed: null },
    ],
  };
}
