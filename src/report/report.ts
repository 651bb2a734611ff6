// The content of a report, from the documents the other commands write: per scenario its question,
// what it changes, a summary and its charts (an ensemble's, or one run's); for several scenarios the
// comparison under common random numbers. Plain data, for html.ts to lay out.

import type { TopLevelSpec } from 'vega-lite';
import type { RunSummary } from '../analysis/summary.js';
import {
  buildChart,
  buildEnsembleChart,
  buildStudyCharts,
  CHART_DESCRIPTIONS,
  CHART_KINDS,
  ENSEMBLE_CHART_DESCRIPTIONS,
  ENSEMBLE_CHART_KINDS,
  STUDY_CHART_DESCRIPTIONS,
} from '../charts/index.js';
import type { CompareDoc, EnsembleDoc } from '../ensemble/docs.js';
import type { ResultsDoc } from '../model/results.js';
import type { EventRow, ParameterChange } from './parameters.js';
import { compareSummary, ensembleSummary, runSummary, WEST_RUNG } from './summary.js';

export interface ReportChart {
  kind: string;
  caption: string;
  spec: TopLevelSpec;
}

/** What the report says about a scenario besides its results. */
export interface ScenarioInfo {
  name: string;
  question: string;
  description: string;
  /** the scenario file, as the reader should see it */
  file: string;
  parameters: ParameterChange[];
  events: EventRow[];
}

export interface ScenarioSection extends ScenarioInfo {
  summary: string[];
  charts: ReportChart[];
}

export interface ComparisonSection {
  scenarios: string[];
  summary: string[];
  differences: CompareDoc['differences'];
  overrides: CompareDoc['overrides'];
  charts: ReportChart[];
}

export interface Report {
  title: string;
  /** what made it, e.g. 'stancesim 0.1.0' */
  generator: string;
  /** the command that makes it again */
  command: string;
  seed: string;
  runs: number;
  start: string;
  end: string;
  scenarios: ScenarioSection[];
  comparison?: ComparisonSection;
}

/**
 * A scenario's ensemble; `anyWest` is the per-run P(some Western country at rung ≥ 4 at the end). With
 * the record over its period in the doc, the summary tells replay from projection.
 */
export function ensembleSection(info: ScenarioInfo, doc: EnsembleDoc, anyWest?: number): ScenarioSection {
  return {
    ...info,
    summary: ensembleSummary(doc, anyWest),
    charts: ENSEMBLE_CHART_KINDS.map((kind) => ({
      kind,
      caption: ENSEMBLE_CHART_DESCRIPTIONS[kind],
      spec: buildEnsembleChart(kind, doc, { k: WEST_RUNG }),
    })),
  };
}

/** A scenario's single run. */
export function runSection(info: ScenarioInfo, doc: ResultsDoc, summary: RunSummary): ScenarioSection {
  return {
    ...info,
    summary: runSummary(summary, doc.actors, doc.record),
    charts: CHART_KINDS.map((kind) => ({
      kind,
      caption: CHART_DESCRIPTIONS[kind],
      spec: buildChart(kind, doc),
    })),
  };
}

export function comparisonSection(doc: CompareDoc): ComparisonSection {
  return {
    scenarios: doc.scenarios.map((s) => s.name),
    summary: compareSummary(doc),
    differences: doc.differences,
    overrides: doc.overrides,
    charts: buildStudyCharts(doc).map(({ kind, spec }) => ({
      kind,
      caption: STUDY_CHART_DESCRIPTIONS[kind],
      spec,
    })),
  };
}
