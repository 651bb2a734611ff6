import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // the compiled-scenario cache goes to a fresh directory, not the user's ~/.cache
    env: { STANCESIM_CACHE: mkdtempSync(join(tmpdir(), 'stancesim-cache-')) },
  },
});
