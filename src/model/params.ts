// Parameters by dotted path: scenario overrides, param events during a run, sweep design points.

import type { ModelParams } from './types.js';

/** `root[path[0]][path[1]]…`, or undefined where the path leaves the tree. */
export function getPath(root: ModelParams, path: readonly string[]): unknown {
  let node: unknown = root;
  for (const key of path)
    node = node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined;
  return node;
}

/** Set `root[path[0]][path[1]]… = value`; every key must exist. */
export function setPath(root: ModelParams, path: readonly string[], value: unknown): void {
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
