// The kinds of chart there are and what each shows: names only, without their builders (the
// browser playground's page lists them and draws specs made elsewhere).

export const CHART_KINDS = ['rungs', 'heatmap', 'factions', 'policy', 'legitimacy'] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** One-line description of each chart, for `--help` texts and report captions. */
export const CHART_DESCRIPTIONS: Record<ChartKind, string> = {
  rungs: 'engagement rung of every country over time, one panel per bloc',
  heatmap: 'countries × months, coloured by engagement rung',
  factions: 'power shares of the Taliban factions (stacked, normalized to 1)',
  policy: "the regime's policy indices and the ISK threat",
  legitimacy: 'number of countries at each rung, month by month',
};

export function isChartKind(name: string): name is ChartKind {
  return (CHART_KINDS as readonly string[]).includes(name);
}

export const ENSEMBLE_CHART_KINDS = [
  'fan-factions',
  'fan-policy',
  'fan-counts',
  'probability',
  'first-recognizer',
  'cascade',
  'first-recognition-month',
] as const;
export type EnsembleChartKind = (typeof ENSEMBLE_CHART_KINDS)[number];

export const ENSEMBLE_CHART_DESCRIPTIONS: Record<EnsembleChartKind, string> = {
  'fan-factions': 'faction power across the runs: median, 50% and 90% bands',
  'fan-policy': "the regime's policy indices and the ISK threat across the runs: median, 50% and 90% bands",
  'fan-counts': 'countries at rung ≥ 4, ≥ 5 and 6, and the legitimacy index, across the runs',
  probability:
    'countries × months coloured by the probability of standing at rung k or higher (k selectable)',
  'first-recognizer': 'share of runs in which each country is the first to recognize formally',
  cascade: 'how many countries follow the first recognizer to rung 6 within 12 months',
  'first-recognition-month': 'month of the first formal recognition, over the runs',
};

export const COMPARE_CHART_KINDS = ['compare', 'compare-differences'] as const;
export const SENSITIVITY_CHART_KINDS = ['sensitivity'] as const;
export const DISCOVER_CHART_KINDS = ['discover'] as const;
export const STUDY_CHART_KINDS = [
  ...COMPARE_CHART_KINDS,
  ...SENSITIVITY_CHART_KINDS,
  ...DISCOVER_CHART_KINDS,
] as const;
export type CompareChartKind = (typeof COMPARE_CHART_KINDS)[number];
export type StudyChartKind = (typeof STUDY_CHART_KINDS)[number];

export const STUDY_CHART_DESCRIPTIONS: Record<StudyChartKind, string> = {
  compare:
    'scenarios side by side: countries at rung ≥ 4 and recognizers, and P(rung ≥ 4) at the end by country',
  'compare-differences':
    'paired difference of each outcome from the reference scenario, with its 95% interval',
  sensitivity: 'Morris μ* (with σ) or Sobol S1 and ST of each factor, with 95% intervals, per outcome',
  discover:
    'PRIM: the factor ranges of the chosen box within their full ranges, and the peeling trajectory (coverage against density)',
};
