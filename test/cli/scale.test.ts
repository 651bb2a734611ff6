// STANCESIM_TEST_SCALE shrinks a study's sizes for the documented-commands test, and says so.
import { afterEach, expect, it } from 'vitest';
import { packageRoot } from '../../src/cli/context.js';
import { testScale } from '../../src/cli/scale.js';

afterEach(() => {
  delete process.env.STANCESIM_TEST_SCALE;
});

const ctx = (sink: string[]) => ({
  out() {},
  err: (t: string) => sink.push(t),
  tty: false,
  root: packageRoot,
});

it('scales runs, samples, points, evaluations and paths down to their least, and says so', () => {
  process.env.STANCESIM_TEST_SCALE = '0.01';
  const said: string[] = [];
  const argv: Record<string, unknown> = {
    runs: 2000,
    n: 2000,
    samples: 512,
    points: 50,
    evaluations: 400,
    paths: 3,
    seed: '7',
  };
  testScale(argv, ctx(said));
  expect(argv).toEqual({ runs: 20, n: 20, samples: 8, points: 10, evaluations: 4, paths: 3, seed: '7' });
  expect(said).toEqual([
    'stancesim: STANCESIM_TEST_SCALE=0.01: --runs 2000 → 20, --samples 512 → 8, --points 50 → 10, --evaluations 400 → 4\n',
  ]);
});

it('changes nothing unset, and refuses a scale outside (0, 1]', () => {
  const argv = { runs: 2000 };
  testScale(argv, ctx([]));
  expect(argv.runs).toBe(2000);
  process.env.STANCESIM_TEST_SCALE = '2';
  expect(() => testScale({}, ctx([]))).toThrow(
    'STANCESIM_TEST_SCALE=2: expected a number above 0 and at most 1',
  );
});
