// Text outputs of an ensemble: tidy CSVs beside ensemble.json, each row carrying scenario and seed.

import { csvCells, csvField } from '../model/results.js';
import type { EnsembleDoc } from './docs.js';

/** The rows after the scenario, seed and runs, which open every row: written once. */
function table(doc: EnsembleDoc, head: string[], rows: (string | number)[][]): string {
  const opening = csvCells([doc.scenario, doc.seed, doc.runs]);
  let text = `${csvCells(['scenario', 'seed', 'runs', ...head])}\n`;
  for (const row of rows) text += `${opening},${csvCells(row)}\n`;
  return text;
}

/** P(rung ≥ k) per month × country × k. The largest of the files (~16k rows, written once per
 * ensemble, so by code V8 has not compiled yet): each month's opening and each series' middle are
 * written once, a row then joins three strings and a number. The same text as `table` would give. */
export function rungProbabilitiesCsv(doc: EnsembleDoc): string {
  const opening = csvCells([doc.scenario, doc.seed, doc.runs]);
  const byMonth = doc.months.map((date) => `${opening},${csvField(date)},`);
  let text = `${csvCells(['scenario', 'seed', 'runs', 'date', 'country', 'k', 'p_at_least'])}\n`;
  for (const { country, k, p } of doc.rung_at_least) {
    const middle = `${csvField(country)},${k},`;
    for (let m = 0; m < byMonth.length; m++) text += `${byMonth[m]}${middle}${p[m]}\n`;
  }
  return text;
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
