// Scoring a forecast file against outcomes a user recorded later (docs/FORECASTS.md): Brier and log
// scores per question, beside the persistence forecaster's.

import { round6 } from '../model/results.js';
import { parseCsv } from '../scenario/csv.js';
import { type Diagnostic, didYouMean, ScenarioError } from '../scenario/errors.js';
import type { ForecastDoc, ScoreDoc } from './docs.js';
import { brier, logScore } from './scores.js';

const YES = ['1', 'yes', 'true', 'y'];
const NO = ['0', 'no', 'false', 'n'];

/** Read an outcomes CSV (`id,outcome[,…]`): question id → 0/1. Problems are diagnostics with line and column. */
export function parseOutcomes(
  file: string,
  text: string,
  known: readonly string[],
): { outcomes: Map<string, 0 | 1>; unknown: string[] } {
  const { records, errors } = parseCsv(text);
  const diags: Diagnostic[] = errors.map((e) => ({ file, line: e.line, col: e.col, message: e.message }));
  const [head, ...rows] = records;
  const columns = head?.fields.map((f) => f.value.trim().toLowerCase()) ?? [];
  const idCol = columns.indexOf('id');
  const outCol = columns.indexOf('outcome');
  if (!head || idCol < 0 || outCol < 0)
    throw new ScenarioError([
      {
        file,
        line: head?.line ?? 1,
        col: 1,
        message: 'the first line must name the columns, with at least id and outcome',
        expected: 'id,outcome[,note]',
        hint: 'e.g. "RU rung>=6 by 2025-12,1,Russia recognized on 3 July 2025"',
      },
    ]);
  const outcomes = new Map<string, 0 | 1>();
  const unknown: string[] = [];
  for (const row of rows) {
    const id = row.fields[idCol]?.value.trim() ?? '';
    const cell = row.fields[outCol];
    if (id === '' && (cell?.value.trim() ?? '') === '') continue;
    const value = cell?.value.trim().toLowerCase() ?? '';
    if (!YES.includes(value) && !NO.includes(value)) {
      diags.push({
        file,
        line: row.line,
        col: cell?.col ?? 1,
        path: id,
        message: `outcome '${cell?.value ?? ''}' is not yes or no`,
        expected: '1 or 0 (also yes/no, true/false)',
      });
      continue;
    }
    if (outcomes.has(id)) {
      diags.push({ file, line: row.line, col: 1, path: id, message: `question '${id}' is given twice` });
      continue;
    }
    if (!known.includes(id)) {
      const close = didYouMean(id, known);
      if (close) {
        diags.push({
          file,
          line: row.line,
          col: 1,
          path: id,
          message: `no question '${id}' in the forecast`,
          hint: `did you mean '${close}'?`,
        });
        continue;
      }
      unknown.push(id);
      continue;
    }
    outcomes.set(id, YES.includes(value) ? 1 : 0);
  }
  if (diags.length > 0) throw new ScenarioError(diags);
  return { outcomes, unknown };
}

export function scoreForecast(
  forecast: ForecastDoc,
  forecastFile: string,
  outcomesFile: string,
  outcomes: Map<string, 0 | 1>,
  unknown: string[],
): ScoreDoc {
  const scored = forecast.questions.flatMap((q) => {
    const o = outcomes.get(q.id);
    if (o === undefined) return [];
    return [
      {
        id: q.id,
        outcome: o,
        p: q.p,
        persistence: q.persistence,
        brier: round6(brier(q.p, o)),
        log: round6(logScore(q.p, o)),
        persistence_brier: round6(brier(q.persistence, o)),
        persistence_log: round6(logScore(q.persistence, o)),
      },
    ];
  });
  if (scored.length === 0)
    throw new ScenarioError([
      {
        file: outcomesFile,
        message: 'none of its questions is in the forecast',
        hint: `ids are listed in ${forecastFile} (questions[].id)`,
      },
    ]);
  const mean = (key: 'brier' | 'log' | 'persistence_brier' | 'persistence_log') =>
    round6(scored.reduce((s, x) => s + x[key], 0) / scored.length);
  return {
    kind: 'score',
    forecast: forecastFile,
    outcomes: outcomesFile,
    scored,
    unknown,
    unresolved: forecast.questions.length - scored.length,
    mean: {
      brier: mean('brier'),
      log: mean('log'),
      persistence_brier: mean('persistence_brier'),
      persistence_log: mean('persistence_log'),
    },
  };
}
