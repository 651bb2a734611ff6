// File access for commands: reading scenario and data files, and writing outputs so that a failure
// never leaves a half-written file (everything is computed first, then each file is written to a
// temporary name and renamed into place).

import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { type Diagnostic, ScenarioError } from '../scenario/errors.js';
import type { FileReader } from '../scenario/files.js';

export const fsReader: FileReader = {
  read(path: string): string {
    try {
      return readFileSync(path, 'utf8');
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const message =
        code === 'ENOENT'
          ? 'file not found'
          : code === 'EISDIR'
            ? 'is a directory, not a file'
            : (e as Error).message;
      const diagnostic: Diagnostic = {
        file: path,
        message,
        hint: 'check the path (relative paths are resolved from the current directory)',
      };
      throw new ScenarioError([diagnostic]);
    }
  },
  // lets a missing-file error suggest a close name
  list: (dir: string) => readdirSync(dir),
};

export type OutputFiles = Record<string, string | Uint8Array>;

/** Write every file under `dir`; returns the paths written. */
export function writeAll(dir: string, files: OutputFiles): string[] {
  const written: string[] = [];
  const temps: string[] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp-${process.pid}`;
      temps.push(temp);
      writeFileSync(temp, content);
    }
    for (const name of Object.keys(files)) {
      const path = join(dir, name);
      renameSync(`${path}.tmp-${process.pid}`, path);
      written.push(path);
    }
    return written;
  } catch (e) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw e;
  }
}
