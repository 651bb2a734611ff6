// Shipped data and scenarios, loaded once per test file, and runs with replication seeds `<seed>/<r>`
// as `stancesim ensemble` numbers them.
import { fsReader } from '../../src/cli/io.js';
import { type ModelInput, type SimResult, simulate } from '../../src/model/index.js';
import { buildInput, loadData, loadScenario } from '../../src/scenario/index.js';

export const data = loadData('data', fsReader);

export function shipped(name: string): ModelInput {
  return buildInput(loadScenario(`scenarios/${name}.yaml`, fsReader, data), data);
}

export function replicate(input: ModelInput, r: number): SimResult {
  return simulate({ ...input, seed: `${input.seed}/${r}` });
}

/** Mean and 95% normal interval of paired differences. */
export function paired(diffs: number[]): { mean: number; lo: number; hi: number } {
  const n = diffs.length;
  const mean = diffs.reduce((s, x) => s + x, 0) / n;
  const sd = Math.sqrt(diffs.reduce((s, x) => s + (x - mean) ** 2, 0) / (n - 1));
  const half = (1.96 * sd) / Math.sqrt(n);
  return { mean, lo: mean - half, hi: mean + half };
}
