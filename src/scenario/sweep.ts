// Sweep factors: a scenario's `sweep:` block and `--factor` on the command line, checked by one set of
// rules against the params schema, and the pure maps from a unit number to a factor's value that the
// uncertainty commands (sweep, sensitivity, discover) build their design points from.

import { z } from 'zod';
import type { ModelParams } from '../model/types.js';
import { COMMAND_LINE, type Diagnostic, didYouMean, oneOf, ScenarioError } from './errors.js';
import { lookupParam } from './params-schema.js';
import { SWEEP_WAYS } from './schema.js';
import type { DiagOptions, PathSeg, SourceDoc } from './source.js';
import { describeJson, describeSchema, isObj, kindOf, show, valueAt } from './validate.js';

export type FactorValue = number | boolean;

/** A validated factor. `integer`: the parameter takes whole numbers, so drawn values are rounded. */
export type SweepFactor =
  | { path: string; kind: 'range'; lo: number; hi: number; levels: number; integer: boolean }
  | { path: string; kind: 'values'; values: FactorValue[] }
  /** lo, hi: the parameter's bounds, where a draw is clipped (±Infinity where it has none) */
  | { path: string; kind: 'normal'; mean: number; sd: number; lo: number; hi: number; integer: boolean }
  | { path: string; kind: 'triangular'; min: number; mode: number; max: number; integer: boolean };

// ---------------------------------------------------------------------------------------------------
// Design points

/** A normal's inverse CDF is infinite at 0 and 1 (and Sobol designs start at u = 0): u is kept this far
 * inside, so a draw stays within about ±7 sd of the mean. */
const U_EDGE = 1e-12;

/** The quantiles a factorial design takes from a distribution. */
const QUANTILES = [1 / 6, 1 / 2, 5 / 6];

const whole = (f: { integer: boolean }, x: number): number => (f.integer ? Math.round(x) : x);

/** The factor's value at u ∈ [0, 1): uniform over a range (each whole number equally likely when the
 * parameter is an integer), `values[floor(u·n)]`, or a distribution's inverse CDF. */
export function factorValue(f: SweepFactor, u: number): FactorValue {
  if (!(u >= 0 && u <= 1)) throw new RangeError(`factorValue: u must be in [0, 1], got ${u}`);
  switch (f.kind) {
    case 'values':
      return f.values[Math.min(Math.floor(u * f.values.length), f.values.length - 1)]!;
    case 'range':
      // rounding lo + u·(hi − lo) would give the two ends half the chance of the others
      return f.integer ? Math.min(f.lo + Math.floor(u * (f.hi - f.lo + 1)), f.hi) : f.lo + u * (f.hi - f.lo);
    case 'normal': {
      const x = f.mean + f.sd * normalQuantile(Math.min(Math.max(u, U_EDGE), 1 - U_EDGE));
      return whole(f, Math.min(Math.max(x, f.lo), f.hi));
    }
    case 'triangular': {
      const { min, mode, max } = f;
      const x =
        u * (max - min) < mode - min
          ? min + Math.sqrt(u * (max - min) * (mode - min))
          : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
      return whole(f, x);
    }
  }
}

/** The values a full factorial design uses: `levels` evenly spaced points of a range (both ends
 * included), every listed value, or a distribution's quantiles 1/6, 1/2 and 5/6; after rounding to whole
 * numbers, each value once. */
export function factorLevels(f: SweepFactor): FactorValue[] {
  let levels: FactorValue[];
  if (f.kind === 'values') levels = f.values;
  else if (f.kind === 'range') {
    // lo·(1 − t) + hi·t hits both ends exactly
    levels = Array.from({ length: f.levels }, (_, k) => {
      const t = k / (f.levels - 1);
      return whole(f, f.lo * (1 - t) + f.hi * t);
    });
  } else levels = QUANTILES.map((q) => factorValue(f, q));
  return [...new Set(levels)];
}

/** `range 0..3`, `values true, false`, `normal(0.8, 0.1)`, `triangular(0.5, 0.8, 1)` */
export function describeFactor(f: SweepFactor): string {
  switch (f.kind) {
    case 'range':
      return `range ${f.lo}..${f.hi}`;
    case 'values':
      return `values ${f.values.join(', ')}`;
    case 'normal':
      return `normal(${f.mean}, ${f.sd})`;
    case 'triangular':
      return `triangular(${f.min}, ${f.mode}, ${f.max})`;
  }
}

// Wichura's algorithm AS 241 (PPND16), Applied Statistics 37(3), 1988: relative error about 1e-16.
// The published coefficients as the doubles they round to, lowest power first.
const AS241 = {
  a: [
    3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
    67265.7709270087, 33430.57558358813, 2509.0809287301227,
  ],
  b: [
    1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
    28729.085735721943, 5226.495278852854,
  ],
  c: [
    1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
    0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
  ],
  d: [
    1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008, 0.015198666563616457,
    0.0005475938084995345, 1.0507500716444169e-9,
  ],
  e: [
    6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487, 0.026532189526576124,
    0.0012426609473880784, 0.000027115555687434876, 2.0103343992922881e-7,
  ],
  f: [
    1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
    0.000018463183175100548, 1.421511758316446e-7, 2.0442631033899397e-15,
  ],
};

const poly = (coef: readonly number[], x: number): number => coef.reduceRight((acc, c) => acc * x + c, 0);

/** The standard normal's inverse CDF at p ∈ (0, 1). */
function normalQuantile(p: number): number {
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * poly(AS241.a, r)) / poly(AS241.b, r);
  }
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = poly(AS241.c, r) / poly(AS241.d, r);
  } else {
    r -= 5;
    x = poly(AS241.e, r) / poly(AS241.f, r);
  }
  return q < 0 ? -x : x;
}

// ---------------------------------------------------------------------------------------------------
// Checking a factor

type Json = Record<string, unknown>;

/** What a factor may do with a parameter, read from its JSON Schema. */
type Leaf = { type: 'boolean'; js: Json } | NumberLeaf;
interface NumberLeaf {
  type: 'number';
  js: Json;
  lo: number;
  hi: number;
  /** `> lo` rather than `>= lo` */
  loOpen: boolean;
  hiOpen: boolean;
  integer: boolean;
}

function leafOf(schema: z.ZodType): Leaf | undefined {
  const js = z.toJSONSchema(schema, { target: 'draft-7' }) as Json;
  if (js.type === 'boolean') return { type: 'boolean', js };
  if (js.type !== 'number' && js.type !== 'integer') return undefined;
  const bound = (key: string) => js[key] as number | undefined;
  const xlo = bound('exclusiveMinimum');
  const xhi = bound('exclusiveMaximum');
  return {
    type: 'number',
    js,
    lo: bound('minimum') ?? xlo ?? Number.NEGATIVE_INFINITY,
    hi: bound('maximum') ?? xhi ?? Number.POSITIVE_INFINITY,
    loOpen: xlo !== undefined,
    hiOpen: xhi !== undefined,
    integer: js.type === 'integer',
  };
}

const within = (leaf: NumberLeaf, v: number): boolean =>
  (leaf.loOpen ? v > leaf.lo : v >= leaf.lo) && (leaf.hiOpen ? v < leaf.hi : v <= leaf.hi);

/** The allowed value nearest to `v`; undefined when that would be an open bound (e.g. `> 0`). */
function nearest(leaf: NumberLeaf, v: number, whole: boolean): number | undefined {
  if ((v <= leaf.lo && leaf.loOpen) || (v >= leaf.hi && leaf.hiOpen)) return undefined;
  const x = Math.min(Math.max(v, leaf.lo), leaf.hi);
  return whole ? Math.round(x) : x;
}

/** Where a normal is clipped: the bound, or just inside one the parameter may not reach (`> 0`). */
const clipLimit = (b: number, open: boolean, inward: 1 | -1): number =>
  !open ? b : b === 0 ? inward * Number.MIN_VALUE : b + inward * Math.abs(b) * Number.EPSILON;

/** How the author writes a factor, so that a hint can be pasted back: YAML in a file, `PATH=…` on the
 * command line. */
interface Syntax {
  range(lo: number, hi: number): string;
  values(vs: readonly FactorValue[]): string;
  triangular(min: number, mode: number, max: number): string;
}

/** A problem at a part of the factor (`['range', 1]`, `['distribution', 'sd']`, …). */
type Report = (part: readonly PathSeg[], problem: DiagOptions) => void;

/** The factor being checked. */
interface Ctx {
  path: string;
  report: Report;
  syntax: Syntax;
}

const LEVELS_HINT = 'levels counts the evenly spaced points a factorial design takes, both ends included';

const setHint = (path: string, value: FactorValue) =>
  `to hold '${path}' at ${value}, put it under \`set:\` instead`;

const didYouMeanNumber = (near: number) => `did you mean ${near}?`;

/** Report `v` at `part` when the parameter cannot take it; `whole`: it must be a whole number too. */
function fits(
  ctx: Ctx,
  leaf: NumberLeaf,
  part: readonly PathSeg[],
  v: number,
  whole: boolean,
  suggest: (near: number) => string | undefined,
  label = '',
): boolean {
  const inside = within(leaf, v);
  if (inside && (!whole || Number.isInteger(v))) return true;
  const near = nearest(leaf, v, whole);
  const hint = near === undefined ? undefined : suggest(near);
  ctx.report(part, {
    message: inside
      ? `${label}${v} is not a whole number, and '${ctx.path}' takes whole numbers`
      : `${label}${v} is outside the allowed values of '${ctx.path}'`,
    expected: describeJson(whole ? leaf.js : { ...leaf.js, type: 'number' }),
    ...(hint ? { hint } : {}),
  });
  return false;
}

/** The number and boolean parameters in the group that holds `path`'s leaf, for a hint. */
function scalarNeighbours(path: readonly string[], params: ModelParams): string[] {
  const parent = path.slice(0, -1);
  return Object.keys(valueAt(params, parent) as object).filter((k) => {
    const found = lookupParam([...parent, k].join('.'), params);
    return found.ok && leafOf(found.schema) !== undefined;
  });
}

/** Check one factor (a `sweep:` item or a parsed `--factor`) against the params; undefined when it has
 * a problem (reported) or a value of the wrong type (the schema reports those in a file). */
function checkFactor(
  doc: Record<string, unknown>,
  params: ModelParams,
  report: Report,
  syntax: Syntax,
): SweepFactor | undefined {
  let ok = true;
  const problem: Report = (part, p) => {
    ok = false;
    report(part, p);
  };
  const ways = SWEEP_WAYS.filter((k) => doc[k] !== undefined);
  if (ways.length === 0) {
    problem([], {
      message: "missing 'range', 'values' or 'distribution'",
      expected: oneOf(SWEEP_WAYS),
      hint: 'a factor varies its parameter uniformly over a range, over listed values, or by a distribution',
    });
  }
  for (const k of ways.slice(1)) {
    problem([k], {
      message: `'${ways[0]}' and '${k}' both given`,
      at: 'key',
      expected: oneOf(SWEEP_WAYS),
      hint: `a factor varies its parameter one way: keep '${ways[0]}' or '${k}'`,
    });
  }
  const levels = doc.levels;
  if (levels !== undefined && doc.range === undefined) {
    problem(['levels'], {
      message: "'levels' applies to a range only",
      at: 'key',
      expected: "'levels' next to 'range'",
      hint: 'a factorial design uses every one of `values`, and the quantiles 1/6, 1/2, 5/6 of a distribution',
    });
  } else if (typeof levels === 'number' && !(Number.isInteger(levels) && levels >= 2)) {
    problem(['levels'], {
      message: Number.isInteger(levels) ? `${levels} is too few levels` : `${levels} is not a whole number`,
      expected: 'an integer >= 2',
      hint: LEVELS_HINT,
    });
  }

  const path = doc.path;
  if (typeof path !== 'string') return undefined;
  const found = lookupParam(path, params);
  if (!found.ok) {
    report(['path'], {
      message: found.message,
      ...(found.expected ? { expected: found.expected } : {}),
      ...(found.hint ? { hint: found.hint } : {}),
    });
    return undefined;
  }
  const leaf = leafOf(found.schema);
  if (!leaf) {
    report(['path'], {
      message: `'${path}' is ${describeSchema(found.schema)}, not a number or true/false`,
      expected: 'a number or boolean parameter',
      hint: `in '${found.path.slice(0, -1).join('.')}', sweep ${oneOf(scalarNeighbours(found.path, params))}`,
    });
    return undefined;
  }
  const way = ways[0];
  if (!ok || way === undefined) return undefined;
  const ctx: Ctx = { path, report, syntax };
  const current = valueAt(params, found.path) as FactorValue;
  if (way === 'values') return valuesFactor(ctx, leaf, doc.values, current);
  if (leaf.type === 'boolean') {
    report([way], {
      message: `a ${way} needs a numeric parameter; '${path}' is true or false`,
      expected: "'values' for a true-or-false parameter",
      hint: `did you mean values: ${syntax.values([true, false])}?`,
    });
    return undefined;
  }
  if (way === 'range') return rangeFactor(ctx, leaf, doc.range, levels);
  return distributionFactor(ctx, leaf, doc.distribution);
}

function rangeFactor(ctx: Ctx, leaf: NumberLeaf, range: unknown, levels: unknown): SweepFactor | undefined {
  const { path, report, syntax } = ctx;
  if (!Array.isArray(range) || range.length !== 2 || !range.every((x) => typeof x === 'number'))
    return undefined;
  if (levels !== undefined && typeof levels !== 'number') return undefined;
  const [lo, hi] = range as [number, number];
  const suggest = () => {
    const a = nearest(leaf, lo, leaf.integer);
    const b = nearest(leaf, hi, leaf.integer);
    return a !== undefined && b !== undefined && a < b ? `did you mean ${syntax.range(a, b)}?` : undefined;
  };
  const ends = [lo, hi].map((v, k) => fits(ctx, leaf, ['range', k], v, leaf.integer, suggest));
  if (lo >= hi) {
    report(['range'], {
      message: lo === hi ? `empty range: both ends are ${lo}` : `inverted range: ${lo} is above ${hi}`,
      expected: 'lo < hi',
      hint: lo === hi ? setHint(path, lo) : `did you mean ${syntax.range(hi, lo)}?`,
    });
    return undefined;
  }
  if (!ends.every(Boolean)) return undefined;
  // a whole-number range has hi − lo + 1 distinct points to spread the levels over
  const room = leaf.integer ? hi - lo + 1 : Number.POSITIVE_INFINITY;
  if (levels !== undefined && levels > room) {
    report(['levels'], {
      message: `${levels} levels do not fit in ${lo}..${hi}: '${path}' takes whole numbers`,
      expected: `an integer in 2..${room}`,
      hint: LEVELS_HINT,
    });
    return undefined;
  }
  return { path, kind: 'range', lo, hi, levels: levels ?? Math.min(3, room), integer: leaf.integer };
}

function valuesFactor(ctx: Ctx, leaf: Leaf, values: unknown, current: FactorValue): SweepFactor | undefined {
  const { path, report, syntax } = ctx;
  if (!Array.isArray(values)) return undefined;
  if (values.length === 0) {
    report(['values'], {
      message: 'no values',
      expected: 'at least one value',
      hint: setHint(path, current),
    });
    return undefined;
  }
  let ok = true;
  values.forEach((v: unknown, k) => {
    if (typeof v !== 'number' && typeof v !== 'boolean') {
      ok = false; // the schema reports it
    } else if (typeof v !== (leaf.type === 'boolean' ? 'boolean' : 'number')) {
      ok = false;
      report(['values', k], {
        message: `wrong type: ${kindOf(v)} (${show(v)}) for '${path}'`,
        expected: describeJson(leaf.js),
        hint:
          leaf.type === 'boolean'
            ? `did you mean ${syntax.values([true, false])}?`
            : `'${path}' is a number: list numbers, or give a range`,
      });
    } else if (leaf.type === 'number') {
      ok = fits(ctx, leaf, ['values', k], v as number, leaf.integer, didYouMeanNumber) && ok;
    }
  });
  return ok ? { path, kind: 'values', values: values as FactorValue[] } : undefined;
}

function distributionFactor(ctx: Ctx, leaf: NumberLeaf, d: unknown): SweepFactor | undefined {
  const { path, report, syntax } = ctx;
  if (!isObj(d)) return undefined;
  const n = (k: string) => (typeof d[k] === 'number' ? (d[k] as number) : undefined);
  if (d.type === 'normal') {
    const mean = n('mean');
    const sd = n('sd');
    if (mean === undefined || sd === undefined) return undefined;
    const meanFits = fits(ctx, leaf, ['distribution', 'mean'], mean, false, didYouMeanNumber, 'mean ');
    if (!(sd > 0)) {
      report(['distribution', 'sd'], {
        message: `sd ${sd} is not positive`,
        expected: 'a number > 0',
        hint: setHint(path, mean),
      });
      return undefined;
    }
    if (!meanFits) return undefined;
    const lo = clipLimit(leaf.lo, leaf.loOpen, 1);
    const hi = clipLimit(leaf.hi, leaf.hiOpen, -1);
    return { path, kind: 'normal', mean, sd, lo, hi, integer: leaf.integer };
  }
  const [min, mode, max] = [n('min'), n('mode'), n('max')];
  if (min === undefined || mode === undefined || max === undefined) return undefined;
  const minFits = fits(ctx, leaf, ['distribution', 'min'], min, false, didYouMeanNumber, 'min ');
  const maxFits = fits(ctx, leaf, ['distribution', 'max'], max, false, didYouMeanNumber, 'max ');
  if (!(min <= mode && mode <= max)) {
    const [a, b, c] = [min, mode, max].sort((x, y) => x - y) as [number, number, number];
    report(['distribution'], {
      message: `min ${min}, mode ${mode}, max ${max} are out of order`,
      expected: 'min <= mode <= max',
      hint: `did you mean ${syntax.triangular(a, b, c)}?`,
    });
    return undefined;
  }
  if (min === max) {
    report(['distribution'], {
      message: `empty distribution: min and max are both ${min}`,
      expected: 'min < max',
      hint: setHint(path, min),
    });
    return undefined;
  }
  return minFits && maxFits ? { path, kind: 'triangular', min, mode, max, integer: leaf.integer } : undefined;
}

// ---------------------------------------------------------------------------------------------------
// A scenario's `sweep:` block

const YAML_SYNTAX: Syntax = {
  range: (lo, hi) => `[${lo}, ${hi}]`,
  values: (vs) => `[${vs.join(', ')}]`,
  triangular: (min, mode, max) => `{ type: triangular, min: ${min}, mode: ${mode}, max: ${max} }`,
};

/** Check a document's `sweep` (diagnostics into `diags`); its factors when it has no problem. */
export function checkSweep(
  src: SourceDoc,
  sweep: unknown,
  params: ModelParams,
  diags: Diagnostic[],
): SweepFactor[] {
  if (!Array.isArray(sweep)) return []; // the schema reports a non-list
  const before = diags.length;
  const first = new Map<string, number>();
  const out: SweepFactor[] = [];
  sweep.forEach((item: unknown, i) => {
    if (!isObj(item)) return;
    const report: Report = (part, problem) => diags.push(src.diag(['sweep', i, ...part], problem));
    if (typeof item.path === 'string') {
      const j = first.get(item.path);
      if (j === undefined) first.set(item.path, i);
      else {
        report(['path'], {
          message: `'${item.path}' is swept twice`,
          expected: 'each parameter at most once',
          hint: `it is already swept at sweep[${j}] (line ${src.lineOf(['sweep', j])}); keep one`,
        });
      }
    }
    const factor = checkFactor(item, params, report, YAML_SYNTAX);
    if (factor) out.push(factor);
  });
  return diags.length > before ? [] : out;
}

// ---------------------------------------------------------------------------------------------------
// `--factor PATH=SPEC` on the command line

const FACTOR_FORMS = 'PATH=LO:HI, PATH=V1,V2,…, PATH=normal(MEAN,SD) or PATH=triangular(MIN,MODE,MAX)';
const DISTRIBUTIONS: Record<string, number> = { normal: 2, triangular: 3 };

const CLI_SYNTAX: Syntax = {
  range: (lo, hi) => `${lo}:${hi}`,
  values: (vs) => vs.join(','),
  triangular: (min, mode, max) => `triangular(${min},${mode},${max})`,
};

/** Parse and check one `--factor` argument: `decision.first_mover=0:3` (a range, 3 levels),
 * `mechanisms.emboldening.enabled=true,false` (values), `countries.US.rights=normal(0.8,0.1)`,
 * `countries.PK.security=triangular(0.5,0.8,1)`. Problems throw a ScenarioError at `--factor`. */
export function parseFactorArg(text: string, params: ModelParams): SweepFactor {
  const diags: Diagnostic[] = [];
  const report: Report = (_part, p) =>
    diags.push({
      file: COMMAND_LINE,
      path: '--factor',
      message: `'${text}': ${p.message}`,
      ...(p.expected ? { expected: p.expected } : {}),
      ...(p.hint ? { hint: p.hint } : {}),
    });
  const doc = parseFactorText(text, report);
  const factor = doc && checkFactor(doc, params, report, CLI_SYNTAX);
  if (!factor || diags.length > 0) throw new ScenarioError(diags);
  return factor;
}

/** `PATH=SPEC` → a factor document like a `sweep:` item; undefined after reporting a syntax error. */
function parseFactorText(text: string, report: Report): Record<string, unknown> | undefined {
  const eq = text.indexOf('=');
  const spec = text.slice(eq + 1).trim();
  if (eq < 0 || spec === '') {
    report([], {
      message: eq < 0 ? "missing '='" : "nothing after '='",
      expected: FACTOR_FORMS,
      hint: 'e.g. decision.first_mover=0:3',
    });
    return undefined;
  }
  const path = text.slice(0, eq).trim();
  let bad = false;
  const value = (s: string, booleans: boolean): FactorValue => {
    const t = s.trim();
    if (booleans && (t === 'true' || t === 'false')) return t === 'true';
    const x = Number(t);
    if (t !== '' && Number.isFinite(x)) return x;
    bad = true;
    const close = booleans ? didYouMean(t, ['true', 'false']) : undefined;
    report([], {
      message: `'${t}' is not a number${booleans ? ' or true/false' : ''}`,
      expected: FACTOR_FORMS,
      ...(close ? { hint: `did you mean '${close}'?` } : {}),
    });
    return x;
  };
  const call = /^(\w+)\s*\((.*)\)$/.exec(spec);
  if (call) {
    const [, name, args] = call as unknown as [string, string, string];
    const arity = DISTRIBUTIONS[name];
    if (arity === undefined) {
      const close = didYouMean(name, Object.keys(DISTRIBUTIONS));
      report([], {
        message: `unknown distribution '${name}'`,
        expected: 'normal(MEAN,SD) or triangular(MIN,MODE,MAX)',
        ...(close ? { hint: `did you mean '${close}'?` } : {}),
      });
      return undefined;
    }
    const xs = args.split(',').map((s) => value(s, false) as number);
    if (xs.length !== arity) {
      report([], {
        message: `${name}(…) takes ${arity} numbers, not ${xs.length}`,
        expected: name === 'normal' ? 'normal(MEAN,SD)' : 'triangular(MIN,MODE,MAX)',
      });
      return undefined;
    }
    const [a, b, c] = xs;
    const distribution =
      name === 'normal' ? { type: name, mean: a, sd: b } : { type: name, min: a, mode: b, max: c };
    return bad ? undefined : { path, distribution };
  }
  if (spec.includes(':')) {
    const xs = spec.split(':').map((s) => value(s, false));
    if (xs.length !== 2) {
      report([], { message: `a range takes 2 numbers, not ${xs.length}`, expected: 'PATH=LO:HI' });
      return undefined;
    }
    return bad ? undefined : { path, range: xs };
  }
  const values = spec.split(',').map((s) => value(s, true));
  return bad ? undefined : { path, values };
}
