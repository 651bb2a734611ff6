// A cache of compiled scenarios, like a compiler's: loading a scenario parses YAML, validates it with
// zod and compiles its conditions with mathjs (about 0.3 s of a cold start). The result is plain data
// (conditions compile to programs), so it is saved and reused while none of its inputs change: every
// file it was built from (data files, the scenario and the files it extends), the options, and the
// code that builds it. Set STANCESIM_CACHE=off to bypass it, or to a directory to move it.

import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { liveInput, type PlainInput, plainInput } from '../ensemble/input.js';
import type { RecordOverlay } from '../model/results.js';
import type { ModelInput } from '../model/types.js';
import type { ScenarioMeta } from '../scenario/index.js';
import type { Context } from './context.js';
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

function cacheDir(): string | undefined {
  const setting = process.env.STANCESIM_CACHE;
  if (setting === 'off') return undefined;
  return setting || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'stancesim');
}

/** The code that turns files into an entry: the scenario layer, the model it builds for, and the
 * record overlay (validation/observed.ts), so a change to any of them compiles anew. */
let codeHash: string | undefined;
function code(): string {
  if (!codeHash) {
    const hash = createHash('sha256');
    for (const layer of ['../scenario/', '../model/']) {
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
  const key = sha(JSON.stringify([code(), resolve(file), dataDir, opts.seed, opts.start, opts.end]));
  const path = dir && join(dir, `${key}.json`);
  if (path) {
    try {
      const entry = JSON.parse(readFileSync(path, 'utf8')) as Entry;
      if (fresh(entry.deps))
        return remember({
          meta: entry.meta,
          input: liveInput(entry.input),
          ...(entry.record ? { record: entry.record } : {}),
        });
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
    try {
      mkdirSync(dir!, { recursive: true });
      const temp = `${path}.${process.pid}.tmp`;
      writeFileSync(temp, JSON.stringify(entry));
      renameSync(temp, path);
    } catch {
      // a cache that cannot be written only costs speed
    }
  }
  return remember({ meta: scenario.meta, input, ...(record ? { record } : {}) });
}
