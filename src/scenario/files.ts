// File access is injected: the CLI passes a reader built on fs, tests and the browser playground pass
// memoryReader. A reader throws ScenarioError for a missing file.

import { type Diagnostic, didYouMean, ScenarioError } from './errors.js';
import { basename, dirname, normalize } from './paths.js';

export interface FileReader {
  read(path: string): string;
  /** Optional: names of the files in a directory, used to suggest a name for a missing file. */
  list?(dir: string): string[];
}

export function memoryReader(files: Record<string, string>): FileReader {
  const byPath = new Map(Object.entries(files).map(([p, text]) => [normalize(p), text]));
  const list = (dir: string): string[] => {
    const d = normalize(dir);
    return [...byPath.keys()].filter((p) => dirname(p) === d).map((p) => basename(p));
  };
  return {
    read(path) {
      const text = byPath.get(normalize(path));
      if (text === undefined) throw new ScenarioError([missingFile(path, list(dirname(path)))]);
      return text;
    },
    list,
  };
}

/** The diagnostic a reader should throw for a file that does not exist. */
export function missingFile(path: string, siblings: readonly string[] = []): Diagnostic {
  // compare names without their extensions, so a shared '.yaml' does not make every name look close
  const stem = (name: string) => name.replace(/\.[^.]*$/, '');
  const stems = siblings.map(stem);
  const close = didYouMean(stem(basename(path)), stems);
  const file = close === undefined ? undefined : siblings[stems.indexOf(close)];
  return {
    file: path,
    message: 'file not found',
    ...(file ? { hint: `did you mean '${normalize(`${dirname(path)}/${file}`)}'?` } : {}),
  };
}

/** Read through `reader`, turning any failure into a ScenarioError diagnostic for `path`. */
export function readText(reader: FileReader, path: string): string {
  try {
    return reader.read(path);
  } catch (e) {
    if (e instanceof ScenarioError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT') {
      let siblings: string[] = [];
      try {
        siblings = reader.list?.(dirname(path)) ?? [];
      } catch {
        // no listing: no suggestion
      }
      throw new ScenarioError([missingFile(path, siblings)]);
    }
    throw new ScenarioError([{ file: path, message: `cannot read file: ${(e as Error).message}` }]);
  }
}
