// The playground's ensemble mode aggregates with the CLI's code: the same seed and runs give the
// numbers `stancesim ensemble` writes, whatever the blocks the page reports progress by.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { ENSEMBLE_BLOCK, Playground } from '../../playground/engine.js';
import { shippedFiles } from '../../playground/shipped.mjs';
import { cli, tempDir } from '../cli/helpers.js';

it('gives the numbers of `stancesim ensemble` for the same seed and runs, with progress by block', async () => {
  const pg = new Playground(shippedFiles());
  const runs = 2 * ENSEMBLE_BLOCK + 10;
  const done: number[] = [];
  const doc = pg.ensemble(pg.defaults('baseline.yaml'), runs, (n) => done.push(n));
  expect(done).toEqual([ENSEMBLE_BLOCK, 2 * ENSEMBLE_BLOCK, runs]);
  const dir = tempDir();
  const r = await cli(
    'ensemble',
    'baseline',
    '-n',
    String(runs),
    '--workers',
    '1',
    '--no-charts',
    '-q',
    '-o',
    dir,
  );
  expect(r.code).toBe(0);
  const cliDoc = JSON.parse(readFileSync(join(dir, 'ensemble.json'), 'utf8'));
  for (const key of [
    'seed',
    'runs',
    'start',
    'end',
    'months',
    'rung_at_least',
    'bands',
    'first_recognizer',
    'first_recognition_month',
    'cascade',
    'moves',
    'record',
  ] as const)
    expect(JSON.parse(JSON.stringify(doc[key])), key).toEqual(cliDoc[key]);
}, 60_000);
