// The validation charts: their kinds, one-line descriptions and the dispatch from a validation document
// to its charts. The builders live by family: backtest.ts (backtest, backtest-scores, backtest-order),
// calibration.ts, rolling.ts, forecast.ts and explain.ts. Pure and browser-safe like the other spec
// modules: type imports from vega-lite only, no node:*, no I/O.

import type { TopLevelSpec } from 'vega-lite';
import type {
  BacktestDoc,
  CalibrationDoc,
  CountryExplanation,
  FactionExplanation,
  ForecastDoc,
  RollingDoc,
} from '../validation/docs.js';
import { backtestChart, backtestOrderChart, backtestScoresChart } from './backtest.js';
import { calibrationParamsChart, calibrationTraceChart } from './calibration.js';
import { explainCountryChart, explainFactionChart } from './explain.js';
import { forecastChart } from './forecast.js';
import { rollingChart } from './rolling.js';
import type { ChartOptions } from './style.js';

// ---------------------------------------------------------------------------------------------- kinds

export const BACKTEST_CHART_KINDS = ['backtest', 'backtest-scores', 'backtest-order'] as const;
export const CALIBRATION_CHART_KINDS = ['calibration-trace', 'calibration-params'] as const;
export const FORECAST_CHART_KINDS = ['forecast'] as const;
export const EXPLAIN_CHART_KINDS = ['explain-country', 'explain-faction'] as const;
export const ROLLING_CHART_KINDS = ['rolling'] as const;
export const VALIDATION_CHART_KINDS = [
  ...BACKTEST_CHART_KINDS,
  ...CALIBRATION_CHART_KINDS,
  ...ROLLING_CHART_KINDS,
  ...FORECAST_CHART_KINDS,
  ...EXPLAIN_CHART_KINDS,
] as const;
export type BacktestChartKind = (typeof BACKTEST_CHART_KINDS)[number];
export type CalibrationChartKind = (typeof CALIBRATION_CHART_KINDS)[number];
export type ValidationChartKind = (typeof VALIDATION_CHART_KINDS)[number];
/** The documents of the validation commands that have charts (score.json has none). */
export type ValidationDoc =
  | BacktestDoc
  | CalibrationDoc
  | RollingDoc
  | ForecastDoc
  | CountryExplanation
  | FactionExplanation;

/** One-line description of each chart, for `--help` texts and report captions. */
export const VALIDATION_CHART_DESCRIPTIONS: Record<ValidationChartKind, string> = {
  backtest:
    'observed rung against the simulated median, 50% and 90% bands, one panel per country, grouped by bloc',
  'backtest-scores':
    'mean absolute rung error of the model, persistence and trend, overall and by country; Brier and end miss overall',
  'backtest-order':
    "first month at rung ≥ 4 and ≥ 5, observed against the model's median, with Spearman's rho and how many the model reached",
  'calibration-trace':
    'penalized log-likelihood of the record at each evaluation of the calibration search, and the best so far',
  'calibration-params': 'each fitted parameter in its search range: bounds, start and fitted value',
  rolling:
    "rolling-origin Brier scores of the model, persistence and the base rate per horizon, with the model's skill, and its reliability diagram",
  forecast: 'probability of each forecast question and the persistence forecast, by question family',
  'explain-country':
    "a country's drive term by term (waterfall), its current rung, its cap and the record's rung that month, and this month's move probabilities",
  'explain-faction':
    "the change of a faction's power share term by term (waterfall, the rest its own bar), and its weight in the regime's policy target against its ideal",
};

/**
 * The charts of a validation document, in the order of their kinds: backtest → 3 charts, calibration
 * → 2, forecast, explain-country and explain-faction → 1. Throws a RangeError for a document the charts
 * cannot show (arrays of the wrong length, an empty trace, no questions…). `opts.width` is the whole
 * image's width (default PAGE_WIDTH). Render with `renderSpecs`.
 */
export function buildValidationCharts(
  doc: ValidationDoc,
  opts: ChartOptions = {},
): { kind: ValidationChartKind; spec: TopLevelSpec }[] {
  switch (doc.kind) {
    case 'backtest':
      return [
        { kind: 'backtest', spec: backtestChart(doc, opts) },
        { kind: 'backtest-scores', spec: backtestScoresChart(doc, opts) },
        { kind: 'backtest-order', spec: backtestOrderChart(doc, opts) },
      ];
    case 'calibration':
      return [
        { kind: 'calibration-trace', spec: calibrationTraceChart(doc, opts) },
        { kind: 'calibration-params', spec: calibrationParamsChart(doc, opts) },
      ];
    case 'rolling-backtest':
      return [{ kind: 'rolling', spec: rollingChart(doc, opts) }];
    case 'forecast':
      return [{ kind: 'forecast', spec: forecastChart(doc, opts) }];
    case 'explain-country':
      return [{ kind: 'explain-country', spec: explainCountryChart(doc, opts) }];
    case 'explain-faction':
      return [{ kind: 'explain-faction', spec: explainFactionChart(doc, opts) }];
    default:
      throw new RangeError(
        `no charts for a document of kind '${String((doc as { kind?: unknown }).kind)}' (expected one of: backtest, calibration, rolling-backtest, forecast, explain-country, explain-faction)`,
      );
  }
}
