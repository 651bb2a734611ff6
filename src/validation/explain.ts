// Why an agent moved or stayed in one month: the run is replayed to that month and the decision is
// taken apart with the same functions the step used, so the terms add up to the drive the model used.

import { bindingGate } from '../model/countries.js';
import { policyTarget } from '../model/regime.js';
import { simulate } from '../model/simulate.js';
import { DRIVE_TERMS, POWER_TERMS } from '../model/terms.js';
import { parseMonth } from '../model/time.js';
import { CAUSES, DIMENSIONS, FACTIONS, type FactionId, type ModelInput } from '../model/types.js';
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
      m < 1
        ? `give a month after ${input.start} with --at (the first month is the start state), or move --start earlier`
        : `give a month up to ${input.end} with --at, or run longer with --end ${date}`,
    );
  return m;
}

export function explainCountry(input: ModelInput, date: string, id: string): CountryExplanation {
  const ids = Object.keys(input.params.countries);
  const i = ids.indexOf(id);
  if (i < 0) throw new ExplainError(`unknown country '${id}'`, `countries: ${ids.join(', ')}`);
  const at = monthIndex(input, date);
  let found: CountryExplanation | undefined;
  // the hook runs after the month's step: the terms and the decision are the ones the step recorded
  const NT = DRIVE_TERMS.length;
  simulate(input, (w, m) => {
    if (m !== at) return;
    const d = w.decisions[i]!;
    const listedBefore = d.delist ? 1 : w.listed[i]!; // only a delisting changes it in the step
    const gate = bindingGate(w, i);
    const before = w.prevRung[i]!;
    const after = w.rung[i]!;
    const move = w.moves.find((mv) => mv.date === date && mv.country === id && !mv.forced);
    // delisting keeps the rung: it is part of staying
    const pStay = Math.max(0, 1 - d.hazardUp - d.hazardDown);
    found = {
      kind: 'explain-country',
      scenario: input.scenario,
      seed: input.seed,
      date,
      country: id,
      name: input.params.countries[id]!.name,
      rung_before: before,
      rung_after: after,
      moved: after !== before,
      // staying: the cause in view for the move the drive points to (down when it falls short)
      cause: move ? move.cause : CAUSES[d.shortfall > 0 ? d.causeDown : d.causeUp]!,
      earned: move?.earned ?? false,
      terms: DRIVE_TERMS.map((term, k) => ({ term, value: w.terms[i * NT + k]! })),
      drive: d.drive,
      cap: d.cap,
      binding_gate: gate ? { rung: gate.rung, when: gate.when } : null,
      listed: listedBefore === 1,
      first_mover_cost: d.cost,
      excess: d.upTo >= 0 ? d.excess : null,
      shortfall: before > 0 ? d.shortfall : null,
      precursor: d.precursor,
      options: [
        ...(before > 0 ? [{ rung: before - 1, p: d.hazardDown }] : []),
        { rung: before, p: pStay },
        ...(d.upTo >= 0 ? [{ rung: d.upTo, p: d.hazardUp }] : []),
      ],
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
  // the factions step first in a month: their terms read the flows the countries left the month before
  let flows = { earned: 0, unearned: 0 };
  const run = simulate(input, (w, m) => {
    if (m === at - 1) flows = { earned: w.earned, unearned: w.unearned };
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
      flows: { ...flows, isolation: w.isolation },
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
