// The model's vocabulary: parameters, initial state, scheduled events and results.
// Everything here is plain data so it can cross a worker boundary or be written as JSON.

import type { BoolExpr } from './condition.js';
import type { ActorInfo } from './results.js';

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
  /** probability per month that the country reviews its stance */
  review_rate: number;
  /** exposure to terrorist spill-over from Afghanistan (ISK, TTP), 0..1 */
  security: number;
  /** economic stakes: trade, corridors, minerals, transit, 0..1 */
  economic: number;
  /** stake in delivering aid inside Afghanistan, which needs people on the ground, 0..1 */
  humanitarian: number;
  /** weight on women's and girls' rights, 0..1 */
  rights: number;
  /** domestic political cost of legitimizing the Taliban, 0..1 */
  domestic: number;
  /** countries whose lead it fears (moves to keep up with them) */
  rivals: string[];
  /** reference group whose stances it follows */
  peers: string[];
  /** great-power patron whose stance it weighs, or null */
  patron: string | null;
  gates: GateSpec[];
}

/** Global weights of the country decision (all in rung units). */
export interface DecisionParams {
  base: number;
  security: number;
  economic: number;
  humanitarian: number;
  rivalry: number;
  peers: number;
  patron: number;
  rights: number;
  domestic: number;
  /** logit temperature of the rung choice: higher = noisier */
  temperature: number;
  /** utility cost of changing rung at a review */
  inertia: number;
  /** extra drive (in rungs) formal recognition needs while nobody has recognized */
  first_mover: number;
  /** weighted share of recognizers at which the first-mover cost has faded to 0 (norm tipping point) */
  tipping_share: number;
  /** monthly persistence of event-driven drive shocks (0..1) */
  shock_persistence: number;
  /** a listed country delists at a review when its rung is at least this… */
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
  /** threat jump after an attack */
  attack_jump: number;
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
  /** false: work out a country's drive only in the months it reviews, NaN in the others (ensembles
   * read rungs, not drives, and a country reviews in about one month of five) */
  recordDrive?: boolean;
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
  /** drive (target rung before gates) used at the month's review */
  drive: Float64Array;
  power: Float64Array;
  policy: Float64Array;
  threat: Float64Array;
  attacks: Uint8Array;
  legitimacy: Float64Array;
  un_seat: Uint8Array;
  un_sanctions: Uint8Array;
  log: RunEvent[];
}

/** Legend label of an actor: its name, with its leader when it has one. */
export function actorLabel(a: Pick<ActorInfo, 'name' | 'leader'>): string {
  const { leader } = a;
  return leader && !a.name.includes(leader) ? `${a.name} (${leader})` : a.name;
}
