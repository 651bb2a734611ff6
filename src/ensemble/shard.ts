// Shards: a slice of an ensemble's replications, saved as its aggregate so that `merge` can add the
// slices up into exactly the bytes one unsharded run writes.

import type { ActorInfo, RecordOverlay } from '../model/results.js';
import {
  type Aggregate,
  mergeInto,
  type PackedAggregate,
  packAggregate,
  unpackAggregate,
} from './aggregate.js';

/** Everything an ensemble's outputs say besides the aggregate (a shard carries it for merge). */
export interface EnsembleMeta {
  scenario: string;
  question: string;
  description: string;
  seed: string;
  start: string;
  end: string;
  runs: number;
  overrides: Record<string, unknown>;
  /** hash of the model input: only shards of the same input merge */
  fingerprint: string;
  countries: string[];
  actors: ActorInfo[];
  /** the observed record over the period (recordOverlay); a shard carries it, so `merge` writes it */
  record?: RecordOverlay;
}

export interface ShardSlice {
  index: number;
  count: number;
  /** replications [from, to) */
  from: number;
  to: number;
}

/** /3: the aggregate counts moves by direction and cause (`moves`, `movesRuns`) */
export const SHARD_FORMAT = 'stancesim-shard/3';

export interface ShardDoc {
  format: typeof SHARD_FORMAT;
  /** the stancesim that ran the slice (its version and a hash of its model code): slices of two
   * builds may differ in every number, so they do not merge */
  build?: string;
  meta: EnsembleMeta;
  shard: ShardSlice;
  aggregate: PackedAggregate;
}

export function shardName(s: { index: number; count: number }): string {
  return `shard-${s.index}-of-${s.count}.json`;
}

/** Replications [from, to) of slice i of n: contiguous, covering 0..runs−1 exactly once. */
export function shardRange(index: number, count: number, runs: number): [number, number] {
  return [Math.floor(((index - 1) * runs) / count), Math.floor((index * runs) / count)];
}

export function shardJson(meta: EnsembleMeta, shard: ShardSlice, agg: Aggregate, build?: string): string {
  const doc: ShardDoc = {
    format: SHARD_FORMAT,
    ...(build === undefined ? {} : { build }),
    meta,
    shard,
    aggregate: packAggregate(agg),
  };
  return `${JSON.stringify(doc)}\n`;
}

export class ShardError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ShardError';
  }
}

/** Check a set of shards is one whole ensemble, and add them up. `docs` are [file name, parsed JSON]. */
export function mergeShards(docs: [string, unknown][]): { meta: EnsembleMeta; aggregate: Aggregate } {
  if (docs.length === 0)
    throw new ShardError('no shard files given', 'give every shard-i-of-n.json of one ensemble');
  const shards = docs.map(([file, value]) => {
    const d = value as Partial<ShardDoc> | null;
    if (!d || d.format !== SHARD_FORMAT || !d.meta || !d.shard || !d.aggregate)
      throw new ShardError(
        `${file}: not a stancesim shard (expected format '${SHARD_FORMAT}')`,
        'shards are written by `stancesim ensemble … --shard i/n`',
      );
    return { file, doc: d as ShardDoc };
  });
  const [first, ...rest] = shards;
  const { meta } = first!.doc;
  const count = first!.doc.shard.count;
  for (const s of rest) {
    if (s.doc.build !== first!.doc.build)
      throw new ShardError(
        `${s.file} was run by another stancesim than ${first!.file} (${s.doc.build ?? 'unnamed'} against ${first!.doc.build ?? 'unnamed'})`,
        'run every slice, and the merge, with one build (docs/SCALING.md)',
      );
    if (s.doc.meta.fingerprint !== meta.fingerprint || s.doc.meta.runs !== meta.runs)
      throw new ShardError(
        `${s.file} belongs to another ensemble than ${first!.file} (scenario, seed, months, runs or parameters differ)`,
        'merge only the shards of one `--runs N` ensemble of one scenario',
      );
    if (s.doc.shard.count !== count)
      throw new ShardError(
        `${s.file} is a slice of ${s.doc.shard.count}, ${first!.file} of ${count}`,
        'all shards must come from the same --shard i/n split',
      );
  }
  const byIndex = new Map<number, string>();
  for (const s of shards) {
    const { index, from, to } = s.doc.shard;
    const again = byIndex.get(index);
    if (again)
      throw new ShardError(
        `${s.file} and ${again} are both slice ${index} of ${count}`,
        'give each slice once',
      );
    const [a, b] = shardRange(index, count, meta.runs);
    if (from !== a || to !== b || s.doc.aggregate.runs !== b - a)
      throw new ShardError(
        `${s.file}: slice ${index} of ${count} should hold runs ${a}..${b - 1}`,
        'the file was edited or truncated; run the slice again',
      );
    byIndex.set(index, s.file);
  }
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !byIndex.has(i));
  if (missing.length > 0)
    throw new ShardError(
      `missing slice${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${count}`,
      `run them with --shard ${missing[0]}/${count}`,
    );
  // integer counts: the order of the additions does not matter
  const sorted = [...shards].sort((x, y) => x.doc.shard.index - y.doc.shard.index);
  const total = unpackAggregate(sorted[0]!.doc.aggregate);
  for (const s of sorted.slice(1)) mergeInto(total, unpackAggregate(s.doc.aggregate));
  return { meta, aggregate: total };
}
