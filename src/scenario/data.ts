// data/: countries.yaml, factions.yaml, model.yaml (every value `{ value, source }`) and events.csv.
// Everything is validated with positions; problems in all four files are reported together.

import { z } from 'zod';
import { isMonth, parseMonth } from '../model/time.js';
import { FACTIONS, type FactionId, MAX_RUNG, type ModelParams } from '../model/types.js';
import { conditionVariables } from '../model/variables.js';
import { ConditionError, compileCondition } from './conditions.js';
import { type CsvField, parseCsv } from './csv.js';
import { type Diagnostic, didYouMean, oneOf, ScenarioError } from './errors.js';
import { type FileReader, readText } from './files.js';
import {
  CountryId,
  countrySchema,
  decisionSchema,
  dyadsSchema,
  factionSchema,
  gateSchema,
  mechanismsSchema,
  paramsSchema,
  policySchema,
  powerSchema,
  regimeSchema,
  SOURCE_PATTERN,
  threatSchema,
  unSchema,
} from './params-schema.js';
import { join } from './paths.js';
import { type PathSeg, SourceDoc } from './source.js';
import { check } from './validate.js';

export interface Observation {
  date: string;
  actor: string;
  kind: 'stance' | 'listing' | 'state' | 'shock' | 'note';
  rung?: number;
  variable?: string;
  value?: number;
  what: string;
  seed: string;
  quote: string;
  source: string;
  /** line of the row in events.csv */
  line: number;
}

export interface ModelData {
  /** plain values from data/countries.yaml, factions.yaml, model.yaml */
  params: ModelParams;
  /** dotted param path → source text, e.g. 'countries.US.security', 'countries.US.gates.0', 'decision.base' */
  sources: Record<string, string>;
  /** actor id → actor-level source */
  actorSources: Record<string, string>;
  /** data/events.csv, sorted by date (stable) */
  observations: Observation[];
  dir: string;
}

export const DATA_FILES = ['countries.yaml', 'factions.yaml', 'model.yaml', 'events.csv'] as const;

// ---------------------------------------------------------------------------------------------------
// file schemas, derived from the params schema so ranges live in one place

const Source = z.string().regex(SOURCE_PATTERN);

function sourced<T extends z.ZodType>(value: T) {
  return z.strictObject({ value, source: Source });
}

/** Every leaf of a params group becomes `{ value, source }`. */
function sourcedTree(schema: z.ZodObject): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [k, sub] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    shape[k] = sub instanceof z.ZodObject ? sourcedTree(sub) : sourced(sub);
  }
  return z.strictObject(shape);
}

const c = countrySchema.shape;
const countryFileEntry = z.strictObject({
  name: c.name,
  bloc: c.bloc,
  p5: c.p5,
  source: Source,
  weight: sourced(c.weight),
  review_rate: sourced(c.review_rate),
  security: sourced(c.security),
  harboured: sourced(c.harboured),
  alignment: sourced(c.alignment),
  economic: sourced(c.economic),
  humanitarian: sourced(c.humanitarian),
  migration: sourced(c.migration),
  reserves: sourced(c.reserves),
  rights: sourced(c.rights),
  domestic: sourced(c.domestic),
  offset: sourced(c.offset).optional(),
  rivals: sourced(c.rivals),
  peers: sourced(c.peers),
  patron: sourced(c.patron),
  gates: z.array(gateSchema.extend({ source: Source })).optional(),
});
/** The source of an offset the data leave out: hand-set data carry none (calibrate fits them). */
const NO_OFFSET = 'not set: 0 (a fitted correction; `stancesim calibrate` writes it into a scenario)';

export const countriesFileSchema = z.record(CountryId, countryFileEntry);

const f = factionSchema.shape;
const factionFileEntry = z.strictObject({
  name: f.name,
  leader: f.leader,
  source: Source,
  power: sourced(f.power),
  ideal: sourcedTree(policySchema),
  authority: sourcedTree(policySchema),
});
export const factionsFileSchema = z.strictObject({
  kandahar: factionFileEntry,
  haqqani: factionFileEntry,
  swing: factionFileEntry,
});

export const modelFileSchema = z.strictObject({
  decision: sourcedTree(decisionSchema),
  regime: sourcedTree(regimeSchema),
  power: sourcedTree(powerSchema),
  mechanisms: sourcedTree(mechanismsSchema),
  threat: sourcedTree(threatSchema),
  dyads: sourcedTree(dyadsSchema),
  un: sourcedTree(unSchema),
});

/** `{ value, source }` leaves → values; records each source under its dotted path. */
function strip(node: unknown, path: string, sources: Record<string, string>): unknown {
  if (node !== null && typeof node === 'object' && !Array.isArray(node)) {
    const o = node as Record<string, unknown>;
    if ('value' in o && 'source' in o && Object.keys(o).length === 2) {
      sources[path] = String(o.source);
      return o.value;
    }
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, strip(v, `${path}.${k}`, sources)]));
  }
  return node;
}

// ---------------------------------------------------------------------------------------------------

function parseYaml(file: string, reader: FileReader, diags: Diagnostic[]): SourceDoc | undefined {
  let text: string;
  try {
    text = readText(reader, file);
  } catch (e) {
    if (e instanceof ScenarioError) {
      diags.push(...e.diagnostics);
      return undefined;
    }
    throw e;
  }
  const { src, diagnostics } = SourceDoc.parse(file, text);
  diags.push(...diagnostics);
  return src;
}

/** Read a data file and check it against its schema: the parsed value, or undefined with diagnostics. */
function readChecked<S extends z.ZodType>(
  file: string,
  schema: S,
  reader: FileReader,
  diags: Diagnostic[],
): { src: SourceDoc; parsed: z.infer<S> } | undefined {
  const src = parseYaml(file, reader, diags);
  if (!src) return undefined;
  const value = src.value();
  const found = check(schema, value, { src, base: [] });
  diags.push(...found);
  return found.length === 0 ? { src, parsed: schema.parse(value) } : undefined;
}

/** Positioned diagnostic for a condition error inside a YAML string. */
export function conditionDiagnostic(src: SourceDoc, path: PathSeg[], e: ConditionError): Diagnostic {
  return src.diagInString(path, e.offset, e.length, {
    message: e.reason,
    ...(e.hint ? { hint: e.hint } : {}),
  });
}

export function loadData(dir: string, reader: FileReader): ModelData {
  const diags: Diagnostic[] = [];
  const sources: Record<string, string> = {};
  const actorSources: Record<string, string> = {};

  // countries.yaml
  const cfile = readChecked(join(dir, 'countries.yaml'), countriesFileSchema, reader, diags);
  let countries: ModelParams['countries'] | undefined;
  if (cfile) {
    const { src: csrc, parsed } = cfile;
    countries = {};
    for (const [id, e] of Object.entries(parsed)) {
      actorSources[id] = e.source;
      const { source: _s, gates, ...rest } = e;
      const plain = strip(rest, `countries.${id}`, sources) as Omit<
        ModelParams['countries'][string],
        'gates' | 'offset'
      > & { offset?: number };
      if (plain.offset === undefined) sources[`countries.${id}.offset`] = NO_OFFSET;
      countries[id] = {
        ...plain,
        offset: plain.offset ?? 0,
        gates: (gates ?? []).map((g, i) => {
          sources[`countries.${id}.gates.${i}`] = g.source;
          return { rung: g.rung, when: g.when };
        }),
      };
    }
    diags.push(...checkCountries(csrc, countries));
  }

  // factions.yaml
  const ffile = readChecked(join(dir, 'factions.yaml'), factionsFileSchema, reader, diags);
  let factions: ModelParams['factions'] | undefined;
  if (ffile) {
    const { src: fsrc, parsed } = ffile;
    const out: Partial<ModelParams['factions']> = {};
    for (const id of FACTIONS) {
      const { source, ...rest } = parsed[id];
      actorSources[id] = source;
      out[id] = strip(rest, `factions.${id}`, sources) as ModelParams['factions'][FactionId];
    }
    factions = out as ModelParams['factions'];
    const sum = FACTIONS.reduce((s, id) => s + factions![id].power, 0);
    if (Math.abs(sum - 1) > 1e-6) {
      diags.push(
        fsrc.diag(['kandahar', 'power', 'value'], {
          message: `the factions' power shares sum to ${+sum.toFixed(6)}, not 1`,
          expected: 'kandahar.power + haqqani.power + swing.power = 1',
        }),
      );
    }
  }

  // model.yaml
  const mfile = readChecked(join(dir, 'model.yaml'), modelFileSchema, reader, diags);
  const model = mfile
    ? (Object.fromEntries(
        Object.entries(mfile.parsed as Record<string, unknown>).map(([k, v]) => [k, strip(v, k, sources)]),
      ) as unknown as Omit<ModelParams, 'countries' | 'factions'>)
    : undefined;

  // events.csv
  const observations = loadEvents(join(dir, 'events.csv'), reader, countries, diags);

  if (diags.length > 0 || !countries || !factions || !model) throw new ScenarioError(sortDiagnostics(diags));
  const params: ModelParams = { countries, factions, ...model };
  // belt and braces: the assembled params satisfy the params schema
  const final = paramsSchema.safeParse(params);
  if (!final.success)
    throw new ScenarioError([
      { file: dir, message: `internal: assembled parameters invalid: ${final.error.message}` },
    ]);
  return { params, sources, actorSources, observations, dir };
}

export function sortDiagnostics(diags: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique = diags.filter((d) => {
    const key = `${d.file}:${d.line}:${d.col}:${d.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const files: string[] = [];
  for (const d of unique) if (!files.includes(d.file)) files.push(d.file);
  return unique
    .map((d, i) => ({ d, i }))
    .sort(
      (a, b) =>
        files.indexOf(a.d.file) - files.indexOf(b.d.file) ||
        (a.d.line ?? 0) - (b.d.line ?? 0) ||
        (a.d.col ?? 0) - (b.d.col ?? 0) ||
        a.i - b.i,
    )
    .map((x) => x.d);
}

/** Cross-references and conditions in countries.yaml. */
function checkCountries(src: SourceDoc, countries: ModelParams['countries']): Diagnostic[] {
  const out: Diagnostic[] = [];
  const ids = Object.keys(countries);
  const variables = conditionVariables(ids);
  for (const [id, c] of Object.entries(countries)) {
    for (const field of ['rivals', 'peers'] as const) {
      c[field].forEach((other, i) => {
        out.push(...checkRef(src, [id, field, 'value', i], other, id, ids, field));
      });
    }
    if (c.patron !== null) out.push(...checkRef(src, [id, 'patron', 'value'], c.patron, id, ids, 'patron'));
    if (c.patron !== null && c.peers.includes(c.patron))
      out.push(
        src.diag([id, 'peers', 'value', c.peers.indexOf(c.patron)], {
          message: `'${c.patron}' is both a peer and the patron of '${id}': its moves would count twice`,
          hint: 'keep it as the patron and remove it from peers',
        }),
      );
    c.gates.forEach((g, i) => {
      try {
        compileCondition(g.when, variables);
      } catch (e) {
        if (!(e instanceof ConditionError)) throw e;
        out.push(conditionDiagnostic(src, [id, 'gates', i, 'when'], e));
      }
    });
  }
  return out;
}

export function checkRef(
  src: SourceDoc,
  path: PathSeg[],
  other: string,
  self: string | undefined,
  ids: string[],
  field: string,
): Diagnostic[] {
  if (!ids.includes(other)) {
    const close = didYouMean(other, ids);
    return [
      src.diag(path, {
        message: `unknown country '${other}'`,
        expected: `a country of countries.yaml: ${oneOf(ids)}`,
        ...(close ? { hint: `did you mean '${close}'?` } : {}),
      }),
    ];
  }
  if (other === self)
    return [
      src.diag(path, {
        message: `a country cannot be its own ${field === 'patron' ? 'patron' : field.slice(0, -1)}`,
      }),
    ];
  return [];
}

// ---------------------------------------------------------------------------------------------------
// events.csv

export const EVENT_COLUMNS = [
  'date',
  'actor',
  'kind',
  'rung',
  'variable',
  'value',
  'what',
  'seed',
  'quote',
  'source',
] as const;
const KINDS = ['stance', 'listing', 'state', 'shock', 'note'] as const;
type Kind = (typeof KINDS)[number];

/** Which actor a `state` or `shock` variable belongs to, and the allowed values. */
const STATE_VARIABLES: Record<string, { actor: string; min: number; max: number; flag?: boolean }> = {
  power: { actor: 'faction', min: 0, max: 1 },
  womens_rights: { actor: 'regime', min: 0, max: 1 },
  ct_cooperation: { actor: 'regime', min: 0, max: 1 },
  inclusivity: { actor: 'regime', min: 0, max: 1 },
  threat: { actor: 'isk', min: 0, max: 1 },
  un_seat: { actor: 'UN', min: 0, max: 1, flag: true },
  un_sanctions: { actor: 'UN', min: 0, max: 1, flag: true },
};
const SHOCK_VARIABLES: Record<string, { actor: string; min: number; max: number }> = {
  power: { actor: 'faction', min: -1, max: 1 },
  womens_rights: { actor: 'regime', min: -1, max: 1 },
  ct_cooperation: { actor: 'regime', min: -1, max: 1 },
  inclusivity: { actor: 'regime', min: -1, max: 1 },
  threat: { actor: 'isk', min: -1, max: 1 },
  drive: { actor: 'country', min: -MAX_RUNG, max: MAX_RUNG },
};
/** State variables the initial state needs at or before the first month (faction power falls back to
 * factions.yaml). */
export const REQUIRED_STATE = [
  'womens_rights',
  'ct_cooperation',
  'inclusivity',
  'threat',
  'un_seat',
  'un_sanctions',
] as const;

function loadEvents(
  file: string,
  reader: FileReader,
  countries: ModelParams['countries'] | undefined,
  diags: Diagnostic[],
): Observation[] {
  let text: string;
  try {
    text = readText(reader, file);
  } catch (e) {
    if (e instanceof ScenarioError) {
      diags.push(...e.diagnostics);
      return [];
    }
    throw e;
  }
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const at = (
    field: { line: number; col: number; width: number },
    message: string,
    extra: Partial<Diagnostic> = {},
  ): Diagnostic => ({
    file,
    line: field.line,
    col: field.col,
    excerpt: lines[field.line - 1] ?? '',
    span: field.width,
    message,
    ...extra,
  });
  const { records, errors } = parseCsv(text);
  for (const e of errors) diags.push(at({ line: e.line, col: e.col, width: 1 }, e.message));
  const header = records[0];
  if (!header) {
    diags.push({ file, message: 'empty file', expected: `a header: ${EVENT_COLUMNS.join(',')}` });
    return [];
  }
  const names = header.fields.map((fl) => fl.value.trim());
  let headerOk = true;
  header.fields.forEach((fl, i) => {
    const name = names[i]!;
    if (!(EVENT_COLUMNS as readonly string[]).includes(name)) {
      const close = didYouMean(name, EVENT_COLUMNS);
      diags.push(
        at(fl, `unknown column '${name}'`, {
          expected: oneOf(EVENT_COLUMNS),
          ...(close ? { hint: `did you mean '${close}'?` } : {}),
        }),
      );
      headerOk = false;
    } else if (names.indexOf(name) !== i) {
      diags.push(at(fl, `column '${name}' appears twice`));
      headerOk = false;
    }
  });
  for (const col of EVENT_COLUMNS) {
    if (!names.includes(col)) {
      diags.push(
        at(header.fields[0]!, `missing column '${col}'`, {
          span: lines[0]?.length ?? 1,
          expected: `the columns ${EVENT_COLUMNS.join(',')}`,
        }),
      );
      headerOk = false;
    }
  }
  if (!headerOk) return [];

  const ids = countries ? Object.keys(countries) : undefined;
  const out: Observation[] = [];
  for (const rec of records.slice(1)) {
    if (rec.fields.length !== names.length) {
      const more = rec.fields.length > names.length;
      diags.push(
        at(
          { line: rec.line, col: 1, width: lines[rec.line - 1]?.length ?? 1 },
          `expected ${names.length} fields, found ${rec.fields.length}`,
          {
            ...(more ? { hint: 'quote a field that contains a comma: "…, …"' } : {}),
          },
        ),
      );
      continue;
    }
    const get = (col: (typeof EVENT_COLUMNS)[number]): CsvField => rec.fields[names.indexOf(col)]!;
    const text = (col: (typeof EVENT_COLUMNS)[number]) => get(col).value.trim();
    const before = diags.length;
    const fail = (col: (typeof EVENT_COLUMNS)[number], message: string, extra: Partial<Diagnostic> = {}) => {
      diags.push(at(get(col), message, { path: col, ...extra }));
    };

    const date = text('date');
    if (!isMonth(date)) fail('date', `invalid date '${date}'`, { expected: 'a month YYYY-MM' });
    const kind = text('kind') as Kind;
    if (!(KINDS as readonly string[]).includes(kind)) {
      const close = didYouMean(kind, KINDS);
      fail('kind', `unknown kind '${kind}'`, {
        expected: oneOf(KINDS),
        ...(close ? { hint: `did you mean '${close}'?` } : {}),
      });
    }
    const actor = text('actor');
    if (actor === '') fail('actor', 'missing actor');
    if (text('what') === '') fail('what', "missing 'what' (what happened, in a sentence)");
    if (text('seed') === '' && text('source') === '')
      fail('source', 'the row has no source', {
        hint: "give 'seed' and 'quote' (the seed's exact words), or a public 'source'",
      });
    if (text('seed') !== '' && text('quote') === '')
      fail('quote', `missing 'quote' for seed '${text('seed')}'`, {
        hint: "the seed's exact words the row rests on",
      });

    const isCountry = (a: string) => (ids ? ids.includes(a) : /^[A-Z]/.test(a));
    const countryCheck = () => {
      if (actor !== '' && !isCountry(actor)) {
        const close = ids ? didYouMean(actor, ids) : undefined;
        fail('actor', `'${actor}' is not a country of countries.yaml`, {
          ...(ids ? { expected: oneOf(ids) } : {}),
          ...(close ? { hint: `did you mean '${close}'?` } : {}),
        });
      }
    };
    const numberIn = (
      col: 'rung' | 'value',
      min: number,
      max: number,
      int: boolean,
      what: string,
    ): number | undefined => {
      const raw = text(col);
      const expected = int ? `an integer in ${min}..${max}` : `a number in ${min}..${max}`;
      if (raw === '') {
        fail(col, `missing '${col}' (${what})`, { expected });
        return undefined;
      }
      const x = Number(raw);
      if (!Number.isFinite(x) || (int && !Number.isInteger(x)) || x < min || x > max) {
        fail(col, `invalid ${col} '${raw}'`, { expected });
        return undefined;
      }
      return x;
    };
    const mustBeEmpty = (col: 'rung' | 'variable' | 'value', why: string) => {
      if (text(col) !== '') fail(col, `unexpected '${col}' in a ${kind} row`, { hint: why });
    };

    const obs: Observation = {
      date,
      actor,
      kind,
      what: get('what').value,
      seed: get('seed').value,
      quote: get('quote').value,
      source: get('source').value,
      line: rec.line,
    };
    const variable = text('variable');
    switch (kind) {
      case 'stance': {
        countryCheck();
        const r = numberIn('rung', 0, MAX_RUNG, true, 'the rung the event implies');
        if (r !== undefined) obs.rung = r;
        mustBeEmpty('variable', "a stance row gives only 'rung'");
        mustBeEmpty('value', "a stance row gives only 'rung'");
        break;
      }
      case 'listing': {
        countryCheck();
        if (variable !== 'listed')
          fail('variable', `invalid variable '${variable}' for a listing row`, { expected: "'listed'" });
        const v = numberIn('value', 0, 1, true, '1 = listed, 0 = delisted');
        obs.variable = 'listed';
        if (v !== undefined) obs.value = v;
        mustBeEmpty('rung', "a listing row gives 'variable=listed' and 'value'");
        break;
      }
      case 'state':
      case 'shock': {
        const table = kind === 'state' ? STATE_VARIABLES : SHOCK_VARIABLES;
        const spec = table[variable];
        if (!spec) {
          const close = didYouMean(variable, Object.keys(table));
          fail(
            'variable',
            variable === '' ? `missing variable for a ${kind} row` : `unknown ${kind} variable '${variable}'`,
            {
              expected: oneOf(Object.keys(table)),
              ...(close ? { hint: `did you mean '${close}'?` } : {}),
            },
          );
        } else {
          obs.variable = variable;
          if (spec.actor === 'faction') {
            if (!(FACTIONS as readonly string[]).includes(actor))
              fail('actor', `'${variable}' belongs to a faction, not '${actor}'`, {
                expected: oneOf(FACTIONS),
              });
          } else if (spec.actor === 'country') countryCheck();
          else if (actor !== spec.actor)
            fail('actor', `'${variable}' belongs to actor '${spec.actor}', not '${actor}'`, {
              expected: `'${spec.actor}'`,
            });
          const what = kind === 'shock' ? 'the change (delta)' : 'the level';
          const v = numberIn('value', spec.min, spec.max, 'flag' in spec && !!spec.flag, what);
          if (v !== undefined) obs.value = v;
        }
        mustBeEmpty('rung', `a ${kind} row gives 'variable' and 'value'`);
        break;
      }
      default: {
        // note: context only
        if (text('rung') !== '') {
          const r = Number(text('rung'));
          if (Number.isFinite(r)) obs.rung = r;
        }
        if (variable !== '') obs.variable = variable;
        if (text('value') !== '') {
          const v = Number(text('value'));
          if (Number.isFinite(v)) obs.value = v;
        }
      }
    }
    if (diags.length === before) out.push(obs);
  }
  out.sort((a, b) => parseMonth(a.date) - parseMonth(b.date));

  // the initial state of a run from the first month must be complete
  const stances = out.filter((o) => o.kind === 'stance');
  // with broken rows dropped, completeness would only repeat those errors
  if (diags.some((d) => d.file === file)) return out;
  if (stances.length === 0) {
    diags.push({ file, message: "no 'stance' rows: every country needs its rung at the first month" });
  } else if (stances.length > 0 && ids) {
    const first = stances[0]!.date;
    const firstIndex = parseMonth(first);
    for (const id of ids) {
      if (!stances.some((o) => o.actor === id && o.date === first)) {
        diags.push({
          file,
          message: `country '${id}' has no 'stance' row at ${first}, the first month of the history`,
          hint: 'every country needs its rung at the first month',
        });
      }
    }
    for (const variable of REQUIRED_STATE) {
      if (
        !out.some((o) => o.kind === 'state' && o.variable === variable && parseMonth(o.date) <= firstIndex)
      ) {
        diags.push({
          file,
          message: `no 'state' row for '${variable}' at or before ${first}, the first month of the history`,
          hint: 'the initial state of a run from the first month needs it',
        });
      }
    }
  }
  return out;
}
