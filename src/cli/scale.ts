// STANCESIM_TEST_SCALE: the documented commands run as a test (test/system/documented-commands.test.ts)
// at a fraction of their sizes, said on stderr.

import type { Context } from './context.js';
import { UsageError } from './errors.js';

/** The options STANCESIM_TEST_SCALE shrinks, each with the least any command accepts for it. */
const SCALED: Record<string, { min: number; alias?: string }> = {
  runs: { min: 4, alias: 'n' },
  samples: { min: 8 },
  points: { min: 10 },
  evaluations: { min: 4 },
  paths: { min: 4 },
};

/**
 * STANCESIM_TEST_SCALE=s (0 < s ≤ 1): the sizes of a study times s, so that the documented commands run
 * as a test in seconds; said on stderr, as the numbers are then not the documented ones.
 */
export function testScale(argv: Record<string, unknown>, ctx: Context): void {
  const raw = process.env.STANCESIM_TEST_SCALE;
  if (raw === undefined || raw === '') return;
  const scale = Number(raw);
  if (!(scale > 0 && scale <= 1))
    throw new UsageError(
      `STANCESIM_TEST_SCALE=${raw}: expected a number above 0 and at most 1`,
      'unset it to run at full size',
    );
  const changed: string[] = [];
  for (const [key, { min, alias }] of Object.entries(SCALED)) {
    const v = argv[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v <= min) continue;
    const to = Math.max(min, Math.round(v * scale));
    if (to === v) continue;
    argv[key] = to;
    if (alias) argv[alias] = to;
    changed.push(`--${key} ${v} → ${to}`);
  }
  if (changed.length > 0) ctx.err(`stancesim: STANCESIM_TEST_SCALE=${raw}: ${changed.join(', ')}\n`);
}
