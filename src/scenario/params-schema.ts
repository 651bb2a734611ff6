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
  review_rate: unit().describe(
    'pace of its diplomacy: monthly hazard of a move when its drive is far from its rung',
  ),
  security: unit().describe('exposure to ISK, which the Taliban fight: engaging them pays'),
  harboured: unit().describe('exposure to militants the Taliban harbour (TTP, border militants)'),
  alignment: unit().describe('strategic alignment against the West (great-power motive)'),
  migration: unit().describe('stake in migration, returns and border management'),
  reserves: unit().describe('holds frozen Afghan central-bank reserves'),
  economic: unit().describe('economic stakes: trade, corridors, minerals, transit'),
  humanitarian: unit().describe(
    'stake in delivering aid inside Afghanistan, which needs people on the ground',
  ),
  rights: unit().describe("weight on women's and girls' rights"),
  domestic: unit().describe('domestic political cost of legitimizing the Taliban'),
  offset: z
    .number()
    .min(-MAX_RUNG)
    .max(MAX_RUNG)
    .describe('a per-country correction to the drive, in rungs (fitted by calibrate; 0 in the data)'),
  rivals: z.array(CountryId).describe('countries whose lead it fears'),
  peers: z.array(CountryId).describe('reference group whose stances it follows'),
  patron: CountryId.nullable().describe('great-power patron whose stance it weighs, or null'),
  gates: z.array(gateSchema).describe('conditions capping the rung it may reach'),
});

export const jumpSchema = z
  .strictObject({
    from: rungNumber().describe('the rung the jump starts from'),
    to: rungNumber().describe('the rung it reaches in one move (at least two above `from`)'),
  })
  .refine((j) => j.to >= j.from + 2, { message: 'a jump goes at least two rungs up' });

export const decisionSchema = z.strictObject({
  base: z.number().describe('constant term of the drive (rung units)'),
  security: nonNegative(),
  harboured: nonNegative(),
  alignment: nonNegative(),
  economic: nonNegative(),
  humanitarian: nonNegative(),
  migration: nonNegative(),
  reserves: nonNegative(),
  rivalry: nonNegative(),
  peers: nonNegative(),
  patron: nonNegative(),
  rights: nonNegative(),
  domestic: nonNegative(),
  listing: nonNegative().describe("cost (rungs) of engaging a group one's own law lists as terrorist"),
  un_sanctions: nonNegative().describe('cost (rungs) of engaging while the UN 1988 sanctions are in force'),
  inertia: z.number().min(0).max(3).describe('drive beyond the half-rung that a move needs (rungs)'),
  hazard_width: z
    .number()
    .gt(0)
    .max(6)
    .describe('rungs of drive over which the move hazard rises from 0 to the full pace'),
  uncaused: unit().describe('hazard of an upgrade with no cause in view, relative to one with a cause'),
  cause_window: z.number().int().min(0).max(24).describe('months a cause stays in view'),
  policy_shift: z.number().gt(0).max(1).describe('a policy index moving this much in a month is a cause'),
  threat_shock: z.number().gt(0).max(1).describe('the ISK threat rising this much in a month is a cause'),
  precursor_boost: nonNegative().describe('up-hazard multiplier (1 + boost) after a precursor'),
  precursor_window: z.number().int().min(0).max(60).describe('months a precursor raises the hazard'),
  first_mover_ambassador: nonNegative().describe(
    'extra drive (rungs) an ambassador exchange needs while few states have one',
  ),
  first_mover: nonNegative().describe(
    'extra drive (rungs) formal recognition needs while nobody has recognized',
  ),
  tipping_share: unit().describe('weighted share at a rung at which its first-mover cost has faded'),
  withdraw_cost: nonNegative().describe('extra drive shortfall (rungs) before recognition is withdrawn'),
  jumps: z.array(jumpSchema).describe('listed jumps of more than one rung in one move'),
  shock_persistence: unit().describe('monthly persistence of event-driven drive shocks'),
  delist_rung: rungNumber().describe('a listed country may delist when its rung is at least this…'),
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
  floor: z
    .number()
    .min(0)
    .max(0.33)
    .describe('no faction falls below this share (three floors must fit in a total of 1)'),
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

export const dyadsSchema = z.strictObject({
  incident_rate: unit().describe('monthly probability of an incident at full exposure and no Taliban CT'),
  incident_shock: z.number().min(0).max(MAX_RUNG).describe('push on the drive of the country hit (rungs)'),
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
  dyads: dyadsSchema,
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

/** Parameters that were renamed or removed, with what to use instead (a located error, not "unknown"). */
export const RETIRED: Record<string, string> = {
  'decision.temperature':
    "'decision.temperature' was removed: moves are monthly hazards now, not a logit choice (docs/MODEL.md §7.1); their noise is set by 'decision.hazard_width' and their stickiness by 'decision.inertia'",
};

/** Follow a dotted path through the params schema (record keys must exist in `params`). The path must
 * end at a single parameter: a number, boolean, text or list, not a group. */
export function lookupParam(dotted: string, params: ModelParams): ParamLookup {
  const retired = RETIRED[dotted];
  if (retired) return { ok: false, index: dotted.split('.').length - 1, message: retired };
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
