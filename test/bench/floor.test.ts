// bench/floor.mjs is the team's floor model (../shared/bench/floor.mjs) as shipped: the per-run ratio
// in docs/BENCHMARKS.md means something only if it is that file byte for byte.

import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

// sha256 of ../shared/bench/floor.mjs when it was copied (2026-12-03)
const SHIPPED = '8e189b4a33868392f57a4e78aa6fa65b896c534eab9abbc59db08bb285b4530f';
const copy = readFileSync('bench/floor.mjs');

describe('bench/floor.mjs', () => {
  it('is the shipped floor, byte for byte', () => {
    expect(createHash('sha256').update(copy).digest('hex')).toBe(SHIPPED);
  });

  it.runIf(existsSync('../shared/bench/floor.mjs'))(
    'equals ../shared/bench/floor.mjs where it is there',
    () => {
      expect(copy.equals(readFileSync('../shared/bench/floor.mjs'))).toBe(true);
    },
  );
});
