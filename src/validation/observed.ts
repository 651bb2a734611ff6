// The observed record a backtest scores against: each country's rung month by month, as the last
// stance row of data/events.csv at or before that month (a stance holds until a row changes it).

import type { RecordOverlay } from '../model/results.js';
import { formatMonth, monthRange, parseMonth } from '../model/time.js';
import type { Observation } from '../scenario/data.js';

/** The month of the last stance observation: where a backtest window ends. */
export function lastObservedMonth(observations: readonly Observation[]): string {
  let last: string | undefined;
  for (const o of observations)
    if (o.kind === 'stance' && (last === undefined || o.date > last)) last = o.date;
  if (!last) throw new RangeError('data/events.csv has no stance rows: there is nothing to score against');
  return last;
}

/** The value of the last row at or before each month of start..end; `before` where none is. */
function series(
  rows: readonly { date: string; value: number }[],
  start: string,
  end: string,
  before: (id: string) => number,
  id: string,
): number[] {
  const first = parseMonth(start);
  const at = rows.map((r) => ({ month: parseMonth(r.date) - first, value: r.value }));
  // rows are sorted by date
  let j = -1;
  return monthRange(start, end).map((_, m) => {
    while (j + 1 < at.length && at[j + 1]!.month <= m) j++;
    return j < 0 ? before(id) : at[j]!.value;
  });
}

/** Observed rung [country][month] over start..end. Throws if a country has no stance by `start`. */
export function observedRungs(
  observations: readonly Observation[],
  countries: readonly string[],
  start: string,
  end: string,
): number[][] {
  return countries.map((id) =>
    series(
      observations
        .filter((o) => o.kind === 'stance' && o.actor === id && o.rung !== undefined)
        .map((o) => ({ date: o.date, value: o.rung! })),
      start,
      end,
      () => {
        throw new RangeError(`no stance row for '${id}' at or before ${start}`);
      },
      id,
    ),
  );
}

/** A country's observed rung in one month, or undefined where the record says nothing: after its last
 * stance month, or before the country's first stance row. */
export function observedRungAt(
  observations: readonly Observation[],
  id: string,
  month: string,
): number | undefined {
  if (!observations.some((o) => o.kind === 'stance') || month > lastObservedMonth(observations))
    return undefined;
  try {
    return observedRungs(observations, [id], month, month)[0]![0];
  } catch {
    return undefined;
  }
}

/** Observed listing [country][month] (1: its law lists the Taliban as terrorist), as the initial
 * state reads it: the last listing row, 0 before any. */
export function observedListed(
  observations: readonly Observation[],
  countries: readonly string[],
  start: string,
  end: string,
): number[][] {
  return countries.map((id) =>
    series(
      observations
        .filter((o) => o.kind === 'listing' && o.actor === id)
        .map((o) => ({ date: o.date, value: (o.value ?? 0) >= 0.5 ? 1 : 0 })),
      start,
      end,
      () => 0,
      id,
    ),
  );
}

/** The month index at which a series first stands at or above k, or null if it never does. */
export function firstReach(series: readonly number[], k: number): number | null {
  const m = series.findIndex((r) => r >= k);
  return m < 0 ? null : m;
}

/** The record to draw beside a run over start..end: each country's observed rung at the start, at
 * every change and at the last month both cover; undefined when the run starts after the record ends.
 * Countries without a stance row by the start are left out. */
export function recordOverlay(
  observations: readonly Observation[],
  countries: readonly string[],
  start: string,
  end: string,
): RecordOverlay | undefined {
  if (!observations.some((o) => o.kind === 'stance')) return undefined;
  const last = lastObservedMonth(observations);
  if (parseMonth(start) > parseMonth(last)) return undefined;
  const until = formatMonth(Math.min(parseMonth(end), parseMonth(last)));
  const rows: RecordOverlay['rows'] = [];
  for (const id of countries) {
    let series: number[];
    try {
      [series] = observedRungs(observations, [id], start, until) as [number[]];
    } catch {
      continue;
    }
    const first = parseMonth(start);
    series.forEach((rung, m) => {
      if (m === 0 || rung !== series[m - 1] || m === series.length - 1)
        rows.push({ country: id, date: formatMonth(first + m), rung });
    });
  }
  const attacks = recordAttacks(observations, start, until);
  return { end: until, rows, ...(attacks.length > 0 ? { attacks } : {}) };
}

/**
 * The ISK attacks in the record over start..end: the shock rows that raise the ISK threat (how the data
 * directory records an attack, e.g. 'ISK attack on Crocus City Hall near Moscow (22 Mar).'), by date,
 * with what the row says. Attacks recorded only as another actor's shock (an assassination as a
 * faction's power loss) or only in a source text are not among them.
 */
export function recordAttacks(
  observations: readonly Observation[],
  start: string,
  end: string,
): NonNullable<RecordOverlay['attacks']> {
  const [lo, hi] = [parseMonth(start), parseMonth(end)];
  return observations
    .filter(
      (o) =>
        o.kind === 'shock' &&
        o.actor === 'isk' &&
        o.variable === 'threat' &&
        (o.value ?? 0) > 0 &&
        parseMonth(o.date) >= lo &&
        parseMonth(o.date) <= hi,
    )
    .map((o) => ({ date: o.date, label: o.what }));
}
