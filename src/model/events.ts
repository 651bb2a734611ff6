// Scheduled events (scenario what-ifs and the shocks observed in history) applied at the start of
// their month. Forced rungs bypass the gates: they are exogenous facts, not the country's choice, but
// they are moves all the same (cause `event`), and they feed the factions' engagement flows.

import { CAUSE, stamp } from './causes.js';
import { shiftPower } from './factions.js';
import { recordMove } from './moves.js';
import { setPath } from './params.js';
import { attack } from './threat.js';
import { DIMENSIONS, type Effect, FACTIONS, MAX_RUNG } from './types.js';
import { deriveCountries, noteRungs, type World } from './world.js';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const adjust = (current: number, e: { to?: number; delta?: number }) =>
  clamp01(e.to !== undefined ? e.to : current + (e.delta ?? 0));

export function applyEffect(w: World, e: Effect): void {
  const c = w.countries;
  switch (e.kind) {
    case 'rung':
    case 'listed':
    case 'drive':
    case 'precursor':
    case 'incident':
    case 'attack': {
      const i = c.index.get(e.country);
      if (i !== undefined) countryEffect(w, i, e);
      return;
    }
    case 'power':
      shiftPower(w.power, FACTIONS.indexOf(e.faction), e.delta, w.params.power.floor);
      return;
    case 'policy': {
      const d = DIMENSIONS.indexOf(e.dimension);
      w.policy[d] = adjust(w.policy[d]!, e);
      return;
    }
    case 'ideal': {
      // a lasting change: the anchor the ideal relaxes to moves with it
      const i = FACTIONS.indexOf(e.faction) * DIMENSIONS.length + DIMENSIONS.indexOf(e.dimension);
      w.ideal[i] = adjust(w.ideal[i]!, e);
      w.anchor[i] = w.ideal[i]!;
      return;
    }
    case 'threat':
      w.threat = adjust(w.threat, e);
      return;
    case 'param':
      setParam(w, e.path, e.to);
      return;
  }
}

function countryEffect(w: World, i: number, e: Effect & { country: string }): void {
  switch (e.kind) {
    case 'rung':
      stamp(w, i, CAUSE.event);
      recordMove(w, i, Math.min(MAX_RUNG, Math.max(0, Math.round(e.to))), CAUSE.event, true);
      return;
    case 'listed':
      stamp(w, i, CAUSE.event);
      // delisting is also a precursor of the next diplomatic step
      if (w.listed[i] && !e.to) w.precursorAt[i] = w.month;
      w.listed[i] = e.to ? 1 : 0;
      return;
    case 'drive':
      stamp(w, i, CAUSE.event);
      w.shock[i]! += e.delta;
      return;
    case 'precursor':
      stamp(w, i, CAUSE.precursor);
      w.precursorAt[i] = w.month;
      return;
    case 'incident':
      stamp(w, i, CAUSE.incident);
      w.shock[i]! -= w.params.dyads.incident_shock;
      return;
    case 'attack':
      attack(w, i);
      return;
  }
}

function setParam(w: World, path: string[], value: number | boolean): void {
  if (!w.ownParams) {
    w.params = structuredClone(w.params);
    w.ownParams = true;
  }
  setPath(w.params, path, value);
  if (path[0] === 'countries' || path[0] === 'factions' || path[0] === 'decision') {
    const gates = Object.fromEntries(w.countries.ids.map((id, i) => [id, w.countries.gates[i]!]));
    w.countries = deriveCountries(w.params, gates);
    // the snapshot's sums are of the table: weights and neighbours may have changed
    noteRungs(w);
  }
  // a changed interest is news for the country: a dated event, and so a cause
  const i = path[0] === 'countries' ? w.countries.index.get(path[1]!) : undefined;
  if (i !== undefined) stamp(w, i, CAUSE.event);
}
