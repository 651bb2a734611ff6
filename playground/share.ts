// The page's state in the URL fragment, so that a link reproduces the page: pure, no DOM.
//   #scenario=baseline.yaml&seed=4242&decision.rights=0.2&power=0.45
// Only what differs from the scenario is written; a loaded scenario file travels whole (base64url), and
// settings pinned as A (side by side) travel as their own fragment under `a` (base64url).

import type { Catalogue, ScenarioInfo, Settings } from './catalogue.js';

/** What a link's settings are read against: the scenarios known, and a loader for a file it carries
 * (the engine's; on the page, the files the worker has already loaded). */
export interface LinkTarget {
  catalogue: Catalogue;
  load(file: string, text: string): ScenarioInfo;
}

/** Fragment keys that are not parameter paths. */
const KEYS = {
  scenario: 'scenario',
  seed: 'seed',
  start: 'start',
  end: 'end',
  power: 'power',
  runs: 'runs',
  file: 'file',
  yaml: 'yaml',
  pinned: 'a',
};

/** The name of a scenario file a link carries without one. */
const LINKED = 'linked.yaml';

/** The sizes an ensemble may have on the page. */
export const ENSEMBLE_RUNS = { min: 10, max: 2000 };

/** Bytes to base64 a chunk at a time (a spread of a long file would overflow the call stack). */
const bytesToBase64 = (bytes: Uint8Array) => {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return btoa(text);
};

const toBase64Url = (text: string) =>
  bytesToBase64(new TextEncoder().encode(text)).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
const fromBase64Url = (b64: string) =>
  new TextDecoder().decode(
    Uint8Array.from(atob(b64.replaceAll('-', '+').replaceAll('_', '/')), (c) => c.charCodeAt(0)),
  );

/** The fragment (with its '#') that restores these settings, and the settings pinned as A if any. */
export function settingsToHash(
  from: { defaults(file: string): Settings },
  settings: Settings,
  pinned?: Settings,
): string {
  const base = from.defaults(settings.scenario);
  const q = new URLSearchParams();
  if (settings.loaded) {
    q.set(KEYS.file, settings.loaded.file);
    q.set(KEYS.yaml, toBase64Url(settings.loaded.text));
  } else q.set(KEYS.scenario, settings.scenario);
  for (const key of ['seed', 'start', 'end'] as const)
    if (settings[key] !== base[key] && settings[key] !== '') q.set(KEYS[key], settings[key]);
  if (settings.power !== undefined) q.set(KEYS.power, String(settings.power));
  if (settings.runs !== undefined) q.set(KEYS.runs, String(settings.runs));
  for (const [path, value] of Object.entries(settings.set)) q.set(path, String(value));
  if (pinned) q.set(KEYS.pinned, toBase64Url(settingsToHash(from, pinned).slice(1)));
  return `#${q.toString()}`;
}

/**
 * The settings a fragment describes, and what in it could not be used (each named, the rest kept):
 * an unknown scenario or parameter, a value that is not a number or true/false. An empty fragment
 * gives null. A loaded scenario file in it is loaded (and validated) on the way.
 */
export function hashToSettings(
  target: LinkTarget,
  hash: string,
): { settings: Settings | null; pinned?: Settings; problems: string[] } {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  if ([...q.keys()].length === 0) return { settings: null, problems: [] };
  const problems: string[] = [];
  let pinned: Settings | undefined;
  const a = q.get(KEYS.pinned);
  if (a !== null) {
    let inner: ReturnType<typeof hashToSettings> = { settings: null, problems: ['it is empty'] };
    try {
      inner = hashToSettings(target, fromBase64Url(a));
    } catch {
      inner.problems = ['it is not the base64url a link writes'];
    }
    pinned = inner.settings ?? undefined;
    problems.push(...inner.problems.map((p) => `A (the pinned settings): ${p}`));
  }
  const cat = target.catalogue;
  let file = q.get(KEYS.scenario) ?? cat.scenarios[0]!.file;
  const yaml = q.get(KEYS.yaml);
  if (yaml !== null) {
    const name = q.get(KEYS.file) ?? LINKED;
    try {
      file = target.load(name, fromBase64Url(yaml)).file;
    } catch (e) {
      problems.push(`the scenario file in the link (${name}) cannot be loaded: ${(e as Error).message}`);
      file = cat.scenarios[0]!.file;
    }
  } else if (!cat.scenarios.some((s) => s.file === file)) {
    problems.push(`no scenario '${file}' (shipped: ${cat.scenarios.map((s) => s.file).join(', ')})`);
    file = cat.scenarios[0]!.file;
  }
  let settings = cat.defaults(file);
  for (const key of ['seed', 'start', 'end'] as const) {
    const v = q.get(KEYS[key]);
    if (v !== null) settings = { ...settings, [key]: v };
  }
  const power = q.get(KEYS.power);
  if (power !== null) {
    const [lo, hi] = cat.powerRange(settings);
    const v = Number(power);
    if (Number.isFinite(v) && v >= lo && v <= hi) settings = { ...settings, power: v };
    else problems.push(`power=${power}: expected a share from ${lo} to ${hi}`);
  }
  const runs = q.get(KEYS.runs);
  if (runs !== null) {
    const n = Number(runs);
    if (Number.isInteger(n) && n >= ENSEMBLE_RUNS.min && n <= ENSEMBLE_RUNS.max)
      settings = { ...settings, runs: n };
    else
      problems.push(
        `runs=${runs}: expected a whole number of runs from ${ENSEMBLE_RUNS.min} to ${ENSEMBLE_RUNS.max}`,
      );
  }
  const known = new Set<string>(Object.values(KEYS));
  for (const [path, raw] of q) {
    if (known.has(path)) continue;
    let current: number | boolean;
    try {
      current = cat.value(settings, path);
    } catch {
      problems.push(`no parameter '${path}'`);
      continue;
    }
    const value =
      typeof current === 'boolean'
        ? ({ true: true, false: false } as Record<string, boolean>)[raw]
        : Number(raw);
    if (value === undefined || (typeof value === 'number' && !Number.isFinite(value))) {
      problems.push(
        `${path}=${raw}: expected ${typeof current === 'boolean' ? 'true or false' : 'a number'}`,
      );
      continue;
    }
    settings = cat.withValue(settings, path, value);
  }
  return { settings, ...(pinned ? { pinned } : {}), problems };
}

/** The scenario files a fragment carries (its own and A's): the page has the worker load them before
 * it reads the link. */
export function linkedFiles(hash: string): { file: string; text: string }[] {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const files: { file: string; text: string }[] = [];
  const a = q.get(KEYS.pinned);
  if (a !== null)
    try {
      files.push(...linkedFiles(fromBase64Url(a)));
    } catch {
      // hashToSettings says what is wrong with it
    }
  const yaml = q.get(KEYS.yaml);
  if (yaml !== null)
    try {
      files.push({ file: q.get(KEYS.file) ?? LINKED, text: fromBase64Url(yaml) });
    } catch {
      // the same
    }
  return files;
}
