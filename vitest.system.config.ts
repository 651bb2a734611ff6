import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm run test:system`: end-to-end tests in real Chromium and headless Jupyter (system packages;
// .ci/run installs them, README says how to get them locally). One file at a time: each drives a
// browser or a kernel, and the 2-core machine has no room for two.
export default defineConfig({
  test: {
    include: ['test/system/**/*.test.ts'],
    fileParallelism: false,
    passWithNoTests: true,
    testTimeout: 180_000,
    hookTimeout: 180_000,
    env: { STANCESIM_CACHE: mkdtempSync(join(tmpdir(), 'stancesim-cache-')) },
  },
});
