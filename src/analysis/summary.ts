// A run's headline numbers (summary.json): where everyone ends, who recognizes first and when, the
// cascade that follows, delistings, the UN's yearly decisions and the moves by direction and cause.

import { DIMENSIONS, FACTIONS, MAX_RUNG, round6, type SimResult } from '../model/index.js';
import { type RunMoves, runMoves } from './moves.js';

export interface RunSummary {
  scenario: string;
  question: string;
  seed: string;
  start: string;
  end: string;
  final: {
    rungs: Record<string, number>;
    count_by_rung: number[];
    legitimacy: number;
    power: Record<string, number>;
    policy: Record<string, number>;
    threat: number;
    un_seat: boolean;
  };
  /** first month each country stood at each rung above where it started */
  first_reached: Record<string, Record<string, string>>;
  first_recognition: { country: string; date: string } | null;
  /** countries that followed the first recognizer to rung 6 within 12 months */
  cascade_12m: number;
  delistings: { country: string; date: string }[];
  un: { year: number; seat: boolean; sanctions: boolean }[];
  attacks: number;
  /** moves by direction × cause, forced or own, earned upgrades, and every move */
  moves: RunMoves;
}

/** Months after the first recognition within which later recognitions count as its cascade. */
export const CASCADE_WINDOW = 12;

/** Each country's first month at rung 6, earliest first (ties by id). Ensembles call this per run. */
export function recognitions(r: SimResult): { country: string; month: number }[] {
  const n = r.countries.length;
  const months = r.months.length;
  const rung = r.rung;
  const out: { country: string; month: number }[] = [];
  for (let c = 0; c < n; c++) {
    for (let m = 0, i = c; m < months; m++, i += n) {
      if (rung[i] === MAX_RUNG) {
        out.push({ country: r.countries[c]!, month: m });
        break;
      }
    }
  }
  // ids are ASCII: plain comparison orders them as localeCompare would, without its cost
  if (out.length > 1) out.sort((a, b) => a.month - b.month || (a.country < b.country ? -1 : 1));
  return out;
}

/** How many countries followed the first recognizer to rung 6 within the cascade window. */
export function cascadeSize(order: { month: number }[]): number {
  const first = order[0];
  return first ? order.filter((x) => x !== first && x.month - first.month <= CASCADE_WINDOW).length : 0;
}

export function summarize(r: SimResult, question: string): RunSummary {
  const n = r.countries.length;
  const last = r.months.length - 1;
  const at = (m: number, c: number) => r.rung[m * n + c]!;

  const first_reached: RunSummary['first_reached'] = {};
  const delistings: RunSummary['delistings'] = [];
  r.countries.forEach((id, c) => {
    const reached: Record<string, string> = {};
    for (let m = 1; m <= last; m++) {
      const rung = at(m, c);
      if (rung > at(0, c) && reached[rung] === undefined) reached[rung] = r.months[m]!;
      if (r.listed[(m - 1) * n + c] && !r.listed[m * n + c])
        delistings.push({ country: id, date: r.months[m]! });
    }
    first_reached[id] = reached;
  });
  const order = recognitions(r);
  const first = order[0];

  const un: RunSummary['un'] = [];
  r.months.forEach((date, m) => {
    if (date.endsWith('-12'))
      un.push({ year: Number(date.slice(0, 4)), seat: !!r.un_seat[m], sanctions: !!r.un_sanctions[m] });
  });

  const count_by_rung = new Array<number>(MAX_RUNG + 1).fill(0);
  for (let c = 0; c < n; c++) count_by_rung[at(last, c)]!++;
  return {
    scenario: r.scenario,
    question,
    seed: r.seed,
    start: r.months[0]!,
    end: r.months[last]!,
    final: {
      rungs: Object.fromEntries(r.countries.map((id, c) => [id, at(last, c)])),
      count_by_rung,
      legitimacy: round6(r.legitimacy[last]!),
      power: Object.fromEntries(FACTIONS.map((f, i) => [f, round6(r.power[last * FACTIONS.length + i]!)])),
      policy: Object.fromEntries(
        DIMENSIONS.map((d, i) => [d, round6(r.policy[last * DIMENSIONS.length + i]!)]),
      ),
      threat: round6(r.threat[last]!),
      un_seat: !!r.un_seat[last],
    },
    first_reached,
    first_recognition: first ? { country: first.country, date: r.months[first.month]! } : null,
    cascade_12m: cascadeSize(order),
    delistings,
    un,
    attacks: r.attacks.reduce((a, b) => a + b, 0),
    moves: runMoves(r.moves),
  };
}
