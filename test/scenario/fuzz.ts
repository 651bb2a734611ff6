// Fuzzing the scenario layer and the model (fast-check): random valid scenarios — any numeric or boolean
// parameter of the schema over its full accepted range, set at the start or by an event, rung and
// threat events, a period, a child file that extends a shipped one — load, run to their end, and keep
// every invariant; random invalid values are refused with a located message. Used by
// test/scenario/fuzz.test.ts (a few hundred cases) and `npm run fuzz` (10,000, docs/RELIABILITY.md).

import fc from 'fast-check';
import { z } from 'zod';
import { shippedFiles } from '../../playground/shipped.mjs';
import {
  FACTIONS,
  MAX_RUNG,
  type ModelParams,
  monthRange,
  type SimResult,
  simulate,
} from '../../src/model/index.js';
import {
  buildInput,
  loadData,
  loadScenario,
  type ModelData,
  memoryReader,
  ScenarioError,
} from '../../src/scenario/index.js';
import { lookupParam } from '../../src/scenario/params-schema.js';

export const FILES = shippedFiles();
export const DATA: ModelData = loadData('data', memoryReader(FILES));

/** A numeric or boolean parameter of the shipped data, with what its schema accepts. */
export type Leaf =
  | { path: string; type: 'boolean' }
  | {
      path: string;
      type: 'number';
      lo: number;
      hi: number;
      loOpen: boolean;
      hiOpen: boolean;
      integer: boolean;
    };

/** Every numeric and boolean leaf of the params (records as the data has them), with its bounds. */
export function leaves(params: ModelParams = DATA.params): Leaf[] {
  const out: Leaf[] = [];
  const walk = (node: unknown, path: string) => {
    if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
      for (const [k, v] of Object.entries(node)) walk(v, path ? `${path}.${k}` : k);
      return;
    }
    if (typeof node !== 'number' && typeof node !== 'boolean') return;
    const found = lookupParam(path, params);
    if (!found.ok) return;
    const js = z.toJSONSchema(found.schema, { target: 'draft-7' }) as Record<string, unknown>;
    if (js.type === 'boolean') out.push({ path, type: 'boolean' });
    else if (js.type === 'number' || js.type === 'integer') {
      const n = (k: string) => js[k] as number | undefined;
      out.push({
        path,
        type: 'number',
        lo: n('minimum') ?? n('exclusiveMinimum') ?? -1e6,
        hi: n('maximum') ?? n('exclusiveMaximum') ?? 1e6,
        loOpen: n('exclusiveMinimum') !== undefined,
        hiOpen: n('exclusiveMaximum') !== undefined,
        integer: js.type === 'integer',
      });
    }
  };
  walk(params, '');
  return out;
}

/** A value the leaf accepts, anywhere in its range (its bounds included when they are). */
export function validValue(leaf: Leaf): fc.Arbitrary<number | boolean> {
  if (leaf.type === 'boolean') return fc.boolean();
  if (leaf.integer)
    return fc.integer({
      min: Math.ceil(leaf.lo + (leaf.loOpen ? 1 : 0)),
      max: Math.floor(leaf.hi - (leaf.hiOpen ? 1 : 0)),
    });
  const inner = fc.double({ min: leaf.lo, max: leaf.hi, noNaN: true, noDefaultInfinity: true });
  const bounds = [...(leaf.loOpen ? [] : [leaf.lo]), ...(leaf.hiOpen ? [] : [leaf.hi])];
  const arb = bounds.length > 0 ? fc.oneof(inner, fc.constantFrom(...bounds)) : inner;
  return arb.filter(
    (v) => (leaf.loOpen ? v > leaf.lo : v >= leaf.lo) && (leaf.hiOpen ? v < leaf.hi : v <= leaf.hi),
  );
}

/** A value the leaf refuses: outside its range, of the wrong type, or not finite. */
export function invalidValue(leaf: Leaf): fc.Arbitrary<unknown> {
  if (leaf.type === 'boolean') return fc.constantFrom(0, 1, 'yes', 'true', null);
  const outside: fc.Arbitrary<unknown>[] = [fc.constantFrom('x', true, null)];
  if (leaf.lo > -1e6)
    outside.push(
      fc
        .double({ min: leaf.lo - 1e3, max: leaf.lo, noNaN: true })
        .filter((v) => v < leaf.lo || (leaf.loOpen && v === leaf.lo)),
    );
  if (leaf.hi < 1e6)
    outside.push(
      fc
        .double({ min: leaf.hi, max: leaf.hi + 1e3, noNaN: true })
        .filter((v) => v > leaf.hi || (leaf.hiOpen && v === leaf.hi)),
    );
  if (leaf.integer) outside.push(fc.constant(leaf.lo + 0.5));
  return fc.oneof(...outside);
}

const MONTHS = monthRange('2021-08', '2030-12');
const COUNTRIES = Object.keys(DATA.params.countries);

export interface FuzzScenario {
  start: string;
  end: string;
  set: [string, number | boolean][];
  events: {
    at: string;
    set?: [string, number | boolean][];
    rung?: { country: string; to: number };
    threat?: { to: number };
  }[];
}

/** A valid scenario over the given leaves. */
export function scenarioArb(all: Leaf[]): fc.Arbitrary<FuzzScenario> {
  const settingOf = (ls: Leaf[]) =>
    fc
      .integer({ min: 0, max: ls.length - 1 })
      .chain((i) => validValue(ls[i]!).map((v) => [ls[i]!.path, v] as [string, number | boolean]));
  const setting = settingOf(all);
  // a faction's ideal and power are state during a run: events move them by their own effects
  const during = settingOf(all.filter((l) => !/^factions\.[^.]+\.(ideal|power)(\.|$)/.test(l.path)));
  return fc
    .tuple(fc.integer({ min: 0, max: MONTHS.length - 2 }), fc.integer({ min: 1, max: 36 }))
    .chain(([s, len]) => {
      const period = MONTHS.slice(s, Math.min(MONTHS.length, s + len + 1));
      const month = fc.constantFrom(...period);
      const event = fc.record(
        {
          at: month,
          set: fc.array(during, { minLength: 1, maxLength: 2 }),
          rung: fc.record({
            country: fc.constantFrom(...COUNTRIES),
            to: fc.integer({ min: 0, max: MAX_RUNG }),
          }),
          threat: fc.record({ to: fc.double({ min: 0, max: 1, noNaN: true }) }),
        },
        { requiredKeys: ['at'] },
      );
      return fc
        .record({
          start: fc.constant(period[0]!),
          end: fc.constant(period.at(-1)!),
          set: fc.uniqueArray(setting, { maxLength: 6, selector: ([p]) => p }),
          events: fc.array(event, { maxLength: 3 }),
        })
        .map(withoutDeadSettings);
    });
}

/**
 * The scenario without what validation rightly refuses as doing nothing: a switched-off mechanism's
 * parameters (unless an event switches it on), and events left with no effect.
 */
function withoutDeadSettings(s: FuzzScenario): FuzzScenario {
  const mechanisms = DATA.params.mechanisms as unknown as Record<string, { enabled: boolean }>;
  const on = new Map(Object.entries(mechanisms).map(([m, v]) => [m, v.enabled]));
  for (const [p, v] of s.set) {
    const m = /^mechanisms\.(\w+)\.enabled$/.exec(p);
    if (m) on.set(m[1]!, v === true);
  }
  for (const e of s.events)
    for (const [p, v] of e.set ?? []) {
      const m = /^mechanisms\.(\w+)\.enabled$/.exec(p);
      if (m && v === true) on.set(m[1]!, true);
    }
  const live = ([p]: [string, number | boolean]) => {
    const m = /^mechanisms\.(\w+)\.(\w+)$/.exec(p);
    return !m || m[2] === 'enabled' || on.get(m[1]!) !== false;
  };
  const events = s.events
    .map((e): FuzzScenario['events'][number] => {
      const set = e.set?.filter(live);
      const { set: _old, ...rest } = e;
      return set && set.length > 0 ? { ...rest, set } : rest;
    })
    .filter((e) => e.set || e.rung || e.threat);
  return { ...s, set: s.set.filter(live), events };
}

const yamlValue = (v: unknown) => JSON.stringify(v);

/** The scenario as a YAML file that extends the shipped baseline. */
export function scenarioYaml(s: FuzzScenario): string {
  const lines = [
    'extends: baseline.yaml',
    'name: fuzz',
    'question: q?',
    'description: d',
    `start: ${s.start}`,
    `end: ${s.end}`,
  ];
  // the same path twice: the last wins in YAML, which the loader refuses as a duplicate key
  if (s.set.length > 0) lines.push('set:', ...s.set.map(([p, v]) => `  ${p}: ${yamlValue(v)}`));
  if (s.events.length > 0) {
    lines.push('events:');
    s.events.forEach((e, i) => {
      lines.push(`  - at: ${e.at}`, `    label: fuzzed event ${i}`);
      const set = new Map(e.set ?? []);
      if (set.size > 0) lines.push('    set:', ...[...set].map(([p, v]) => `      ${p}: ${yamlValue(v)}`));
      if (e.rung) lines.push(`    rung: { country: ${e.rung.country}, to: ${e.rung.to} }`);
      if (e.threat) lines.push(`    threat: { to: ${e.threat.to} }`);
    });
  }
  return `${lines.join('\n')}\n`;
}

/** Load a scenario file (the shipped ones beside it) as the CLI would. */
export function load(text: string) {
  const reader = memoryReader({ ...FILES, 'scenarios/fuzz.yaml': text });
  const scenario = loadScenario('scenarios/fuzz.yaml', reader, DATA);
  return { scenario, input: buildInput(scenario, DATA) };
}

/** What a run breaks, if anything: non-finite state, rungs off the ladder or moving further than a
 * month allows (one rung, a listed jump, or an event's rung), power shares that do not sum to one. */
export function broken(r: SimResult, input: ReturnType<typeof load>['input']): string[] {
  const out: string[] = [];
  const M = r.months.length;
  const C = r.countries.length;
  for (const [name, xs] of Object.entries({
    drive: r.drive,
    power: r.power,
    policy: r.policy,
    threat: r.threat,
    legitimacy: r.legitimacy,
  }))
    if (xs.some((x) => !Number.isFinite(x))) out.push(`${name}: not finite`);
  for (const [name, xs] of Object.entries({
    power: r.power,
    policy: r.policy,
    threat: r.threat,
    legitimacy: r.legitimacy,
  }))
    if (xs.some((x) => x < -1e-9 || x > 1 + 1e-9)) out.push(`${name}: outside [0, 1]`);
  for (let m = 0; m < M; m++) {
    let sum = 0;
    for (let f = 0; f < FACTIONS.length; f++) sum += r.power[m * FACTIONS.length + f]!;
    if (Math.abs(sum - 1) > 1e-9) out.push(`${r.months[m]}: power shares sum to ${sum}`);
  }
  const forced = new Set(
    input.events.flatMap((e) =>
      e.effects.flatMap((x) => (x.kind === 'rung' ? [`${e.at} ${x.country}`] : [])),
    ),
  );
  for (let c = 0; c < C; c++) {
    const id = r.countries[c]!;
    const jumps = input.params.decision.jumps.map((j) => `${j.from}>${j.to}`);
    for (let m = 0; m < M; m++) {
      const rung = r.rung[m * C + c]!;
      if (!Number.isInteger(rung) || rung < 0 || rung > MAX_RUNG)
        out.push(`${id} ${r.months[m]}: rung ${rung}`);
      if (m === 0) continue;
      const prev = r.rung[(m - 1) * C + c]!;
      if (
        Math.abs(rung - prev) > 1 &&
        !jumps.includes(`${prev}>${rung}`) &&
        !forced.has(`${r.months[m]} ${id}`)
      )
        out.push(`${id} ${r.months[m]}: ${prev} → ${rung} in one month`);
    }
  }
  return out;
}

/** Run a valid scenario and return what broke ('' when nothing), throwing nothing. */
export function runValid(s: FuzzScenario): string {
  const text = scenarioYaml(s);
  let loaded: ReturnType<typeof load>;
  try {
    loaded = load(text);
  } catch (e) {
    return `refused a valid scenario: ${e instanceof ScenarioError ? e.message : String(e)}\n${text}`;
  }
  try {
    const problems = broken(simulate(loaded.input), loaded.input);
    return problems.length > 0 ? `${problems.slice(0, 5).join('; ')}\n${text}` : '';
  } catch (e) {
    return `the run failed: ${(e as Error).message}\n${text}`;
  }
}
