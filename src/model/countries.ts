// Countries: each month every country's drive (the rung its interests point to) is the sum of named
// terms. Upgrades and downgrades are separate monthly hazards: a move needs the drive past the
// half-rung plus `inertia`, rises with the excess up to the country's pace, and a downgrade needs a
// cause in view (causes.ts). One rung per move, except the listed jumps; never above the cap the
// conditional gates allow; ambassadors and recognition carry a first-mover cost.

import { CAUSE, causeOf, precursorActive, stamp, stampWorldCauses } from './causes.js';
import { recordMove } from './moves.js';
import { DRIVE_TERMS } from './terms.js';
import { type CompiledGate, type Decision, type Forcing, HAZARD_FIELDS, MAX_RUNG } from './types.js';
import { snapshotRungs, type World } from './world.js';

const WR = 0; // policy index of womens_rights
const CT = 1; // policy index of ct_cooperation
const AMBASSADOR = 5;

/**
 * Every country's drive, the sum of its terms (DRIVE_TERMS order), into `w.drive`; the terms into
 * `out` (country × DRIVE_TERMS) when there is one (explanations read them; an ensemble's runs need the
 * sums alone). One loop over the countries, the month's values read once (a call per country read
 * them again for each: 4–6% of a run).
 */
export function drives(w: World, out?: Float64Array): void {
  const d = w.params.decision;
  const c = w.countries;
  const { patron, security, harboured, alignment, economic, humanitarian, migration, reserves } = c;
  const { peerScale, rights, domestic, offset } = c;
  const { prevRung: prev, felt, rivalGap, peerSum, listed, shock, drive } = w;
  const { threat, westMean, unSanctions } = w;
  const ct = w.policy[CT]!;
  const wr = w.policy[WR]!;
  const n = c.ids.length;
  const NT = DRIVE_TERMS.length;
  // the weights in locals: read from the parameters once, not once a country (the stores below keep
  // V8 from hoisting the reads out of the loop itself)
  const base = d.base;
  const wSecurity = d.security;
  const wHarboured = d.harboured;
  const wAlignment = d.alignment;
  const wEconomic = d.economic;
  const wHumanitarian = d.humanitarian;
  const wMigration = d.migration;
  const wReserves = d.reserves;
  const wRivalry = d.rivalry;
  const wPeers = d.peers;
  const wPatron = d.patron;
  const wRights = d.rights;
  const wDomestic = d.domestic;
  const wListing = d.listing;
  const unTerm = d.un_sanctions * unSanctions;
  for (let i = 0; i < n; i++) {
    const p = patron[i]!;
    const t0 = base;
    const t1 = wSecurity * security[i]! * (threat + felt[i]!) * ct;
    const t2 = -wHarboured * harboured[i]! * (1 - ct);
    const t3 = alignment[i]! > 0 ? wAlignment * alignment[i]! * (1 - westMean / MAX_RUNG) : 0;
    const t4 = wEconomic * economic[i]!;
    const t5 = wHumanitarian * humanitarian[i]!;
    const t6 = wMigration * migration[i]!;
    const t7 = wReserves * reserves[i]!;
    const t8 = (wRivalry * rivalGap[i]!) / MAX_RUNG;
    const t9 = peerScale[i]! > 0 ? (wPeers * peerSum[i]!) / peerScale[i]! : 0;
    const t10 = p >= 0 ? (wPatron * prev[p]!) / MAX_RUNG : 0;
    const t11 = -wRights * rights[i]! * (1 - wr);
    const t12 = -wDomestic * domestic[i]!;
    const t13 = -wListing * listed[i]! - unTerm;
    const t14 = shock[i]!;
    const t15 = offset[i]!;
    if (out) {
      const at = i * NT;
      out[at] = t0;
      out[at + 1] = t1;
      out[at + 2] = t2;
      out[at + 3] = t3;
      out[at + 4] = t4;
      out[at + 5] = t5;
      out[at + 6] = t6;
      out[at + 7] = t7;
      out[at + 8] = t8;
      out[at + 9] = t9;
      out[at + 10] = t10;
      out[at + 11] = t11;
      out[at + 12] = t12;
      out[at + 13] = t13;
      out[at + 14] = t14;
      out[at + 15] = t15;
    }
    // added one by one from 0 in this order, as the terms always were: the same sum to the last bit
    drive[i] = 0 + t0 + t1 + t2 + t3 + t4 + t5 + t6 + t7 + t8 + t9 + t10 + t11 + t12 + t13 + t14 + t15;
  }
}

/** The first gate that fails for country i (the one that binds), if any. */
export function bindingGate(w: World, i: number): CompiledGate | undefined {
  for (const gate of w.countries.gates[i]!) if (!gate.test(w.vars)) return gate;
  return undefined;
}

/** While a state's own law lists the Taliban as terrorist it may host their diplomats (rung 4) but
 * not exchange ambassadors with them or recognize them: delisting comes first (Kazakhstan accredited
 * Taliban diplomats while they were listed; Russia delisted before it recognized). */
export const LISTED_CAP = 4;

/** Highest rung country i may move up to: below its first gate closed as this month read them
 * (noteGates: the binding gate), and at most LISTED_CAP while listed. */
export function gateCap(w: World, i: number): number {
  const cap = w.openCap[i]!;
  return w.listed[i] ? Math.min(cap, LISTED_CAP) : cap;
}

/**
 * First-mover cost for country i of reaching rung r (5: ambassadors, 6: recognition), in rungs of
 * drive: full while nobody stands there, fading linearly to 0 as the weighted share at r or above
 * reaches the tipping share (norm cascade). It is the price of breaking the Western-led consensus, so
 * a state aligned against the West pays less of it: (1 − alignment). Other rungs cost nothing.
 */
export function firstMoverCost(w: World, i: number, r: number): number {
  const d = w.params.decision;
  const full = r === MAX_RUNG ? d.first_mover : r === AMBASSADOR ? d.first_mover_ambassador : 0;
  if (full === 0 || d.tipping_share <= 0) return 0;
  const c = w.countries;
  const share = w.weightAtOrAbove[r]!;
  return full * (1 - c.alignment[i]!) * Math.max(0, 1 - share / c.totalWeight / d.tipping_share);
}

/** Drive beyond what a move up to rung `to` needs: past the half-rung, the inertia and the first-mover
 * cost. */
function excessAt(w: World, i: number, drive: number, to: number): number {
  return drive - firstMoverCost(w, i, to) - (to - 0.5) - w.params.decision.inertia;
}

/** The hazard's rise with the excess (or shortfall): 0 at 0, the full pace at `width` rungs. */
function ramp(x: number, width: number): number {
  return x <= 0 ? 0 : width > 0 ? Math.min(1, x / width) : 1;
}

/** A move's monthly hazard from the drive beyond its threshold `x`: the country's pace times the
 * ramp times a boost, at most `cap`. One formula for the step and for the likelihood of the record. */
export function moveHazard(x: number, pace: number, boost: number, cap: number, width: number): number {
  return Math.min(cap, pace * ramp(x, width) * boost);
}

/** Whether country i may delist this month: listed, at a high enough rung and driven enough. */
function mayDelist(w: World, i: number, rung: number, drive: number): boolean {
  const d = w.params.decision;
  return w.listed[i] === 1 && rung >= d.delist_rung && drive >= d.delist_drive;
}

/** How far the drive falls short of keeping `rung` (−∞ at rung 0): a downgrade needs > 0. */
function shortfallOf(w: World, rung: number, drive: number): number {
  const d = w.params.decision;
  const withdraw = rung === MAX_RUNG ? d.withdraw_cost : 0;
  return rung > 0 ? rung - 0.5 - drive - d.inertia - withdraw : Number.NEGATIVE_INFINITY;
}

/** The one-rung step's excess (−∞ when the cap allows no step up): an upgrade needs > 0. */
function stepExcess(w: World, i: number, rung: number, cap: number, drive: number): number {
  return rung < cap ? excessAt(w, i, drive, rung + 1) : Number.NEGATIVE_INFINITY;
}

/**
 * Whether country i surely stays where it is this month with the draw `u`: u at or above a bound of the
 * hazards' sum that decide would find, taken with every cause and precursor in view. Each of decide's
 * hazards is at most its term here (the same products and minima of smaller or equal factors, which
 * IEEE rounding keeps in order), and the three add in the same order, so the bound is never below
 * the sum the step compares u with. Always true when every hazard is 0 (no delisting in reach, the
 * drive short of both thresholds); false says nothing: decide decides. An ensemble's runs skip decide
 * then, as no move can come of it.
 */
export function surelyStays(w: World, i: number, drive: number, u: number): boolean {
  const d = w.params.decision;
  const rung = w.prevRung[i]!;
  const pace = w.countries.reviewRate[i]!;
  // the largest factor each could be (validation keeps uncaused in [0, 1], precursor_boost ≥ 0)
  const uncaused = Math.max(1, d.uncaused);
  const boost = uncaused * (1 + Math.max(0, d.precursor_boost));
  const delist = mayDelist(w, i, rung, drive) ? Math.min(1, pace * uncaused) : 0;
  const up = moveHazard(stepExcess(w, i, rung, gateCap(w, i), drive), pace, boost, 1, d.hazard_width);
  const down = moveHazard(shortfallOf(w, rung, drive), pace, 1, 1, d.hazard_width);
  return u >= delist + up + down;
}

/**
 * Whether every hazard of country i is surely 0 this month: its drive inside the band between its two
 * thresholds (no delisting in reach, short of both the step up and the step down), worked out once for
 * its rung, cap and listing (and again after noteRungs: the weights, parameters or table changed),
 * narrowed on each side by far more than the rounding of decide's sums of the same terms. False says
 * nothing (surelyStays, then decide, decide). Most months most countries are well inside their band,
 * and the check is two comparisons instead of the terms.
 */
export function surelyHolds(w: World, i: number, drive: number): boolean {
  const key = w.prevRung[i]! | (w.openCap[i]! << 3) | (w.listed[i]! << 6);
  if (w.holdKey[i] !== key) holdBand(w, i, key);
  return drive > w.holdLo[i]! && drive < w.holdHi[i]!;
}

/** Relative margin of the holding band: decide sums at most five terms, each rounded by 2⁻⁵³. */
const BAND_MARGIN = 1e-9;

function holdBand(w: World, i: number, key: number): void {
  const d = w.params.decision;
  const rung = w.prevRung[i]!;
  const cap = gateCap(w, i);
  // shortfallOf ≤ 0 above lo; stepExcess ≤ 0 below hi; mayDelist false below delist_drive
  const withdraw = rung === MAX_RUNG ? d.withdraw_cost : 0;
  const lo = rung > 0 ? rung - 0.5 - d.inertia - withdraw : Number.NEGATIVE_INFINITY;
  const loSize = rung + Math.abs(d.inertia) + Math.abs(withdraw);
  let hi = Number.POSITIVE_INFINITY;
  let hiSize = 0;
  if (rung < cap) {
    const cost = firstMoverCost(w, i, rung + 1);
    hi = cost + (rung + 0.5) + d.inertia;
    hiSize = Math.abs(cost) + rung + 1 + Math.abs(d.inertia);
  }
  if (w.listed[i] === 1 && rung >= d.delist_rung && d.delist_drive <= hi) {
    hi = d.delist_drive;
    hiSize = Math.max(hiSize, Math.abs(hi));
  }
  w.holdLo[i] = lo + BAND_MARGIN * (1 + loSize);
  w.holdHi[i] = hi - BAND_MARGIN * (1 + hiSize);
  w.holdKey[i] = key;
}

/**
 * Whether an ensemble's run may leave country i undecided this month: it surely holds, or surely stays
 * with its draw (surelyHolds, surelyStays). Both tests in one small function, reading the drive and
 * the draw from the world: Node 20's V8 inlines it into the step with both tests, where it inlined
 * surelyHolds but called surelyStays, and the step then allocated a boxed number a country and month,
 * ~40 KB a run (V8's sampling heap profiler). Which calls V8 inlines is its own heuristic.
 */
function skipsDecision(w: World, i: number): boolean {
  const drive = w.drive[i]!;
  return surelyHolds(w, i, drive) || surelyStays(w, i, drive, w.draw[i]!);
}

/** Country i's hazards this month, given its drive. */
export function decide(w: World, i: number, drive: number, out: Decision): Decision {
  const d = w.params.decision;
  const c = w.countries;
  const rung = w.prevRung[i]!;
  const cap = gateCap(w, i);
  const pace = c.reviewRate[i]!;
  const causeUp = causeOf(w, i, 1);
  const causeDown = causeOf(w, i, -1);
  const precursor = precursorActive(w, i);
  // the hazard's size comes from the one-rung step; the move is the listed jump when the drive clears
  // the jump's rung too (so more drive never lowers the hazard)
  let upTo = rung < cap ? rung + 1 : -1;
  const excess = stepExcess(w, i, rung, cap, drive);
  const jump = c.jump[rung]!;
  if (jump > rung && jump <= cap && excessAt(w, i, drive, jump) > 0) upTo = jump;
  const shortfall = shortfallOf(w, rung, drive);
  const caused = causeUp !== CAUSE.none;
  const boost = (caused ? 1 : d.uncaused) * (precursor ? 1 + d.precursor_boost : 1);
  const delist = mayDelist(w, i, rung, drive);
  out.drive = drive;
  out.cap = cap;
  out.upTo = upTo;
  out.cost = upTo >= 0 ? firstMoverCost(w, i, upTo) : 0;
  out.excess = excess;
  out.shortfall = shortfall;
  out.causeUp = causeUp;
  out.causeDown = causeDown;
  out.precursor = precursor;
  out.delist = delist;
  out.hazardDelist = delist ? Math.min(1, pace * (caused ? 1 : d.uncaused)) : 0;
  out.boost = boost;
  out.hazardUp = moveHazard(excess, pace, boost, 1 - out.hazardDelist, d.hazard_width);
  out.hazardDown =
    causeDown !== CAUSE.none ? moveHazard(shortfall, pace, 1, 1 - out.hazardDelist, d.hazard_width) : 0;
  return out;
}

/** Delisting is a step of its own, and the precursor of the next. */
function delist(w: World, i: number): void {
  w.listed[i] = 0;
  w.precursorAt[i] = w.month;
  stamp(w, i, CAUSE.precursor);
  w.log?.push({
    date: w.date,
    actor: w.countries.ids[i]!,
    what: 'removes the Taliban from its terrorist list',
  });
}

/** Teacher forcing: note what country i's hazards were made of (HAZARD_FIELDS), then move it to the
 * record's rung and listing, so the next month decides on the observed state. */
function holdToRecord(w: World, i: number, dec: Decision, f: Forcing): void {
  const n = w.countries.ids.length;
  const cell = w.step * n + i;
  const h = cell * HAZARD_FIELDS.length;
  f.hazards[h] = dec.excess;
  f.hazards[h + 1] = dec.shortfall;
  f.hazards[h + 2] = w.countries.reviewRate[i]!;
  f.hazards[h + 3] = dec.upTo >= 0 ? dec.boost : 0;
  f.hazards[h + 4] = dec.causeDown !== CAUSE.none ? 1 : 0;
  f.hazards[h + 5] = dec.hazardDelist;
  if (w.listed[i] === 1 && f.listed[cell] === 0) delist(w, i);
  else w.listed[i] = f.listed[cell]!;
  const to = f.rung[cell]!;
  const from = w.rung[i]!;
  if (to !== from) recordMove(w, i, to, to > from ? dec.causeUp : dec.causeDown, false);
}

export function stepCountries(w: World): void {
  const d = w.params.decision;
  const dy = w.params.dyads;
  const c = w.countries;
  const n = c.ids.length;
  snapshotRungs(w);
  stampWorldCauses(w);
  // the draws and incidents first, then every drive (a country's incident in its month's drive; no
  // country's decision changes what another's drive reads), then the decisions
  const { draw, struck } = w;
  const streams = w.streams.countries;
  const rate = dy.incident_rate;
  const notCt = 1 - w.policy[CT]!;
  for (let i = 0; i < n; i++) {
    // two draws every month whatever happens, so a country's stream stays aligned across scenarios
    const stream = streams[i]!;
    draw[i] = stream.double();
    const v = stream.double();
    // a hostile-dyad incident: militants the Taliban harbour strike the country
    struck[i] = v < rate * c.harboured[i]! * notCt ? 1 : 0;
    if (struck[i]) {
      w.shock[i]! -= dy.incident_shock;
      stamp(w, i, CAUSE.incident);
    }
  }
  drives(w, w.readsDecisions ? w.terms : undefined);
  // a shock counts in full in the month it comes, then fades
  const { shock } = w;
  const persistence = d.shock_persistence;
  for (let i = 0; i < n; i++) shock[i]! *= persistence;
  for (let i = 0; i < n; i++) {
    // the log in the order it always had: a country's incident, then its move
    if (struck[i])
      w.log?.push({ date: w.date, actor: c.ids[i]!, what: 'is struck by militants the Taliban harbour' });
    if (!w.readsDecisions && skipsDecision(w, i)) continue;
    const drive = w.drive[i]!;
    const u = draw[i]!;
    const dec = decide(w, i, drive, w.decisions[i]!);
    if (w.forcing) {
      holdToRecord(w, i, dec, w.forcing);
      continue;
    }
    if (u < dec.hazardDelist) {
      delist(w, i);
    } else if (u < dec.hazardDelist + dec.hazardUp) {
      recordMove(w, i, dec.upTo, dec.causeUp, false);
    } else if (u < dec.hazardDelist + dec.hazardUp + dec.hazardDown) {
      recordMove(w, i, w.prevRung[i]! - 1, dec.causeDown, false);
    }
  }
  const m = w.params.mechanisms.memory;
  w.earned = m * w.earned + w.flowEarned;
  w.unearned = m * w.unearned + w.flowUnearned;
  w.flowEarned = 0;
  w.flowUnearned = 0;
}
