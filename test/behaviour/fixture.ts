// Shipped data and scenarios, loaded once per test file, and runs with replication seeds `<seed>/<r>`
// as `stancesim ensemble` numbers them (replicationSeed).
import { fsReader } from '../../src/cli/io.js';
import { replicationSeed } from '../../src/ensemble/input.js';
import { type ModelInput, type SimResult, simulate } from '../../src/model/index.js';
import { buildInput, loadData, loadScenario } from '../../src/scenario/index.js';

export const data = loadData('data', fsReader);

export function shipped(name: string): ModelInput {
  return buildInput(loadScenario(`scenarios/${name}.yaml`, fsReader, data), data);
}

export function replicate(input: ModelInput, r: number): SimResult {
  return simulate({ ...input, seed: replicationSeed(input.seed, r) });
}
