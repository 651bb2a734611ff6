// Fuzzing (fuzz.ts): random valid scenarios load and run with every invariant holding; random invalid
// values are refused with a located message. `npm run fuzz` runs 10,000 cases (docs/RELIABILITY.md).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScenarioError } from '../../src/scenario/index.js';
import { cli } from '../cli/helpers.js';
import { invalidValue, leaves, load, runValid, scenarioArb } from './fuzz.js';

const LEAVES = leaves();
const RUNS = Number(process.env.FUZZ_RUNS ?? 500);

describe('fuzzing', () => {
  it('draws from every numeric and boolean parameter of the schema', () => {
    expect(LEAVES.length).toBeGreaterThan(300);
    expect(LEAVES.map((l) => l.path)).toEqual(
      expect.arrayContaining(['decision.rights', 'countries.US.rights', 'mechanisms.emboldening.enabled']),
    );
  });

  it('random valid scenarios run to their end with every invariant holding', () => {
    fc.assert(
      fc.property(scenarioArb(LEAVES), (s) => {
        expect(runValid(s)).toBe('');
      }),
      { numRuns: RUNS, seed: 20210815 },
    );
  });

  it('a random invalid value is refused with file, line and column, at set: or in an event', () => {
    const arb = fc
      .integer({ min: 0, max: LEAVES.length - 1 })
      .chain((i) => fc.tuple(fc.constant(LEAVES[i]!), invalidValue(LEAVES[i]!), fc.boolean()));
    fc.assert(
      fc.property(arb, ([leaf, value, inEvent]) => {
        const body = `${leaf.path}: ${JSON.stringify(value)}`;
        const text = inEvent
          ? `extends: baseline.yaml\nquestion: q?\ndescription: d\nevents:\n  - at: 2026-01\n    label: e\n    set:\n      ${body}\n`
          : `extends: baseline.yaml\nquestion: q?\ndescription: d\nset:\n  ${body}\n`;
        let error: unknown;
        try {
          load(text);
        } catch (e) {
          error = e;
        }
        expect(error, text).toBeInstanceOf(ScenarioError);
        expect((error as ScenarioError).message, text).toMatch(/^scenarios\/fuzz\.yaml:\d+:\d+: error: /);
      }),
      { numRuns: RUNS, seed: 20210815 },
    );
  });

  it('random command-line options give exit 0 or 2, never a stack trace or a failure of the program', async () => {
    const value = fc.oneof(
      fc.constantFrom('', '0', '-1', '1e9', 'NaN', '2025-13', '2021-07', '2100-12', 'x', '1/0', '3/2', 'off'),
      fc.integer({ min: -5, max: 40 }).map(String),
    );
    const option = fc.constantFrom(
      '--seed',
      '--start',
      '--end',
      '--runs',
      '--workers',
      '--rung',
      '--shard',
      '--kind',
      '--format',
      '--sed',
      '-n',
    );
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(option, value), { minLength: 1, maxLength: 3 }), async (opts) => {
        const args = ['run', 'baseline', '--json', '--quiet', ...opts.flat()];
        const r = await cli(...args);
        expect([0, 2], `${args.join(' ')}\n${r.err}`).toContain(r.code);
        expect(r.err, args.join(' ')).not.toMatch(/^\s+at /m);
        if (r.code === 2) expect(r.err, args.join(' ')).toMatch(/^stancesim(: error)?: /);
      }),
      { numRuns: Number(process.env.FUZZ_CLI_RUNS ?? 25), seed: 20210815 },
    );
  });
});
