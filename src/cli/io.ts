// File access for commands: reading scenario and data files, and writing outputs so that a failure
// never leaves a half-written file (everything is computed first, then each file is written to a
// temporary name and renamed into place).

import {
  closeSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { dirname, join } from 'node:path';
import { type Diagnostic, ScenarioError } from '../scenario/errors.js';
import type { FileReader } from '../scenario/files.js';
import { UsageError } from './errors.js';

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

/** A large output streamed to a temporary file while it is computed; writeAll moves it into place. */
export class StagedFile {
  private fd: number;
  constructor(readonly temp: string) {
    mkdirSync(dirname(temp), { recursive: true });
    this.fd = openSync(temp, 'w');
  }
  append(text: string): void {
    writeSync(this.fd, text);
  }
  close(): void {
    if (this.fd >= 0) closeSync(this.fd);
    this.fd = -1;
  }
  discard(): void {
    this.close();
    rmSync(this.temp, { force: true });
  }
}

export type OutputFiles = Record<string, string | Uint8Array | StagedFile>;

/** Where a command writes: `--out`, else its default directory; nowhere when it prints JSON and was
 * given no `--out` (a script that reads stdout leaves no files behind, and overwrites none). */
export function outputDir(
  argv: { out?: string | undefined; json?: boolean },
  fallback: string,
): string | undefined {
  if (argv.out !== undefined) return argv.out;
  return argv.json ? undefined : fallback;
}

/** The line a command ends with on stderr: 'stancesim: wrote 3 files to out/x/ (…)'. */
export function wrote(count: number, dir: string, detail = ''): string {
  return `stancesim: wrote ${count} ${count === 1 ? 'file' : 'files'} to ${dir}/${detail ? ` (${detail})` : ''}\n`;
}

/** Write every file under `dir`; returns the paths written. On failure no output is left behind. */
export function writeAll(dir: string, files: OutputFiles): string[] {
  const written: string[] = [];
  const temps: string[] = [];
  try {
    for (const [name, content] of Object.entries(files)) {
      const path = join(dir, name);
      if (content instanceof StagedFile) {
        content.close();
        temps.push(content.temp);
        continue;
      }
      mkdirSync(dirname(path), { recursive: true });
      const temp = `${path}.tmp-${process.pid}`;
      temps.push(temp);
      writeFileSync(temp, content);
    }
    Object.keys(files).forEach((name, i) => {
      const path = join(dir, name);
      renameSync(temps[i]!, path);
      written.push(path);
    });
    return written;
  } catch (e) {
    for (const temp of temps) rmSync(temp, { force: true });
    throw e;
  }
}

/** Where a staged output for `dir/name` is written until writeAll moves it. */
export function stagedPath(dir: string, name: string): string {
  return join(dir, `${name}.tmp-${process.pid}`);
}

/** A text file a command was given; an unreadable one is a usage error naming it. */
export function readInputText(file: string, what: string, hint: string): string {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    throw new UsageError(`${file}: cannot read the ${what}`, hint);
  }
}

/** A JSON file an earlier command wrote: unreadable or malformed is a usage error with the hint. */
export function readInputJson(file: string, what: string, hint: string, jsonHint = hint): unknown {
  const text = readInputText(file, what, hint);
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${file}: not valid JSON (${(e as Error).message})`, jsonHint);
  }
}
