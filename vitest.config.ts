import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

// `npm test`: everything that needs only Node. Tests that need system packages (Chromium, Jupyter)
// live in test/system and run with `npm run test:system` (vitest.system.config.ts).
export default defineConfig({
  test: {
    exclude: ['**/node_modules/**', 'test/system/**'],
    // CLI tests render charts in-process (about 1 s quiet, 8 s on a busy 2-core machine): the 5 s
    // default turned the suite red under load, so no test here is bounded by wall-clock time
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // the modules are loaded once per worker, not once per file (22 s of the suite's 98 s was import):
    // no test depends on a fresh module state (a test that sets process.env restores it; the suite
    // passes shuffled, `--sequence.shuffle`)
    isolate: false,
    // the compiled-scenario cache goes to a fresh directory, not the user's ~/.cache
    env: { STANCESIM_CACHE: mkdtempSync(join(tmpdir(), 'stancesim-cache-')) },
  },
});
