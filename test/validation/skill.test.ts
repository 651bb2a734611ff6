// Mean scores, skill, the country-block bootstrap of skill and the reliability table, on hand-made data.
import { describe, expect, it } from 'vitest';
import { bootstrapSkill, meanScores, reliability, skill } from '../../src/validation/skill.js';

// Three countries, four questions. Brier per question:
//   model   [0.8, 0.2, 0.6, 0.1] → 0.04, 0.04, 0.16, 0.01  mean 0.0625
//   base    [0.5, 0.5, 0.5, 0.5] → 0.25 each               mean 0.25
//   persist [1, 0, 0.9, 1]       → 0, 0, 0.01, 1           mean 0.2525
const questions = [
  { group: 'X', p: 0.8, outcome: 1 as const },
  { group: 'X', p: 0.2, outcome: 0 as const },
  { group: 'Y', p: 0.6, outcome: 1 as const },
  { group: 'Z', p: 0.1, outcome: 0 as const },
];
const forecasters = {
  model: [0.8, 0.2, 0.6, 0.1],
  base: [0.5, 0.5, 0.5, 0.5],
  persist: [1, 0, 0.9, 1],
};

/** A tiny LCG (Numerical Recipes constants) giving uniforms on [0, 1). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** A rand that returns the given values in turn. */
function sequence(xs: number[]): () => number {
  let i = 0;
  return () => xs[i++ % xs.length]!;
}

describe('meanScores and skill', () => {
  it('averages Brier and log scores', () => {
    const s = meanScores(questions);
    expect(s.brier).toBeCloseTo(0.0625, 15);
    expect(s.log).toBeCloseTo(-(2 * Math.log(0.8) + Math.log(0.6) + Math.log(0.9)) / 4, 15);
    expect(meanScores(questions, () => 0.5).brier).toBe(0.25);
    expect(() => meanScores([])).toThrow(/no questions/);
  });

  it('is 1 − model/reference, null against a perfect reference', () => {
    expect(skill(0.0625, 0.25)).toBe(0.75);
    expect(skill(0.5, 0.25)).toBe(-1);
    expect(skill(0.1, 0)).toBeNull();
    expect(() => skill(-0.1, 0.2)).toThrow(/-0.1/);
  });
});

describe('bootstrapSkill', () => {
  it('takes the better reference on the full sample, whatever the order given', () => {
    for (const refs of [
      ['persist', 'base'],
      ['base', 'persist'],
    ]) {
      const r = bootstrapSkill(questions, forecasters, 'model', refs, { resamples: 50, rand: lcg(1) });
      expect(r.reference).toBe('base');
      expect(r.point).toBeCloseTo(0.75, 14);
    }
  });

  it('re-chooses the reference in each resample and skips those where it scores 0', () => {
    // groups X, Y, Z drawn as ⌊3u⌋: resample 1 = X X X (persist scores 0: skipped);
    // resample 2 = Y Y Y (persist 0.01 beats base 0.25: skill 1 − 0.16/0.01 = −15);
    // resample 3 = Y Z Z (model 0.18/3 = 0.06, base 0.25, persist 2.01/3: skill 1 − 0.06/0.25 = 0.76).
    const rand = sequence([0, 0, 0, 0.4, 0.4, 0.4, 0.4, 0.8, 0.8]);
    const r = bootstrapSkill(questions, forecasters, 'model', ['base', 'persist'], {
      resamples: 3,
      rand,
      level: 0.5,
    });
    expect(r.skipped).toBe(1);
    // type 7 over [−15, 0.76] at 0.25 and 0.75: −15 + 0.25·15.76 and −15 + 0.75·15.76
    expect(r.lo).toBeCloseTo(-11.06, 12);
    expect(r.hi).toBeCloseTo(-3.18, 12);
    expect(r.level).toBe(0.5);
  });

  it('is deterministic for a seeded rand, and its interval contains the point', () => {
    const run = () =>
      bootstrapSkill(questions, forecasters, 'model', ['base', 'persist'], { resamples: 400, rand: lcg(42) });
    const a = run();
    expect(run()).toEqual(a);
    expect(a.level).toBe(0.95);
    expect(a.lo).toBeLessThanOrEqual(a.point);
    expect(a.hi).toBeGreaterThanOrEqual(a.point);
    expect(a.skipped).toBeGreaterThan(0); // X X X comes up about once in 27
  });

  it('rejects unknown or mis-sized forecasters and bad options', () => {
    const opts = { resamples: 10, rand: lcg(1) };
    expect(() => bootstrapSkill(questions, forecasters, 'model', ['nope'], opts)).toThrow(/'nope'/);
    expect(() => bootstrapSkill(questions, { ...forecasters, base: [0.5] }, 'model', ['base'], opts)).toThrow(
      /1 probabilities for 4 questions/,
    );
    expect(() => bootstrapSkill(questions, forecasters, 'model', ['base'], { ...opts, level: 1 })).toThrow(
      /level/,
    );
    expect(() =>
      bootstrapSkill(questions, forecasters, 'model', ['base'], { ...opts, resamples: 0 }),
    ).toThrow(/resamples/);
    const perfect = { ...forecasters, oracle: [1, 0, 1, 0] };
    expect(() => bootstrapSkill(questions, perfect, 'model', ['oracle'], opts)).toThrow(/Brier score of 0/);
  });
});

describe('reliability', () => {
  it('bins forecasts into [lo, hi), the last bin closed', () => {
    const bins = reliability([0, 0.04, 0.05, 0.3, 0.7, 1], [0, 0, 1, 0, 1, 1]);
    expect(bins.map((b) => [b.lo, b.hi, b.n])).toEqual([
      [0, 0.05, 2],
      [0.05, 0.1, 1],
      [0.1, 0.2, 0],
      [0.2, 0.4, 1],
      [0.4, 0.7, 0],
      [0.7, 1, 2],
    ]);
    expect(bins[0]).toMatchObject({ mean_p: 0.02, observed: 0 });
    expect(bins[1]).toMatchObject({ mean_p: 0.05, observed: 1 });
    expect(bins[2]).toMatchObject({ mean_p: null, observed: null });
    expect(bins[5]).toMatchObject({ mean_p: 0.85, observed: 1 });
  });

  it('takes custom edges and rejects bad input', () => {
    expect(reliability([0.5, 0.5], [1, 0], [0, 0.5, 1]).map((b) => b.n)).toEqual([0, 2]);
    expect(() => reliability([0.5], [1, 0])).toThrow(/lengths differ/);
    expect(() => reliability([0.5], [1], [0, 0.6, 0.4])).toThrow(/increasing/);
    expect(() => reliability([0.9], [1], [0, 0.5])).toThrow(/outside the edges/);
  });
});
