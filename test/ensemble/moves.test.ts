// Moves by direction and cause: a run's summary counts its own moves, an ensemble adds the counts up
// over runs, and shards merge them into the same bytes as one run.
import { describe, expect, it } from 'vitest';
import { countMoves, MOVE_KINDS, MOVE_SERIES, moveSeries, runMoves } from '../../src/analysis/moves.js';
import { summarize } from '../../src/analysis/summary.js';
import {
  addRun,
  createAggregate,
  type EnsembleMeta,
  ensembleDoc,
  mergePart,
  mergeShards,
  packAggregate,
  SHARD_FORMAT,
  ShardError,
  shardJson,
  shardRange,
  unpackAggregate,
  unpackInto,
} from '../../src/ensemble/index.js';
import { plainInput } from '../../src/ensemble/input.js';
import { runTask } from '../../src/ensemble/task.js';
import {
  actorsOf,
  CAUSES,
  FACTIONS,
  type ModelInput,
  monthRange,
  type SimResult,
  simulate,
} from '../../src/model/index.js';
import { input } from '../model/fixture.js';

// the fixture with events that force moves both ways, and a reform that opens Beta's rung-3 gate
// (Beta starts just below it) so that some upgrades are earned
const fixture = input('moves', { end: '2022-12' });
const base: ModelInput = {
  ...fixture,
  initial: { ...fixture.initial, rung: { ...fixture.initial.rung, B: 2 } },
  events: [
    {
      at: '2021-10',
      label: 'schools reopen',
      effects: [
        { kind: 'policy', dimension: 'womens_rights', to: 0.6 },
        ...FACTIONS.map((f) => ({
          kind: 'ideal' as const,
          faction: f,
          dimension: 'womens_rights' as const,
          to: 0.6,
        })),
      ],
    },
    { at: '2022-02', label: 'Alpha breaks off', effects: [{ kind: 'rung', country: 'A', to: 0 }] },
    { at: '2022-04', label: 'Delta sends an ambassador', effects: [{ kind: 'rung', country: 'D', to: 5 }] },
  ],
};
const plain = plainInput(base);
const months = monthRange(base.start, base.end);
const countries = Object.keys(base.params.countries);
const RUNS = 24;
const runs: SimResult[] = Array.from({ length: RUNS }, (_, r) => simulate({ ...base, seed: `moves/${r}` }));
const allMoves = runs.flatMap((r) => r.moves);

function aggregateOf(from: number, to: number) {
  const a = createAggregate(months.length, countries.length);
  mergePart(a, runTask({ input: plain, from, to, aggregate: true }).aggregate!);
  return a;
}
const meta: EnsembleMeta = {
  scenario: 'fixture',
  question: 'q',
  description: '',
  seed: 'moves',
  start: base.start,
  end: base.end,
  runs: RUNS,
  overrides: {},
  fingerprint: 'f',
  countries,
  actors: actorsOf(base.params),
};
const docOf = (a: ReturnType<typeof aggregateOf>) => ensembleDoc(a, { ...meta, months });

describe('the fixture', () => {
  it('moves up and down, forced and on its own, with earned upgrades', () => {
    const up = allMoves.filter((m) => m.to > m.from);
    expect(up.length).toBeGreaterThan(0);
    expect(allMoves.length - up.length).toBeGreaterThan(0);
    expect(allMoves.some((m) => m.forced)).toBe(true);
    expect(allMoves.some((m) => !m.forced)).toBe(true);
    expect(allMoves.some((m) => m.earned)).toBe(true);
    expect(new Set(allMoves.map((m) => m.cause)).size).toBeGreaterThan(3);
  });
});

describe('one run', () => {
  it('counts its moves by direction × cause, forced or own, and earned upgrades', () => {
    for (const r of runs) {
      const s = summarize(r, 'q').moves;
      const up = r.moves.filter((m) => m.to > m.from);
      const down = r.moves.filter((m) => m.to < m.from);
      expect(s.total).toBe(r.moves.length);
      expect([s.up, s.down]).toEqual([up.length, down.length]);
      expect(s.forced).toBe(r.moves.filter((m) => m.forced).length);
      expect(s.own).toBe(r.moves.length - s.forced);
      expect(s.earned).toBe(up.filter((m) => m.earned).length);
      for (const c of CAUSES) {
        expect(s.by_cause.up[c]).toBe(up.filter((m) => m.cause === c).length);
        expect(s.by_cause.down[c]).toBe(down.filter((m) => m.cause === c).length);
      }
      expect(s.list).toEqual(r.moves);
    }
  });

  it('writes the same bytes for the same run, keys in a fixed order', () => {
    const again = simulate({ ...base, seed: 'moves/0' });
    const s = summarize(runs[0]!, 'q').moves;
    expect(JSON.stringify(summarize(again, 'q').moves)).toBe(JSON.stringify(s));
    expect(Object.keys(s)).toEqual([...MOVE_KINDS, 'by_cause', 'list']);
    expect(Object.keys(s.by_cause)).toEqual(['up', 'down']);
    expect(Object.keys(s.by_cause.up)).toEqual([...CAUSES]);
    expect(Object.keys(s.by_cause.down)).toEqual([...CAUSES]);
    expect(Object.keys(s.list[0]!)).toEqual(['date', 'country', 'from', 'to', 'cause', 'forced', 'earned']);
  });

  it('has no moves to count in an empty list', () => {
    const s = runMoves([]);
    expect(s.total).toBe(0);
    expect(Object.values(s.by_cause.down).every((n) => n === 0)).toBe(true);
  });

  it('refuses a cause outside the closed list', () => {
    const m = { ...allMoves[0]!, cause: 'whim' as never };
    expect(() => countMoves([m], new Uint32Array(MOVE_SERIES.length))).toThrow(/unknown cause 'whim'/);
  });
});

describe('an ensemble', () => {
  const doc = docOf(aggregateOf(0, RUNS));

  it('counts every move of every run once, by direction × cause', () => {
    const { moves } = doc;
    const sum = (d: 'up' | 'down') => CAUSES.reduce((n, c) => n + moves.by_cause[d][c].moves, 0);
    expect(moves.total.moves).toBe(allMoves.length);
    expect(sum('up') + sum('down')).toBe(allMoves.length);
    expect(sum('up')).toBe(moves.up.moves);
    expect(sum('down')).toBe(moves.down.moves);
    expect(moves.forced.moves + moves.own.moves).toBe(allMoves.length);
    expect(moves.forced.moves).toBe(allMoves.filter((m) => m.forced).length);
    expect(moves.earned.moves).toBe(allMoves.filter((m) => m.earned).length);
    for (const c of CAUSES) {
      expect(moves.by_cause.up[c].moves).toBe(allMoves.filter((m) => m.to > m.from && m.cause === c).length);
      expect(moves.by_cause.down[c].moves).toBe(
        allMoves.filter((m) => m.to < m.from && m.cause === c).length,
      );
    }
  });

  it('never downgrades without a cause', () => {
    expect(doc.moves.by_cause.down.none).toEqual({ moves: 0, per_run: 0, runs: 0, share: 0 });
    // nor in a larger ensemble of the plain fixture
    const wide = plainInput(input('nocause', { end: '2024-12' }));
    const a = createAggregate(monthRange('2021-08', '2024-12').length, countries.length);
    mergePart(a, runTask({ input: wide, from: 0, to: 100, aggregate: true }).aggregate!);
    expect(a.moves[moveSeries('down', 'none')]).toBe(0);
    expect(a.moves[MOVE_KINDS.indexOf('down')]).toBeGreaterThan(0);
  });

  it('reports means per run and the share of runs with at least one such move', () => {
    const { down, total } = doc.moves;
    const withDown = runs.filter((r) => r.moves.some((m) => m.to < m.from)).length;
    expect(down.runs).toBe(withDown);
    expect(down.share).toBe(Math.round((withDown / RUNS) * 1e6) / 1e6);
    expect(total.per_run).toBe(Math.round((allMoves.length / RUNS) * 1e6) / 1e6);
    for (const c of CAUSES) {
      const s = doc.moves.by_cause.up[c];
      const n = runs.filter((r) => r.moves.some((m) => m.to > m.from && m.cause === c)).length;
      expect(s.runs).toBe(n);
      expect(s.runs).toBeLessThanOrEqual(s.moves);
    }
  });

  it('aggregates the same whether run by addRun or by tasks', () => {
    const a = createAggregate(months.length, countries.length);
    for (const r of runs) addRun(a, r);
    expect(packAggregate(a)).toEqual(packAggregate(aggregateOf(0, RUNS)));
  });

  it('gives the same document from shards merged as from one run', () => {
    const whole = JSON.stringify(doc);
    for (const count of [2, 3, 5]) {
      const files: [string, unknown][] = Array.from({ length: count }, (_, i) => {
        const [from, to] = shardRange(i + 1, count, RUNS);
        const text = shardJson(meta, { index: i + 1, count, from, to }, aggregateOf(from, to));
        return [`shard-${i + 1}`, JSON.parse(text)];
      });
      expect(JSON.stringify(docOf(mergeShards(files.reverse()).aggregate))).toBe(whole);
    }
  });

  it('refuses shards written before moves were counted', () => {
    const [from, to] = shardRange(1, 1, RUNS);
    const doc1 = JSON.parse(shardJson(meta, { index: 1, count: 1, from, to }, aggregateOf(from, to)));
    expect(doc1.format).toBe(SHARD_FORMAT);
    expect(() => mergeShards([['old.json', { ...doc1, format: 'stancesim-shard/2' }]])).toThrow(ShardError);
    const { moves: _moves, ...rest } = doc1.aggregate;
    expect(() => unpackAggregate(rest)).toThrow(/no 'moves' counts/);
  });
});

describe('packed move counts', () => {
  it('hold sums beyond 32 bits exactly, and refuse them in 32-bit histograms', () => {
    const big = 2 ** 33 + 1;
    expect(Array.from(unpackInto([-2, big], new Float64Array(3)))).toEqual([0, 0, big]);
    expect(() => unpackInto([-2, big], new Uint32Array(3))).toThrow(/too large/);
  });

  it('cover every direction × cause after the kinds', () => {
    expect(MOVE_SERIES.length).toBe(MOVE_KINDS.length + 2 * CAUSES.length);
    expect(MOVE_SERIES[moveSeries('down', 'peer')]).toBe('down:peer');
  });
});
