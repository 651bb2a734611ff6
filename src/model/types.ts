// The model's vocabulary: parameters, initial state, scheduled events and results.
// Everything here is plain data so it can cross a worker boundary or be written as JSON.

import type { BoolExpr } from './condition.js';

/** Policy dimensions of the regime, each an index in [0, 1] (0 = most repressive / least cooperative). */
export const DIMENSIONS = ['womens_rights', 'ct_cooperation', 'inclusivity'] as const;
export type Dimension = (typeof DIMENSIONS)[number];
export type PolicyVector = Record<Dimension, number>;

/** Taliban factions: the Kandahar circle (Haibatullah Akhundzada), the Haqqani network
 * (Sirajuddin Haqqani) and a swing/pragmatist bloc (Baradar, Yaqoob, Muttaqi's foreign ministry). */
export const FACTIONS = ['kandahar', 'haqqani', 'swing'] as const;
export type FactionId = (typeof FACTIONS)[number];

/** Engagement ladder; index = rung. */
export const RUNGS = [
  'hostile / no contact',
  'humanitarian only',
  'informal contact',
  'official talks',
  'diplomatic presence',
  'ambassador exchange',
  'formal recognition',
] as const;
export const MAX_RUNG = RUNGS.length - 1;

export const BLOCS = ['west', 'great_power', 'neighbour', 'central_asia', 'gulf', 'asia'] as const;
export type Bloc = (typeof BLOCS)[number];

/** A conditional gate as written in data or a scenario: reaching `rung` (or above) requires `when`. */
export interface GateSpec {
  rung: number;
  when: string;
}

export interface CountryParams {
  name: string;
  bloc: Bloc;
  /** weight in the legitimacy index and the UN credentials vote (0..1) */
  weight: number;
  /** permanent member of the UN Security Council */
  p5: boolean;
  /** pace of its diplomacy: monthly hazard of a move when its drive is far from its rung (0..1) */
  review_rate: number;
  /** exposure to ISK, whose enemy the Taliban are: engaging a Taliban that fights ISK pays, 0..1 */
  security: number;
  /** exposure to militants the Taliban harbour (the TTP, border militants): pushes away, 0..1 */
  harboured: number;
  /** strategic alignment against the West: engaging Kabul is a way to counter Western influence, 0..1 */
  alignment: number;
  /** stake in migration, returns and border management, which need the authorities in Kabul, 0..1 */
  migration: number;
  /** holds frozen Afghan central-bank reserves: their fate needs talks with Kabul, 0..1 */
  reserves: number;
  /** economic stakes: trade, corridors, minerals, transit, 0..1 */
  economic: number;
  /** stake in delivering aid inside Afghanistan, which needs people on the ground, 0..1 */
  humanitarian: number;
  /** weight on women's and girls' rights, 0..1 */
  rights: number;
  /** domestic political cost of legitimizing the Taliban, 0..1 */
  domestic: number;
  /** a per-country correction to the drive, in rungs: what the named interests leave out. Fitted by
   * `stancesim calibrate` under a shrinkage prior; the shipped data leave it at 0 */
  offset: number;
  /** countries whose lead it fears (moves to keep up with them) */
  rivals: string[];
  /** reference group whose stances it follows */
  peers: string[];
  /** great-power patron whose stance it weighs, or null */
  patron: string | null;
  gates: GateSpec[];
}

/** A listed diplomatic jump: one move from `from` straight to `to` (e.g. 4 → 6 when accepting an
 * ambassador's credentials is the act of recognition). */
export interface JumpSpec {
  from: number;
  to: number;
}

/** Global weights of the country decision (all in rung units). */
export interface DecisionParams {
  base: number;
  security: number;
  harboured: number;
  alignment: number;
  economic: number;
  humanitarian: number;
  migration: number;
  reserves: number;
  rivalry: number;
  peers: number;
  patron: number;
  rights: number;
  domestic: number;
  /** cost, in rungs, of engaging a group one's own law lists as terrorist */
  listing: number;
  /** cost, in rungs, of engaging while the UN 1988 sanctions regime is in force */
  un_sanctions: number;
  /** drive beyond the half-rung that a move needs (hysteresis, in rungs): stances stick */
  inertia: number;
  /** rungs of drive beyond the threshold over which the move hazard rises from 0 to the full pace */
  hazard_width: number;
  /** hazard of an upgrade with no cause in the window, relative to one with a cause (downgrades
   * always need a cause) */
  uncaused: number;
  /** months a cause stays in view */
  cause_window: number;
  /** a policy index moving by at least this within a month is a cause */
  policy_shift: number;
  /** the ISK threat rising by at least this within a month is a cause for exposed states */
  threat_shock: number;
  /** up-hazard multiplier while a precursor (delisting, an announced ambassador) is recent */
  precursor_boost: number;
  /** months a precursor raises the hazard of the next step */
  precursor_window: number;
  /** extra drive (in rungs) the exchange of ambassadors needs while few states have one */
  first_mover_ambassador: number;
  /** extra drive (in rungs) formal recognition needs while nobody has recognized */
  first_mover: number;
  /** weighted share at a rung at which its first-mover cost has faded to 0 (norm tipping point) */
  tipping_share: number;
  /** extra drive shortfall (in rungs) before a recognizer withdraws recognition */
  withdraw_cost: number;
  /** listed jumps of more than one rung */
  jumps: JumpSpec[];
  /** monthly persistence of event-driven drive shocks (0..1) */
  shock_persistence: number;
  /** a listed country may delist when its rung is at least this… */
  delist_rung: number;
  /** …and its drive is at least this */
  delist_drive: number;
}

export interface FactionParams {
  name: string;
  leader: string;
  /** initial power share (all factions sum to 1) */
  power: number;
  /** ideal policy */
  ideal: PolicyVector;
  /** authority over each policy dimension (0..1): the emir decides social policy */
  authority: PolicyVector;
}

export interface RegimeParams {
  /** monthly fraction of the gap to the factional target closed when policy tightens */
  tighten: number;
  /** …and when it loosens (edicts are sticky) */
  loosen: number;
  /** s.d. of monthly policy noise */
  noise: number;
  /** monthly pull of faction ideals back to their anchors (Friedkin–Johnsen stubbornness) */
  anchor: number;
}

export interface PowerParams {
  /** Kandahar share above which the emir consolidates (Svolik) */
  consolidation_threshold: number;
  /** monthly log-growth of the Kandahar share above the threshold */
  consolidation_rate: number;
  /** s.d. of monthly log-power noise */
  noise: number;
  /** monthly probability of an open Kandahar–Haqqani confrontation */
  contest_rate: number;
  /** Tullock contest exponent */
  contest_exponent: number;
  /** share of its power the loser of a contest cedes to the winner */
  contest_loss: number;
  /** no faction falls below this share */
  floor: number;
}

export interface MechanismParams {
  /** engagement earned by reform (an upgrade through a satisfied gate) strengthens pragmatists */
  reform_rewarded: { enabled: boolean; power_gain: number; ideal_gain: number };
  /** legitimacy given without conditions validates hardliners */
  emboldening: { enabled: boolean; power_gain: number; ideal_shift: number };
  /** Western isolation makes Kandahar crack down harder */
  isolation_crackdown: { enabled: boolean; threshold: number; power_gain: number; ideal_shift: number };
  /** monthly decay of the remembered engagement flows (0..1) */
  memory: number;
}

export interface ThreatParams {
  /** long-run ISK threat level with no Taliban counter-terrorism (0..1) */
  mean: number;
  /** monthly mean reversion */
  reversion: number;
  /** s.d. of monthly threat noise */
  volatility: number;
  /** how much Taliban CT cooperation lowers the long-run threat (0..1) */
  suppression: number;
  /** monthly probability of a mass-casualty attack at threat = mean */
  attack_rate: number;
  /** threat felt by the country hit, on top of the general level, after an attack (decays) */
  attack_jump: number;
}

/** Hostile dyads: militants the Taliban harbour attack a neighbour (the TTP in Pakistan, border
 * militants in Tajikistan); the country's `harboured` exposure scales the rate. */
export interface DyadParams {
  /** monthly probability of an incident at full exposure and no Taliban counter-terrorism */
  incident_rate: number;
  /** push on the drive of the country hit, in rungs (decays with shock_persistence) */
  incident_shock: number;
}

export interface UnParams {
  /** weighted share of modeled states at rung >= 5 needed to seat the Taliban */
  credentials_share: number;
  /** a P3 member (US, UK, France) below this rung blocks the seat */
  p3_block_below: number;
  /** a P5 member at or above this rung vetoes the renewal of the 1988 sanctions mandate */
  veto_rung: number;
}

export interface ModelParams {
  countries: Record<string, CountryParams>;
  decision: DecisionParams;
  factions: Record<FactionId, FactionParams>;
  regime: RegimeParams;
  power: PowerParams;
  mechanisms: MechanismParams;
  threat: ThreatParams;
  dyads: DyadParams;
  un: UnParams;
}

/** State at the first simulated month. */
export interface InitialState {
  rung: Record<string, number>;
  /** the country lists the Taliban as a terrorist organization (rung 6 needs delisting) */
  listed: Record<string, boolean>;
  power: Record<FactionId, number>;
  policy: PolicyVector;
  threat: number;
  un_seat: boolean;
  un_sanctions: boolean;
}

/** What an event changes. `delta` adds, `to` sets. */
export type Effect =
  | { kind: 'rung'; country: string; to: number }
  | { kind: 'listed'; country: string; to: boolean }
  | { kind: 'drive'; country: string; delta: number }
  | { kind: 'precursor'; country: string }
  | { kind: 'incident'; country: string }
  | { kind: 'attack'; country: string }
  | { kind: 'power'; faction: FactionId; delta: number }
  | { kind: 'policy'; dimension: Dimension; to?: number; delta?: number }
  | { kind: 'ideal'; faction: FactionId; dimension: Dimension; to?: number; delta?: number }
  | { kind: 'threat'; to?: number; delta?: number }
  | { kind: 'param'; path: string[]; to: number | boolean };

export interface ScheduledEvent {
  /** 'YYYY-MM' */
  at: string;
  label: string;
  effects: Effect[];
  /** where it came from (scenario file, data/events.csv row) */
  origin?: string;
}

/** A gate after compilation: `test` reads the condition variables (see conditionVariables); it is
 * `boolClosure(program)`, and the program is plain data that can be sent or saved. */
export interface CompiledGate {
  rung: number;
  when: string;
  program: BoolExpr;
  test: (vars: Float64Array) => boolean;
}

/** Everything one run needs. */
export interface ModelInput {
  scenario: string;
  seed: string;
  /** first and last simulated month, 'YYYY-MM' */
  start: string;
  end: string;
  params: ModelParams;
  initial: InitialState;
  events: ScheduledEvent[];
  /** compiled gates per country id; a country without gates may be absent */
  gates: Record<string, CompiledGate[]>;
}

/** Why a country moved: one of a closed list, seen in the month of the move or within
 * `cause_window` months before it (docs/MODEL.md §7.1). */
export const CAUSES = ['event', 'incident', 'threat', 'policy', 'gate', 'precursor', 'peer', 'none'] as const;
export type Cause = (typeof CAUSES)[number];

/** One change of rung: by the country's own hazard, or forced by an event (cause 'event'). */
export interface Move {
  date: string;
  country: string;
  from: number;
  to: number;
  cause: Cause;
  forced: boolean;
  /** an upgrade a binding gate allowed because policy crossed it */
  earned: boolean;
}

/** What a country's hazards were made of in a month (the step writes it; explain reads it). */
export interface Decision {
  drive: number;
  cap: number;
  /** the rung an up-move reaches (rung + 1, or a listed jump), -1 if none is allowed */
  upTo: number;
  /** first-mover cost of upTo */
  cost: number;
  /** drive beyond what the up-move needs (> 0: the hazard is positive) */
  excess: number;
  /** drive short of what keeping the rung needs (> 0: a downgrade is possible with a cause) */
  shortfall: number;
  /** the causes in view for a move up and a move down (indices into CAUSES) */
  causeUp: number;
  causeDown: number;
  precursor: boolean;
  /** the up-hazard's multiplier: 1 with a cause in view, `uncaused` without, raised by a precursor */
  boost: number;
  /** the country may delist this month (listed, high enough and driven enough) */
  delist: boolean;
  hazardUp: number;
  hazardDown: number;
  hazardDelist: number;
}

/** A decision with nothing decided. Its fraction fields hold a fraction (NaN) before clearDecision
 * sets them: V8 lays out a field it first sees holding a whole number for whole numbers, and the
 * first fraction written there changes the layout of every decision, throwing away the code compiled
 * against the old one. */
export function newDecision(): Decision {
  return clearDecision({
    drive: Number.NaN,
    cap: 0,
    upTo: -1,
    cost: Number.NaN,
    excess: Number.NaN,
    shortfall: Number.NaN,
    causeUp: 0,
    causeDown: 0,
    precursor: false,
    boost: Number.NaN,
    delist: false,
    hazardUp: Number.NaN,
    hazardDown: Number.NaN,
    hazardDelist: Number.NaN,
  });
}

/** `d` as nothing decided (newDecision's values), in place. */
export function clearDecision(d: Decision): Decision {
  d.drive = 0;
  d.cap = 0;
  d.upTo = -1;
  d.cost = 0;
  d.excess = 0;
  d.shortfall = 0;
  d.causeUp = CAUSES.length - 1;
  d.causeDown = CAUSES.length - 1;
  d.precursor = false;
  d.boost = 1;
  d.delist = false;
  d.hazardUp = 0;
  d.hazardDown = 0;
  d.hazardDelist = 0;
  return d;
}

/** The hazards of one country-month under teacher forcing, as HAZARD_FIELDS: what the direction
 * probabilities are made of, so a per-country drive offset can be applied afterwards in closed form
 * (likelihood.ts). */
export const HAZARD_FIELDS = ['excess', 'shortfall', 'pace', 'boost', 'down', 'delist'] as const;

/** The observed record a run is held to (teacher forcing): each month the model's hazards are noted,
 * then every country's rung and listing are set to the record's. Arrays are month-major over the
 * run's months; `hazards` is months × countries × HAZARD_FIELDS and is filled by the run. */
export interface Forcing {
  rung: Int8Array;
  listed: Uint8Array;
  hazards: Float64Array;
}

/** Something that happened during a run, for the log and the summary. */
export interface RunEvent {
  date: string;
  actor: string;
  what: string;
}

/** One run's trajectories, month-major typed arrays (index = month * width + column). */
export interface SimResult {
  scenario: string;
  seed: string;
  months: string[];
  countries: string[];
  rung: Int8Array;
  listed: Uint8Array;
  /** drive (the rung its interests point to, before gates) that the month's hazards used */
  drive: Float64Array;
  power: Float64Array;
  policy: Float64Array;
  threat: Float64Array;
  attacks: Uint8Array;
  legitimacy: Float64Array;
  un_seat: Uint8Array;
  un_sanctions: Uint8Array;
  log: RunEvent[];
  moves: Move[];
}
