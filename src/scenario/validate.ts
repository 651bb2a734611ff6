// zod issues → positioned diagnostics, with an `expected:` text derived from the schema itself.

import { z } from 'zod';
import { type Diagnostic, didYouMean, oneOf } from './errors.js';
import { ID_PATTERN, MONTH_PATTERN, SOURCE_PATTERN } from './params-schema.js';
import type { PathSeg, SourceDoc } from './source.js';

type Json = Record<string, unknown>;

const PATTERN_NAMES: Record<string, string> = {
  [MONTH_PATTERN.source]: 'a month YYYY-MM',
  [ID_PATTERN.source]: 'a country id (e.g. US)',
  [SOURCE_PATTERN.source]: "a source: seed NNN: '…quote…', a public source, or assumption: …",
};

function num(x: unknown): string {
  return String(x);
}

/** What a JSON Schema accepts, in words. */
export function describeJson(js: Json): string {
  if (Array.isArray(js.enum)) return oneOf(js.enum.map(String));
  if ('const' in js) return `exactly ${JSON.stringify(js.const)}`;
  const alts = (js.anyOf ?? js.oneOf) as Json[] | undefined;
  if (Array.isArray(alts) && !js.type) return alts.map(describeJson).join(' or ');
  const type = js.type;
  if (Array.isArray(type)) return type.map((t) => describeJson({ ...js, type: t })).join(' or ');
  switch (type) {
    case 'number':
    case 'integer': {
      const noun = type === 'integer' ? 'an integer' : 'a number';
      const min = js.minimum as number | undefined;
      const max = js.maximum as number | undefined;
      const xmin = js.exclusiveMinimum as number | undefined;
      const xmax = js.exclusiveMaximum as number | undefined;
      if (min !== undefined && max !== undefined) return `${noun} in ${num(min)}..${num(max)}`;
      const parts: string[] = [];
      if (min !== undefined) parts.push(`>= ${num(min)}`);
      if (xmin !== undefined) parts.push(`> ${num(xmin)}`);
      if (max !== undefined) parts.push(`<= ${num(max)}`);
      if (xmax !== undefined) parts.push(`< ${num(xmax)}`);
      return parts.length ? `${noun} ${parts.join(' and ')}` : noun;
    }
    case 'boolean':
      return 'true or false';
    case 'null':
      return 'null';
    case 'string': {
      const pattern = js.pattern as string | undefined;
      if (pattern && PATTERN_NAMES[pattern]) return PATTERN_NAMES[pattern];
      if (pattern) return `text matching /${pattern}/`;
      const max = js.maxLength as number | undefined;
      if ((js.minLength as number | undefined) === 1)
        return max !== undefined ? `non-empty text of at most ${max} characters` : 'non-empty text';
      return 'text';
    }
    case 'array': {
      const items = js.items as Json | Json[] | undefined;
      // a tuple: so many items of their kinds
      if (Array.isArray(items))
        return `a list of ${items.length} ${[...new Set(items.map(plural))].join(' or ')}`;
      return items ? `a list of ${plural(items)}` : 'a list';
    }
    case 'object': {
      const props = js.properties as Json | undefined;
      if (props) return `a map { ${Object.keys(props).join(', ')} }`;
      return 'a map';
    }
    default:
      return 'a value';
  }
}

function plural(items: Json): string {
  const one = describeJson(items);
  if (one.startsWith('a map {')) return one.slice('a map '.length);
  return one.replace(/^an? /, '').replace(/^(number|integer|month|country id)/, '$1s');
}

const described = new WeakMap<z.ZodType, string>();

/** What a value must be, in words: "a number in 0..1", "a month YYYY-MM", "one of west, …". */
export function describeSchema(schema: z.ZodType): string {
  let text = described.get(schema);
  if (text === undefined) {
    let js: Json;
    try {
      js = z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as Json;
    } catch {
      js = {};
    }
    text = describeJson(js);
    described.set(schema, text);
  }
  return text;
}

function unwrap(schema: z.ZodType): z.ZodType {
  let s = schema;
  while (s instanceof z.ZodOptional || s instanceof z.ZodNullable || s instanceof z.ZodDefault)
    s = s.unwrap() as z.ZodType;
  return s;
}

/** The option of a discriminated union that `value`'s discriminator names. */
function discriminated(s: z.ZodType, value: unknown): z.ZodType | undefined {
  if (!(s instanceof z.ZodDiscriminatedUnion) || !isObj(value)) return undefined;
  const key = s.def.discriminator;
  return (s.options as z.ZodObject[]).find((o) =>
    (o.shape[key] as z.ZodLiteral | undefined)?.values.has(value[key] as z.core.util.Literal),
  );
}

/** The sub-schema at `path` (unions: the option the value's discriminator names, else the first that
 * has the path; nullable/optional unwrapped only when going deeper). */
export function schemaAt(
  schema: z.ZodType,
  path: readonly PathSeg[],
  value?: unknown,
): z.ZodType | undefined {
  if (path.length === 0) return schema;
  const [seg, ...rest] = path;
  const s = unwrap(schema);
  const child = (value as Record<string, unknown> | undefined)?.[seg as string];
  if (s instanceof z.ZodObject) {
    const shape = s.shape as Record<string, z.ZodType>;
    const sub = Object.hasOwn(shape, String(seg)) ? shape[String(seg)] : undefined;
    return sub ? schemaAt(sub, rest, child) : undefined;
  }
  if (s instanceof z.ZodRecord) return schemaAt(s.valueType as z.ZodType, rest, child);
  if (s instanceof z.ZodArray) return schemaAt(s.element as z.ZodType, rest, child);
  if (s instanceof z.ZodUnion) {
    const options = s.options as z.ZodType[];
    // prefer the option whose shape matches the value (a list vs one object)
    const matching = options.filter((o) => unwrap(o) instanceof z.ZodArray === Array.isArray(value));
    const named = discriminated(s, value);
    for (const o of [...(named ? [named] : []), ...matching, ...options]) {
      const found = schemaAt(o, path, value);
      if (found) return found;
    }
  }
  return undefined;
}

export const isObj = (v: unknown): v is Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v);

export function valueAt(value: unknown, path: readonly PathSeg[]): unknown {
  let v = value;
  for (const seg of path) {
    if (v === null || typeof v !== 'object') return undefined;
    v = (v as Record<string, unknown>)[seg as string];
  }
  return v;
}

/** A short rendering of a value for a message. */
export function show(v: unknown): string {
  if (typeof v === 'string') return `'${v.length > 40 ? `${v.slice(0, 39)}…` : v}'`;
  if (Array.isArray(v)) return 'a list';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'a map';
  return String(v);
}

export function kindOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'object') return 'a map';
  if (typeof v === 'string') return 'text';
  if (typeof v === 'number') return Number.isFinite(v) ? 'a number' : 'an infinite number';
  if (typeof v === 'boolean') return 'a boolean';
  return typeof v;
}

export interface IssueContext {
  src: SourceDoc;
  /** the schema the issues' paths are relative to */
  schema: z.ZodType;
  /** the value the issues' paths are relative to */
  value: unknown;
  /** path of that value in the document */
  base: PathSeg[];
  /** word for an unknown key ('key' by default; 'parameter' for params) */
  keyWord?: string;
}

/** The keys of the object schema `value` is checked against. */
function objectKeys(schema: z.ZodType | undefined, value: unknown): string[] {
  const u = schema && unwrap(schema);
  const s = u && (discriminated(u, value) ?? u);
  return s instanceof z.ZodObject ? Object.keys(s.shape) : [];
}

/** Turn zod issues into diagnostics at their nodes. */
export function issuesToDiagnostics(issues: readonly z.core.$ZodIssue[], ctx: IssueContext): Diagnostic[] {
  const out: Diagnostic[] = [];
  const { src, schema, value, base } = ctx;
  for (const issue of issues) {
    const rel = issue.path as PathSeg[];
    const path = [...base, ...rel];
    const v = valueAt(value, rel);
    const sub = schemaAt(schema, rel, valueAt(value, rel.slice(0, -1)));
    const expected = sub ? describeSchema(sub) : undefined;
    const withExpected = expected ? { expected } : {};
    switch (issue.code) {
      case 'unrecognized_keys': {
        const keys = objectKeys(sub, v);
        for (const key of issue.keys) {
          const hint = didYouMean(key, keys);
          out.push(
            src.diag([...path, key], {
              message: `unknown ${ctx.keyWord ?? 'key'} '${key}'`,
              at: 'key',
              ...(keys.length ? { expected: oneOf(keys) } : {}),
              ...(hint ? { hint: `did you mean '${hint}'?` } : {}),
            }),
          );
        }
        break;
      }
      case 'invalid_union': {
        // a discriminated union whose discriminator names no option
        if (issue.discriminator !== undefined && 'options' in issue && issue.options) {
          out.push(badValue(src, path, v, issue.options.map(String)));
          break;
        }
        // pick the option whose type matched (its issues are deeper); else it is a type mismatch here
        const errors = issue.errors as readonly (readonly z.core.$ZodIssue[])[];
        const branches = errors.filter(
          (errs) => !errs.some((e) => e.path.length === 0 && e.code === 'invalid_type'),
        );
        const options =
          sub && unwrap(sub) instanceof z.ZodUnion
            ? ((unwrap(sub) as z.ZodUnion).options as z.ZodType[])
            : [];
        const branch = branches[0];
        if (branch && options.length === errors.length) {
          const option = options[errors.indexOf(branch)]!;
          out.push(...issuesToDiagnostics(branch, { ...ctx, schema: option, value: v, base: path }));
        } else if (v === undefined) {
          out.push(
            src.diag(path, {
              message: `missing required key '${String(path[path.length - 1])}'`,
              missing: true,
              ...withExpected,
            }),
          );
        } else {
          out.push(
            src.diag(path, { message: `wrong type: ${kindOf(v)}${scalarSuffix(v)}`, ...withExpected }),
          );
        }
        break;
      }
      case 'invalid_type': {
        if (v === undefined) {
          out.push(
            src.diag(path, {
              message: `missing required key '${String(path[path.length - 1])}'`,
              missing: true,
              ...withExpected,
            }),
          );
        } else if (issue.expected === 'int' && typeof v === 'number') {
          out.push(src.diag(path, { message: `${show(v)} is not a whole number`, ...withExpected }));
        } else {
          out.push(
            src.diag(path, { message: `wrong type: ${kindOf(v)}${scalarSuffix(v)}`, ...withExpected }),
          );
        }
        break;
      }
      case 'too_small':
      case 'too_big': {
        let message: string;
        if (typeof v === 'number') message = `${show(v)} is out of range`;
        else if (typeof v === 'string')
          message = issue.code === 'too_small' ? 'must not be empty' : `too long (${v.length} characters)`;
        else if (Array.isArray(v))
          message =
            issue.code === 'too_big'
              ? 'the list is too long'
              : v.length === 0
                ? 'the list must not be empty'
                : 'the list is too short';
        else message = issue.message;
        out.push(src.diag(path, { message, ...withExpected }));
        break;
      }
      case 'invalid_format':
        out.push(src.diag(path, { message: `invalid value ${show(v)}`, ...withExpected }));
        break;
      case 'invalid_value':
        out.push(badValue(src, path, v, issue.values.map(String)));
        break;
      case 'invalid_key': {
        const record = schemaAt(schema, rel.slice(0, -1), valueAt(value, rel.slice(0, -2)));
        const r = record && unwrap(record);
        const keySchema = r instanceof z.ZodRecord ? (r.keyType as z.ZodType) : undefined;
        out.push(
          src.diag(path, {
            message: `invalid key '${String(path[path.length - 1])}'`,
            at: 'key',
            ...(keySchema ? { expected: describeSchema(keySchema) } : {}),
          }),
        );
        break;
      }
      default:
        out.push(src.diag(path, { message: issue.message, ...withExpected }));
    }
  }
  return out;
}

/** `v` (at `path`) is not one of `allowed`, or is missing. */
function badValue(src: SourceDoc, path: PathSeg[], v: unknown, allowed: string[]): Diagnostic {
  if (v === undefined) {
    return src.diag(path, {
      message: `missing required key '${String(path[path.length - 1])}'`,
      missing: true,
      expected: oneOf(allowed),
    });
  }
  const hint = typeof v === 'string' ? didYouMean(v, allowed) : undefined;
  return src.diag(path, {
    message: `invalid value ${show(v)}`,
    expected: oneOf(allowed),
    ...(hint ? { hint: `did you mean '${hint}'?` } : {}),
  });
}

function scalarSuffix(v: unknown): string {
  return v === null || typeof v === 'object' ? '' : ` (${show(v)})`;
}

/** Validate `value` against `schema`; diagnostics at their nodes (empty when valid). */
export function check(
  schema: z.ZodType,
  value: unknown,
  ctx: Omit<IssueContext, 'schema' | 'value'>,
): Diagnostic[] {
  const r = schema.safeParse(value);
  return r.success ? [] : issuesToDiagnostics(r.error.issues, { ...ctx, schema, value });
}
