// A small, hand-made ensemble whose summary can be worked out on paper: 200 runs, three months,
// four countries (two Western), two factions.

import { moveCounts } from '../../src/analysis/moves.js';
import type { Band, EnsembleDoc } from '../../src/ensemble/docs.js';

const band = (actor: string, variable: string, label: string, last: number[]): Band => {
  const [p05, p25, p50, p75, p95] = last as [number, number, number, number, number];
  return {
    actor,
    variable,
    label,
    p05: [0, 0, p05],
    p25: [0, 0, p25],
    p50: [0, 0, p50],
    p75: [0, 0, p75],
    p95: [0, 0, p95],
  };
};

export function summaryDoc(): EnsembleDoc {
  return {
    kind: 'ensemble',
    scenario: 'tiny',
    question: 'What if?',
    seed: '42',
    runs: 200,
    start: '2030-10',
    end: '2030-12',
    months: ['2030-10', '2030-11', '2030-12'],
    actors: [
      { id: 'PK', name: 'Pakistan', kind: 'country', bloc: 'neighbour' },
      { id: 'CN', name: 'China', kind: 'country', bloc: 'great_power' },
      { id: 'US', name: 'United States', kind: 'country', bloc: 'west' },
      { id: 'DE', name: 'Germany', kind: 'country', bloc: 'west' },
      { id: 'kandahar', name: 'Kandahar circle', kind: 'faction', leader: 'Haibatullah Akhundzada' },
      { id: 'haqqani', name: 'Haqqani network', kind: 'faction', leader: 'Sirajuddin Haqqani' },
    ],
    rung_at_least: [
      { country: 'PK', k: 4, p: [0.5, 0.6, 0.7] },
      { country: 'US', k: 4, p: [0.05, 0.08, 0.1] },
      { country: 'DE', k: 4, p: [0.2, 0.3, 0.25] },
      { country: 'DE', k: 5, p: [0.1, 0.1, 0.1] },
    ],
    bands: [
      band('kandahar', 'power', 'Kandahar circle (Haibatullah Akhundzada)', [0.41, 0.55, 0.62, 0.7, 0.8]),
      band('haqqani', 'power', 'Haqqani network (Sirajuddin Haqqani)', [0.1, 0.2, 0.3, 0.35, 0.45]),
      band('world', 'recognizers', 'Countries at rung 6 (formal recognition)', [0, 0, 1, 2, 4]),
    ],
    first_recognizer: [
      { country: 'PK', runs: 38, share: 0.19 },
      { country: 'CN', runs: 18, share: 0.09 },
      { country: null, runs: 144, share: 0.72 },
    ],
    first_recognition_month: [
      { date: '2030-10', runs: 20 },
      { date: '2030-11', runs: 16 },
      { date: '2030-12', runs: 20 },
    ],
    cascade: [
      { size: 0, runs: 40 },
      { size: 1, runs: 10 },
      { size: 2, runs: 6 },
    ],
    moves: moveCounts(() => ({ moves: 0, per_run: 0, runs: 0, share: 0 })),
  };
}
