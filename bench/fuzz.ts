// npm run fuzz [-- N]: N random valid scenarios (default 10,000) loaded and run with every invariant
// checked, and N random invalid values refused with a located message (test/scenario/fuzz.ts); writes
// the counts and the parameter paths the valid ones covered to docs/RELIABILITY.md.
import { readFileSync, writeFileSync } from 'node:fs';
import fc from 'fast-check';
import { ScenarioError } from '../src/scenario/index.js';
import {
  type FuzzScenario,
  invalidValue,
  leaves,
  load,
  runValid,
  scenarioArb,
} from '../test/scenario/fuzz.js';

const N = Number(process.argv[2] ?? 10_000);
const SEED = 20210815;
const all = leaves();
const t0 = performance.now();

const covered = { set: new Set<string>(), event: new Set<string>(), rung: 0, threat: 0, months: 0 };
const failures: string[] = [];
fc.assert(
  fc.property(scenarioArb(all), (s: FuzzScenario) => {
    for (const [p] of s.set) covered.set.add(p);
    for (const e of s.events) {
      for (const [p] of e.set ?? []) covered.event.add(p);
      if (e.rung) covered.rung++;
      if (e.threat) covered.threat++;
    }
    const problem = runValid(s);
    if (problem) failures.push(problem);
  }),
  { numRuns: N, seed: SEED },
);
const validSeconds = (performance.now() - t0) / 1000;

let refused = 0;
const accepted: string[] = [];
const arb = fc
  .integer({ min: 0, max: all.length - 1 })
  .chain((i) => fc.tuple(fc.constant(all[i]!), invalidValue(all[i]!)));
fc.assert(
  fc.property(arb, ([leaf, value]) => {
    const text = `extends: baseline.yaml\nquestion: q?\ndescription: d\nset:\n  ${leaf.path}: ${JSON.stringify(value)}\n`;
    try {
      load(text);
      accepted.push(`${leaf.path}: ${JSON.stringify(value)}`);
    } catch (e) {
      if (e instanceof ScenarioError && /^scenarios\/fuzz\.yaml:\d+:\d+: error: /.test(e.message)) refused++;
      else accepted.push(`${leaf.path}: ${JSON.stringify(value)} → ${(e as Error).message.split('\n')[0]}`);
    }
  }),
  { numRuns: N, seed: SEED },
);

const paths = new Set([...covered.set, ...covered.event]);
const section = [
  '<!-- fuzz:start -->',
  '## Fuzzing',
  '',
  `Written by \`npm run fuzz\` (bench/fuzz.ts; fast-check seed ${SEED}; generators in test/scenario/fuzz.ts, of which \`npm test\` runs 500 cases each).`,
  '',
  '| what | cases | passed |',
  '|---|---|---|',
  `| random valid scenarios (a shipped scenario extended: its period, up to 6 parameters set over their whole accepted range, up to 3 events with \`set:\`, rung and threat effects) loaded, run to their end, invariants checked (finite state; rungs on the ladder, moving one rung a month, a listed jump or an event's rung; power shares summing to 1; indices in [0, 1]) | ${N} | ${N - failures.length} |`,
  `| random invalid values (out of range, wrong type, a fraction for an integer) refused with file:line:column | ${N} | ${refused} |`,
  '',
  `Covered: ${paths.size} of the ${all.length} numeric and boolean parameter paths (${covered.set.size} set at the start, ${covered.event.size} by events), ${covered.rung} rung and ${covered.threat} threat effects. ${validSeconds.toFixed(0)} s for the valid scenarios.`,
  ...(failures.length + accepted.length > 0
    ? [
        '',
        'Failures (first 10):',
        '',
        ...[...failures, ...accepted].slice(0, 10).map((f) => `- ${f.split('\n')[0]}`),
      ]
    : []),
  '<!-- fuzz:end -->',
].join('\n');
console.log(section);
const path = 'docs/RELIABILITY.md';
let doc = '';
try {
  doc = readFileSync(path, 'utf8');
} catch {
  doc =
    '# Reliability\n\nHow the tool is checked beyond its unit tests: fuzzing, the documented commands, the suite under load.\n';
}
const marked = /<!-- fuzz:start -->[\s\S]*<!-- fuzz:end -->/;
writeFileSync(path, marked.test(doc) ? doc.replace(marked, section) : `${doc.trimEnd()}\n\n${section}\n`);
process.exitCode = failures.length + accepted.length > 0 ? 1 : 0;
