// From an aggregate to the ensemble document: probabilities of standing at or above each rung,
// quantile bands, the distributions of the first recognizer, its month and the cascade, and the
// moves by direction and cause.

import { moveCounts } from '../analysis/moves.js';
import { type ActorInfo, actorLabel, round6 } from '../model/results.js';
import { MAX_RUNG } from '../model/types.js';
import {
  type Aggregate,
  BINS,
  CONTINUOUS,
  COUNTS,
  flush,
  histogramQuantile,
  RESOLUTION,
} from './aggregate.js';
import type { Band, EnsembleDoc } from './docs.js';

export interface DocMeta {
  scenario: string;
  question: string;
  seed: string;
  months: string[];
  countries: string[];
  actors: ActorInfo[];
}

const QUANTILES = { p05: 0.05, p25: 0.25, p50: 0.5, p75: 0.75, p95: 0.95 } as const;

const SERIES_LABELS: Record<string, string> = {
  womens_rights: "Women's rights",
  ct_cooperation: 'Counter-terrorism cooperation',
  inclusivity: 'Inclusivity',
  threat: 'ISK threat',
  legitimacy: 'Legitimacy index',
  count_ge_4: 'Countries at rung ≥ 4 (diplomatic presence)',
  count_ge_5: 'Countries at rung ≥ 5 (ambassadors)',
  recognizers: 'Countries at rung 6 (formal recognition)',
};

function bands(
  h: Uint32Array,
  series: number,
  width: number,
  a: Aggregate,
  value: (bin: number) => number,
): Omit<Band, 'actor' | 'variable' | 'label'> {
  const out = { p05: [], p25: [], p50: [], p75: [], p95: [] } as Omit<Band, 'actor' | 'variable' | 'label'>;
  for (let m = 0; m < a.months; m++) {
    const from = (series * a.months + m) * width;
    for (const [key, q] of Object.entries(QUANTILES) as [keyof typeof QUANTILES, number][])
      out[key].push(value(histogramQuantile(h, from, width, a.runs, q)));
  }
  return out;
}

export function ensembleDoc(a: Aggregate, meta: DocMeta): EnsembleDoc {
  if (a.runs === 0) throw new RangeError('an ensemble needs at least one run');
  flush(a);
  const { months, countries } = meta;
  const C = countries.length;
  const NR = MAX_RUNG + 1;
  const share = (n: number) => round6(n / a.runs);

  const rung_at_least: EnsembleDoc['rung_at_least'] = [];
  countries.forEach((country, c) => {
    for (let k = 1; k <= MAX_RUNG; k++) {
      const p = months.map((_, m) => {
        let n = 0;
        for (let r = k; r < NR; r++) n += a.rung[(m * C + c) * NR + r]!;
        return share(n);
      });
      rung_at_least.push({ country, k, p });
    }
  });

  const factionLabel = (id: string) => {
    const f = meta.actors.find((x) => x.id === id);
    return f ? actorLabel(f) : id;
  };
  const continuous: Band[] = CONTINUOUS.map((s, i) => ({
    actor: s.actor,
    variable: s.variable,
    label: s.variable === 'power' ? factionLabel(s.actor) : (SERIES_LABELS[s.variable] ?? s.variable),
    ...bands(a.continuous, i, BINS, a, (b) => b / RESOLUTION),
  }));
  const counts: Band[] = COUNTS.map((s, i) => ({
    actor: 'world',
    variable: s.variable,
    label: SERIES_LABELS[s.variable] ?? s.variable,
    ...bands(a.counts, i, C + 1, a, (b) => b),
  }));

  const first_recognizer: EnsembleDoc['first_recognizer'] = countries
    .map((country, c) => ({
      country: country as string | null,
      runs: a.first[c]!,
      share: share(a.first[c]!),
    }))
    .filter((x) => x.runs > 0);
  first_recognizer.push({ country: null, runs: a.first[C]!, share: share(a.first[C]!) });

  return {
    kind: 'ensemble',
    scenario: meta.scenario,
    question: meta.question,
    seed: meta.seed,
    runs: a.runs,
    start: months[0]!,
    end: months[months.length - 1]!,
    months,
    actors: meta.actors,
    rung_at_least,
    bands: [...continuous, ...counts],
    first_recognizer,
    first_recognition_month: months
      .map((date, m) => ({ date, runs: a.firstMonth[m]! }))
      .filter((x) => x.runs > 0),
    cascade: Array.from(a.cascade, (runs, size) => ({ size, runs })).filter((x) => x.runs > 0),
    moves: moveCounts((s) => ({
      moves: a.moves[s]!,
      per_run: share(a.moves[s]!),
      runs: a.movesRuns[s]!,
      share: share(a.movesRuns[s]!),
    })),
  };
}
