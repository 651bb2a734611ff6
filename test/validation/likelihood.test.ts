// The likelihood of a record: holding a run to its own path changes nothing, the hazards it stores
// give back the step's own, and offsets move the likelihood the way the hazards say.
import { describe, expect, it } from 'vitest';
import { HAZARD_FIELDS, simulate } from '../../src/model/index.js';
import type { World } from '../../src/model/world.js';
import { fitOffsets, holdRuns, logLik, recordArrays, TREMBLE } from '../../src/validation/likelihood.js';
import { input } from '../model/fixture.js';

const base = input('lik', { end: '2024-12' });
const n = 4;

/** One free run's path as a record, and the hazards each of its months used. */
function ownPath() {
  const hazards: { up: number; down: number }[][] = [];
  const r = simulate(base, (w: World) => {
    hazards.push(w.decisions.map((d) => ({ up: d.hazardUp, down: d.hazardDown })));
  });
  const M = r.months.length;
  const series = (a: ArrayLike<number>) =>
    Array.from({ length: n }, (_, c) => Array.from({ length: M }, (_, m) => a[m * n + c]!));
  return { r, hazards, rungs: series(r.rung), listed: series(r.listed) };
}

describe('likelihood of the record', () => {
  it('a run held to its own path is the same run, and stores the hazards its step used', () => {
    const { r, hazards, rungs, listed } = ownPath();
    expect(rungs.flat().some((x, i) => i % r.months.length > 0 && x !== rungs.flat()[i - 1])).toBe(true);
    const rec = recordArrays(rungs, listed);
    const h = new Float64Array(rec.months * n * HAZARD_FIELDS.length);
    const held = simulate(base, undefined, { rung: rec.rung, listed: rec.listed, hazards: h });
    expect(Array.from(held.rung)).toEqual(Array.from(r.rung));
    expect(Array.from(held.power)).toEqual(Array.from(r.power));
    // the probability of each observed direction, from the stored fields at offset 0
    const runs = { record: rec, width: base.params.decision.hazard_width, hazards: [h] };
    let expected = 0;
    for (let m = 1; m < rec.months; m++)
      for (let c = 0; c < n; c++) {
        const { up, down } = hazards[m - 1]![c]!;
        const d = rec.dir[m * n + c]!;
        const p = d > 0 ? up : d < 0 ? down : 1 - up - down;
        expected += Math.log(TREMBLE / 3 + (1 - TREMBLE) * p);
      }
    const l = logLik(runs, new Float64Array(n), 0, rec.months);
    expect(l.joint).toBeCloseTo(expected, 9);
    expect(l.loglik).toBeCloseTo(expected, 9);
    expect(l.ess).toEqual({ joint: 1, country: 1 });
  });

  it('refuses a record that does not start where the run starts', () => {
    const { rungs, listed } = ownPath();
    rungs[0]![0] = 5;
    const rec = recordArrays(rungs, listed);
    expect(() => holdRuns(base, rec, 1)).toThrow(/A starts at rung 2, the record at 5/);
  });

  it('a positive offset raises the likelihood of a country that only moved up, and fitted offsets beat 0', () => {
    const { rungs, listed } = ownPath();
    const rec = recordArrays(rungs, listed);
    const held = holdRuns(base, rec, 20);
    const ups = rungs.map((s) => s.some((x, m) => m > 0 && x > s[m - 1]!));
    const downs = rungs.map((s) => s.some((x, m) => m > 0 && x < s[m - 1]!));
    const c = ups.findIndex((u, i) => u && !downs[i]);
    expect(c).toBeGreaterThanOrEqual(0);
    const at = (x: number) => {
      const o = new Float64Array(n);
      o[c] = x;
      return logLik(held, o, 0, rec.months).perCountry[c]!;
    };
    expect(at(0.3)).toBeGreaterThan(at(0));
    const fitted = fitOffsets(held, 0, rec.months, 0.5);
    const gain =
      logLik(held, fitted, 0, rec.months).loglik - logLik(held, new Float64Array(n), 0, rec.months).loglik;
    let penalty = 0;
    for (const x of fitted) penalty += x ** 2 / (2 * 0.25);
    expect(gain).toBeGreaterThanOrEqual(penalty - 1e-9);
    // a tight prior holds every offset near 0
    for (const x of fitOffsets(held, 0, rec.months, 0.01)) expect(Math.abs(x)).toBeLessThan(0.05);
    expect(() => fitOffsets(held, 0, rec.months, 0)).toThrow(/sigma must be > 0/);
  });
});
