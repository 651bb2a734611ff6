import { describe, expect, it } from 'vitest';
import {
  describeFactor,
  factorLevels,
  factorValue,
  formatDiagnostics,
  loadScenario,
  parseFactorArg,
  type SweepFactor,
  scenarioJsonSchema,
} from '../../src/scenario/index.js';
import { diagnosticsOf, errorsOf, fixtureData, fixtureReader } from './helpers.js';

const data = fixtureData();
const HEAD = 'question: q\ndescription: d\nend: 2030-12\n';

const EXAMPLE = `sweep:
  - path: decision.first_mover
    range: [0, 3]
    levels: 4
  - path: mechanisms.emboldening.enabled
    values: [true, false]
  - path: countries.US.rights
    distribution: { type: normal, mean: 0.8, sd: 0.1 }
  - path: countries.PK.security
    distribution: { type: triangular, min: 0.5, mode: 0.8, max: 1 }
`;

const sweepOf = (text: string, extra: Record<string, string> = {}) =>
  loadScenario('scenarios/mine.yaml', fixtureReader({ 'scenarios/mine.yaml': text, ...extra }), data).sweep;

/** The formatted diagnostics of a scenario whose sweep is `items`. */
const sweepErrors = (items: string) => errorsOf(`${HEAD}sweep:\n${items}`);

describe('sweep: loading', () => {
  it('the documented example loads into plain factors; no sweep is an empty list', () => {
    expect(sweepOf(HEAD + EXAMPLE)).toEqual([
      { path: 'decision.first_mover', kind: 'range', lo: 0, hi: 3, levels: 4, integer: false },
      { path: 'mechanisms.emboldening.enabled', kind: 'values', values: [true, false] },
      { path: 'countries.US.rights', kind: 'normal', mean: 0.8, sd: 0.1, lo: 0, hi: 1, integer: false },
      { path: 'countries.PK.security', kind: 'triangular', min: 0.5, mode: 0.8, max: 1, integer: false },
    ]);
    expect(sweepOf(HEAD)).toEqual([]);
  });

  it('integer parameters, default levels, and the clipping bounds of a normal', () => {
    const sweep = sweepOf(`${HEAD}sweep:
  - { path: un.veto_rung, range: [2, 5] }
  - { path: un.p3_block_below, range: [3, 4] }
  - { path: decision.delist_rung, values: [3, 4] }
  - { path: decision.first_mover, distribution: { type: normal, mean: 1, sd: 0.5 } }
  - { path: decision.hazard_width, distribution: { type: normal, mean: 0.5, sd: 0.2 } }
  - { path: decision.base, distribution: { type: normal, mean: 0, sd: 1 } }
`);
    expect(sweep).toEqual([
      { path: 'un.veto_rung', kind: 'range', lo: 2, hi: 5, levels: 3, integer: true },
      // only two whole numbers to spread the default 3 levels over
      { path: 'un.p3_block_below', kind: 'range', lo: 3, hi: 4, levels: 2, integer: true },
      { path: 'decision.delist_rung', kind: 'values', values: [3, 4] },
      {
        path: 'decision.first_mover',
        kind: 'normal',
        mean: 1,
        sd: 0.5,
        lo: 0,
        hi: Number.POSITIVE_INFINITY,
        integer: false,
      },
      // hazard_width must stay above 0: the clip sits just inside
      {
        path: 'decision.hazard_width',
        kind: 'normal',
        mean: 0.5,
        sd: 0.2,
        lo: Number.MIN_VALUE,
        hi: 6,
        integer: false,
      },
      {
        path: 'decision.base',
        kind: 'normal',
        mean: 0,
        sd: 1,
        lo: Number.NEGATIVE_INFINITY,
        hi: Number.POSITIVE_INFINITY,
        integer: false,
      },
    ]);
  });

  it("extends: a child's sweep replaces the parent's entirely; without one it inherits; [] clears it", () => {
    const parent = { 'scenarios/parent.yaml': HEAD + EXAMPLE };
    const child = (sweep: string) => `question: q2\ndescription: d2\nextends: parent.yaml\n${sweep}`;
    expect(sweepOf(child('sweep:\n  - { path: countries.US.rights, range: [0.5, 1] }\n'), parent)).toEqual([
      { path: 'countries.US.rights', kind: 'range', lo: 0.5, hi: 1, levels: 3, integer: false },
    ]);
    expect(sweepOf(child(''), parent)).toHaveLength(4);
    expect(sweepOf(child('sweep: []\n'), parent)).toEqual([]);
  });

  it('a --factor gives the same factor as the equivalent sweep item', () => {
    const fromFile = sweepOf(HEAD + EXAMPLE);
    const fromArgs = [
      'decision.first_mover=0:3',
      'mechanisms.emboldening.enabled=true,false',
      'countries.US.rights=normal(0.8, 0.1)',
      ' countries.PK.security = triangular(0.5,0.8,1)',
    ].map((t) => parseFactorArg(t, data.params));
    expect(fromArgs).toEqual(fromFile.map((f) => (f.kind === 'range' ? { ...f, levels: 3 } : f)));
  });

  it('the JSON Schema completes sweep paths and allows one way of varying', () => {
    // biome-ignore lint/suspicious/noExplicitAny: walking the generated JSON Schema
    const item = (scenarioJsonSchema() as any).properties.sweep.items;
    expect(item.oneOf).toEqual([
      { required: ['range'] },
      { required: ['values'] },
      { required: ['distribution'] },
    ]);
    expect(item.dependencies).toEqual({ levels: ['range'] });
    const [names, ...patterns] = item.properties.path.anyOf;
    expect(names.enum).toContain('decision.first_mover');
    expect(names.enum).toContain('mechanisms.emboldening.enabled');
    expect(names.enum).not.toContain('factions.kandahar.name');
    const matches = (p: string) => patterns.some((x: { pattern: string }) => new RegExp(x.pattern).test(p));
    expect(matches('countries.US.rights')).toBe(true);
    expect(matches('countries.US.gates')).toBe(false);
  });
});

describe('sweep: diagnostics', () => {
  it('a path that does not exist, or leads to a list or a name', () => {
    expect(
      sweepErrors(
        '  - { path: decision.first_mvoer, range: [0, 3] }\n  - { path: countries.US.gates, values: [1] }\n  - { path: countries.US.name, values: [1] }\n',
      ),
    ).toBe(
      [
        "scenarios/mine.yaml:5:13: error: sweep[0].path: unknown parameter 'first_mvoer'",
        '   5 |   - { path: decision.first_mvoer, range: [0, 3] }',
        '     |             ^^^^^^^^^^^^^^^^^^^^',
        '  expected: one of base, security, harboured, alignment, economic, humanitarian, migration, reserves, rivalry, …',
        "  hint: did you mean 'decision.first_mover'?",
        '',
        "scenarios/mine.yaml:6:13: error: sweep[1].path: 'countries.US.gates' is a list of { rung, when }, not a number or true/false",
        '   6 |   - { path: countries.US.gates, values: [1] }',
        '     |             ^^^^^^^^^^^^^^^^^^',
        '  expected: a number or boolean parameter',
        "  hint: in 'countries.US', sweep one of p5, weight, review_rate, security, harboured, alignment, economic, humanitarian, migration, …",
        '',
        "scenarios/mine.yaml:7:13: error: sweep[2].path: 'countries.US.name' is non-empty text, not a number or true/false",
        '   7 |   - { path: countries.US.name, values: [1] }',
        '     |             ^^^^^^^^^^^^^^^^^',
        '  expected: a number or boolean parameter',
        "  hint: in 'countries.US', sweep one of p5, weight, review_rate, security, harboured, alignment, economic, humanitarian, migration, …",
      ].join('\n'),
    );
  });

  it('empty, inverted and out-of-bounds ranges', () => {
    expect(
      sweepErrors(
        '  - path: decision.first_mover\n    range: [3, 3]\n  - path: decision.inertia\n    range: [3, 0]\n  - path: countries.US.rights\n    range: [0.2, 1.5]\n',
      ),
    ).toBe(
      [
        'scenarios/mine.yaml:6:12: error: sweep[0].range: empty range: both ends are 3',
        '   6 |     range: [3, 3]',
        '     |            ^^^^^^',
        '  expected: lo < hi',
        "  hint: to hold 'decision.first_mover' at 3, put it under `set:` instead",
        '',
        'scenarios/mine.yaml:8:12: error: sweep[1].range: inverted range: 3 is above 0',
        '   8 |     range: [3, 0]',
        '     |            ^^^^^^',
        '  expected: lo < hi',
        '  hint: did you mean [0, 3]?',
        '',
        "scenarios/mine.yaml:10:18: error: sweep[2].range[1]: 1.5 is outside the allowed values of 'countries.US.rights'",
        '  10 |     range: [0.2, 1.5]',
        '     |                  ^^^',
        '  expected: a number in 0..1',
        '  hint: did you mean [0.2, 1]?',
      ].join('\n'),
    );
  });

  it('values: empty, of the wrong type, out of bounds', () => {
    expect(
      sweepErrors(
        '  - { path: countries.IN.rights, values: [] }\n  - { path: decision.base, values: [1, true] }\n  - { path: mechanisms.emboldening.enabled, values: [0] }\n  - { path: threat.mean, values: [0.5, 2] }\n',
      ),
    ).toBe(
      [
        'scenarios/mine.yaml:5:42: error: sweep[0].values: no values',
        '   5 |   - { path: countries.IN.rights, values: [] }',
        '     |                                          ^^^^',
        '  expected: at least one value',
        "  hint: to hold 'countries.IN.rights' at 0.3, put it under `set:` instead",
        '',
        "scenarios/mine.yaml:6:40: error: sweep[1].values[1]: wrong type: a boolean (true) for 'decision.base'",
        '   6 |   - { path: decision.base, values: [1, true] }',
        '     |                                        ^^^^',
        '  expected: a number',
        "  hint: 'decision.base' is a number: list numbers, or give a range",
        '',
        "scenarios/mine.yaml:7:54: error: sweep[2].values[0]: wrong type: a number (0) for 'mechanisms.emboldening.enabled'",
        '   7 |   - { path: mechanisms.emboldening.enabled, values: [0] }',
        '     |                                                      ^',
        '  expected: true or false',
        '  hint: did you mean [true, false]?',
        '',
        "scenarios/mine.yaml:8:40: error: sweep[3].values[1]: 2 is outside the allowed values of 'threat.mean'",
        '   8 |   - { path: threat.mean, values: [0.5, 2] }',
        '     |                                        ^',
        '  expected: a number in 0..1',
        '  hint: did you mean 1?',
      ].join('\n'),
    );
  });

  it('integer parameters take whole numbers only, and no more levels than they have', () => {
    expect(
      sweepErrors(
        '  - { path: un.p3_block_below, values: [2.5] }\n  - { path: un.veto_rung, range: [0, 6], levels: 8 }\n',
      ),
    ).toBe(
      [
        "scenarios/mine.yaml:5:41: error: sweep[0].values[0]: 2.5 is not a whole number, and 'un.p3_block_below' takes whole numbers",
        '   5 |   - { path: un.p3_block_below, values: [2.5] }',
        '     |                                         ^^^',
        '  expected: an integer in 0..6',
        '  hint: did you mean 3?',
        '',
        "scenarios/mine.yaml:6:50: error: sweep[1].levels: 8 levels do not fit in 0..6: 'un.veto_rung' takes whole numbers",
        '   6 |   - { path: un.veto_rung, range: [0, 6], levels: 8 }',
        '     |                                                  ^',
        '  expected: an integer in 2..7',
        '  hint: levels counts the evenly spaced points a factorial design takes, both ends included',
      ].join('\n'),
    );
  });

  it('levels: too few, fractional, or without a range', () => {
    expect(
      sweepErrors(
        '  - { path: countries.US.weight, range: [0, 1], levels: 1 }\n  - { path: countries.US.domestic, range: [0, 1], levels: 2.5 }\n  - { path: countries.PK.weight, values: [0.5], levels: 3 }\n',
      ),
    ).toBe(
      [
        'scenarios/mine.yaml:5:57: error: sweep[0].levels: 1 is too few levels',
        '   5 |   - { path: countries.US.weight, range: [0, 1], levels: 1 }',
        '     |                                                         ^',
        '  expected: an integer >= 2',
        '  hint: levels counts the evenly spaced points a factorial design takes, both ends included',
        '',
        'scenarios/mine.yaml:6:59: error: sweep[1].levels: 2.5 is not a whole number',
        '   6 |   - { path: countries.US.domestic, range: [0, 1], levels: 2.5 }',
        '     |                                                           ^^^',
        '  expected: an integer >= 2',
        '  hint: levels counts the evenly spaced points a factorial design takes, both ends included',
        '',
        "scenarios/mine.yaml:7:49: error: sweep[2].levels: 'levels' applies to a range only",
        '   7 |   - { path: countries.PK.weight, values: [0.5], levels: 3 }',
        '     |                                                 ^^^^^^',
        "  expected: 'levels' next to 'range'",
        '  hint: a factorial design uses every one of `values`, and the quantiles 1/6, 1/2, 5/6 of a distribution',
      ].join('\n'),
    );
  });

  it('distributions: sd <= 0, triangular out of order, mean out of bounds, a boolean parameter', () => {
    expect(
      sweepErrors(`  - path: countries.US.security
    distribution: { type: normal, mean: 0.5, sd: 0 }
  - path: countries.US.economic
    distribution: { type: triangular, min: 0.5, mode: 0.9, max: 0.8 }
  - path: threat.suppression
    distribution: { type: normal, mean: 1.5, sd: 0.1 }
  - path: mechanisms.memory
    distribution: { type: triangular, min: 0.4, mode: 0.4, max: 0.4 }
  - path: mechanisms.emboldening.enabled
    range: [0, 1]
`),
    ).toBe(
      [
        'scenarios/mine.yaml:6:50: error: sweep[0].distribution.sd: sd 0 is not positive',
        '   6 |     distribution: { type: normal, mean: 0.5, sd: 0 }',
        '     |                                                  ^',
        '  expected: a number > 0',
        "  hint: to hold 'countries.US.security' at 0.5, put it under `set:` instead",
        '',
        'scenarios/mine.yaml:8:19: error: sweep[1].distribution: min 0.5, mode 0.9, max 0.8 are out of order',
        '   8 |     distribution: { type: triangular, min: 0.5, mode: 0.9, max: 0.8 }',
        '     |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  expected: min <= mode <= max',
        '  hint: did you mean { type: triangular, min: 0.5, mode: 0.8, max: 0.9 }?',
        '',
        "scenarios/mine.yaml:10:41: error: sweep[2].distribution.mean: mean 1.5 is outside the allowed values of 'threat.suppression'",
        '  10 |     distribution: { type: normal, mean: 1.5, sd: 0.1 }',
        '     |                                         ^^^',
        '  expected: a number in 0..1',
        '  hint: did you mean 1?',
        '',
        'scenarios/mine.yaml:12:19: error: sweep[3].distribution: empty distribution: min and max are both 0.4',
        '  12 |     distribution: { type: triangular, min: 0.4, mode: 0.4, max: 0.4 }',
        '     |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  expected: min < max',
        "  hint: to hold 'mechanisms.memory' at 0.4, put it under `set:` instead",
        '',
        "scenarios/mine.yaml:14:12: error: sweep[4].range: a range needs a numeric parameter; 'mechanisms.emboldening.enabled' is true or false",
        '  14 |     range: [0, 1]',
        '     |            ^^^^^^',
        "  expected: 'values' for a true-or-false parameter",
        '  hint: did you mean values: [true, false]?',
      ].join('\n'),
    );
  });

  it('the same path twice; more than one way of varying; none', () => {
    expect(
      sweepErrors(`  - path: countries.US.rights
    range: [0.5, 1]
  - path: countries.US.rights
    values: [0.5]
  - path: countries.US.security
    range: [0, 1]
    distribution: { type: normal, mean: 0.5, sd: 0.1 }
  - path: threat.mean
`),
    ).toBe(
      [
        "scenarios/mine.yaml:7:11: error: sweep[1].path: 'countries.US.rights' is swept twice",
        '   7 |   - path: countries.US.rights',
        '     |           ^^^^^^^^^^^^^^^^^^^',
        '  expected: each parameter at most once',
        '  hint: it is already swept at sweep[0] (line 5); keep one',
        '',
        "scenarios/mine.yaml:11:5: error: sweep[2].distribution: 'range' and 'distribution' both given",
        '  11 |     distribution: { type: normal, mean: 0.5, sd: 0.1 }',
        '     |     ^^^^^^^^^^^^',
        '  expected: one of range, values, distribution',
        "  hint: a factor varies its parameter one way: keep 'range' or 'distribution'",
        '',
        "scenarios/mine.yaml:12:5: error: sweep[3]: missing 'range', 'values' or 'distribution'",
        '  12 |   - path: threat.mean',
        '     |     ^^^^^^^^^^^^^^^^^',
        '  expected: one of range, values, distribution',
        '  hint: a factor varies its parameter uniformly over a range, over listed values, or by a distribution',
      ].join('\n'),
    );
  });

  it('shape errors come from the schema: unknown keys and distribution types, a short range', () => {
    expect(
      sweepErrors(`  - path: threat.mean
    distribution: { type: uniform, lo: 0 }
  - path: threat.reversion
    distribution: { type: normal, mean: 0.5, sigma: 0.1 }
  - path: threat.volatility
    range: [1]
`),
    ).toBe(
      [
        "scenarios/mine.yaml:6:27: error: sweep[0].distribution.type: invalid value 'uniform'",
        '   6 |     distribution: { type: uniform, lo: 0 }',
        '     |                           ^^^^^^^',
        '  expected: one of normal, triangular',
        '',
        "scenarios/mine.yaml:8:19: error: sweep[1].distribution.sd: missing required key 'sd'",
        '   8 |     distribution: { type: normal, mean: 0.5, sigma: 0.1 }',
        '     |                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  expected: a number > 0',
        '',
        "scenarios/mine.yaml:8:46: error: sweep[1].distribution.sigma: unknown key 'sigma'",
        '   8 |     distribution: { type: normal, mean: 0.5, sigma: 0.1 }',
        '     |                                              ^^^^^',
        '  expected: one of type, mean, sd',
        '',
        'scenarios/mine.yaml:10:12: error: sweep[2].range: the list is too short',
        '  10 |     range: [1]',
        '     |            ^^^',
        '  expected: a list of 2 numbers',
      ].join('\n'),
    );
  });

  it("a parent's sweep is checked too, in its own file", () => {
    const parent = { 'scenarios/parent.yaml': `${HEAD}sweep:\n  - { path: threat.mean, range: [1, 0] }\n` };
    expect(errorsOf('question: q2\ndescription: d2\nextends: parent.yaml\nsweep: []\n', parent)).toMatch(
      /^scenarios\/parent.yaml:5:33: error: sweep\[0\].range: inverted range: 1 is above 0\n/,
    );
  });
});

describe('parseFactorArg: --factor on the command line', () => {
  const argErrors = (text: string) =>
    formatDiagnostics(diagnosticsOf(() => parseFactorArg(text, data.params)));

  it('reports as stancesim, --factor, with the argument, what was expected and a hint', () => {
    expect(argErrors('decision.first_mover=3:0')).toBe(
      [
        "stancesim: error: --factor: 'decision.first_mover=3:0': inverted range: 3 is above 0",
        '  expected: lo < hi',
        '  hint: did you mean 0:3?',
      ].join('\n'),
    );
    expect(argErrors('decision.first_mvoer=0:3')).toBe(
      [
        "stancesim: error: --factor: 'decision.first_mvoer=0:3': unknown parameter 'first_mvoer'",
        '  expected: one of base, security, harboured, alignment, economic, humanitarian, migration, reserves, rivalry, …',
        "  hint: did you mean 'decision.first_mover'?",
      ].join('\n'),
    );
    expect(argErrors('countries.US.rights=0:1.5')).toBe(
      [
        "stancesim: error: --factor: 'countries.US.rights=0:1.5': 1.5 is outside the allowed values of 'countries.US.rights'",
        '  expected: a number in 0..1',
        '  hint: did you mean 0:1?',
      ].join('\n'),
    );
    expect(argErrors('countries.US.rights=triangular(1,0.5,0)')).toBe(
      [
        "stancesim: error: --factor: 'countries.US.rights=triangular(1,0.5,0)': min 1, mode 0.5, max 0 are out of order",
        '  expected: min <= mode <= max',
        '  hint: did you mean triangular(0,0.5,1)?',
      ].join('\n'),
    );
    expect(argErrors('mechanisms.emboldening.enabled=0,1')).toMatch(/hint: did you mean true,false\?$/);
  });

  it('syntax errors', () => {
    const forms = 'PATH=LO:HI, PATH=V1,V2,…, PATH=normal(MEAN,SD) or PATH=triangular(MIN,MODE,MAX)';
    expect(argErrors('decision.first_mover')).toBe(
      [
        "stancesim: error: --factor: 'decision.first_mover': missing '='",
        `  expected: ${forms}`,
        '  hint: e.g. decision.first_mover=0:3',
      ].join('\n'),
    );
    expect(argErrors('mechanisms.emboldening.enabled=ture,false')).toBe(
      [
        "stancesim: error: --factor: 'mechanisms.emboldening.enabled=ture,false': 'ture' is not a number or true/false",
        `  expected: ${forms}`,
        "  hint: did you mean 'true'?",
      ].join('\n'),
    );
    expect(argErrors('countries.US.rights=uniform(0,1)')).toBe(
      [
        "stancesim: error: --factor: 'countries.US.rights=uniform(0,1)': unknown distribution 'uniform'",
        '  expected: normal(MEAN,SD) or triangular(MIN,MODE,MAX)',
      ].join('\n'),
    );
    expect(argErrors('countries.US.rights=normal(0.8)')).toMatch(/normal\(…\) takes 2 numbers, not 1\n/);
    expect(argErrors('countries.US.rights=0:0.5:1')).toMatch(/a range takes 2 numbers, not 3\n/);
    expect(argErrors('countries.US.rights=')).toMatch(/nothing after '='\n/);
    expect(argErrors('countries.US.rights=0:x')).toMatch(/'x' is not a number\n/);
  });
});

describe('factorValue and factorLevels', () => {
  const normal = (mean: number, sd: number, lo = -Infinity, hi = Infinity, integer = false): SweepFactor => ({
    path: 'p',
    kind: 'normal',
    mean,
    sd,
    lo,
    hi,
    integer,
  });

  it('the normal inverse CDF (AS 241) against reference quantiles, in each of its three regions', () => {
    const z = (u: number) => factorValue(normal(0, 1), u) as number;
    expect(z(0.5)).toBe(0);
    expect(z(0.975)).toBeCloseTo(1.959963984540054, 12);
    expect(z(0.3)).toBeCloseTo(-0.5244005127080407, 12);
    expect(z(0.001)).toBeCloseTo(-3.090232306167813, 12);
    expect(z(1e-10)).toBeCloseTo(-6.361340902404056, 11);
    // symmetric where 1 - u is exact
    for (const u of [0.25, 0.125, 2 ** -20]) expect(z(1 - u)).toBeCloseTo(-z(u), 12);
    expect(factorValue(normal(0.8, 0.1), 0.975)).toBeCloseTo(0.8 + 0.1959963984540054, 12);
  });

  it('a normal stays finite at u = 0 and 1, is clipped to the bounds, and rounded for integers', () => {
    expect(factorValue(normal(0, 1), 0)).toBeCloseTo(-7.034483825301132, 10);
    // 1 - 1e-12 is not exact in floating point: the top end is only close to the mirror of the bottom
    expect(factorValue(normal(0, 1), 1)).toBeCloseTo(7.0345, 4);
    expect(factorValue(normal(0.8, 0.5, 0, 1), 0)).toBe(0);
    expect(factorValue(normal(0.8, 0.5, 0, 1), 0.99)).toBe(1);
    expect(factorLevels(normal(3, 1, 0, 6, true))).toEqual([2, 3, 4]);
    // rounding makes the three quantiles one value
    expect(factorLevels(normal(3, 0.1, 0, 6, true))).toEqual([3]);
  });

  it('triangular: the analytic inverse CDF on both sides of the mode', () => {
    const t: SweepFactor = { path: 'p', kind: 'triangular', min: 0.5, mode: 0.8, max: 1, integer: false };
    // F(mode) = (0.8 - 0.5) / (1 - 0.5) = 0.6
    expect(factorValue(t, 0)).toBe(0.5);
    expect(factorValue(t, 0.3)).toBeCloseTo(0.5 + Math.sqrt(0.3 * 0.5 * 0.3), 14);
    expect(factorValue(t, 0.6)).toBeCloseTo(0.8, 14);
    expect(factorValue(t, 0.9)).toBeCloseTo(1 - Math.sqrt(0.1 * 0.5 * 0.2), 14);
    expect(factorValue(t, 1)).toBe(1);
    const levels = factorLevels(t) as number[];
    expect(levels).toHaveLength(3);
    expect(levels[0]).toBeCloseTo(0.5 + Math.sqrt(0.15 / 6), 14);
    expect(levels[1]).toBeCloseTo(0.5 + Math.sqrt(0.075), 14);
    expect(levels[2]).toBeCloseTo(1 - Math.sqrt(0.1 / 6), 14);
    // mode at an end
    const left: SweepFactor = { path: 'p', kind: 'triangular', min: 0, mode: 0, max: 2, integer: false };
    expect(factorValue(left, 0.75)).toBeCloseTo(1, 14);
  });

  it('ranges: uniform, evenly spaced levels with both ends; integers get each whole number equally', () => {
    const r: SweepFactor = { path: 'p', kind: 'range', lo: 0, hi: 3, levels: 4, integer: false };
    expect(factorValue(r, 0.25)).toBe(0.75);
    expect(factorLevels(r)).toEqual([0, 1, 2, 3]);
    expect(factorLevels({ ...r, lo: 0.1, hi: 0.3, levels: 3 })).toEqual([0.1, 0.2, 0.3]);
    const rung: SweepFactor = { path: 'p', kind: 'range', lo: 2, hi: 5, levels: 3, integer: true };
    const counts = new Map<number | boolean, number>();
    for (let k = 0; k < 400; k++) {
      const v = factorValue(rung, (k + 0.5) / 400);
      counts.set(v, (counts.get(v) ?? 0) + 1);
    }
    expect(Object.fromEntries(counts)).toEqual({ 2: 100, 3: 100, 4: 100, 5: 100 });
    expect(factorValue(rung, 1)).toBe(5);
    // 2, 3.5, 5 rounded
    expect(factorLevels(rung)).toEqual([2, 4, 5]);
  });

  it('values: index floor(u·n); the levels are the values', () => {
    const v: SweepFactor = { path: 'p', kind: 'values', values: [true, false] };
    expect(factorValue(v, 0)).toBe(true);
    expect(factorValue(v, 0.4999)).toBe(true);
    expect(factorValue(v, 0.5)).toBe(false);
    expect(factorValue(v, 1)).toBe(false);
    expect(factorLevels(v)).toEqual([true, false]);
  });

  it('u outside [0, 1] is a programming error', () => {
    const v: SweepFactor = { path: 'p', kind: 'values', values: [1] };
    expect(() => factorValue(v, -0.1)).toThrow(RangeError);
    expect(() => factorValue(v, Number.NaN)).toThrow(/u must be in \[0, 1\]/);
  });

  it('describeFactor', () => {
    expect(sweepOf(HEAD + EXAMPLE).map(describeFactor)).toEqual([
      'range 0..3',
      'values true, false',
      'normal(0.8, 0.1)',
      'triangular(0.5, 0.8, 1)',
    ]);
  });
});
