// The observed record a backtest scores against: each country's rung month by month, as the last
// stance row of data/events.csv at or before that month (a stance holds until a row changes it).

import { monthRange, parseMonth } from '../model/time.js';
import type { Observation } from '../scenario/data.js';

/** The month of the last stance observation: where a backtest window ends. */
export function lastObservedMonth(observations: readonly Observation[]): string {
  let last: string | undefined;
  for (const o of observations)
    if (o.kind === 'stance' && (last === undefined || o.date > last)) last = o.date;
  if (!last) throw new RangeError('data/events.csv has no stance rows: there is nothing to score against');
  return last;
}

/** Observed rung [country][month] over start..end. Throws if a country has no stance by `start`. */
export function observedRungs(
  observations: readonly Observation[],
  countries: readonly string[],
  start: string,
  end: string,
): number[][] {
  const months = monthRange(start, end);
  const first = parseMonth(start);
  return countries.map((id) => {
    const rows = observations
      .filter((o) => o.kind === 'stance' && o.actor === id && o.rung !== undefined)
      .map((o) => ({ month: parseMonth(o.date) - first, rung: o.rung! }));
    // rows are sorted by date; the last row at or before each month holds
    let j = -1;
    return months.map((_, m) => {
      while (j + 1 < rows.length && rows[j + 1]!.month <= m) j++;
      if (j < 0) throw new RangeError(`no stance row for '${id}' at or before ${start}`);
      return rows[j]!.rung;
    });
  });
}

/** The month index at which a series first stands at or above k, or null if it never does. */
export function firstReach(series: readonly number[], k: number): number | null {
  const m = series.findIndex((r) => r >= k);
  return m < 0 ? null : m;
}
