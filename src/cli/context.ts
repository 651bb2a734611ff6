// What a command may touch: output streams and where the package's data and scenarios live. Commands
// get it injected so the end-to-end tests can run them in-process.

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export interface Context {
  out(text: string): void;
  err(text: string): void;
  /** stderr is a terminal (progress and colour only then) */
  tty: boolean;
  /** the package root (holds data/ and scenarios/) */
  root: string;
}

export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

export const processContext: Context = {
  out: (text) => process.stdout.write(text),
  err: (text) => process.stderr.write(text),
  tty: process.stderr.isTTY === true,
  root: packageRoot,
};

export function version(): string {
  return (JSON.parse(readFileSync(`${packageRoot}package.json`, 'utf8')) as { version: string }).version;
}
