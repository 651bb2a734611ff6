// The zod schema of a scenario document (strict objects, ranges), and the JSON Schema generated from
// it for editors (`npm run schema` writes schema/scenario.schema.json; a test keeps the two equal).
// `set` is checked by path against the params schema (see params-schema.ts), so its JSON Schema is
// generated from there: exact names for global parameters, patterns for per-country and per-faction ones.

import { z } from 'zod';
import { DIMENSIONS, FACTIONS, MAX_RUNG } from '../model/types.js';
import { ID_PATTERN, Month, paramsSchema, rungNumber, unit } from './params-schema.js';

const delta = (max: number) => z.number().min(-max).max(max);
const toOrDelta = { oneOf: [{ required: ['to'] }, { required: ['delta'] }] };
/** An effect takes one object or a list of them. */
const effects = <T extends z.ZodType>(one: T) => z.union([one, z.array(one).min(1)]);

const country = z.string().min(1).describe('country id, e.g. US');
const faction = z.enum(FACTIONS);
const dimension = z.enum(DIMENSIONS);

export const EFFECT_KEYS = [
  'rung',
  'listed',
  'drive',
  'precursor',
  'incident',
  'attack',
  'power',
  'policy',
  'ideal',
  'threat',
  'set',
] as const;

export const eventSchema = z.strictObject({
  at: Month.describe('the month it happens, YYYY-MM'),
  label: z.string().min(1).describe('what happens, in a few words'),
  rung: effects(z.strictObject({ country, to: rungNumber() }))
    .optional()
    .describe("set a country's rung"),
  listed: effects(z.strictObject({ country, to: z.boolean() }))
    .optional()
    .describe('a country lists (true) or delists (false) the Taliban as a terrorist organization'),
  drive: effects(z.strictObject({ country, delta: delta(MAX_RUNG) }))
    .optional()
    .describe("a transient push on a country's stance, in rungs, that decays"),
  precursor: effects(z.strictObject({ country }))
    .optional()
    .describe('a country announces its next step (e.g. an ambassador): raises the hazard of that step'),
  incident: effects(z.strictObject({ country }))
    .optional()
    .describe('militants the Taliban harbour strike the country (a hostile-dyad incident)'),
  attack: effects(z.strictObject({ country }))
    .optional()
    .describe('an ISK mass-casualty attack in the country'),
  power: effects(z.strictObject({ faction, delta: delta(1) }))
    .optional()
    .describe("change a faction's power share (the shares are renormalized)"),
  policy: effects(
    z.strictObject({ dimension, to: unit().optional(), delta: delta(1).optional() }).meta(toOrDelta),
  )
    .optional()
    .describe('set or shift a regime policy index'),
  ideal: effects(
    z.strictObject({ faction, dimension, to: unit().optional(), delta: delta(1).optional() }).meta(toOrDelta),
  )
    .optional()
    .describe("set or shift a faction's ideal policy"),
  threat: effects(z.strictObject({ to: unit().optional(), delta: delta(1).optional() }).meta(toOrDelta))
    .optional()
    .describe('set or shift the ISK threat level'),
  set: z
    .record(z.string(), z.unknown())
    .optional()
    .describe('parameter overrides from this month on, by dotted path: numbers and booleans only'),
});

// The rules a factor's numbers must follow (sd > 0, levels >= 2, min <= mode <= max, the parameter's
// bounds) are checked in sweep.ts, shared with `--factor` on the command line and with hints; the
// JSON-only `meta` bounds below let editors flag the simple ones as you type.
const normalSchema = z.strictObject({
  type: z.literal('normal'),
  mean: z.number(),
  sd: z.number().meta({ exclusiveMinimum: 0 }).describe('standard deviation'),
});
const triangularSchema = z.strictObject({
  type: z.literal('triangular'),
  min: z.number(),
  mode: z.number().describe('the most likely value'),
  max: z.number(),
});

export const SWEEP_WAYS = ['range', 'values', 'distribution'] as const;

export const sweepFactorSchema = z
  .strictObject({
    path: z.string().min(1).describe('a number or boolean parameter by dotted path, as under `set`'),
    range: z
      .tuple([z.number(), z.number()])
      .optional()
      .describe('[lo, hi]: sampled uniformly; a factorial design takes `levels` evenly spaced points'),
    levels: z
      .number()
      .meta({ type: 'integer', minimum: 2 })
      .optional()
      .describe('points a factorial design takes from the range, both ends included (default 3)'),
    values: z
      .array(z.union([z.number(), z.boolean()]))
      .meta({ minItems: 1 })
      .optional()
      .describe('discrete values: a factorial design uses each, sampling picks one uniformly'),
    distribution: z
      .discriminatedUnion('type', [normalSchema, triangularSchema])
      .optional()
      .describe('sampled by inverse CDF; a factorial design takes the quantiles 1/6, 1/2 and 5/6'),
  })
  .meta({
    oneOf: SWEEP_WAYS.map((k) => ({ required: [k] })),
    dependencies: { levels: ['range'] },
  });

export const scenarioSchema = z
  .strictObject({
    $schema: z.string().optional().describe('the JSON Schema, for editors'),
    name: z.string().min(1).optional().describe('defaults to the file name without extension'),
    question: z.string().min(1).describe('the what-if question the scenario asks'),
    description: z.string().min(1).describe('what the scenario assumes and why'),
    extends: z
      .string()
      .min(1)
      .optional()
      .describe('a scenario this one starts from (path relative to this file)'),
    seed: z
      .union([z.number(), z.string().min(1)])
      .optional()
      .describe('random seed (number or text); defaults to the scenario name'),
    start: Month.optional().describe('first simulated month; defaults to the first month of data/events.csv'),
    end: Month.optional().describe('last simulated month (required here or in a scenario this one extends)'),
    history: z
      .boolean()
      .optional()
      .describe('apply the shocks of data/events.csv inside the run (default true)'),
    set: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('parameter overrides by dotted path (see `stancesim describe`); a list replaces the list'),
    events: z.array(eventSchema).optional().describe('dated changes'),
    sweep: z
      .array(sweepFactorSchema)
      .optional()
      .describe('parameter ranges for `stancesim sweep`, `sensitivity` and `discover`'),
  })
  .meta({ title: 'stancesim scenario' });

export type ScenarioDoc = z.infer<typeof scenarioSchema>;
export type EventDoc = z.infer<typeof eventSchema>;

type Json = Record<string, unknown>;

function leafJson(schema: z.ZodType): Json {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { target: 'draft-7' }) as Json;
  return rest;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** JSON Schema of a `set` map: one entry per parameter leaf (literal names or per-id patterns). */
function setJson(onlyScalars: boolean, description: string): Json {
  const properties: Json = {};
  const patternProperties: Json = {};
  const idPattern = ID_PATTERN.source.replace(/^\^/, '').replace(/\$$/, '');
  const walk = (schema: z.ZodType, segs: { text: string; literal: boolean }[]) => {
    let s = schema;
    while (s instanceof z.ZodOptional) s = s.unwrap() as z.ZodType;
    if (s instanceof z.ZodObject) {
      for (const [k, sub] of Object.entries(s.shape as Record<string, z.ZodType>))
        walk(sub, [...segs, { text: k, literal: true }]);
      return;
    }
    if (s instanceof z.ZodRecord) {
      walk(s.valueType as z.ZodType, [...segs, { text: idPattern, literal: false }]);
      return;
    }
    const json = leafJson(s);
    const t = json.type;
    if (onlyScalars && !(t === 'number' || t === 'integer' || t === 'boolean')) return;
    if (segs.every((x) => x.literal)) properties[segs.map((x) => x.text).join('.')] = json;
    else
      patternProperties[`^${segs.map((x) => (x.literal ? escapeRe(x.text) : x.text)).join('\\.')}$`] = json;
  };
  walk(paramsSchema, []);
  return { description, type: 'object', properties, patternProperties, additionalProperties: false };
}

/** The published JSON Schema (draft-07, the dialect editors support best). */
export function scenarioJsonSchema(): Json {
  const js = z.toJSONSchema(scenarioSchema, { target: 'draft-7' }) as Json;
  const props = js.properties as Record<string, Json>;
  props.set = setJson(false, (props.set as Json).description as string);
  const events = props.events as Json;
  const eventProps = (events.items as Json).properties as Record<string, Json>;
  const scalars = setJson(true, eventProps.set!.description as string);
  eventProps.set = scalars;
  // a sweep path completes like a key of an event's `set`: the number and boolean parameters
  const sweepProps = ((props.sweep as Json).items as Json).properties as Record<string, Json>;
  sweepProps.path!.anyOf = [
    { enum: Object.keys(scalars.properties as Json) },
    ...Object.keys(scalars.patternProperties as Json).map((pattern) => ({ pattern })),
  ];
  return js;
}

/** The text of schema/scenario.schema.json. */
export function scenarioJsonSchemaText(): string {
  return `${JSON.stringify(scenarioJsonSchema(), null, 2)}\n`;
}
