// The rolling-origin backtest: questions from the record, base rates from before the origin, and no
// knowledge of what came after it.
import { describe, expect, it } from 'vitest';
import { createStream, formatMonth, type ModelInput, parseMonth, simulate } from '../../src/model/index.js';
import { baseRate, rollingBacktest } from '../../src/validation/rolling.js';
import { input } from '../model/fixture.js';

const truth = input('c', { end: '2024-12' });
const ids = ['A', 'B', 'C', 'D'];
const n = ids.length;
const run = simulate(truth);
const M = run.months.length;
const series = (a: ArrayLike<number>) =>
  ids.map((_, c) => Array.from({ length: M }, (_, m) => a[m * n + c]!));
const record = { rungs: series(run.rung), listed: series(run.listed) };

/** The fixture over [start, end], starting from the record's state at `start`. */
function setup(rec: typeof record) {
  const first = parseMonth(truth.start);
  return {
    first: truth.start,
    observed: rec,
    inputOver: (start: string, end: string): ModelInput => {
      const m = parseMonth(start) - first;
      return {
        ...truth,
        seed: 'rolling',
        start,
        end,
        initial: {
          ...truth.initial,
          rung: Object.fromEntries(ids.map((id, c) => [id, rec.rungs[c]![m]!])),
          listed: Object.fromEntries(ids.map((id, c) => [id, rec.listed[c]![m]! === 1])),
        },
      };
    },
  };
}

const opts = () => {
  const s = createStream('rolling-test', 'design');
  return {
    origins: ['2022-06', '2023-06'],
    horizons: [6, 12],
    params: [{ path: 'decision.base', lo: 0, hi: 5 }],
    paths: 8,
    evaluations: 4,
    sigma: 0.5,
    runs: 40,
    resamples: 200,
    rand: () => s.double(),
  };
};

describe('rolling-origin backtest', () => {
  it('the base rate is 1 − (1 − λ)^h, λ the monthly rate of moves that way in months 1..o', () => {
    const rungs = [
      [1, 1, 2, 2, 3],
      [4, 4, 4, 3, 3],
    ];
    // months 1..4 of two countries: 8 country-months, 2 ups (A at 2 and 4), 1 down (B at 3)
    expect(baseRate(rungs, 4, 1, 'up')).toBeCloseTo(2 / 8, 12);
    expect(baseRate(rungs, 4, 3, 'up')).toBeCloseTo(1 - (6 / 8) ** 3, 12);
    expect(baseRate(rungs, 4, 12, 'down')).toBeCloseTo(1 - (7 / 8) ** 12, 12);
    // only the months up to o count
    expect(baseRate(rungs, 2, 6, 'up')).toBeCloseTo(1 - (3 / 4) ** 6, 12);
    expect(baseRate(rungs, 2, 6, 'down')).toBe(0);
  });

  it('asks every origin × country × direction × horizon inside the record, with outcomes from it', () => {
    const doc = rollingBacktest(setup(record), opts());
    expect(doc.questions).toHaveLength(2 * n * 2 * 2);
    for (const q of doc.questions) {
      const c = ids.indexOf(q.country);
      const o = parseMonth(q.origin) - parseMonth(truth.start);
      const now = record.rungs[c]![o]!;
      const then = record.rungs[c]![o + q.horizon]!;
      expect(q.outcome).toBe((q.direction === 'up' ? then > now : then < now) ? 1 : 0);
      expect(q.persistence).toBe(0);
      expect(q.model).toBeGreaterThanOrEqual(0);
      expect(q.model).toBeLessThanOrEqual(1);
    }
    expect(doc.scores.map((s) => s.horizon)).toEqual([6, 12, 'all']);
    expect(doc.scores[2]!.questions).toBe(doc.questions.length);
    // the truth path moves inside the windows, so the skill and its interval exist
    expect(doc.scores[2]!.happened).toBeGreaterThan(0);
    const skill = doc.scores[2]!.skill!;
    expect(skill.lo).toBeLessThanOrEqual(skill.point);
    expect(skill.point).toBeLessThanOrEqual(skill.hi);
    expect(['persistence', 'base_rate']).toContain(skill.reference);
    expect(doc.reliability.reduce((s, b) => s + b.n, 0)).toBe(doc.questions.length);
    expect(doc.origins.map((o) => o.origin)).toEqual(['2022-06', '2023-06']);
  });

  it('knows nothing after each origin: changing the record after the last origin changes outcomes only', () => {
    const a = rollingBacktest(setup(record), { ...opts(), origins: ['2022-06'], horizons: [6] });
    const o = parseMonth('2022-06') - parseMonth(truth.start);
    const changed = {
      rungs: record.rungs.map((s) => s.map((r, m) => (m > o ? 6 - r : r))),
      listed: record.listed,
    };
    const b = rollingBacktest(setup(changed), { ...opts(), origins: ['2022-06'], horizons: [6] });
    expect(b.origins).toEqual(a.origins);
    expect(b.questions.map((q) => [q.model, q.base_rate])).toEqual(
      a.questions.map((q) => [q.model, q.base_rate]),
    );
    expect(b.questions.map((q) => q.outcome)).not.toEqual(a.questions.map((q) => q.outcome));
  });

  it('refuses an origin with no record to score after it', () => {
    const last = formatMonth(parseMonth(truth.end));
    expect(() => rollingBacktest(setup(record), { ...opts(), origins: [last] })).toThrow(
      /origin 2024-12 leaves no record to fit on or to score/,
    );
  });
});
