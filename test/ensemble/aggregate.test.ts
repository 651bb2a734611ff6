// Aggregation while running: exact probabilities and quantiles, merges that do not depend on order or
// on how the runs were split, and lossless packing for shards.
import { describe, expect, it } from 'vitest';
import {
  addRun,
  createAggregate,
  ensembleDoc,
  histogramQuantile,
  mergeInto,
  mergePart,
  packAggregate,
  packCounts,
  partOf,
  resetAggregate,
  unpackAggregate,
  unpackCounts,
} from '../../src/ensemble/index.js';
import { plainInput } from '../../src/ensemble/input.js';
import { runTask } from '../../src/ensemble/task.js';
import { actorsOf, monthRange, simulate } from '../../src/model/index.js';
import { input } from '../model/fixture.js';

const base = input('agg', { end: '2022-12' });
/** Replications [from, to) through runTask, as a whole aggregate. */
function aggregateOf(from: number, to: number) {
  const a = createAggregate(months.length, 4);
  mergePart(a, runTask({ input: plain, from, to, aggregate: true }).aggregate!);
  return a;
}
const plain = plainInput(base);
const months = monthRange(base.start, base.end);
const meta = {
  scenario: 'fixture',
  question: 'q',
  seed: 'agg',
  months,
  countries: Object.keys(base.params.countries),
  actors: actorsOf(base.params),
};

describe('aggregate', () => {
  it('gives exact probabilities of standing at or above each rung', () => {
    const runs = [0, 1, 2, 3].map((r) => simulate({ ...base, seed: `agg/${r}` }));
    const a = createAggregate(months.length, 4);
    for (const r of runs) addRun(a, r);
    const doc = ensembleDoc(a, meta);
    const n = 4;
    const last = months.length - 1;
    for (const [c, country] of meta.countries.entries())
      for (let k = 1; k <= 6; k++) {
        const expected = runs.filter((r) => r.rung[last * n + c]! >= k).length / runs.length;
        expect(doc.rung_at_least.find((x) => x.country === country && x.k === k)!.p[last]).toBe(expected);
      }
  });

  it('counts the first month each country reached each rung, and the UN seat', () => {
    const runs = [0, 1, 2, 3, 4, 5].map((r) => simulate({ ...base, seed: `agg/${r}` }));
    const a = createAggregate(months.length, 4);
    for (const r of runs) addRun(a, r);
    const M = months.length;
    for (let c = 0; c < 4; c++)
      for (let k = 0; k <= 6; k++) {
        const expected = new Array(M + 1).fill(0);
        for (const r of runs) {
          let m = 0;
          while (m < M && r.rung[m * 4 + c]! < k) m++;
          expected[m]++;
        }
        expect(Array.from(a.reached.subarray((c * 7 + k) * (M + 1), (c * 7 + k + 1) * (M + 1)))).toEqual(
          expected,
        );
      }
    expect(Array.from(a.unSeat)).toEqual(months.map((_, m) => runs.filter((r) => r.un_seat[m]).length));
  });

  it('takes quantiles as the inverse empirical CDF of the histogram', () => {
    const h = new Uint32Array([0, 3, 0, 5, 2]); // 10 observations: 1,1,1,3,3,3,3,3,4,4
    expect(histogramQuantile(h, 0, 5, 10, 0.05)).toBe(1);
    expect(histogramQuantile(h, 0, 5, 10, 0.3)).toBe(1);
    expect(histogramQuantile(h, 0, 5, 10, 0.31)).toBe(3);
    expect(histogramQuantile(h, 0, 5, 10, 0.5)).toBe(3);
    expect(histogramQuantile(h, 0, 5, 10, 0.95)).toBe(4);
  });

  it('keeps shares exact on round values: a start at 0.5 stays 0.5 in every band', () => {
    const a = aggregateOf(0, 20);
    const doc = ensembleDoc(a, meta);
    const kandahar = doc.bands.find((b) => b.actor === 'kandahar')!;
    expect([kandahar.p05[0], kandahar.p50[0], kandahar.p95[0]]).toEqual([0.5, 0.5, 0.5]);
    for (const b of doc.bands)
      b.p05.forEach((_, m) => {
        expect(b.p05[m]).toBeLessThanOrEqual(b.p25[m]!);
        expect(b.p25[m]).toBeLessThanOrEqual(b.p50[m]!);
        expect(b.p50[m]).toBeLessThanOrEqual(b.p75[m]!);
        expect(b.p75[m]).toBeLessThanOrEqual(b.p95[m]!);
      });
  });

  it('is the same whether the runs come in one block or several, in any merge order', () => {
    const whole = aggregateOf(0, 30);
    const parts = [
      [0, 7],
      [7, 20],
      [20, 30],
    ].map(([from, to]) => aggregateOf(from!, to!));
    const forward = createAggregate(months.length, 4);
    for (const p of parts) mergeInto(forward, p);
    const backward = createAggregate(months.length, 4);
    for (const p of [...parts].reverse()) mergeInto(backward, p);
    expect(packAggregate(forward)).toEqual(packAggregate(whole));
    expect(packAggregate(backward)).toEqual(packAggregate(whole));
  });

  it('counts first recognizers (ties each), nobody, and cascades over all runs', () => {
    const a = aggregateOf(0, 50);
    const doc = ensembleDoc(a, meta);
    const nobody = doc.first_recognizer.find((x) => x.country === null)!.runs;
    const withFirst = doc.first_recognition_month.reduce((s, x) => s + x.runs, 0);
    expect(nobody + withFirst).toBe(50);
    expect(doc.cascade.reduce((s, x) => s + x.runs, 0)).toBe(withFirst);
  });

  it('packs and unpacks losslessly, and refuses packed data of the wrong size', () => {
    const a = aggregateOf(0, 10);
    expect(packAggregate(unpackAggregate(packAggregate(a)))).toEqual(packAggregate(a));
    expect(packCounts(new Uint32Array([0, 0, 0, 4, 0, 1, 0, 0]))).toEqual([-3, 4, -1, 1, -2]);
    expect(Array.from(unpackCounts([-3, 4, -1, 1, -2], 8))).toEqual([0, 0, 0, 4, 0, 1, 0, 0]);
    expect(() => unpackCounts([-3, 4], 8)).toThrow(/cover 4 of 8/);
    expect(() => unpackCounts([-9], 8)).toThrow(/overflow/);
  });

  it('refuses to merge aggregates of different shapes', () => {
    expect(() => mergeInto(createAggregate(3, 4), createAggregate(4, 4))).toThrow(RangeError);
  });
});

describe("a task's part", () => {
  const runs = [0, 1, 2, 3, 4, 5, 6, 7].map((r) => simulate({ ...base, seed: `agg/${r}` }));
  const pairs = (p: ReturnType<typeof partOf>) =>
    Array.from(p.continuousIndex, (i, j) => [i, p.continuousCount[j]!]).sort((x, y) => x[0]! - y[0]!);

  it('holds the non-zero cells it counted, the same as a scan of every cell finds', () => {
    const a = createAggregate(months.length, 4);
    for (const r of runs) addRun(a, r);
    const sparse = pairs(partOf(a));
    a.touchedAll = true;
    expect(sparse).toEqual(pairs(partOf(a)));
    expect(sparse.length).toBeGreaterThan(months.length);
  });

  it('comes out the same in a slot of shared memory (holding old bytes, from an offset) as in new', () => {
    const a = createAggregate(months.length, 4);
    for (const r of runs) addRun(a, r);
    const slot = new SharedArrayBuffer(1 << 22);
    new Uint8Array(slot).fill(0xff);
    let used = 8;
    const inSlot = partOf(a, (bytes) => {
      const offset = used;
      used += Math.ceil(bytes / 8) * 8;
      return { buffer: slot, offset };
    });
    expect(inSlot).toEqual(partOf(a));
    expect(inSlot.continuousIndex.buffer).toBe(slot);
    expect(inSlot.moves.buffer).toBe(slot);
  });

  it('comes out the same from an aggregate reset and reused, and a reset leaves every cell zero', () => {
    const fresh = createAggregate(months.length, 4);
    for (const r of runs.slice(4)) addRun(fresh, r);
    const reused = createAggregate(months.length, 4);
    for (const r of runs.slice(0, 4)) addRun(reused, r);
    partOf(reused);
    resetAggregate(reused);
    expect(reused.continuous.every((n) => n === 0)).toBe(true);
    for (const r of runs.slice(4)) addRun(reused, r);
    expect(partOf(reused)).toEqual(partOf(fresh));
  });
});

describe('replications', () => {
  it('run replication r with seed <seed>/<r>, so a block gives the same runs wherever it starts', () => {
    const values = runTask({ input: plain, from: 5, to: 8, outcomes: ['power_kandahar'] }).values!;
    const direct = [5, 6, 7].map((r) => {
      const run = simulate({ ...base, seed: `agg/${r}` });
      return run.power[(months.length - 1) * 3]!;
    });
    expect(Array.from(values)).toEqual(direct);
  });

  it('apply design-point overrides without touching the input', () => {
    const before = JSON.stringify(plain.params);
    const r = runTask({
      input: plain,
      from: 0,
      to: 3,
      points: [[], [{ path: 'mechanisms.emboldening.enabled', value: false }]],
      outcomes: ['power_kandahar'],
    }).values!;
    expect(JSON.stringify(plain.params)).toBe(before);
    expect(r.length).toBe(6);
    expect(Array.from(r.slice(0, 3))).not.toEqual(Array.from(r.slice(3)));
  });
});
