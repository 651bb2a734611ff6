// Finding scenarios and data for commands: a scenario argument is a path, or the name of a shipped
// scenario in scenarios/.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { didYouMean } from '../scenario/errors.js';
import type { ModelData } from '../scenario/index.js';
import type { Context } from './context.js';
import { UsageError } from './errors.js';
import { fsReader } from './io.js';

const SCENARIO_EXTENSIONS = ['.yaml', '.yml', '.json'];

export function shippedScenarios(ctx: Context): string[] {
  const dir = join(ctx.root, 'scenarios');
  return readdirSync(dir)
    .filter((f) => SCENARIO_EXTENSIONS.includes(extname(f)))
    .sort()
    .map((f) => join(dir, f));
}

export function resolveScenario(ctx: Context, arg: string): string {
  if (existsSync(arg) && statSync(arg).isFile()) return arg;
  for (const ext of ['', ...SCENARIO_EXTENSIONS]) {
    const shipped = join(ctx.root, 'scenarios', `${arg}${ext}`);
    if (existsSync(shipped)) return shipped;
  }
  const names = shippedScenarios(ctx).map((f) => basename(f, extname(f)));
  const close = didYouMean(basename(arg, extname(arg)), names);
  throw new UsageError(
    `scenario '${arg}' not found: it is neither a file nor a shipped scenario`,
    close
      ? `did you mean '${close}'? ('stancesim list' shows them all)`
      : `'stancesim list' shows the shipped scenarios`,
  );
}

/** The scenario layer, loaded on first use (it brings mathjs, ~0.3 s). */
export const scenarioLayer = () => import('../scenario/index.js');

export async function loadModelData(ctx: Context, dir?: string): Promise<ModelData> {
  const { loadData } = await scenarioLayer();
  return loadData(dir ?? join(ctx.root, 'data'), fsReader);
}
