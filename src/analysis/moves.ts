// A run's moves counted by direction and cause: the one-run summary writes the counts, an ensemble
// adds them up over runs. Both read the same per-run counters, in one fixed order.

import { CAUSES, type Cause, type Move } from '../model/types.js';

export const DIRECTIONS = ['up', 'down'] as const;
export type Direction = (typeof DIRECTIONS)[number];

/** Counts over all causes: every move, by direction, forced by an event or the country's own, and
 * earned upgrades (a binding gate allowed them because policy crossed it). */
export const MOVE_KINDS = ['total', 'up', 'down', 'forced', 'own', 'earned'] as const;
export type MoveKind = (typeof MOVE_KINDS)[number];

/** The per-run counters, in order: MOVE_KINDS, then moves up by cause (CAUSES order), then down. */
export const MOVE_SERIES: readonly string[] = [
  ...MOVE_KINDS,
  ...DIRECTIONS.flatMap((d) => CAUSES.map((c) => `${d}:${c}`)),
];

const NK = MOVE_KINDS.length;
const NC = CAUSES.length;
const KIND = Object.fromEntries(MOVE_KINDS.map((k, i) => [k, i])) as Record<MoveKind, number>;
const CAUSE_INDEX = new Map<string, number>(CAUSES.map((c, i) => [c, i]));

/** Index of a direction × cause counter in MOVE_SERIES. */
export function moveSeries(direction: Direction, cause: Cause): number {
  return NK + (direction === 'up' ? 0 : NC) + CAUSE_INDEX.get(cause)!;
}

/** Count a run's moves into `out` (length MOVE_SERIES.length), which is zeroed first. */
export function countMoves(moves: readonly Move[], out: Uint32Array): Uint32Array {
  out.fill(0);
  for (const m of moves) {
    if (!CAUSE_INDEX.has(m.cause))
      throw new RangeError(`move of ${m.country} in ${m.date}: unknown cause '${m.cause}'`);
    const up = m.to > m.from;
    out[KIND.total]!++;
    out[up ? KIND.up : KIND.down]!++;
    out[m.forced ? KIND.forced : KIND.own]!++;
    if (m.earned) out[KIND.earned]!++;
    out[moveSeries(up ? 'up' : 'down', m.cause)]!++;
  }
  return out;
}

/** What summary.json says about a run's moves. */
export interface MoveCounts {
  total: number;
  up: number;
  down: number;
  /** set by a scheduled event (cause 'event') */
  forced: number;
  /** by the country's own hazard */
  own: number;
  /** upgrades a binding gate allowed because policy crossed it */
  earned: number;
  /** moves up and down by cause, keys in CAUSES order */
  by_cause: Record<Direction, Record<Cause, number>>;
}

export interface RunMoves extends MoveCounts {
  /** every move, in the order the run made them (month by month) */
  list: Move[];
}

/** Counts as named fields, keys in a fixed order (MOVE_KINDS, then CAUSES). */
export function moveCounts<T>(value: (series: number) => T): {
  [K in MoveKind]: T;
} & { by_cause: Record<Direction, Record<Cause, T>> } {
  const kinds = Object.fromEntries(MOVE_KINDS.map((k, i) => [k, value(i)])) as Record<MoveKind, T>;
  const by_cause = Object.fromEntries(
    DIRECTIONS.map((d) => [d, Object.fromEntries(CAUSES.map((c) => [c, value(moveSeries(d, c))]))]),
  ) as Record<Direction, Record<Cause, T>>;
  return { ...kinds, by_cause };
}

export function runMoves(moves: readonly Move[]): RunMoves {
  const counts = countMoves(moves, new Uint32Array(MOVE_SERIES.length));
  return {
    ...moveCounts((i) => counts[i]!),
    list: [...moves],
  };
}
