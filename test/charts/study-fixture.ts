import { CAUSES, type Cause } from '../../src/model/types.js';
// Synthetic, deterministic ensemble and study documents for the chart tests: bands and probabilities
// from simple formulas, no model, no randomness, no I/O.

import type {
  Band,
  CompareDoc,
  DiscoverDoc,
  EnsembleDoc,
  OutcomeRef,
  SensitivityDoc,
} from '../../src/ensemble/docs.js';
import type { ActorInfo } from '../../src/model/results.js';
import { type FixtureCountry, month, rungAt, SMALL_COUNTRIES } from './fixture.js';

// biome-ignore lint/suspicious/noExplicitAny: specs are walked as plain JSON
export type Json = any;

/** Text as vega writes it into an SVG. */
export const svgText = (t: string) => t.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The data of a spec and of all its sub-views: inline values and the rows of named datasets. */
export function dataOf(node: Json): Json[] {
  const own = [...(node.data?.values ?? []), ...Object.values(node.datasets ?? {}).flat()];
  const children = [
    ...(node.layer ?? []),
    ...(node.vconcat ?? []),
    ...(node.hconcat ?? []),
    ...(node.concat ?? []),
    ...(node.spec ? [node.spec] : []),
  ];
  return [...own, ...children.flatMap(dataOf)];
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;
const clamp = (x: number, lo = 0, hi = 1) => Math.min(hi, Math.max(lo, x));

export const FACTION_LABELS = [
  'Kandahar circle (Haibatullah Akhundzada)',
  'Haqqani network (Sirajuddin Haqqani)',
  'Pragmatists (Baradar, Yaqoob, Muttaqi)',
];

/** A band around `median(t)` (t = 0..1 over the period) whose width grows with t. */
function band(
  actor: string,
  variable: string,
  label: string,
  months: number,
  median: (t: number) => number,
  spread: number,
  hi = 1,
  round: (x: number) => number = r6,
): Band {
  const at = (q: number) =>
    Array.from({ length: months }, (_, m) => {
      const t = m / Math.max(1, months - 1);
      return round(clamp(median(t) + q * spread * (0.3 + t), 0, hi));
    });
  return {
    actor,
    variable,
    label,
    p05: at(-1.6),
    p25: at(-0.7),
    p50: at(0),
    p75: at(0.7),
    p95: at(1.6),
  };
}

export interface EnsembleOptions {
  countries?: FixtureCountry[];
  months?: number;
  scenario?: string;
  /** rungs added to every country's path (a more or less engaged scenario) */
  shift?: number;
  /** no run has a formal recognition */
  noRecognition?: boolean;
}

/** The small ensemble: 4 countries in 2 blocs, 24 months, 100 runs. */
export function makeEnsembleDoc(o: EnsembleOptions = {}): EnsembleDoc {
  const countries = o.countries ?? SMALL_COUNTRIES;
  const nMonths = o.months ?? 24;
  const shift = o.shift ?? 0;
  const n = countries.length;
  const months = Array.from({ length: nMonths }, (_, m) => month(m));
  const actors: ActorInfo[] = [
    ...countries.map((c): ActorInfo => ({ id: c.id, name: c.name, kind: 'country', bloc: c.bloc })),
    { id: 'kandahar', name: 'Kandahar circle', kind: 'faction', leader: 'Haibatullah Akhundzada' },
    { id: 'haqqani', name: 'Haqqani network', kind: 'faction', leader: 'Sirajuddin Haqqani' },
    { id: 'swing', name: 'Pragmatists', kind: 'faction', leader: 'Baradar, Yaqoob, Muttaqi' },
    { id: 'regime', name: 'Taliban regime policy', kind: 'regime' },
    { id: 'isk', name: 'Islamic State Khorasan', kind: 'isk' },
    { id: 'UN', name: 'United Nations', kind: 'UN' },
    { id: 'world', name: 'All modeled countries', kind: 'world' },
  ];
  // P(rung >= k): a logistic step around the country's fixture path, so it falls with k
  const rung_at_least: EnsembleDoc['rung_at_least'] = [];
  for (const c of countries) {
    for (let k = 1; k <= 6; k++) {
      const p = months.map((_, m) => r6(1 / (1 + Math.exp(-2 * (rungAt(c, m) + shift + 0.5 - k)))));
      rung_at_least.push({ country: c.id, k, p });
    }
  }
  const count = (median: (t: number) => number, spread: number, variable: string, label: string) =>
    band('world', variable, label, nMonths, (t) => median(t) * n, spread * n, n, Math.round);
  const bands: Band[] = [
    // listed out of order on purpose: the chart orders factions as FACTIONS does
    band('swing', 'power', FACTION_LABELS[2]!, nMonths, (t) => 0.2 + 0.02 * t, 0.04),
    band('kandahar', 'power', FACTION_LABELS[0]!, nMonths, (t) => 0.45 + 0.1 * t, 0.05),
    band('haqqani', 'power', FACTION_LABELS[1]!, nMonths, (t) => 0.35 - 0.12 * t, 0.05),
    band('regime', 'womens_rights', "Women's rights", nMonths, (t) => 0.3 - 0.15 * t, 0.05),
    band('regime', 'ct_cooperation', 'Counter-terrorism cooperation', nMonths, (t) => 0.4 + 0.1 * t, 0.06),
    band('regime', 'inclusivity', 'Inclusivity', nMonths, (t) => 0.15 + 0.05 * t, 0.03),
    band('isk', 'threat', 'ISK threat', nMonths, (t) => 0.5 + 0.15 * Math.cos(6 * t), 0.08),
    band('world', 'legitimacy', 'Legitimacy index', nMonths, (t) => 0.3 + 0.2 * t + 0.03 * shift, 0.05),
    count(
      (t) => 0.25 + 0.4 * t + 0.1 * shift,
      0.12,
      'count_ge_4',
      'Countries at rung ≥ 4 (diplomatic presence)',
    ),
    count((t) => 0.1 + 0.3 * t + 0.1 * shift, 0.1, 'count_ge_5', 'Countries at rung ≥ 5 (ambassadors)'),
    count((t) => 0.25 * t + 0.1 * shift, 0.08, 'recognizers', 'Countries at rung 6 (formal recognition)'),
  ];
  const runs = 100;
  const firsts: [string | null, number][] = o.noRecognition
    ? [[null, runs]]
    : [
        [countries[3]!.id, 40],
        [countries[2]!.id, 25],
        // a tie: one run in which both recognized in the same month counts for each
        [countries[0]!.id, 5],
        [countries[1]!.id, 1],
        [null, 30],
      ];
  const recognized = o.noRecognition ? 0 : 70;
  return {
    kind: 'ensemble',
    scenario: o.scenario ?? 'test-fixture',
    question: 'What if the fixture were real?',
    seed: '42',
    runs,
    start: months[0]!,
    end: months.at(-1)!,
    months,
    actors,
    rung_at_least,
    bands,
    first_recognizer: firsts.map(([country, r]) => ({ country, runs: r, share: r / runs })),
    first_recognition_month: recognized
      ? [
          { date: months[6]!, runs: 10 },
          { date: months[12]!, runs: 25 },
          { date: months[13]!, runs: 20 },
          { date: months[20]!, runs: 15 },
        ]
      : [],
    cascade: recognized
      ? [
          { size: 0, runs: 30 },
          { size: 1, runs: 25 },
          { size: 3, runs: 15 },
        ]
      : [],
    moves: noMoves(),
  };
}

/** A moves block with no moves (the study charts do not read it). */
function noMoves(): EnsembleDoc['moves'] {
  const stat = { moves: 0, per_run: 0, runs: 0, share: 0 };
  const byCause = () => Object.fromEntries(CAUSES.map((c) => [c, { ...stat }])) as Record<Cause, typeof stat>;
  return {
    total: { ...stat },
    up: { ...stat },
    down: { ...stat },
    forced: { ...stat },
    own: { ...stat },
    earned: { ...stat },
    by_cause: { up: byCause(), down: byCause() },
  };
}

export const OUTCOMES: OutcomeRef[] = [
  { text: 'recognizers@2023-07 >= 1', label: 'some country recognizes by Jul 2023', binary: true },
  { text: 'count_ge_4@2023-07', label: 'countries at rung ≥ 4 in Jul 2023', binary: false },
];

/** Three scenarios of the small ensemble (or of `countries`), the first the reference, with paired
 * differences. */
export function makeCompareDoc(countries?: FixtureCountry[]): CompareDoc {
  const scenarios = [
    { name: 'baseline', shift: 0 },
    { name: 'isk-surge', shift: 0.6 },
    { name: 'western-isolation', shift: -0.8 },
  ];
  const means: Record<string, number[]> = {
    baseline: [0.7, 2.1],
    'isk-surge': [0.82, 2.6],
    'western-isolation': [0.55, 1.9],
  };
  const differences: CompareDoc['differences'] = [];
  for (const [i, outcome] of OUTCOMES.entries()) {
    for (const s of scenarios.slice(1)) {
      const reference_mean = means.baseline![i]!;
      const scenario_mean = means[s.name]![i]!;
      const difference = r6(scenario_mean - reference_mean);
      const half = outcome.binary ? 0.06 : 0.5;
      differences.push({
        outcome,
        reference: 'baseline',
        scenario: s.name,
        reference_mean,
        scenario_mean,
        difference,
        lo: r6(difference - half),
        hi: r6(difference + half),
      });
    }
  }
  return {
    kind: 'compare',
    seed: '42',
    runs: 100,
    scenarios: scenarios.map((s) => ({
      name: s.name,
      question: `What if ${s.name}?`,
      file: `${s.name}.yaml`,
    })),
    differences,
    overrides: [
      {
        path: 'isk.attack_rate',
        values: { baseline: '0.1', 'isk-surge': '0.2', 'western-isolation': '0.1' },
      },
    ],
    ensembles: scenarios.map((s) => makeEnsembleDoc({ countries, scenario: s.name, shift: s.shift })),
  };
}

export const FACTORS = [
  { path: 'isk.attack_rate', describe: 'range 0.05..0.3' },
  { path: 'countries.US.weights.terror', describe: 'range 0..3' },
  { path: 'factions.kandahar.consolidation', describe: 'normal(0.8, 0.1)' },
  { path: 'mechanisms.emboldening', describe: 'values true, false' },
];

/** The factors of the shipped baseline's `sweep:` block (scenarios/baseline.yaml). */
export const BASELINE_FACTORS = [
  { path: 'decision.first_mover', describe: 'range 0..2' },
  { path: 'decision.tipping_share', describe: 'range 0.2..0.5' },
  { path: 'decision.security', describe: 'range 4..12' },
  { path: 'decision.rights', describe: 'range 0.5..1.5' },
  { path: 'decision.peers', describe: 'range 0.5..1.5' },
  { path: 'power.consolidation_rate', describe: 'range 0.002..0.01' },
  { path: 'mechanisms.emboldening.power_gain', describe: 'range 0..0.06' },
];

/** The five outcomes a report asks a study about (as `stancesim sensitivity` labels them). */
export const REPORT_OUTCOMES: OutcomeRef[] = [
  {
    text: 'recognizers@2030-12 >= 1',
    label: '1 or more countries at formal recognition in 2030-12',
    binary: true,
  },
  { text: 'recognizers@2030-12', label: 'countries at formal recognition in 2030-12', binary: false },
  {
    text: 'west_at_least_4@2030-12 >= 1',
    label: '1 or more Western countries at rung ≥ 4 in 2030-12',
    binary: true,
  },
  { text: 'at_least_5@2030-12', label: 'countries at rung ≥ 5 in 2030-12', binary: false },
  { text: 'power_kandahar@2030-12', label: 'power share of the Kandahar circle in 2030-12', binary: false },
];

/** Morris or Sobol indices of the four factors for both outcomes (or of the factors and outcomes given:
 * the report's study, 7 factors × 5 outcomes, is BASELINE_FACTORS × REPORT_OUTCOMES). */
export function makeSensitivityDoc(
  method: 'morris' | 'sobol',
  factors: { path: string; describe: string }[] = FACTORS,
  outcomes: OutcomeRef[] = OUTCOMES,
): SensitivityDoc {
  return {
    kind: 'sensitivity',
    method,
    scenario: 'baseline',
    seed: '42',
    start: '2021-08',
    end: '2030-12',
    record_end: '2025-06',
    runs: 20,
    points: method === 'morris' ? 50 : 600,
    factors,
    outcomes: outcomes.map((outcome, o) => ({
      outcome,
      indices: factors.map((f, i) => {
        const x = r6(Math.max(0.01, 0.6 - 0.13 * i) * (o + 1) * (i === 2 ? 0.5 : 1));
        return method === 'morris'
          ? {
              factor: f.path,
              mu_star: x,
              mu_star_lo: r6(0.8 * x),
              mu_star_hi: r6(1.2 * x),
              sigma: r6(0.5 * x),
            }
          : {
              factor: f.path,
              s1: r6(x / 2 / (o + 1)),
              s1_lo: r6(x / 2 / (o + 1) - 0.05),
              s1_hi: r6(x / 2 / (o + 1) + 0.05),
              st: r6(x / (o + 1)),
              st_lo: r6(x / (o + 1) - 0.07),
              st_hi: r6(x / (o + 1) + 0.07),
            };
      }),
    })),
  };
}

/** A peeling trajectory of 8 steps over three factors; step 5 chosen. */
export function makeDiscoverDoc(): DiscoverDoc {
  const boxes: DiscoverDoc['trajectory'][number]['box'][] = [
    [],
    [{ path: 'isk.attack_rate', lo: 0.1 }],
    [{ path: 'isk.attack_rate', lo: 0.14 }],
    [
      { path: 'isk.attack_rate', lo: 0.14 },
      { path: 'countries.US.weights.terror', hi: 2.4 },
    ],
    [
      { path: 'isk.attack_rate', lo: 0.16, hi: 0.29 },
      { path: 'countries.US.weights.terror', hi: 2.1 },
    ],
    [
      { path: 'isk.attack_rate', lo: 0.16, hi: 0.29 },
      { path: 'countries.US.weights.terror', hi: 2.1 },
      { path: 'mechanisms.emboldening', values: [true] },
    ],
    [
      { path: 'isk.attack_rate', lo: 0.2, hi: 0.29 },
      { path: 'countries.US.weights.terror', hi: 1.8 },
      { path: 'mechanisms.emboldening', values: [true] },
    ],
    [
      { path: 'isk.attack_rate', lo: 0.22, hi: 0.28 },
      { path: 'countries.US.weights.terror', lo: 0.3, hi: 1.5 },
      { path: 'mechanisms.emboldening', values: [true] },
    ],
  ];
  return {
    kind: 'discover',
    scenario: 'baseline',
    seed: '42',
    start: '2025-06',
    end: '2030-12',
    record_end: '2025-06',
    runs: 10,
    points: 400,
    outcome: OUTCOMES[0]!,
    factors: FACTORS,
    base_rate: 0.25,
    trajectory: boxes.map((box, step) => ({
      step,
      coverage: r6(1 - 0.09 * step - 0.004 * step * step),
      density: r6(0.25 + 0.085 * step),
      n: 400 - 45 * step,
      box,
    })),
    chosen: 5,
  };
}

/** baseline against reform-before-recognition over the report's five outcomes (REPORT_OUTCOMES: a
 * probability and a count of the same measure, a power share), both ensembles starting from the observed
 * state in their first month (a record that ends where they start, as with `--start 2025-06`). */
export function makeReportCompareDoc(): CompareDoc {
  const doc = makeCompareDoc();
  const scenarios = ['baseline', 'reform-before-recognition'];
  const means = [
    [0.025, 0.05],
    [0.025, 0.05],
    [0.925, 1],
    [3.95, 4.28],
    [0.716, 0.7154],
  ];
  const ensembles = scenarios.map((scenario, i) => {
    const e = makeEnsembleDoc({ scenario, shift: i * 0.3 });
    return { ...e, record: { end: e.start, rows: [] } };
  });
  return {
    ...doc,
    scenarios: scenarios.map((name) => ({ name, question: `What if ${name}?`, file: `${name}.yaml` })),
    differences: REPORT_OUTCOMES.map((outcome, i) => {
      const [reference_mean, scenario_mean] = means[i]!;
      const difference = r6(scenario_mean! - reference_mean!);
      const half = outcome.binary ? 0.05 : outcome.text.startsWith('power_') ? 0.0011 : 0.36;
      return {
        outcome,
        reference: 'baseline',
        scenario: 'reform-before-recognition',
        reference_mean: reference_mean!,
        scenario_mean: scenario_mean!,
        difference,
        lo: r6(difference - half),
        hi: r6(difference + half),
      };
    }),
    ensembles,
  };
}
