// The zod schema of ModelParams, carrying every parameter's range. One source for validating
// data/*.yaml, a scenario's `set` overrides and event `set` effects, and the JSON Schema of `set`.

import { z } from 'zod';
import { BLOCS, DIMENSIONS, MAX_RUNG, type ModelParams } from '../model/types.js';
import { didYouMean, oneOf } from './errors.js';

export const MONTH_PATTERN = /^\d{4}-(0[1-9]|1[0-2])$/;
export const ID_PATTERN = /^[A-Z][A-Za-z0-9_]*$/;
/** A source must say something. */
export const SOURCE_PATTERN = /\S/;
/** Longest condition accepted (characters). */
export const MAX_CONDITION_LENGTH = 500;

export const unit = () => z.number().min(0).max(1);
export const nonNegative = () => z.number().min(0);
export const rungNumber = () => z.number().int().min(0).max(MAX_RUNG);

export const Month = z.string().regex(MONTH_PATTERN);
export const CountryId = z.string().regex(ID_PATTERN);
export const Condition = z.string().min(1).max(MAX_CONDITION_LENGTH);

export const gateSchema = z.strictObject({
  rung: z
    .number()
    .int()
    .min(1)
    .max(MAX_RUNG)
    .describe('the gated rung: reaching it or above requires `when`'),
  when: Condition.describe('condition over the world-state variables, e.g. "womens_rights >= 0.4"'),
});

export const countrySchema = z.strictObject({
  name: z.string().min(1),
  bloc: z.enum(BLOCS),
  weight: unit().describe('weight in the legitimacy index and the UN credentials vote'),
  p5: z.boolean().describe('permanent member of the UN Security Council'),
  review_rate: unit().describe('probability per month of reviewing its stance'),
  security: unit().describe('exposure to terrorist spill-over (ISK, TTP)'),
  economic: unit().describe('economic stakes: trade, corridors, minerals, transit'),
  humanitarian: unit().describe(
    'stake in delivering aid inside Afghanistan, which needs people on the ground',
  ),
  rights: unit().describe("weight on women's and girls' rights"),
  domestic: unit().describe('domestic political cost of legitimizing the Taliban'),
  rivals: z.array(CountryId).describe('countries whose lead it fears'),
  peers: z.array(CountryId).describe('reference group whose stances it follows'),
  patron: CountryId.nullable().describe('great-power patron whose stance it weighs, or null'),
  gates: z.array(gateSchema).describe('conditions capping the rung it may reach'),
});

export const decisionSchema = z.strictObject({
  base: z.number().describe('constant term of the decision utility (rung units)'),
  security: nonNegative(),
  economic: nonNegative(),
  humanitarian: nonNegative(),
  rivalry: nonNegative(),
  peers: nonNegative(),
  patron: nonNegative(),
  rights: nonNegative(),
  domestic: nonNegative(),
  temperature: z.number().gt(0).describe('logit temperature of the rung choice: higher = noisier'),
  inertia: nonNegative().describe('utility cost of changing rung at a review'),
  first_mover: nonNegative().describe(
    'extra drive (rungs) formal recognition needs while nobody has recognized',
  ),
  tipping_share: unit().describe('weighted share of recognizers at which the first-mover cost has faded'),
  shock_persistence: unit().describe('monthly persistence of event-driven drive shocks'),
  delist_rung: rungNumber().describe('a listed country delists at a review when its rung is at least this…'),
  delist_drive: nonNegative().describe('…and its drive is at least this'),
});

export const policySchema = z.strictObject(
  Object.fromEntries(DIMENSIONS.map((d) => [d, unit()])) as Record<
    (typeof DIMENSIONS)[number],
    ReturnType<typeof unit>
  >,
);

export const factionSchema = z.strictObject({
  name: z.string().min(1),
  leader: z.string().min(1),
  power: unit().describe('initial power share (the three sum to 1)'),
  ideal: policySchema,
  authority: policySchema,
});

export const factionsSchema = z.strictObject({
  kandahar: factionSchema,
  haqqani: factionSchema,
  swing: factionSchema,
});

export const regimeSchema = z.strictObject({
  tighten: unit().describe('monthly fraction of the gap to the factional target closed when policy tightens'),
  loosen: unit().describe('…and when it loosens'),
  noise: nonNegative().describe('s.d. of monthly policy noise'),
  anchor: unit().describe('monthly pull of faction ideals back to their anchors'),
});

export const powerSchema = z.strictObject({
  consolidation_threshold: unit(),
  consolidation_rate: nonNegative(),
  noise: nonNegative(),
  contest_rate: unit(),
  contest_exponent: z.number().gt(0),
  contest_loss: unit(),
  floor: unit(),
});

export const mechanismsSchema = z.strictObject({
  reform_rewarded: z.strictObject({
    enabled: z.boolean(),
    power_gain: nonNegative(),
    ideal_gain: nonNegative(),
  }),
  emboldening: z.strictObject({
    enabled: z.boolean(),
    power_gain: nonNegative(),
    ideal_shift: nonNegative(),
  }),
  isolation_crackdown: z.strictObject({
    enabled: z.boolean(),
    threshold: nonNegative(),
    power_gain: nonNegative(),
    ideal_shift: nonNegative(),
  }),
  memory: unit(),
});

export const threatSchema = z.strictObject({
  mean: unit(),
  reversion: unit(),
  volatility: nonNegative(),
  suppression: unit(),
  attack_rate: unit(),
  attack_jump: nonNegative(),
});

export const unSchema = z.strictObject({
  credentials_share: unit(),
  p3_block_below: rungNumber(),
  veto_rung: rungNumber(),
});

export const paramsSchema = z.strictObject({
  countries: z.record(CountryId, countrySchema),
  decision: decisionSchema,
  factions: factionsSchema,
  regime: regimeSchema,
  power: powerSchema,
  mechanisms: mechanismsSchema,
  threat: threatSchema,
  un: unSchema,
});

// compile-time check that the schema describes ModelParams exactly (both directions)
type Parsed = z.infer<typeof paramsSchema>;
export const toParams = (p: Parsed): ModelParams => p;
export const fromParams = (p: ModelParams): Parsed => p;

/** Where a dotted parameter path leads. */
export type ParamLookup =
  | { ok: true; schema: z.ZodType; path: string[] }
  | {
      ok: false;
      /** index of the offending segment */
      index: number;
      message: string;
      expected?: string;
      hint?: string;
    };

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable) s = s.unwrap() as z.ZodType;
  return s;
}

/** Follow a dotted path through the params schema (record keys must exist in `params`). The path must
 * end at a single parameter: a number, boolean, text or list, not a group. */
export function lookupParam(dotted: string, params: ModelParams): ParamLookup {
  const path = dotted.split('.');
  let schema: z.ZodType = paramsSchema;
  let value: unknown = params;
  for (let i = 0; i < path.length; i++) {
    const seg = path[i]!;
    const s = unwrap(schema);
    let keys: string[] | undefined;
    let next: z.ZodType | undefined;
    if (s instanceof z.ZodObject) {
      const shape = s.shape as Record<string, z.ZodType>;
      keys = Object.keys(shape);
      next = Object.hasOwn(shape, seg) ? shape[seg] : undefined;
    } else if (s instanceof z.ZodRecord) {
      keys = Object.keys((value ?? {}) as object);
      next = keys.includes(seg) ? (s.valueType as z.ZodType) : undefined;
    } else {
      return {
        ok: false,
        index: i,
        message: `'${path.slice(0, i).join('.')}' is a single parameter; it has no field '${seg}'`,
        hint: `set '${path.slice(0, i).join('.')}' as a whole`,
      };
    }
    if (!next) {
      const what =
        i === 1 && path[0] === 'countries'
          ? 'country'
          : i === 1 && path[0] === 'factions'
            ? 'faction'
            : 'parameter';
      const best = didYouMean(seg, keys);
      const hint = best
        ? `did you mean '${[...path.slice(0, i), best, ...path.slice(i + 1)].join('.')}'?`
        : undefined;
      return {
        ok: false,
        index: i,
        message: `unknown ${what} '${seg}'`,
        expected: oneOf(keys),
        ...(hint ? { hint } : {}),
      };
    }
    schema = next;
    value = (value as Record<string, unknown> | undefined)?.[seg];
  }
  const s = unwrap(schema);
  if (s instanceof z.ZodObject || s instanceof z.ZodRecord) {
    const keys = s instanceof z.ZodObject ? Object.keys(s.shape) : Object.keys((value ?? {}) as object);
    return {
      ok: false,
      index: path.length,
      message: `'${dotted}' is a group of parameters, not one parameter`,
      expected: oneOf(keys),
      hint: `set its fields one by one, e.g. '${dotted}.${keys[0] ?? '…'}'`,
    };
  }
  return { ok: true, schema, path };
}
