// A cache of compiled scenarios, like a compiler's: loading a scenario parses YAML, validates it with
// zod and compiles its conditions with mathjs (about 0.3 s of a cold start). The result is plain data
// (conditions compile to programs), so it is saved and reused while none of its inputs change: every
// file it was built from (data files, the scenario and the files it extends), the options, and the
// code that builds it. Set STANCESIM_CACHE=off to bypass it, or to a directory to move it. It holds at
// most STANCESIM_CACHE_MAX entries (default 200, ~30 kB a scenario): the least recently used go first.
// Compiled chart structures are entries of the same cache (chartStore).

import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { threadId } from 'node:worker_threads';
import type { CompiledChart, RuntimeStore } from '../charts/render.js';
import { liveInput, type PlainInput, plainInput } from '../ensemble/input.js';
import type { RecordOverlay } from '../model/results.js';
import type { ModelInput } from '../model/types.js';
import type { ScenarioMeta } from '../scenario/index.js';
import type { Context } from './context.js';
import { envCount } from './errors.js';
import { fsReader } from './io.js';
import { loadModelData, scenarioLayer } from './scenarios.js';

export interface CompiledScenario {
  meta: ScenarioMeta;
  input: ModelInput;
  /** the observed record over the run's period, to draw beside it */
  record?: RecordOverlay;
}

interface Entry {
  /** each file the entry was built from, with the hash of its content then */
  deps: [string, string][];
  meta: ScenarioMeta;
  input: PlainInput;
  record?: RecordOverlay;
}

const sha = (data: string | Buffer) => createHash('sha256').update(data).digest('hex');

export function cacheDir(): string | undefined {
  const setting = process.env.STANCESIM_CACHE;
  if (setting === 'off') return undefined;
  return setting || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stancesim');
}

/** The entries kept when STANCESIM_CACHE_MAX is not set. */
export const DEFAULT_MAX_ENTRIES = 200;

/** How many entries the cache keeps (STANCESIM_CACHE_MAX). */
export function maxEntries(): number {
  return envCount(
    'STANCESIM_CACHE_MAX',
    DEFAULT_MAX_ENTRIES,
    1,
    'entries',
    `unset it for the default (${DEFAULT_MAX_ENTRIES}), or set STANCESIM_CACHE=off to turn the cache off`,
  );
}

/** An entry's file name: the key (a SHA-256) and .json; its temporary files add `.<pid>.tmp`. */
const ENTRY = /^[0-9a-f]{64}\.json$/;
const TEMP = /^[0-9a-f]{64}\.json\.\d+(-\d+)?\.tmp$/;

/** The cache's entries, least recently used first (a hit or a write stamps an entry's mtime). */
export function cacheEntries(dir: string): { file: string; bytes: number; used: number }[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .filter((n) => ENTRY.test(n))
    .flatMap((n) => {
      try {
        const st = statSync(join(dir, n));
        return [{ file: join(dir, n), bytes: st.size, used: st.mtimeMs }];
      } catch {
        return []; // removed by another process meanwhile
      }
    })
    .sort((a, b) => a.used - b.used || (a.file < b.file ? -1 : 1));
}

/** Remove entries (and temporary files left by a process that died) from the cache; returns what went. */
export function clearCache(dir: string): { entries: number; bytes: number } {
  const gone = { entries: 0, bytes: 0 };
  let names: string[] = [];
  try {
    names = readdirSync(dir);
  } catch {
    return gone;
  }
  for (const n of names) {
    if (!ENTRY.test(n) && !TEMP.test(n)) continue;
    const file = join(dir, n);
    try {
      const bytes = statSync(file).size;
      rmSync(file);
      if (ENTRY.test(n)) {
        gone.entries++;
        gone.bytes += bytes;
      }
    } catch {
      // removed by another process meanwhile
    }
  }
  return gone;
}

// stamps strictly increase within a process, so that two uses in one millisecond keep their order
let lastStamp = 0;
function stamp(path: string): void {
  lastStamp = Math.max(Date.now(), lastStamp + 1);
  try {
    utimesSync(path, lastStamp / 1000, lastStamp / 1000);
  } catch {
    // an entry another process evicted meanwhile: nothing to keep fresh
  }
}

/** Keep the `max` most recently used entries; a temporary file over an hour old is a dead process's. */
function evict(dir: string, max: number): void {
  const entries = cacheEntries(dir);
  for (const e of entries.slice(0, Math.max(0, entries.length - max))) rmSync(e.file, { force: true });
  const hour = Date.now() - 3_600_000;
  for (const n of readdirSync(dir))
    if (TEMP.test(n)) {
      try {
        if (statSync(join(dir, n)).mtimeMs < hour) rmSync(join(dir, n), { force: true });
      } catch {
        // gone already
      }
    }
}

/** The code that turns files into an entry — the scenario layer, the model it builds for, and the
 * record overlay (validation/observed.ts), so a change to any of them compiles anew — and into an
 * ensemble's numbers (the ensemble layer: seeds, tasks, aggregation), so shards of builds that differ
 * there are not merged (ensemble.ts `build`). */
let codeHash: string | undefined;
export function code(): string {
  if (!codeHash) {
    const hash = createHash('sha256');
    for (const layer of ['../scenario/', '../model/', '../ensemble/']) {
      const dir = fileURLToPath(new URL(layer, import.meta.url));
      for (const f of readdirSync(dir).sort())
        if (/\.[jt]s$/.test(f)) hash.update(f).update(readFileSync(join(dir, f)));
    }
    // the built file is observed.js beside the CLI's dist/, the source observed.ts under tsx
    const observed = fileURLToPath(new URL('../validation/observed', import.meta.url));
    hash.update(readFileSync(existsSync(`${observed}.js`) ? `${observed}.js` : `${observed}.ts`));
    codeHash = hash.digest('hex');
  }
  return codeHash;
}

function fresh(deps: [string, string][]): boolean {
  try {
    return deps.every(([file, hash]) => sha(readFileSync(file)) === hash);
  } catch {
    return false;
  }
}

/**
 * Load and compile a scenario (file already resolved) with the run options, from the cache when its
 * inputs are unchanged. Errors come from the scenario layer as usual; failures are never cached.
 */
/** The parameters the last compiled scenario sets (top level and in events), for an internal error
 * report: a non-finite state names what the user changed. */
export const parametersSet: string[] = [];

function remember(c: CompiledScenario): CompiledScenario {
  const events = c.meta.events.flatMap((e) =>
    e.effects.flatMap((x) => (x.kind === 'param' ? [`${x.path.join('.')} (at ${e.at})`] : [])),
  );
  parametersSet.splice(0, parametersSet.length, ...Object.keys(c.meta.overrides), ...events);
  return c;
}

export async function compileScenario(
  ctx: Context,
  file: string,
  opts: {
    seed?: string | undefined;
    start?: string | undefined;
    end?: string | undefined;
    data?: string | undefined;
  },
): Promise<CompiledScenario> {
  const dataDir = resolve(opts.data ?? join(ctx.root, 'data'));
  const dir = cacheDir();
  const max = dir ? maxEntries() : 0;
  const key = sha(JSON.stringify([code(), resolve(file), dataDir, opts.seed, opts.start, opts.end]));
  const path = dir && join(dir, `${key}.json`);
  if (path) {
    try {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as Entry;
      if (fresh(entry.deps)) {
        stamp(path);
        return remember({
          meta: entry.meta,
          input: liveInput(entry.input),
          ...(entry.record ? { record: entry.record } : {}),
        });
      }
    } catch {
      // no entry, or an unreadable one: compile
    }
  }
  const { buildInput, DATA_FILES, loadScenario } = await scenarioLayer();
  const data = await loadModelData(ctx, opts.data);
  const scenario = loadScenario(file, fsReader, data);
  const input = buildInput(scenario, data, opts);
  const { recordOverlay } = await import('../validation/observed.js');
  const record = recordOverlay(
    data.observations,
    Object.keys(input.params.countries),
    input.start,
    input.end,
  );
  if (path) {
    const files = [...DATA_FILES.map((f) => join(dataDir, f)), ...scenario.meta.chain.map((f) => resolve(f))];
    const entry: Entry = {
      deps: files.map((f) => [f, sha(readFileSync(f))]),
      meta: scenario.meta,
      input: plainInput(input),
      ...(record ? { record } : {}),
    };
    keep(dir!, path, entry, max);
  }
  return remember({ meta: scenario.meta, input, ...(record ? { record } : {}) });
}

/** Write an entry (whole or not at all: another process may read it meanwhile), then evict. */
function keep(dir: string, path: string, entry: object, max: number): void {
  try {
    mkdirSync(dir, { recursive: true });
    // a process's threads (charts drawn on the pool) write apart too
    const temp = `${path}.${process.pid}-${threadId}.tmp`;
    writeFileSync(temp, JSON.stringify(entry));
    renameSync(temp, path);
    stamp(path);
    evict(dir, max);
  } catch {
    // a cache that cannot be written only costs speed
  }
}

/** The installed Vega-Lite and Vega: a chart's compiled structure holds only for the versions that
 * compiled it. */
function chartCompilers(): string {
  return ['vega-lite', 'vega']
    .map((name) => {
      // their package.json is not exported: the one above the entry file
      const entry = createRequire(import.meta.url).resolve(name);
      const dir = entry.slice(
        0,
        entry.lastIndexOf(`/node_modules/${name}/`) + `/node_modules/${name}`.length,
      );
      return `${name}@${(JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version}`;
    })
    .join(' ');
}

/**
 * Compiled chart structures (src/charts/structure.ts): Vega-Lite's compilation and Vega's parse of a
 * chart, everything but its rows, which a later run with the same scenario, period and options draws
 * again (~0.1 s a chart, and Vega-Lite not loaded at all when every chart is kept). Entries of the
 * same cache, under the same bound; undefined when the cache is off.
 */
export function chartStore(): RuntimeStore | undefined {
  const dir = cacheDir();
  if (!dir) return undefined;
  const max = maxEntries();
  let compilers: string | undefined;
  const path = (key: string) => {
    compilers ??= chartCompilers();
    return join(dir, `${sha(JSON.stringify(['chart', compilers, key]))}.json`);
  };
  return {
    get(key) {
      try {
        const file = path(key);
        const compiled = JSON.parse(readFileSync(file, 'utf8')) as CompiledChart;
        if (typeof compiled.runtime !== 'object' || !Array.isArray(compiled.datasets)) return undefined;
        stamp(file);
        return compiled;
      } catch {
        return undefined; // no entry, or an unreadable one: compile
      }
    },
    set(key, compiled) {
      try {
        keep(dir, path(key), compiled, max);
      } catch {
        // the compilers' versions unreadable: a cache that cannot be written only costs speed
      }
    },
  };
}
