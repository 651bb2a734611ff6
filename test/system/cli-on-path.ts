// `stancesim` on the PATH, as `npm link` puts it: a shim in `<dir>/.bin` that runs this checkout's
// built CLI, for tests that run documented shell lines as written.

import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../../dist/cli/bin.js', import.meta.url));

/** Write the shim under `dir` and return the PATH that finds it first. */
export function cliOnPath(dir: string): string {
  const bin = join(dir, '.bin');
  mkdirSync(bin);
  writeFileSync(join(bin, 'stancesim'), `#!/bin/sh\nexec "${process.execPath}" "${cli}" "$@"\n`);
  chmodSync(join(bin, 'stancesim'), 0o755);
  return `${bin}:${process.env.PATH ?? ''}`;
}
