// What a scenario changes from the shipped data, as report tables: each `set:` override beside the
// shipped value and its source, and each scenario event with its effects.

import { getPath } from '../model/params.js';
import type { Effect, ModelParams, ScheduledEvent } from '../model/types.js';
import { RUNGS } from '../model/types.js';

export interface ParameterChange {
  /** dotted parameter path, e.g. 'countries.US.domestic' */
  path: string;
  shipped: string;
  /** where the shipped value comes from (data/ sources); '' where none is recorded */
  shippedSource: string;
  value: string;
  /** the scenario file that sets it */
  source: string;
}

export interface EventRow {
  at: string;
  label: string;
  effects: string;
  /** file and line of the event */
  source: string;
}

/** A parameter value as text: gates as 'rung k when …', other lists and objects as JSON. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(absent)';
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) {
    if (value.length === 0) return 'none';
    if (value.every((g) => typeof g === 'object' && g !== null && 'rung' in g && 'when' in g))
      return value.map((g: { rung: number; when: string }) => `rung ${g.rung} when ${g.when}`).join('; ');
  }
  return JSON.stringify(value);
}

/** The source of a shipped value; a list (gates) has one per element, under `<path>.<i>`. */
function sourceOf(sources: Readonly<Record<string, string>>, path: string): string {
  const own = sources[path];
  if (own !== undefined) return own;
  const items = Object.entries(sources)
    .filter(([p]) => p.startsWith(`${path}.`) && /^\d+$/.test(p.slice(path.length + 1)))
    .map(([, s]) => s);
  return [...new Set(items)].join('; ');
}

/** Each override of a scenario (merged `set:`), in path order, beside the shipped value and its source. */
export function parameterChanges(
  overrides: Readonly<Record<string, unknown>>,
  shipped: { params: ModelParams; sources: Readonly<Record<string, string>> },
  file: string,
): ParameterChange[] {
  return Object.keys(overrides)
    .sort()
    .map((path) => ({
      path,
      shipped: formatValue(getPath(shipped.params, path.split('.'))),
      shippedSource: sourceOf(shipped.sources, path),
      value: formatValue(overrides[path]),
      source: file,
    }));
}

const signed = (x: number) => (x >= 0 ? `+${x}` : `−${-x}`);
const change = (e: { to?: number; delta?: number }) =>
  e.to !== undefined ? `to ${e.to}` : signed(e.delta ?? 0);

export function describeEffect(e: Effect): string {
  switch (e.kind) {
    case 'rung':
      return `${e.country} to rung ${e.to} (${RUNGS[e.to] ?? '?'})`;
    case 'listed':
      return `${e.country} ${e.to ? 'listed' : 'delisted'}`;
    case 'drive':
      return `${e.country} drive ${signed(e.delta)}`;
    case 'precursor':
      return `${e.country} announces its next step (precursor)`;
    case 'incident':
      return `${e.country} struck by militants the Taliban harbour`;
    case 'attack':
      return `ISK attack in ${e.country}`;
    case 'power':
      return `${e.faction} power ${signed(e.delta)}`;
    case 'policy':
      return `${e.dimension} ${change(e)}`;
    case 'ideal':
      return `${e.faction} ideal ${e.dimension} ${change(e)}`;
    case 'threat':
      return `ISK threat ${change(e)}`;
    case 'param':
      return `${e.path.join('.')} = ${e.to}`;
  }
}

/** A scenario's events with their effects and origins. */
export function eventRows(events: readonly ScheduledEvent[]): EventRow[] {
  return events.map((e) => ({
    at: e.at,
    label: e.label,
    effects: e.effects.map(describeEffect).join('; '),
    source: e.origin ?? '',
  }));
}
