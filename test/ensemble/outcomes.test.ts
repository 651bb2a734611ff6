// The outcome language: measures, months, events, and errors with hints.
import { describe, expect, it } from 'vitest';
import { OutcomeError, outcomeContext, parseOutcome } from '../../src/ensemble/index.js';
import { simulate } from '../../src/model/index.js';
import { input } from '../model/fixture.js';

const run = simulate(input('outcomes', { end: '2022-12' }));
const ctx = {
  countries: ['A', 'B', 'C', 'D'],
  blocs: ['west', 'west', 'great_power', 'neighbour'] as const,
  start: '2021-08',
  end: '2022-12',
};
const at = (m: number, c: number) => run.rung[m * 4 + c]!;

describe('outcomes', () => {
  it('read a measure at the end by default, or at a given month', () => {
    const last = run.months.length - 1;
    const m = run.months.indexOf('2022-03');
    expect(parseOutcome('rung_C', ctx).value(run)).toBe(at(last, 2));
    expect(parseOutcome('rung_C@2022-03', ctx).value(run)).toBe(at(m, 2));
    expect(parseOutcome('at_least_3@2022-03', ctx).value(run)).toBe(
      [0, 1, 2, 3].filter((c) => at(m, c) >= 3).length,
    );
    expect(parseOutcome('west_at_least_1', ctx).value(run)).toBe(
      [0, 1].filter((c) => at(last, c) >= 1).length,
    );
    expect(parseOutcome('power_haqqani', ctx).value(run)).toBe(run.power[last * 3 + 1]);
  });

  it('label with names and symbols, not ids and operators (a regression: "rung of CN >= 6")', () => {
    const named = outcomeContext(input('labels', { end: '2022-12' }));
    expect(parseOutcome('rung_C >= 6', named).label).toBe('rung of Gamma ≥ 6 in 2022-12');
    expect(parseOutcome('power_kandahar@2022-06', named).label).toBe(
      'power share of the Kandahar in 2022-06',
    );
    expect(parseOutcome('west_at_least_4 <= 1', named).label).toBe(
      'at most 1 Western countries at rung ≥ 4 in 2022-12',
    );
    expect(parseOutcome('at_least_5@2022-06 >= 4', named).label).toBe(
      '4 or more countries at rung ≥ 5 in 2022-06',
    );
    // without names the ids stand
    expect(parseOutcome('rung_C == 2', ctx).label).toBe('rung of C = 2 in 2022-12');
  });

  it('turn a comparison into an event worth 0 or 1', () => {
    const o = parseOutcome('rung_C >= 0', ctx);
    expect(o.binary).toBe(true);
    expect(o.value(run)).toBe(1);
    expect(parseOutcome('rung_C > 6', ctx).value(run)).toBe(0);
  });

  it.each([
    ['rung_XX', /unknown country 'XX'/],
    ['rung_c', /did you mean 'rung_C'/],
    ['at_least_9', /not on the ladder/],
    ['power_taliban', /unknown faction/],
    ['recognisers', /unknown measure/],
    ['recognizers@2031-01', /outside the run/],
    ['recognizers@soon', /not a month/],
    ['recognizers >= five', /cannot read outcome/],
  ])('refuse %s with a clear message', (text, message) => {
    let error: unknown;
    try {
      parseOutcome(text, ctx);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(OutcomeError);
    expect(`${(error as OutcomeError).message} ${(error as OutcomeError).hint ?? ''}`).toMatch(message);
  });
});
