// Synthetic, deterministic ResultsDoc for the chart tests: no model, no randomness, no I/O.

import type { ActorInfo, RecordOverlay, ResultsDoc, TidyRow } from '../../src/model/results.js';
import type { Bloc } from '../../src/model/types.js';

export interface FixtureCountry {
  id: string;
  name: string;
  bloc: Bloc;
  /** 'month:rung …': the rung from each listed month on (the first entry must be month 0) */
  path: string;
}

/** The small fixture: 4 countries in 2 blocs, 18 months; USA and GBR overlap on purpose. */
export const SMALL_COUNTRIES: FixtureCountry[] = [
  { id: 'USA', name: 'United States', bloc: 'west', path: '0:0 3:1 10:2' },
  { id: 'GBR', name: 'United Kingdom', bloc: 'west', path: '0:0 3:1 14:2' },
  { id: 'CHN', name: 'China', bloc: 'great_power', path: '0:3 5:4 12:5' },
  { id: 'RUS', name: 'Russia', bloc: 'great_power', path: '0:3 8:4 15:6' },
];

/** A larger fixture for looking at the layout: 20 countries in all six blocs. */
export const LARGE_COUNTRIES: FixtureCountry[] = [
  ...SMALL_COUNTRIES,
  { id: 'DEU', name: 'Germany', bloc: 'west', path: '0:0 6:1 30:2' },
  { id: 'FRA', name: 'France', bloc: 'west', path: '0:0 4:1' },
  { id: 'JPN', name: 'Japan', bloc: 'asia', path: '0:1 9:2 20:3' },
  { id: 'IND', name: 'India', bloc: 'asia', path: '0:0 10:2 18:3 40:4' },
  { id: 'IDN', name: 'Indonesia', bloc: 'asia', path: '0:2 12:3' },
  { id: 'PAK', name: 'Pakistan', bloc: 'neighbour', path: '0:4 25:3 36:4' },
  { id: 'IRN', name: 'Iran', bloc: 'neighbour', path: '0:3 7:4 22:5' },
  { id: 'TKM', name: 'Turkmenistan', bloc: 'central_asia', path: '0:3 6:4 28:5' },
  { id: 'UZB', name: 'Uzbekistan', bloc: 'central_asia', path: '0:3 5:4 20:5' },
  { id: 'KAZ', name: 'Kazakhstan', bloc: 'central_asia', path: '0:2 4:3 14:4 33:5' },
  { id: 'TJK', name: 'Tajikistan', bloc: 'central_asia', path: '0:0 24:1 38:2' },
  { id: 'KGZ', name: 'Kyrgyzstan', bloc: 'central_asia', path: '0:2 8:3 30:4' },
  { id: 'QAT', name: 'Qatar', bloc: 'gulf', path: '0:3 2:4' },
  { id: 'ARE', name: 'United Arab Emirates', bloc: 'gulf', path: '0:3 6:4 26:5' },
  { id: 'SAU', name: 'Saudi Arabia', bloc: 'gulf', path: '0:1 12:2 34:3' },
  { id: 'TUR', name: 'Türkiye', bloc: 'gulf', path: '0:2 3:3 16:4' },
];

/** The size of the shipped baseline: 23 countries (three more in the West), for 113 months. */
export const REAL_SIZE_COUNTRIES: FixtureCountry[] = [
  ...LARGE_COUNTRIES,
  { id: 'CAN', name: 'Canada', bloc: 'west', path: '0:0 5:1' },
  { id: 'DNK', name: 'Denmark', bloc: 'west', path: '0:0 3:1 12:2' },
  { id: 'EUU', name: 'European Union', bloc: 'west', path: '0:1 9:2 60:3' },
];
export const REAL_SIZE_MONTHS = 113;

export function month(i: number, start = [2021, 8] as const): string {
  const k = start[0] * 12 + start[1] - 1 + i;
  const m = (k % 12) + 1;
  return `${Math.floor(k / 12)}-${m < 10 ? '0' : ''}${m}`;
}

const r6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** Rung of a country in month m. */
export function rungAt(c: FixtureCountry, m: number): number {
  let rung = -1;
  for (const step of c.path.split(' ')) {
    const [from, r] = step.split(':').map(Number) as [number, number];
    if (from <= m) rung = r;
  }
  if (rung < 0) throw new Error(`${c.id}: path does not start at month 0`);
  return rung;
}

export function makeDoc(
  countries: FixtureCountry[] = SMALL_COUNTRIES,
  nMonths = 18,
  leaders = false,
): ResultsDoc {
  const actors: ActorInfo[] = [
    ...countries.map((c): ActorInfo => ({ id: c.id, name: c.name, kind: 'country', bloc: c.bloc })),
    { id: 'kandahar', name: 'Kandahar circle', kind: 'faction' },
    { id: 'haqqani', name: 'Haqqani network', kind: 'faction' },
    { id: 'swing', name: 'Pragmatists', kind: 'faction' },
    { id: 'regime', name: 'Taliban regime policy', kind: 'regime' },
    { id: 'isk', name: 'Islamic State Khorasan', kind: 'isk' },
    { id: 'UN', name: 'United Nations', kind: 'UN' },
    { id: 'world', name: 'All modeled countries', kind: 'world' },
  ];
  if (leaders) {
    const names: Record<string, string> = {
      kandahar: 'Haibatullah Akhundzada',
      haqqani: 'Sirajuddin Haqqani',
      swing: 'Baradar, Yaqoob, Muttaqi',
    };
    for (const a of actors) if (names[a.id]) Object.assign(a, { leader: names[a.id] });
  }
  const rows: TidyRow[] = [];
  for (let m = 0; m < nMonths; m++) {
    const date = month(m);
    const counts = [0, 0, 0, 0, 0, 0, 0];
    for (const c of countries) {
      const rung = rungAt(c, m);
      counts[rung]!++;
      rows.push({ date, actor: c.id, variable: 'rung', value: rung });
      rows.push({ date, actor: c.id, variable: 'listed', value: c.id === 'USA' ? 1 : 0 });
      rows.push({ date, actor: c.id, variable: 'drive', value: r6(0.1 * rung - 0.2) });
    }
    // power: Kandahar consolidates, Haqqani loses ground, swing takes the rest; the three sum to 1
    const kandahar = r6(0.4 + (0.2 * m) / nMonths);
    const haqqani = r6(0.35 - (0.1 * m) / nMonths);
    rows.push({ date, actor: 'kandahar', variable: 'power', value: kandahar });
    rows.push({ date, actor: 'haqqani', variable: 'power', value: haqqani });
    rows.push({ date, actor: 'swing', variable: 'power', value: r6(1 - kandahar - haqqani) });
    rows.push({ date, actor: 'regime', variable: 'womens_rights', value: r6(0.3 - (0.25 * m) / nMonths) });
    rows.push({ date, actor: 'regime', variable: 'ct_cooperation', value: r6(0.4 + 0.1 * Math.sin(m / 3)) });
    rows.push({ date, actor: 'regime', variable: 'inclusivity', value: r6(0.15 + (0.05 * m) / nMonths) });
    rows.push({ date, actor: 'isk', variable: 'threat', value: r6(0.5 + 0.2 * Math.cos(m / 2)) });
    rows.push({ date, actor: 'isk', variable: 'attacks', value: m % 7 === 2 ? 1 : 0 });
    rows.push({ date, actor: 'UN', variable: 'seat', value: 0 });
    rows.push({ date, actor: 'UN', variable: 'sanctions', value: 1 });
    const legit = countries.reduce((s, c) => s + rungAt(c, m), 0) / (6 * countries.length);
    rows.push({ date, actor: 'world', variable: 'legitimacy', value: r6(legit) });
    counts.forEach((n, k) => {
      rows.push({ date, actor: 'world', variable: `count_rung_${k}`, value: n });
    });
  }
  return {
    scenario: 'test-fixture',
    seed: '42',
    start: month(0),
    end: month(nMonths - 1),
    actors,
    rows,
    log: [{ date: month(2), actor: 'isk', what: 'attack' }],
  };
}

/**
 * The doc with a record to month `end` (an index): each country's fixture path up to then, one rung
 * lower from month 6 on for the first country so the record and the run differ, and an ISK attack in
 * the record at months 2 and 9 when `attacks`.
 */
export function withRecord(
  doc: ResultsDoc,
  countries: FixtureCountry[],
  end: number,
  attacks = true,
): ResultsDoc {
  const rows: RecordOverlay['rows'] = [];
  countries.forEach((c, i) => {
    let prev = -1;
    for (let m = 0; m <= end; m++) {
      const rung = Math.max(0, rungAt(c, m) - (i === 0 && m >= 6 ? 1 : 0));
      if (rung !== prev || m === end) rows.push({ country: c.id, date: month(m), rung });
      prev = rung;
    }
  });
  const record: RecordOverlay = { end: month(end), rows };
  if (attacks)
    record.attacks = [
      { date: month(2), label: 'ISK attack on a concert hall (test).' },
      { date: month(9), label: 'ISK attacks in two capitals (test).' },
    ];
  return { ...doc, record };
}
