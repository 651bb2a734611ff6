// The shipped data/ and scenarios/ (written by others): they must load without a diagnostic. A failure
// prints the diagnostics exactly as `stancesim validate` would.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  buildInput,
  DATA_FILES,
  type FileReader,
  formatDiagnostics,
  loadData,
  loadScenario,
  type ModelData,
  ScenarioError,
} from '../../src/scenario/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));
const reader: FileReader = {
  read: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new ScenarioError([{ file: path.replace(root, ''), message: 'file not found' }]);
    }
  },
  list: (dir) => readdirSync(dir),
};

function explain(fn: () => void): string {
  try {
    fn();
    return '';
  } catch (e) {
    if (e instanceof ScenarioError) return formatDiagnostics(e.diagnostics);
    throw e;
  }
}

describe('the shipped data', () => {
  it('has every data file', () => {
    expect(DATA_FILES.filter((f) => !existsSync(`${root}data/${f}`))).toEqual([]);
  });

  let data: ModelData | undefined;
  it('loads without a diagnostic', () => {
    expect(explain(() => (data = loadData(`${root}data`, reader)))).toBe('');
    expect(Object.keys(data!.params.countries).length).toBeGreaterThan(0);
  });

  const scenarios = existsSync(`${root}scenarios`)
    ? readdirSync(`${root}scenarios`).filter((f) => /\.(ya?ml|json)$/.test(f))
    : [];
  it.each(scenarios)('scenarios/%s loads and builds a run input', (f) => {
    const d = data ?? loadData(`${root}data`, reader);
    expect(explain(() => buildInput(loadScenario(`${root}scenarios/${f}`, reader, d), d))).toBe('');
  });
});
