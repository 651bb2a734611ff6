// Text formats of the outputs. Stable key order and fixed rounding, so the same run gives the same bytes.

import { csvField, type ResultsDoc } from '../model/results.js';

/** results.csv: one row per month × actor × variable, with the scenario and seed on every row. */
export function resultsCsv(doc: ResultsDoc): string {
  const head = 'scenario,seed,date,actor,variable,value\n';
  const scenario = csvField(doc.scenario);
  const seed = csvField(doc.seed);
  return (
    head + doc.rows.map((r) => `${scenario},${seed},${r.date},${r.actor},${r.variable},${r.value}\n`).join('')
  );
}

/** results.json: readable header, then one row per line (diffable, and small enough to stream). */
export function resultsJson(doc: ResultsDoc): string {
  const { rows, record, ...head } = doc;
  const header = JSON.stringify(head, null, 2).slice(0, -2);
  const lines = (xs: readonly unknown[], indent: string) =>
    xs.map((r) => `${indent}${JSON.stringify(r)}`).join(',\n');
  // the record's ISK attacks, when it has any, one a line after its rows
  const attacks = record?.attacks ? `,\n    "attacks": [\n${lines(record.attacks, '      ')}\n    ]` : '';
  // the record, when there is one, one observation a line like the rows
  const observed = record
    ? `,\n  "record": {\n    "end": ${JSON.stringify(record.end)},\n    "rows": [\n${lines(record.rows, '      ')}\n    ]${attacks}\n  }`
    : '';
  return `${header}${observed},\n  "rows": [\n${lines(rows, '    ')}\n  ]\n}\n`;
}

export function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
