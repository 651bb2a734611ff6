import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import {
  type Diagnostic,
  type FileReader,
  formatDiagnostics,
  loadData,
  loadScenario,
  type ModelData,
  memoryReader,
  ScenarioError,
} from '../../src/scenario/index.js';

export const FIXTURES = fileURLToPath(new URL('../fixtures/scenario/', import.meta.url));

/** The fixture tree (data/ and scenarios/) as an in-memory reader, plus `extra` files. */
export function fixtureFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const dir of ['data', 'scenarios']) {
    for (const f of readdirSync(`${FIXTURES}${dir}`))
      files[`${dir}/${f}`] = readFileSync(`${FIXTURES}${dir}/${f}`, 'utf8');
  }
  return files;
}

export function fixtureReader(extra: Record<string, string> = {}): FileReader {
  return memoryReader({ ...fixtureFiles(), ...extra });
}

let cached: ModelData | undefined;
export function fixtureData(): ModelData {
  cached ??= loadData('data', fixtureReader());
  return cached;
}

/** Run `fn`, expect a ScenarioError, return its diagnostics. */
export function diagnosticsOf(fn: () => unknown): Diagnostic[] {
  try {
    fn();
  } catch (e) {
    if (e instanceof ScenarioError) return e.diagnostics;
    throw e;
  }
  expect.fail('expected a ScenarioError');
}

/** Load `text` as `file` (plus other files) over the fixtures and return the formatted diagnostics. */
export function errorsOf(
  text: string,
  extra: Record<string, string> = {},
  file = 'scenarios/mine.yaml',
): string {
  const reader = fixtureReader({ [file]: text, ...extra });
  return formatDiagnostics(diagnosticsOf(() => loadScenario(file, reader, fixtureData())));
}

/** Fixture data with one data file replaced (or removed with `null`). */
export function dataWith(name: string, text: string | null): FileReader {
  const files = fixtureFiles();
  if (text === null) delete files[`data/${name}`];
  else files[`data/${name}`] = text;
  return memoryReader(files);
}

export function fixtureText(path: string): string {
  return readFileSync(`${FIXTURES}${path}`, 'utf8');
}

/** 1-based number of the first line of `text` that contains `needle`. */
export function lineOf(text: string, needle: string): number {
  const i = text.split('\n').findIndex((l) => l.includes(needle));
  expect(i, `'${needle}' not found`).toBeGreaterThanOrEqual(0);
  return i + 1;
}

/** `%N` in a template → `N` padded to the gutter width formatDiagnostics uses (4). */
export function gutter(line: number): string {
  return String(line).padStart(4);
}
