import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Context, packageRoot } from '../../src/cli/context.js';
import { main } from '../../src/cli/main.js';

export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/** Run the CLI in-process with captured streams. */
export async function cli(...argv: string[]): Promise<CliRun> {
  let out = '';
  let err = '';
  const ctx: Context = {
    out: (t) => {
      out += t;
    },
    err: (t) => {
      err += t;
    },
    tty: false,
    root: packageRoot,
  };
  const code = await main(argv, ctx);
  return { code, out, err };
}

export const tempDir = () => mkdtempSync(join(tmpdir(), 'stancesim-test-'));

/** The file names (without .yaml) of the scenarios shipped in scenarios/, in the order `list` gives. */
export function shipped(): string[] {
  return readdirSync(join(packageRoot, 'scenarios'))
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => f.slice(0, -'.yaml'.length));
}

/** Every file in a directory, name → SHA-256 of its bytes. */
export function snapshot(dir: string): Record<string, string> {
  return Object.fromEntries(
    readdirSync(dir)
      .sort()
      .map((f) => [
        f,
        createHash('sha256')
          .update(readFileSync(join(dir, f)))
          .digest('hex'),
      ]),
  );
}
