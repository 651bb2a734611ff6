// The ensemble's CSVs: the rows the documents hold, each cell quoted only where CSV needs it.

import { describe, expect, it } from 'vitest';
import type { EnsembleDoc } from '../../src/ensemble/docs.js';
import { bandsCsv, rungProbabilitiesCsv } from '../../src/ensemble/formats.js';
import { csvCells, csvTable } from '../../src/model/results.js';

// only the fields the CSVs read; names that need quotes, so the quoting is exercised
const doc = {
  scenario: 'what "if", again',
  seed: '42',
  runs: 10,
  months: ['2021-08', '2021-09'],
  rung_at_least: [
    { country: 'AF', k: 4, p: [0.5, 1 / 3] },
    { country: 'X,Y', k: 6, p: [0, 1] },
  ],
  bands: [
    {
      actor: 'isk',
      variable: 'threat',
      p05: [0.1, 0.2],
      p25: [0.2, 0.3],
      p50: [0.3, 0.4],
      p75: [0.4, 0.5],
      p95: [0.5, 0.6],
    },
  ],
} as unknown as EnsembleDoc;

describe('CSV cells', () => {
  it('quotes a text with a comma, a quote or a line break, never a number', () => {
    expect(csvCells(['a', 'b,c', 'say "hi"', 'x\ny', 1.5, -0, 1e21, true])).toBe(
      'a,"b,c","say ""hi""","x\ny",1.5,0,1e+21,true',
    );
    expect(
      csvTable(
        ['h1', 'h,2'],
        [
          [1, 'a'],
          [2, 'b"'],
        ],
      ),
    ).toBe('h1,"h,2"\n1,a\n2,"b"""\n');
  });
});

describe("the ensemble's tables", () => {
  it('P(rung ≥ k): a row per series and month, the scenario, seed and runs on each', () => {
    expect(rungProbabilitiesCsv(doc)).toBe(
      [
        'scenario,seed,runs,date,country,k,p_at_least',
        '"what ""if"", again",42,10,2021-08,AF,4,0.5',
        '"what ""if"", again",42,10,2021-09,AF,4,0.3333333333333333',
        '"what ""if"", again",42,10,2021-08,"X,Y",6,0',
        '"what ""if"", again",42,10,2021-09,"X,Y",6,1',
        '',
      ].join('\n'),
    );
  });

  it('bands: the five quantiles of a series a month', () => {
    expect(bandsCsv(doc)).toBe(
      [
        'scenario,seed,runs,date,actor,variable,p05,p25,p50,p75,p95',
        '"what ""if"", again",42,10,2021-08,isk,threat,0.1,0.2,0.3,0.4,0.5',
        '"what ""if"", again",42,10,2021-09,isk,threat,0.2,0.3,0.4,0.5,0.6',
        '',
      ].join('\n'),
    );
  });
});
