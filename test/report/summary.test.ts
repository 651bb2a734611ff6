// The report's sentences, word for word, from numbers worked out by hand.

import { describe, expect, it } from 'vitest';
import { runMoves } from '../../src/analysis/moves.js';
import type { RunSummary } from '../../src/analysis/summary.js';
import type { CompareDoc } from '../../src/ensemble/docs.js';
import {
  compareSummary,
  ensembleSummary,
  percent,
  runSummary,
  westOutcome,
} from '../../src/report/summary.js';
import { summaryDoc } from './fixture.js';

describe('ensembleSummary', () => {
  it('says who recognizes first, when, who follows, the West at rung 4, the count and the strongest faction', () => {
    expect(ensembleSummary(summaryDoc(), 0.41)).toEqual([
      'In 28% of runs at least one country formally recognizes the Taliban by 2030-12; Pakistan is the most likely first (19% of runs). "By" counts a recognition at any month up to 2030-12; the charts\' shares "in" a month count only the countries standing at recognition then.',
      // 56 runs with a recognition: 20 by 2030-10, 36 by 2030-11; 16 of the 56 had followers
      'Half of those first recognitions come by 2030-11; in 29% of them at least one more country follows within 12 months.',
      'In 41% of runs at least one Western country stands at rung 4 (diplomatic presence) or higher in 2030-12; the most likely is Germany (25% of runs).',
      'In 2030-12 the median number of countries at formal recognition is 1 (90% of runs: 0 to 4).',
      'The Kandahar circle (Haibatullah Akhundzada) holds the largest median power share in 2030-12: 0.62 (90% of runs: 0.41 to 0.80).',
    ]);
  });

  it('speaks of each Western country when the per-run "any" is not known', () => {
    expect(ensembleSummary(summaryDoc())[2]).toBe(
      'The Western country most likely to stand at rung 4 (diplomatic presence) or higher in 2030-12 is Germany (25% of runs).',
    );
  });

  it('names every country of a tie, with the article English wants', () => {
    const doc = summaryDoc();
    doc.first_recognizer[1] = { country: 'US', runs: 38, share: 0.19 };
    doc.rung_at_least[1]!.p[2] = 0.25;
    const [first, , west] = ensembleSummary(doc, 0.3);
    expect(first).toBe(
      'In 28% of runs at least one country formally recognizes the Taliban by 2030-12; Pakistan and the United States are the most likely first (19% of runs each). "By" counts a recognition at any month up to 2030-12; the charts\' shares "in" a month count only the countries standing at recognition then.',
    );
    expect(west).toBe(
      'In 30% of runs at least one Western country stands at rung 4 (diplomatic presence) or higher in 2030-12; the most likely are the United States and Germany (25% of runs each).',
    );
  });

  it('says plainly when nobody recognizes and no Western country reaches rung 4', () => {
    const doc = summaryDoc();
    doc.first_recognizer = [{ country: null, runs: 200, share: 1 }];
    doc.first_recognition_month = [];
    doc.cascade = [];
    for (const x of doc.rung_at_least) x.p = [0, 0, 0];
    expect(ensembleSummary(doc, 0).slice(0, 2)).toEqual([
      'In none of the 200 runs does any country formally recognize the Taliban by 2030-12.',
      'No Western country stands at rung 4 (diplomatic presence) or higher in 2030-12 in any run.',
    ]);
  });

  it('tells replay from projection when the runs start before the record ends', () => {
    // the fixture's months are 2030-10..12; a record to 2030-11 with no recognition in it
    const record = {
      end: '2030-11',
      rows: [
        { country: 'PK', date: '2030-10', rung: 4 },
        { country: 'PK', date: '2030-11', rung: 5 },
      ],
    };
    const out = ensembleSummary({ ...summaryDoc(), record }, 0.41);
    expect(out[0]).toBe(
      'The runs start in 2030-10, before the observed record ends (2030-11): the months to 2030-11 replay history, and the charts draw the record beside the runs. What the runs do by 2030-11 is a test of the model against what happened (no country had recognized the Taliban by then); what they do after 2030-11 is the projection.',
    );
    // 20 + 16 of 200 runs recognize by 2030-11, 20 after it
    expect(out[2]).toBe(
      'Of all runs, 18% have their first recognition by 2030-11, which the record contradicts, and 10% after it.',
    );
    expect(out[3]).toMatch(/^Half of the first recognitions after 2030-11 come by 2030-12;/);
    // a record that ends at the start is not replayed
    expect(ensembleSummary({ ...summaryDoc(), record: { ...record, end: '2030-10' } }, 0.41)).toEqual(
      ensembleSummary(summaryDoc(), 0.41),
    );
  });

  it('reads the Western outcome the comparison machinery evaluates per run', () => {
    expect(westOutcome('2030-12')).toBe('west_at_least_4@2030-12 >= 1');
  });
});

describe('percent', () => {
  it('rounds to whole percent but never makes a rare event impossible or a likely one certain', () => {
    expect([0, 0.004, 0.005, 0.284, 0.996, 1].map(percent)).toEqual([
      '0%',
      'under 1%',
      '1%',
      '28%',
      'over 99%',
      '100%',
    ]);
  });
});

describe('runSummary', () => {
  const actors = summaryDoc().actors;
  const run = (over: Partial<RunSummary>): RunSummary => ({
    scenario: 'tiny',
    question: 'What if?',
    seed: '42',
    start: '2030-10',
    end: '2030-12',
    final: {
      rungs: { PK: 6, CN: 6, US: 4, DE: 5 },
      count_by_rung: [0, 0, 0, 0, 1, 1, 2],
      legitimacy: 0.5,
      power: { kandahar: 0.3, haqqani: 0.5 },
      policy: {},
      threat: 0.2,
      un_seat: true,
    },
    first_reached: {},
    first_recognition: { country: 'PK', date: '2030-11' },
    cascade_12m: 1,
    delistings: [],
    un: [],
    attacks: 0,
    moves: runMoves([]),
    ...over,
  });

  it('tells the story of one run', () => {
    expect(runSummary(run({}), actors)).toEqual([
      'In this run Pakistan is the first to formally recognize the Taliban, in 2030-11; 1 more country follows within 12 months.',
      'In 2030-12 the United States and Germany stand at rung 4 (diplomatic presence) or higher.',
      '2 countries recognize the Taliban formally in 2030-12, and the UN seat is held by the Taliban.',
      'The Haqqani network holds the largest power share in 2030-12: 0.50.',
    ]);
  });

  it('says when a run recognizes before the record ends that has no recognition', () => {
    const record = { end: '2030-11', rows: [{ country: 'PK', date: '2030-11', rung: 5 }] };
    const [replay, first] = runSummary(run({}), actors, record);
    expect(replay).toMatch(/^The runs start in 2030-10, before the observed record ends \(2030-11\)/);
    expect(first).toBe(
      'In this run Pakistan is the first to formally recognize the Taliban, in 2030-11 (before the record ends in 2030-11: the record has no recognition by then); 1 more country follows within 12 months.',
    );
  });

  it('and of a run in which nobody moves', () => {
    const s = run({ first_recognition: null, cascade_12m: 0 });
    s.final = {
      ...s.final,
      rungs: { PK: 3, CN: 3, US: 1, DE: 2 },
      count_by_rung: [0, 1, 1, 2, 0, 0, 0],
      un_seat: false,
    };
    expect(runSummary(s, actors).slice(0, 3)).toEqual([
      'In this run no country formally recognizes the Taliban by 2030-12.',
      'No Western country stands at rung 4 (diplomatic presence) or higher in 2030-12.',
      'No country recognizes the Taliban formally in 2030-12, and the UN seat is denied to them.',
    ]);
  });
});

describe('compareSummary', () => {
  it('gives each event outcome with both levels and the paired difference in points', () => {
    const outcome = (text: string, binary: boolean) => ({ text, label: text, binary });
    const doc: CompareDoc = {
      kind: 'compare',
      seed: '42',
      runs: 200,
      scenarios: [],
      differences: [
        {
          outcome: outcome('some recognizer', true),
          reference: 'baseline',
          scenario: 'surge',
          reference_mean: 0.28,
          scenario_mean: 0.35,
          difference: 0.07,
          lo: 0.0412,
          hi: 0.0988,
        },
        {
          outcome: outcome('recognizers', false),
          reference: 'baseline',
          scenario: 'surge',
          reference_mean: 1,
          scenario_mean: 2,
          difference: 1,
          lo: 0.5,
          hi: 1.5,
        },
        {
          outcome: outcome('a Western embassy', true),
          reference: 'baseline',
          scenario: 'isolation',
          reference_mean: 0.41,
          scenario_mean: 0.1,
          difference: -0.31,
          lo: -0.4,
          hi: 0,
        },
      ],
      overrides: [],
      ensembles: [],
    };
    expect(compareSummary(doc)).toEqual([
      'some recognizer: 35% of runs in surge against 28% in baseline (+7.0 points, 95% interval +4.1 to +9.9).',
      'a Western embassy: 10% of runs in isolation against 41% in baseline (−31.0 points, 95% interval −40.0 to ±0.0).',
    ]);
  });
});
