// Comparing scenarios under common random numbers: replication r of every scenario draws the same
// streams, so the per-replication difference of an outcome isolates what the scenarios change.

import { mean, pairedDifference } from '../explore/stats.js';
import { round6 } from '../model/results.js';
import type { ModelParams, ScheduledEvent } from '../model/types.js';
import type { CompareDoc, EnsembleDoc, OutcomeRef } from './docs.js';

export interface CompareArm {
  name: string;
  question: string;
  file: string;
  params: ModelParams;
  events: ScheduledEvent[];
  ensemble: EnsembleDoc;
  /** outcome values [rep · outcomes + outcome] */
  values: Float64Array;
}

function column(values: Float64Array, outcomes: number, k: number): number[] {
  const out: number[] = [];
  for (let i = k; i < values.length; i += outcomes) out.push(values[i]!);
  return out;
}

/** Leaves of a parameter tree as dotted path → text (lists as JSON). */
export function flattenParams(
  value: unknown,
  prefix = '',
  out: Record<string, string> = {},
): Record<string, string> {
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    for (const [k, v] of Object.entries(value)) flattenParams(v, prefix ? `${prefix}.${k}` : k, out);
  } else out[prefix] = typeof value === 'string' ? value : JSON.stringify(value);
  return out;
}

/** Parameter paths (and the event list) whose values differ between arms. */
export function differingOverrides(
  arms: readonly Pick<CompareArm, 'name' | 'params' | 'events'>[],
): CompareDoc['overrides'] {
  const flat = arms.map((a) => flattenParams(a.params));
  const paths = [...new Set(flat.flatMap((f) => Object.keys(f)))].sort();
  const rows: CompareDoc['overrides'] = [];
  for (const path of paths) {
    const values = flat.map((f) => f[path] ?? '(absent)');
    if (values.some((v) => v !== values[0]))
      rows.push({ path, values: Object.fromEntries(arms.map((a, i) => [a.name, values[i]!])) });
  }
  const events = arms.map((a) => a.events.map((e) => `${e.at} ${e.label}`).join('; '));
  if (events.some((e) => e !== events[0]))
    rows.push({
      path: 'events',
      values: Object.fromEntries(arms.map((a, i) => [a.name, events[i] || '(none)'])),
    });
  return rows;
}

export function compareDoc(
  seed: string,
  runs: number,
  outcomes: OutcomeRef[],
  arms: CompareArm[],
): CompareDoc {
  const [reference, ...others] = arms;
  if (!reference || others.length === 0) throw new RangeError('a comparison needs at least two scenarios');
  const O = outcomes.length;
  const differences: CompareDoc['differences'] = [];
  outcomes.forEach((outcome, k) => {
    const a = column(reference.values, O, k);
    for (const arm of others) {
      const b = column(arm.values, O, k);
      const d = pairedDifference(a, b);
      differences.push({
        outcome,
        reference: reference.name,
        scenario: arm.name,
        reference_mean: round6(mean(a)),
        scenario_mean: round6(mean(b)),
        difference: round6(d.mean),
        lo: round6(d.lo),
        hi: round6(d.hi),
      });
    }
  });
  return {
    kind: 'compare',
    seed,
    runs,
    scenarios: arms.map((a) => ({ name: a.name, question: a.question, file: a.file })),
    differences,
    overrides: differingOverrides(arms),
    ensembles: arms.map((a) => a.ensemble),
  };
}
