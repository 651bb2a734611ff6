// Scenario files: parse, validate (schema, `set` paths and values against the params schema, event
// effects against the data, `sweep` factors), follow `extends`, merge, apply overrides and compile every
// gate once.

import type { z } from 'zod';
import { boolClosure } from '../model/condition.js';
import { setPath } from '../model/params.js';
import { isMonth, parseMonth } from '../model/time.js';
import type { CompiledGate, Effect, ModelParams, ScheduledEvent } from '../model/types.js';
import { conditionVariables } from '../model/variables.js';
import { ConditionError, compileCondition, compileProgram } from './conditions.js';
import { checkRef, conditionDiagnostic, type ModelData, sortDiagnostics } from './data.js';
import { type Diagnostic, didYouMean, oneOf, ScenarioError } from './errors.js';
import { type FileReader, readText } from './files.js';
import { firstObservedMonth, LAST_MONTH } from './months.js';
import { lookupParam } from './params-schema.js';
import { basename, dirname, join, normalize } from './paths.js';
import { EFFECT_KEYS, type ScenarioDoc, scenarioSchema } from './schema.js';
import { type PathSeg, SourceDoc } from './source.js';
import { checkSweep, type SweepFactor } from './sweep.js';
import { check, describeSchema, isObj, issuesToDiagnostics } from './validate.js';

export interface ScenarioMeta {
  name: string;
  question: string;
  description: string;
  file: string;
  /** the file, then the files it extends */
  chain: string[];
  seed: string;
  start: string;
  end: string;
  history: boolean;
  /** merged `set`, for reports */
  overrides: Record<string, unknown>;
  /** scenario events (the chain's, parents first) */
  events: ScheduledEvent[];
}

export interface LoadedScenario {
  meta: ScenarioMeta;
  params: ModelParams;
  /** compiled gates per country id (countries without gates are absent) */
  gates: Record<string, CompiledGate[]>;
  /** the factors of the nearest `sweep` in the chain (a child's replaces its parent's); empty if none */
  sweep: SweepFactor[];
}

interface Loaded {
  file: string;
  src: SourceDoc;
  doc: ScenarioDoc;
  events: ScheduledEvent[];
  sweep: SweepFactor[];
}

export function loadScenario(file: string, reader: FileReader, data: ModelData): LoadedScenario {
  const chain: Loaded[] = [];
  const diags: Diagnostic[] = [];
  const seen: string[] = [];
  let path = file;
  let from: { src: SourceDoc } | undefined;
  for (;;) {
    seen.push(normalize(path));
    let text: string;
    try {
      text = readText(reader, path);
    } catch (e) {
      if (!(e instanceof ScenarioError) || !from) throw e;
      // a missing parent: point at the `extends` that names it
      const d = e.diagnostics[0];
      diags.push(
        from.src.diag(['extends'], {
          message: `cannot read '${path}': ${d?.message ?? 'file not found'}`,
          hint: d?.hint?.startsWith('did you mean')
            ? d.hint
            : `the path is relative to ${dirname(from.src.file)}/`,
        }),
      );
      break;
    }
    const { src, diagnostics } = SourceDoc.parse(path, text);
    if (!src) {
      diags.push(...diagnostics);
      break;
    }
    const value = src.value();
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      diags.push(
        src.diag([], { message: 'a scenario is a map of fields', expected: 'question, description, end, …' }),
      );
      break;
    }
    const found = check(scenarioSchema, value, { src, base: [] });
    diags.push(...found);
    const raw = value as Record<string, unknown>;
    diags.push(...checkSet(src, raw.set, ['set'], data, false));
    const events = checkEvents(src, raw.events, data, diags);
    const sweep = checkSweep(src, raw.sweep, data.params, diags);
    chain.push({ file: path, src, doc: raw as ScenarioDoc, events, sweep });
    const ext = raw.extends;
    if (typeof ext !== 'string' || ext === '') break;
    const next = join(dirname(path), ext);
    if (seen.includes(normalize(next))) {
      const names = [...chain.map((c) => c.file), next];
      diags.push(
        src.diag(['extends'], {
          message: `extends cycle: ${names.join(' → ')}`,
          hint: 'a scenario cannot extend itself, directly or through others',
        }),
      );
      break;
    }
    from = { src };
    path = next;
  }
  if (diags.length > 0) throw new ScenarioError(sortDiagnostics(diags));

  // merge: parents first, the child last (child wins)
  const ordered = [...chain].reverse();
  const child = chain[0]!;
  const pick = <K extends 'seed' | 'start' | 'end' | 'history'>(
    key: K,
  ): { value: ScenarioDoc[K]; src: SourceDoc } | undefined => {
    for (const c of chain) if (c.doc[key] !== undefined) return { value: c.doc[key], src: c.src };
    return undefined;
  };
  const name = child.doc.name ?? basename(child.file).replace(/\.(ya?ml|json)$/i, '');
  const first = firstObservedMonth(data);
  const start = pick('start');
  const end = pick('end');
  if (start && parseMonth(start.value!) < parseMonth(first)) {
    diags.push(
      start.src.diag(['start'], {
        message: `start ${start.value} is before the first observed month ${first}`,
        expected: `a month in ${first}..${LAST_MONTH}`,
        hint: `the initial state comes from data/events.csv, which begins at ${first}`,
      }),
    );
  }
  const startMonth = start?.value ?? first;
  if (!end) {
    diags.push(
      child.src.diag(['end'], {
        message: "missing 'end' (the last simulated month), here or in a scenario this one extends",
        missing: true,
        expected: 'a month YYYY-MM',
      }),
    );
  } else if (parseMonth(end.value!) < parseMonth(startMonth)) {
    diags.push(
      end.src.diag(['end'], {
        message: `end ${end.value} is before start ${startMonth}`,
        expected: `a month in ${startMonth}..${LAST_MONTH}`,
      }),
    );
  } else if (parseMonth(end.value!) > parseMonth(LAST_MONTH)) {
    diags.push(
      end.src.diag(['end'], {
        message: `end ${end.value} is too far ahead`,
        expected: `a month in ${startMonth}..${LAST_MONTH}`,
      }),
    );
  }
  if (diags.length === 0) diags.push(...eventsOutside(chain, startMonth, end!.value!));
  if (diags.length > 0) throw new ScenarioError(sortDiagnostics(diags));

  const overrides: Record<string, unknown> = {};
  for (const c of ordered) Object.assign(overrides, c.doc.set ?? {});
  const params = structuredClone(data.params);
  for (const [key, value] of Object.entries(overrides))
    setPath(params, key.split('.'), structuredClone(value));
  diags.push(...checkMerged(chain, params));
  if (diags.length > 0) throw new ScenarioError(sortDiagnostics(diags));

  const seed = pick('seed');
  const meta: ScenarioMeta = {
    name,
    question: child.doc.question,
    description: child.doc.description,
    file,
    chain: chain.map((c) => c.file),
    seed: seed ? String(seed.value) : name,
    start: startMonth,
    end: end!.value!,
    history: pick('history')?.value ?? true,
    overrides,
    events: ordered.flatMap((c) => c.events),
  };
  const sweep = chain.find((c) => c.doc.sweep !== undefined)?.sweep ?? [];
  return { meta, params, gates: compileGates(params), sweep };
}

/** Checks on the merged parameters: nothing a scenario sets may be silently ignored or break an
 * invariant. A parameter of a switched-off mechanism does nothing (its mechanism must be on), and the
 * starting power shares a scenario sets must leave room for the others. */
function checkMerged(chain: Loaded[], params: ModelParams): Diagnostic[] {
  const out: Diagnostic[] = [];
  // the scenario's own sweep (an inherited one was written for its parent's mechanisms)
  const sweeper = chain[0]!.doc.sweep !== undefined ? chain[0] : undefined;
  const mechanisms = params.mechanisms as unknown as Record<string, { enabled?: boolean }>;
  for (const c of chain) {
    const set = isObj(c.doc.set) ? (c.doc.set as Record<string, unknown>) : {};
    const evSets = (c.doc.events ?? []).flatMap((ev, i) =>
      isObj(ev.set)
        ? Object.keys(ev.set).map((k) => ({ key: k, at: ['events', i, 'set', k] as PathSeg[] }))
        : [],
    );
    const sweeps =
      c === sweeper
        ? (c.doc.sweep ?? []).map((f, i) => ({ key: f.path, at: ['sweep', i, 'path'] as PathSeg[] }))
        : [];
    for (const { key, at } of [
      ...Object.keys(set).map((k) => ({ key: k, at: ['set', k] as PathSeg[] })),
      ...evSets,
      ...sweeps,
    ]) {
      const [group, name, field] = key.split('.');
      if (group !== 'mechanisms' || !name || field === 'enabled' || !field) continue;
      if (mechanisms[name]?.enabled === false && !enabledLater(c.doc, name)) {
        out.push(
          c.src.diag(at, {
            message: `'${key}' does nothing: the mechanism '${name}' is switched off in ${basename(chain[0]!.file)}`,
            at: at[0] === 'sweep' ? 'value' : 'key',
            hint: `remove it, or switch the mechanism on: mechanisms.${name}.enabled: true`,
          }),
        );
      }
    }
    const shares = Object.entries(set).filter(([k]) => /^factions\.\w+\.power$/.test(k));
    const total = shares.reduce((sum, [, v]) => sum + (typeof v === 'number' ? v : 0), 0);
    if (shares.length > 0 && (total > 1 + 1e-9 || (shares.length === 3 && Math.abs(total - 1) > 1e-6)))
      out.push(
        c.src.diag(['set', shares[0]![0]], {
          message: `the starting power shares set here sum to ${+total.toFixed(6)}, ${total > 1 ? 'more than 1' : 'not 1'}`,
          at: 'key',
          hint: 'the factions not set share what is left of 1 in proportion to their observed shares',
        }),
      );
  }
  return out;
}

/** A scenario event switches the mechanism on during the run. */
function enabledLater(doc: ScenarioDoc, name: string): boolean {
  return (doc.events ?? []).some((ev) => isObj(ev.set) && ev.set[`mechanisms.${name}.enabled`] === true);
}

/** Compile every country's gates (each distinct condition once, to one closure: the model then reads
 * a condition several countries share once a month). */
export function compileGates(params: ModelParams): Record<string, CompiledGate[]> {
  const variables = conditionVariables(Object.keys(params.countries));
  const cache = new Map<string, Pick<CompiledGate, 'program' | 'test'>>();
  const gates: Record<string, CompiledGate[]> = {};
  for (const [id, c] of Object.entries(params.countries)) {
    if (c.gates.length === 0) continue;
    gates[id] = c.gates.map((g) => {
      let compiled = cache.get(g.when);
      if (!compiled) {
        const program = compileProgram(g.when, variables);
        compiled = { program, test: boolClosure(program) };
        cache.set(g.when, compiled);
      }
      return { rung: g.rung, when: g.when, ...compiled };
    });
  }
  return gates;
}

/** `set` entries: each path must name one parameter; each value must fit its schema. */
function checkSet(
  src: SourceDoc,
  set: unknown,
  base: PathSeg[],
  data: ModelData,
  inEvent: boolean,
): Diagnostic[] {
  if (set === null || typeof set !== 'object' || Array.isArray(set)) return []; // the schema reports it
  const out: Diagnostic[] = [];
  const ids = Object.keys(data.params.countries);
  const variables = conditionVariables(ids);
  for (const [key, value] of Object.entries(set as Record<string, unknown>)) {
    const at = [...base, key];
    const found = lookupParam(key, data.params);
    if (!found.ok) {
      out.push(
        src.diag(at, {
          message: found.message,
          at: 'key',
          ...(found.expected ? { expected: found.expected } : {}),
          ...(found.hint ? { hint: found.hint } : {}),
        }),
      );
      continue;
    }
    const schema = found.schema as z.ZodType;
    if (inEvent && found.path[0] === 'factions' && (found.path[2] === 'ideal' || found.path[2] === 'power')) {
      // ideals and power are state during a run: a parameter change would not reach them
      const effect = found.path[2] === 'ideal' ? 'ideal' : 'power';
      out.push(
        src.diag(at, {
          message: `'${key}' cannot be set during a run: it is the faction's ${effect === 'ideal' ? 'ideal (state that moves)' : 'starting share'}, not a parameter the run reads again`,
          at: 'key',
          hint:
            effect === 'ideal'
              ? `use an ideal effect: ideal: { faction: ${found.path[1]}, dimension: ${found.path[3]}, to: … }`
              : `use a power effect: power: { faction: ${found.path[1]}, delta: … }`,
        }),
      );
      continue;
    }
    if (inEvent) {
      const kind = describeSchema(schema);
      if (!/^(a number|an integer|true or false)/.test(kind)) {
        out.push(
          src.diag(at, {
            message: `'${key}' cannot change during a run: an event sets numbers and booleans only`,
            at: 'key',
            hint: "set it in the scenario's top-level `set` instead",
          }),
        );
        continue;
      }
    }
    const r = schema.safeParse(value);
    if (!r.success) out.push(...issuesToDiagnostics(r.error.issues, { src, schema, value, base: at }));
    // references and conditions, also in a value with other problems (items of the wrong type are skipped)
    const [group, , field] = found.path;
    const items = Array.isArray(value) ? value : [];
    if (group === 'countries' && (field === 'rivals' || field === 'peers')) {
      items.forEach((other, i) => {
        if (typeof other === 'string')
          out.push(...checkRef(src, [...at, i], other, found.path[1], ids, field));
      });
    } else if (group === 'countries' && field === 'patron' && typeof value === 'string') {
      out.push(...checkRef(src, at, value, found.path[1], ids, 'patron'));
    } else if (group === 'countries' && field === 'gates') {
      items.forEach((g, i) => {
        const when = isObj(g) ? g.when : undefined;
        if (typeof when !== 'string') return;
        try {
          compileCondition(when, variables);
        } catch (e) {
          if (!(e instanceof ConditionError)) throw e;
          out.push(conditionDiagnostic(src, [...at, i, 'when'], e));
        }
      });
    }
  }
  return out;
}

/** Events of the chain outside the run's period: they would never happen, so they are refused (an event
 * the data's range allows but the scenario's own months exclude was dropped without a word). */
function eventsOutside(chain: Loaded[], start: string, end: string): Diagnostic[] {
  const [lo, hi] = [parseMonth(start), parseMonth(end)];
  const out: Diagnostic[] = [];
  for (const c of chain)
    (c.doc.events ?? []).forEach((ev, i) => {
      if (!isObj(ev) || typeof ev.at !== 'string' || !isMonth(ev.at)) return;
      const m = parseMonth(ev.at);
      if (m >= lo && m <= hi) return;
      out.push(
        c.src.diag(['events', i, 'at'], {
          message: `event month ${ev.at} is ${m < lo ? 'before the start' : 'after the end'} of the run (${start} to ${end}): it would never happen`,
          expected: `a month in ${start}..${end}`,
          hint:
            m < lo
              ? `move it to ${start} or later, or start the run earlier (start: ${ev.at})`
              : `move it to ${end} or earlier, or run longer (end: ${ev.at})`,
        }),
      );
    });
  return out;
}

const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : v === undefined ? [] : [v]);

/** Event checks beyond the schema (ids, months, to|delta) and their conversion to ScheduledEvents. */
function checkEvents(
  src: SourceDoc,
  events: unknown,
  data: ModelData,
  diags: Diagnostic[],
): ScheduledEvent[] {
  if (!Array.isArray(events)) return [];
  const ids = Object.keys(data.params.countries);
  const first = firstObservedMonth(data);
  const out: ScheduledEvent[] = [];
  const before = diags.length;
  events.forEach((ev: unknown, i) => {
    if (!isObj(ev)) return;
    const at = ev.at;
    if (typeof at === 'string' && isMonth(at)) {
      const m = parseMonth(at);
      if (m < parseMonth(first) || m > parseMonth(LAST_MONTH)) {
        diags.push(
          src.diag(['events', i, 'at'], {
            message: `event month ${at} is outside the modeled period`,
            expected: `a month in ${first}..${LAST_MONTH}`,
          }),
        );
      }
    }
    const present = EFFECT_KEYS.filter((k) => ev[k] !== undefined);
    if (present.length === 0) {
      diags.push(
        src.diag(['events', i], {
          message: 'an event needs at least one effect',
          expected: oneOf(EFFECT_KEYS),
        }),
      );
    }
    const effects: Effect[] = [];
    for (const key of present) {
      if (key === 'set') {
        diags.push(...checkSet(src, ev.set, ['events', i, 'set'], data, true));
        if (isObj(ev.set)) {
          for (const [p, to] of Object.entries(ev.set))
            effects.push({ kind: 'param', path: p.split('.'), to: to as number | boolean });
        }
        continue;
      }
      const items = list(ev[key]);
      items.forEach((item, j) => {
        const path: PathSeg[] = Array.isArray(ev[key]) ? ['events', i, key, j] : ['events', i, key];
        if (!isObj(item)) return;
        if (typeof item.country === 'string' && !ids.includes(item.country)) {
          const close = didYouMean(item.country, ids);
          diags.push(
            src.diag([...path, 'country'], {
              message: `unknown country '${item.country}'`,
              expected: oneOf(ids),
              ...(close ? { hint: `did you mean '${close}'?` } : {}),
            }),
          );
        }
        if (
          (key === 'policy' || key === 'ideal' || key === 'threat') &&
          (item.to === undefined) === (item.delta === undefined)
        ) {
          diags.push(
            src.diag(path, {
              message: item.to === undefined ? "missing 'to' or 'delta'" : "give 'to' or 'delta', not both",
              expected: "'to' (set the level) or 'delta' (add to it)",
            }),
          );
        }
        effects.push({ kind: key, ...item } as Effect);
      });
    }
    if (typeof at === 'string' && typeof ev.label === 'string') {
      out.push({ at, label: ev.label, effects, origin: `${src.file}:${src.lineOf(['events', i])}` });
    }
  });
  return diags.length > before ? [] : out;
}
