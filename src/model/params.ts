// Setting parameters by path: param events during a run, and the design points of sweeps.

import type { ModelParams } from './types.js';

/** Set `root[path[0]][path[1]]… = value`; every key but the last must exist. */
export function setPath(root: ModelParams, path: readonly string[], value: number | boolean): void {
  let node = root as unknown as Record<string, unknown>;
  for (const [i, key] of path.slice(0, -1).entries()) {
    const next = node[key];
    if (next === null || typeof next !== 'object')
      throw new Error(`no parameter '${path.slice(0, i + 1).join('.')}' (setting '${path.join('.')}')`);
    node = next as Record<string, unknown>;
  }
  const last = path[path.length - 1]!;
  if (!(last in node)) throw new Error(`no parameter '${path.join('.')}'`);
  node[last] = value;
}

/** A copy of `params` with each dotted path set; the input is not changed. */
export function withOverrides(
  params: ModelParams,
  overrides: readonly { path: string; value: number | boolean }[],
): ModelParams {
  const out = structuredClone(params);
  for (const { path, value } of overrides) setPath(out, path.split('.'), value);
  return out;
}
