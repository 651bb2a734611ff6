// Text outputs of an ensemble: tidy CSVs beside ensemble.json, each row carrying scenario and seed.

import { csvTable } from '../model/results.js';
import type { EnsembleDoc } from './docs.js';

function table(doc: EnsembleDoc, head: string[], rows: (string | number)[][]): string {
  return csvTable(
    ['scenario', 'seed', 'runs', ...head],
    rows.map((r) => [doc.scenario, doc.seed, doc.runs, ...r]),
  );
}

/** P(rung ≥ k) per month × country × k. */
export function rungProbabilitiesCsv(doc: EnsembleDoc): string {
  const rows = doc.rung_at_least.flatMap(({ country, k, p }) =>
    doc.months.map((date, m) => [date, country, k, p[m]!]),
  );
  return table(doc, ['date', 'country', 'k', 'p_at_least'], rows);
}

/** Median and 50% / 90% bands per month × series. */
export function bandsCsv(doc: EnsembleDoc): string {
  const rows = doc.bands.flatMap((b) =>
    doc.months.map((date, m) => [
      date,
      b.actor,
      b.variable,
      b.p05[m]!,
      b.p25[m]!,
      b.p50[m]!,
      b.p75[m]!,
      b.p95[m]!,
    ]),
  );
  return table(doc, ['date', 'actor', 'variable', 'p05', 'p25', 'p50', 'p75', 'p95'], rows);
}

/** First recognizer (empty country = nobody by the end), its month, and the cascade size. */
export function recognitionCsv(doc: EnsembleDoc): string {
  const rows: (string | number)[][] = [
    ...doc.first_recognizer.map((x) => ['first_recognizer', x.country ?? '', x.runs]),
    ...doc.first_recognition_month.map((x) => ['first_recognition_month', x.date, x.runs]),
    ...doc.cascade.map((x) => ['cascade_12m', x.size, x.runs]),
  ];
  return table(doc, ['measure', 'value', 'count'], rows);
}
