// Scheduled events (scenario what-ifs and the shocks observed in history) applied at the start of
// their month. Forced rungs bypass the gates: they are exogenous facts, not the country's choice.

import { shiftPower } from './factions.js';
import { setPath } from './params.js';
import { DIMENSIONS, type Effect, FACTIONS, MAX_RUNG } from './types.js';
import { deriveCountries, type World } from './world.js';

const clamp01 = (x: number) => Math.min(1, Math.max(0, x));
const adjust = (current: number, e: { to?: number; delta?: number }) =>
  clamp01(e.to !== undefined ? e.to : current + (e.delta ?? 0));

export function applyEffect(w: World, e: Effect): void {
  const c = w.countries;
  switch (e.kind) {
    case 'rung': {
      const i = c.index.get(e.country);
      if (i !== undefined) w.rung[i] = Math.min(MAX_RUNG, Math.max(0, Math.round(e.to)));
      return;
    }
    case 'listed': {
      const i = c.index.get(e.country);
      if (i !== undefined) w.listed[i] = e.to ? 1 : 0;
      return;
    }
    case 'drive': {
      const i = c.index.get(e.country);
      if (i !== undefined) w.shock[i]! += e.delta;
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

function setParam(w: World, path: string[], value: number | boolean): void {
  if (!w.ownParams) {
    w.params = structuredClone(w.params);
    w.ownParams = true;
  }
  setPath(w.params, path, value);
  if (path[0] === 'countries' || path[0] === 'factions') {
    const gates = Object.fromEntries(w.countries.ids.map((id, i) => [id, w.countries.gates[i]!]));
    w.countries = deriveCountries(w.params, gates);
  }
}
