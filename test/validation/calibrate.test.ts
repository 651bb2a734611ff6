// Calibration fits a parameter to the likelihood of a record the model itself generated, and reports
// what it did honestly.
import { describe, expect, it } from 'vitest';
import { createStream, simulate } from '../../src/model/index.js';
import { calibrate } from '../../src/validation/calibrate.js';
import { input } from '../model/fixture.js';

const truth = input('synthetic', { end: '2026-12' }); // decision.base = 2.5 in the fixture
const n = 4;

/** The record: one run of the true model, every country's rung and listing each month. */
function synthetic() {
  const r = simulate(truth);
  const M = r.months.length;
  const series = (a: ArrayLike<number>) =>
    Array.from({ length: n }, (_, c) => Array.from({ length: M }, (_, m) => a[m * n + c]!));
  return { rungs: series(r.rung), listed: series(r.listed) };
}

describe('calibrate', () => {
  it('moves decision.base toward the truth and raises the likelihood of the record', () => {
    const observed = synthetic();
    const wrong = { ...truth, params: structuredClone(truth.params) };
    wrong.params.decision.base = 0.8;
    const stream = createStream('calibration-test', 'design');
    let calls = 0;
    const doc = calibrate(wrong, observed, [{ path: 'decision.base', lo: 0, hi: 5 }], {
      paths: 30,
      runs: 50,
      maxEvaluations: 30,
      sigma: 0.5,
      trendFitMonths: 6,
      rand: () => stream.double(),
      onEvaluation: () => calls++,
    });
    const fitted = doc.params[0]!;
    expect(fitted.start).toBe(0.8);
    expect(Math.abs(fitted.fitted - 2.5)).toBeLessThan(Math.abs(0.8 - 2.5) / 2);
    expect(doc.likelihood.after.loglik).toBeGreaterThan(doc.likelihood.before.loglik);
    expect(doc.in_sample.model_after.brier).toBeLessThan(doc.in_sample.model_before.brier);
    expect(doc.likelihood.parameters).toBe(1 + n);
    expect(doc.offsets.map((o) => o.country)).toEqual(['A', 'B', 'C', 'D']);
    expect(calls).toBe(doc.trace.length);
    expect(doc.trace.length).toBeLessThanOrEqual(30);
    expect(doc.trace.at(-1)!.best).toBe(Math.min(...doc.trace.map((t) => t.loss)));
    expect([doc.start, doc.end]).toEqual(['2021-08', '2026-12']);
    expect(doc.still_improving).toBe(false);
  });

  it('says when the fit was still improving at its last evaluation', () => {
    const observed = synthetic();
    const stream = createStream('x', 'design');
    const wrong = { ...truth, params: structuredClone(truth.params) };
    wrong.params.decision.base = 0;
    const doc = calibrate(wrong, observed, [{ path: 'decision.base', lo: 0, hi: 5 }], {
      paths: 10,
      runs: 10,
      maxEvaluations: 5,
      sigma: 0.5,
      trendFitMonths: 6,
      rand: () => stream.double(),
    });
    // 5 evaluations from far off: the best still falls over the last one
    expect(doc.trace.length).toBe(5);
    expect(doc.trace[3]!.best - doc.trace[4]!.best).toBeGreaterThan(0.05);
    expect(doc.still_improving).toBe(true);
  });

  it('refuses a record too short to fit', () => {
    const stream = createStream('x', 'design');
    expect(() =>
      calibrate(
        truth,
        { rungs: [[1], [1], [1], [1]], listed: [[0], [0], [0], [0]] },
        [{ path: 'decision.base', lo: 0, hi: 5 }],
        {
          paths: 2,
          runs: 2,
          maxEvaluations: 5,
          sigma: 0.5,
          trendFitMonths: 1,
          rand: () => stream.double(),
        },
      ),
    ).toThrow(/holds 1 months; a fit needs at least 2/);
  });
});
