// The baseline's results for its fixed seed are the bytes test/golden.sha256 records: a run and a
// 200-run ensemble (one worker or two: the same bytes). CI checks the same file with the built CLI on
// the newest Node too (scripts/golden.mjs, .ci/run). The hashes change only with a change of the model,
// its data or the output formats.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';
import { cli, tempDir } from './helpers.js';

it('gives the golden bytes for the baseline, a run and an ensemble', async () => {
  const out = tempDir();
  expect((await cli('run', 'baseline', '--no-charts', '-q', '-o', join(out, 'run'))).code).toBe(0);
  expect(
    (
      await cli(
        'ensemble',
        'baseline',
        '-n',
        '200',
        '--workers',
        '1',
        '--no-charts',
        '-q',
        '-o',
        join(out, 'ensemble'),
      )
    ).code,
  ).toBe(0);
  const golden = readFileSync(join(packageRoot, 'test/golden.sha256'), 'utf8').trim().split('\n');
  const got = golden.map((line) => {
    const file = line.split(/\s+/)[1]!;
    return `${createHash('sha256')
      .update(readFileSync(join(out, file)))
      .digest('hex')}  ${file}`;
  });
  expect(got).toEqual(golden);
});
