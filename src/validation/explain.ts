// Why an agent moved or stayed in one month: the run is replayed to that month and the decision is
// taken apart with the same functions the step used, so the terms add up to the drive the model used.

import {
  bindingGate,
  DRIVE_TERMS,
  driveTerms,
  firstMoverCost,
  gateCap,
  utility,
} from '../model/countries.js';
import { POWER_TERMS, policyTarget } from '../model/factions.js';
import { simulate } from '../model/simulate.js';
import { parseMonth } from '../model/time.js';
import { DIMENSIONS, FACTIONS, type FactionId, MAX_RUNG, type ModelInput } from '../model/types.js';
import type { CountryExplanation, FactionExplanation } from './docs.js';

export class ExplainError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
    this.name = 'ExplainError';
  }
}

/** The run's month index of `date`, which must be after the start (month 0 has no decision). */
function monthIndex(input: ModelInput, date: string): number {
  const m = parseMonth(date) - parseMonth(input.start);
  if (m < 1 || parseMonth(date) > parseMonth(input.end))
    throw new ExplainError(
      `${date} is not a month with a decision in this run (${input.start} to ${input.end})`,
      `give a month after ${input.start} with --at, or move --start earlier`,
    );
  return m;
}

export function explainCountry(input: ModelInput, date: string, id: string): CountryExplanation {
  const ids = Object.keys(input.params.countries);
  const i = ids.indexOf(id);
  if (i < 0) throw new ExplainError(`unknown country '${id}'`, `countries: ${ids.join(', ')}`);
  const at = monthIndex(input, date);
  let found: CountryExplanation | undefined;
  simulate({ ...input, recordDrive: true }, (w, m) => {
    if (m !== at) return;
    const out = new Float64Array(DRIVE_TERMS.length);
    const drive = driveTerms(w, i, out);
    const gate = bindingGate(w, i);
    const cap = gateCap(w, i);
    const cost6 = firstMoverCost(w);
    const before = w.prevRung[i]!;
    const { temperature, inertia } = w.params.decision;
    // the options a review weighs: one rung down, stay, one up (up only to the cap)
    const lo = Math.max(0, before - 1);
    const hi = Math.min(MAX_RUNG, Math.max(before, Math.min(before + 1, cap)));
    const utilities = [];
    for (let r = lo; r <= hi; r++)
      utilities.push({ rung: r, utility: utility(r, before, drive, inertia, cost6) });
    const best = Math.max(...utilities.map((o) => o.utility));
    const weights = utilities.map((o) => Math.exp((o.utility - best) / temperature));
    const total = weights.reduce((a, b) => a + b, 0);
    found = {
      kind: 'explain-country',
      scenario: input.scenario,
      seed: input.seed,
      date,
      country: id,
      name: input.params.countries[id]!.name,
      rung_before: before,
      rung_after: w.rung[i]!,
      reviewed: w.reviewed[i] === 1,
      terms: DRIVE_TERMS.map((term, k) => ({ term, value: out[k]! })),
      drive,
      cap,
      binding_gate: gate ? { rung: gate.rung, when: gate.when } : null,
      listed: w.listed[i] === 1,
      first_mover_cost: cost6,
      options: utilities.map((o, k) => ({ ...o, p: weights[k]! / total })),
    };
  });
  return found!;
}

export function explainFaction(input: ModelInput, date: string, id: string): FactionExplanation {
  const f = (FACTIONS as readonly string[]).indexOf(id);
  if (f < 0) throw new ExplainError(`unknown faction '${id}'`, `factions: ${FACTIONS.join(', ')}`);
  const at = monthIndex(input, date);
  const NT = POWER_TERMS.length;
  const ND = DIMENSIONS.length;
  let found: Omit<FactionExplanation, 'power_before'> | undefined;
  const run = simulate(input, (w, m) => {
    if (m !== at) return;
    const authority = w.countries.authority;
    found = {
      kind: 'explain-faction',
      scenario: input.scenario,
      seed: input.seed,
      date,
      faction: id,
      name: input.params.factions[id as FactionId].name,
      power_after: w.power[f]!,
      terms: POWER_TERMS.map((term, k) => ({ term, value: w.powerTerms[f * NT + k]! })),
      flows: { earned: w.earned, unearned: w.unearned, isolation: w.isolation },
      policy: DIMENSIONS.map((dimension, d) => {
        let den = 0;
        for (let g = 0; g < FACTIONS.length; g++) den += w.power[g]! * authority[g * ND + d]!;
        return {
          dimension,
          target: policyTarget(w, d),
          ideal: w.ideal[f * ND + d]!,
          weight: den > 0 ? (w.power[f]! * authority[f * ND + d]!) / den : 0,
        };
      }),
    };
  });
  return { ...found!, power_before: run.power[(at - 1) * FACTIONS.length + f]! };
}
