// Data collection: a run's typed arrays → tidy long rows (one per month × actor × variable), the
// format written to results.csv / results.json and read back by the chart builders.

import {
  type Bloc,
  DIMENSIONS,
  FACTIONS,
  MAX_RUNG,
  type ModelParams,
  type RunEvent,
  type SimResult,
} from './types.js';

export interface TidyRow {
  date: string;
  actor: string;
  variable: string;
  value: number;
}

export interface ActorInfo {
  id: string;
  name: string;
  kind: 'country' | 'faction' | 'regime' | 'isk' | 'UN' | 'world';
  bloc?: Bloc;
  /** a faction's leader, for legends */
  leader?: string;
}

/** What `results.json` holds: enough to re-render every chart without the scenario. */
export interface ResultsDoc {
  scenario: string;
  seed: string;
  start: string;
  end: string;
  actors: ActorInfo[];
  rows: TidyRow[];
  log: RunEvent[];
  /** the observed record over the run's months, when the run starts before the record ends */
  record?: RecordOverlay;
}

/** Observed stances to draw beside a run: each country's rung at the run's start and at each change,
 * and at the last month shown, up to `end`, the record's last month within the run. */
export interface RecordOverlay {
  end: string;
  rows: { country: string; date: string; rung: number }[];
  /** ISK attacks in the record over the run's months, up to `end` (the data's shock rows that raise the
   * ISK threat), with what the row says; absent when there are none */
  attacks?: { date: string; label: string }[];
}

/** A CSV cell, quoted when it holds a comma, quote or line break (RFC 4180). */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",\n\r]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Cells as one CSV line (without its newline), each through csvField; a number's text never needs
 * quotes, and skips the test (an ensemble's tables have ~100k cells). */
export function csvCells(cells: readonly (string | number | boolean)[]): string {
  let line = '';
  for (let j = 0; j < cells.length; j++) {
    const c = cells[j]!;
    line += (j === 0 ? '' : ',') + (typeof c === 'number' ? String(c) : csvField(String(c)));
  }
  return line;
}

/** A CSV text: the header line, then one line per row, each cell through csvField. */
export function csvTable(
  head: readonly string[],
  rows: readonly (readonly (string | number | boolean)[])[],
): string {
  let text = `${csvCells(head)}\n`;
  for (const row of rows) text += `${csvCells(row)}\n`;
  return text;
}

/** Round for output so text files are stable and readable (values are indices and shares in 0..6). */
export function round6(x: number): number {
  return Math.round(x * 1e6) / 1e6;
}

export function actorsOf(params: ModelParams): ActorInfo[] {
  return [
    ...Object.entries(params.countries).map(
      ([id, c]): ActorInfo => ({ id, name: c.name, kind: 'country', bloc: c.bloc }),
    ),
    ...FACTIONS.map(
      (id): ActorInfo => ({
        id,
        name: params.factions[id].name,
        kind: 'faction',
        leader: params.factions[id].leader,
      }),
    ),
    { id: 'regime', name: 'Taliban regime policy', kind: 'regime' },
    { id: 'isk', name: 'Islamic State Khorasan', kind: 'isk' },
    { id: 'UN', name: 'United Nations', kind: 'UN' },
    { id: 'world', name: 'All modeled countries', kind: 'world' },
  ];
}

/**
 * Rows per month: each country's rung, listed (0/1) and drive; each faction's power; the regime's
 * policy indices; ISK threat and attacks; the UN seat and sanctions; and world aggregates
 * (legitimacy, and count_rung_k = number of countries at rung k).
 */
export function toRows(r: SimResult): TidyRow[] {
  const rows: TidyRow[] = [];
  const nc = r.countries.length;
  const counts = new Array<number>(MAX_RUNG + 1);
  r.months.forEach((date, m) => {
    counts.fill(0);
    r.countries.forEach((actor, c) => {
      const rung = r.rung[m * nc + c]!;
      counts[rung]!++;
      rows.push({ date, actor, variable: 'rung', value: rung });
      rows.push({ date, actor, variable: 'listed', value: r.listed[m * nc + c]! });
      rows.push({ date, actor, variable: 'drive', value: round6(r.drive[m * nc + c]!) });
    });
    FACTIONS.forEach((actor, f) => {
      rows.push({ date, actor, variable: 'power', value: round6(r.power[m * FACTIONS.length + f]!) });
    });
    DIMENSIONS.forEach((variable, d) => {
      rows.push({ date, actor: 'regime', variable, value: round6(r.policy[m * DIMENSIONS.length + d]!) });
    });
    rows.push({ date, actor: 'isk', variable: 'threat', value: round6(r.threat[m]!) });
    rows.push({ date, actor: 'isk', variable: 'attacks', value: r.attacks[m]! });
    rows.push({ date, actor: 'UN', variable: 'seat', value: r.un_seat[m]! });
    rows.push({ date, actor: 'UN', variable: 'sanctions', value: r.un_sanctions[m]! });
    rows.push({ date, actor: 'world', variable: 'legitimacy', value: round6(r.legitimacy[m]!) });
    counts.forEach((n, k) => {
      rows.push({ date, actor: 'world', variable: `count_rung_${k}`, value: n });
    });
  });
  return rows;
}

export function toResultsDoc(r: SimResult, params: ModelParams): ResultsDoc {
  const months = r.months;
  return {
    scenario: r.scenario,
    seed: r.seed,
    start: months[0]!,
    end: months[months.length - 1]!,
    actors: actorsOf(params),
    rows: toRows(r),
    log: r.log,
  };
}

/** Legend label of an actor: its name, with its leader when it has one. */
export function actorLabel(a: Pick<ActorInfo, 'name' | 'leader'>): string {
  const { leader } = a;
  return leader && !a.name.includes(leader) ? `${a.name} (${leader})` : a.name;
}
