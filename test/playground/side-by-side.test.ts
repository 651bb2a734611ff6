// The playground's side by side (A pinned, B the page's settings) is `stancesim compare A.yaml B.yaml`
// on the two downloaded files: the same paired differences and ensembles for the same runs.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';
import type { Settings } from '../../playground/catalogue.js';
import { ENSEMBLE_BLOCK, Playground } from '../../playground/engine.js';
import { scenarioYaml } from '../../playground/scenario-yaml.js';
import { shippedFiles } from '../../playground/shipped.mjs';
import { ArmCache, sideBySide } from '../../playground/side-by-side.js';
import { cli, tempDir } from '../cli/helpers.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pg = new Playground(shippedFiles());
const a = pg.defaults('baseline.yaml');
const b: Settings = {
  ...pg.withValue(a, 'mechanisms.reform_rewarded.enabled', false),
  // B's own seed: the comparison runs both with A's, as compare runs every scenario with the first's
  seed: 'other',
  power: 0.6,
};
const runs = ENSEMBLE_BLOCK + 15;

/** Run a generator to its end: the comparison at once. */
function finish<T>(steps: Generator<unknown, T>): T {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
}

it('gives the paired differences and ensembles of `stancesim compare` on the two downloaded files', async () => {
  const seen: number[] = [];
  const steps = sideBySide(pg, a, b, runs);
  let step = steps.next();
  for (; !step.done; step = steps.next()) seen.push(step.value);
  const doc = step.value;
  expect(seen).toEqual([ENSEMBLE_BLOCK, runs, runs + ENSEMBLE_BLOCK, 2 * runs]);
  // B moves the outcome (Haqqani power from 0.6): the pairing is not between equal arms
  expect(doc.differences.find((d) => d.outcome.text.startsWith('power_kandahar'))!.difference).toBeLessThan(
    0,
  );

  // the two files as "Download scenario" writes them, named apart (compare refuses two of one name)
  const dir = mkdtempSync(join(tmpdir(), 'stancesim-ab-'));
  for (const name of readdirSync(join(root, 'scenarios')))
    copyFileSync(join(root, 'scenarios', name), join(dir, name));
  for (const [name, settings] of [
    ['a', a],
    ['b', b],
  ] as const)
    writeFileSync(join(dir, `${name}.yaml`), scenarioYaml({ ...pg.variant(settings), name: `side-${name}` }));
  const out = tempDir();
  const r = await cli(
    'compare',
    join(dir, 'a.yaml'),
    join(dir, 'b.yaml'),
    '-n',
    String(runs),
    '--workers',
    '1',
    '--no-charts',
    '-q',
    '-o',
    out,
  );
  expect(r.code, r.err).toBe(0);
  const cliDoc = JSON.parse(readFileSync(join(out, 'compare.json'), 'utf8'));
  const numbers = (d: typeof doc) => d.differences.map(({ reference: _a, scenario: _b, ...rest }) => rest);
  expect(JSON.parse(JSON.stringify(numbers(doc)))).toEqual(numbers(cliDoc));
  expect(doc.seed).toBe(cliDoc.seed);
  for (const [i, e] of doc.ensembles.entries())
    for (const key of ['seed', 'runs', 'rung_at_least', 'bands', 'first_recognizer', 'record'] as const)
      expect(JSON.parse(JSON.stringify(e[key])), key).toEqual(cliDoc.ensembles[i][key]);
  // what differs: the mechanism and the power event, named by arm
  expect(doc.scenarios.map((s) => s.name)).toEqual(['A', 'B']);
  expect(doc.overrides.map((o) => o.path)).toEqual(cliDoc.overrides.map((o: { path: string }) => o.path));
}, 60_000);

it('runs A once while B changes, and refuses two different periods', () => {
  const cache = new ArmCache();
  const count = (s: Settings) => {
    const steps = sideBySide(pg, a, s, ENSEMBLE_BLOCK, cache);
    let n = 0;
    for (let step = steps.next(); !step.done; step = steps.next()) n++;
    return n;
  };
  expect(count(b)).toBe(2);
  // A from the cache: only B's block runs
  expect(count({ ...b, power: 0.5 })).toBe(1);
  expect(() => finish(sideBySide(pg, a, { ...b, start: '2023-01' }, ENSEMBLE_BLOCK))).toThrow(
    /A runs 2021-08 to .*, B 2023-01 to .*: paired runs need the same months/,
  );
});

it('keeps only the last few arms', () => {
  const cache = new ArmCache(2);
  const ensemble = pg.ensemble(a, 10);
  const arm = (name: string) => ({
    name,
    question: '',
    file: '',
    params: pg.settingsToInput(a).params,
    events: [],
    ensemble,
    values: new Float64Array(),
  });
  for (const key of ['k1', 'k2', 'k3']) cache.set(key, arm(key));
  expect([cache.get('k1'), cache.get('k2')?.name, cache.get('k3')?.name]).toEqual([undefined, 'k2', 'k3']);
});
