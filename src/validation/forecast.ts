// Forecasts that can be scored later: well-defined yes/no questions with the model's probability
// (from an ensemble started at the observed state) and the persistence forecaster's (nothing changes).
// Question ids are plain text an outcomes file repeats, e.g. `RU rung>=6 by 2025-12`.

import { type Aggregate, BINS, CONTINUOUS, COUNTS, flush, RESOLUTION } from '../ensemble/aggregate.js';
import { round6 } from '../model/results.js';
import { FACTIONS, type InitialState, MAX_RUNG } from '../model/types.js';
import type { ForecastQuestion } from './docs.js';

const NR = MAX_RUNG + 1;
const RECOGNIZERS = COUNTS.findIndex((s) => s.variable === 'recognizers');

/** The months questions are asked about: every December in the window, and its last month. */
export function checkpoints(months: readonly string[]): number[] {
  const last = months.length - 1;
  const out = months.flatMap((d, m) => (d.endsWith('-12') && m > 0 ? [m] : []));
  if (out.at(-1) !== last) out.push(last);
  return out;
}

export function forecastQuestions(
  a: Aggregate,
  months: readonly string[],
  countries: readonly string[],
  initial: InitialState,
): ForecastQuestion[] {
  flush(a);
  const M = months.length;
  const C = countries.length;
  const share = (n: number) => round6(n / a.runs);
  const q: ForecastQuestion[] = [];
  const ask = (id: string, text: string, count: number, still: boolean) =>
    q.push({ id, text, p: share(count), persistence: still ? 1 : 0 });
  const at = checkpoints(months);

  // each country reaching a rung it does not hold yet (4, 5 or 6) by each checkpoint
  countries.forEach((id, c) => {
    const now = initial.rung[id] ?? 0;
    for (let k = Math.max(4, now + 1); k <= MAX_RUNG; k++) {
      const from = (c * NR + k) * (M + 1);
      for (const m of at) {
        let n = 0;
        for (let t = 0; t <= m; t++) n += a.reached[from + t]!;
        ask(
          `${id} rung>=${k} by ${months[m]}`,
          `${id} stands at rung ${k} or higher at some month by ${months[m]}`,
          n,
          false,
        );
      }
    }
  });

  // who recognizes first (ties: each tied country counts), or nobody by the end
  const recognizing = countries.filter((id) => (initial.rung[id] ?? 0) >= MAX_RUNG);
  countries.forEach((id, c) => {
    ask(
      `first recognizer ${id}`,
      `${id} is (among) the first to recognize formally, by ${months[M - 1]}`,
      a.first[c]!,
      recognizing.includes(id),
    );
  });
  ask(
    `first recognizer none by ${months[M - 1]}`,
    `nobody recognizes formally by ${months[M - 1]}`,
    a.first[C]!,
    recognizing.length === 0,
  );

  // how many recognize, at each checkpoint
  for (const m of at)
    for (const j of [1, 2, 3, 5]) {
      const from = (RECOGNIZERS * M + m) * (C + 1);
      let n = 0;
      for (let v = j; v <= C; v++) n += a.counts[from + v]!;
      ask(
        `recognizers>=${j} at ${months[m]}`,
        `at least ${j} ${j === 1 ? 'country recognizes' : 'countries recognize'} formally in ${months[m]}`,
        n,
        recognizing.length >= j,
      );
    }

  // the UN seat each December
  for (const m of at)
    if (months[m]!.endsWith('-12'))
      ask(
        `UN seat ${months[m]}`,
        `the Taliban hold Afghanistan's UN seat after the ${months[m]!.slice(0, 4)} credentials decision`,
        a.unSeat[m]!,
        initial.un_seat,
      );

  // a faction holding at least half the power
  FACTIONS.forEach((f) => {
    const s = CONTINUOUS.findIndex((x) => x.actor === f && x.variable === 'power');
    for (const m of at) {
      const from = (s * M + m) * BINS;
      let n = 0;
      for (let b = RESOLUTION / 2; b < BINS; b++) n += a.continuous[from + b]!;
      ask(
        `${f} power>=0.5 at ${months[m]}`,
        `the ${f} faction holds at least half the power in ${months[m]}`,
        n,
        initial.power[f] >= 0.5,
      );
    }
  });
  return q;
}
