// Calibration recovers a parameter from data the model itself generated, and reports honestly.
import { describe, expect, it } from 'vitest';
import { createAggregate, mergePart } from '../../src/ensemble/aggregate.js';
import { plainInput } from '../../src/ensemble/input.js';
import { runTask } from '../../src/ensemble/task.js';
import { createStream } from '../../src/model/index.js';
import { calibrate } from '../../src/validation/calibrate.js';
import { input } from '../model/fixture.js';

const truth = input('synthetic', { end: '2023-12' }); // decision.base = 2.5 in the fixture
const M = 29;

/** The observed record: each country's most likely rung each month under the true parameters. */
function synthetic(): number[][] {
  const a = createAggregate(M, 4);
  mergePart(a, runTask({ input: plainInput(truth), from: 0, to: 400, aggregate: true }).aggregate!);
  return [0, 1, 2, 3].map((c) =>
    Array.from({ length: M }, (_, m) => {
      const h = Array.from(a.rung.subarray((m * 4 + c) * 7, (m * 4 + c + 1) * 7));
      return h.indexOf(Math.max(...h));
    }),
  );
}

describe('calibrate', () => {
  it('recovers decision.base from the model’s own output, and improves the fit in and out of sample', () => {
    const observed = synthetic();
    const wrong = { ...truth, params: structuredClone(truth.params) };
    wrong.params.decision.base = 0.8;
    const stream = createStream('calibration-test', 'design');
    const doc = calibrate(wrong, observed, [{ path: 'decision.base', lo: 0, hi: 5 }], {
      runs: 100,
      holdout: 6,
      maxEvaluations: 40,
      trendFitMonths: 6,
      rand: () => stream.double(),
    });
    const fitted = doc.params[0]!;
    expect(fitted.start).toBe(0.8);
    expect(Math.abs(fitted.fitted - 2.5)).toBeLessThan(0.5);
    expect(doc.in_sample.model_after.brier).toBeLessThan(doc.in_sample.model_before.brier);
    expect(doc.out_of_sample.model_after.brier).toBeLessThan(doc.out_of_sample.model_before.brier);
    expect([doc.fit_end, doc.end]).toEqual(['2023-06', '2023-12']);
    expect(doc.trace.length).toBeLessThanOrEqual(40);
    expect(doc.trace.at(-1)!.best).toBe(Math.min(...doc.trace.map((t) => t.loss)));
  });

  it('refuses a holdout that leaves nothing to fit', () => {
    const stream = createStream('x', 'design');
    expect(() =>
      calibrate(truth, synthetic(), [{ path: 'decision.base', lo: 0, hi: 5 }], {
        runs: 10,
        holdout: 28,
        maxEvaluations: 5,
        trendFitMonths: 6,
        rand: () => stream.double(),
      }),
    ).toThrow(/leaves 1 to fit on/);
  });
});
