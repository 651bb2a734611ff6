// The playground's pure core: the shipped files (as text) → data and scenarios; the page's settings →
// a scenario variant (what the downloaded YAML says) → the ModelInput of the run. The same src/scenario
// and src/model code the CLI uses; nothing here touches the DOM, so it runs in Node tests as well.

import { type RunSummary, summarize } from '../src/analysis/summary.js';
import {
  type Aggregate,
  createAggregate,
  type EnsembleDoc,
  ensembleDoc,
  mergePart,
  plainInput,
} from '../src/ensemble/index.js';
import { runTask } from '../src/ensemble/task.js';
import {
  actorsOf,
  type FactionId,
  type ModelInput,
  type ModelParams,
  monthRange,
  type ResultsDoc,
  type ScheduledEvent,
  type SimResult,
  simulate,
  toResultsDoc,
  withOverrides,
} from '../src/model/index.js';
import {
  buildInput,
  type FileReader,
  firstObservedMonth,
  initialState,
  LAST_MONTH,
  type LoadedScenario,
  loadData,
  loadScenario,
  type ModelData,
  memoryReader,
} from '../src/scenario/index.js';
import type { CountryExplanation } from '../src/validation/docs.js';
import { explainCountry } from '../src/validation/explain.js';
import { observedRungAt, recordOverlay } from '../src/validation/observed.js';

/** Where the shipped files sit in the in-memory file tree (keys of the files record). */
export const DATA_DIR = 'data';
export const SCENARIO_DIR = 'scenarios';

/** The faction whose starting share the power slider sets (the others are renormalized). */
export const POWER_FACTION: FactionId = 'haqqani';

export type ParamValue = number | boolean;

/** What the page's controls say. Only parameters the user changed are in `set`. */
export interface Settings {
  /** file name of the shipped scenario in scenarios/, e.g. 'baseline.yaml' */
  scenario: string;
  seed: string;
  start: string;
  end: string;
  /** dotted parameter path → value, as `set:` in a scenario file */
  set: Record<string, ParamValue>;
  /** POWER_FACTION's share at the start month (the others renormalized); undefined = as observed */
  power?: number;
  /** the scenario file the user loaded, when `scenario` names it: kept in the settings so that a link
   * (and the worker) carries it */
  loaded?: { file: string; text: string };
  /** an ensemble of this many runs (seeds <seed>/0 …); undefined: one run */
  runs?: number;
}

/** A scenario file's content, as the playground writes it (see scenario-yaml.ts). */
export interface Variant {
  name: string;
  /** the shipped scenario's file name, relative to the variant's own file */
  extends: string;
  question: string;
  description: string;
  seed: string;
  start: string;
  end: string;
  set: Record<string, ParamValue>;
  /** the power slider as an event at the start month (faction power cannot be set by `set:`) */
  events: { at: string; label: string; power: { faction: FactionId; delta: number } }[];
}

export interface ScenarioInfo {
  file: string;
  name: string;
  question: string;
  description: string;
}

export interface Run {
  settings: Settings;
  variant: Variant;
  input: ModelInput;
  result: SimResult;
  doc: ResultsDoc;
  summary: RunSummary;
}

/** Replications between two progress reports of an ensemble. */
export const ENSEMBLE_BLOCK = 25;

/** Power deltas are written to 6 decimals, and the page uses the written value. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

/** The value at a dotted path of the params (undefined when there is no such parameter). */
export function paramAt(params: ModelParams, path: string): unknown {
  let node: unknown = params;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

export class Playground {
  private files: Record<string, string>;
  private reader: FileReader;
  readonly data: ModelData;
  readonly scenarios: ScenarioInfo[];
  /** the scenario files the user loaded, by file name */
  private readonly userFiles = new Map<string, string>();
  /** the first month the data can start at */
  readonly firstMonth: string;
  readonly lastMonth = LAST_MONTH;
  private readonly loaded = new Map<string, LoadedScenario>();

  /** `files`: 'data/<name>' and 'scenarios/<name>' → text. */
  constructor(files: Record<string, string>) {
    this.files = { ...files };
    this.reader = memoryReader(this.files);
    this.data = loadData(DATA_DIR, this.reader);
    this.firstMonth = firstObservedMonth(this.data);
    this.scenarios = Object.keys(files)
      .filter((p) => p.startsWith(`${SCENARIO_DIR}/`) && /\.ya?ml$/.test(p))
      .map((p) => p.slice(SCENARIO_DIR.length + 1))
      .sort((a, b) => (a === 'baseline.yaml' ? -1 : b === 'baseline.yaml' ? 1 : a.localeCompare(b)))
      .map((file) => this.info(file));
  }

  /** Whether the user loaded this scenario file (not a shipped one). */
  isLoaded(file: string): boolean {
    return this.userFiles.has(file);
  }

  private info(file: string): ScenarioInfo {
    const { meta } = this.base(file);
    return { file, name: meta.name, question: meta.question, description: meta.description };
  }

  /**
   * Add a scenario file the user loaded (it may extend a shipped one), as the CLI would load it from
   * scenarios/. Throws the scenario layer's ScenarioError (located messages) when it is invalid; a
   * file of the same name as a shipped one is refused. Loading the same text again changes nothing.
   */
  load(file: string, text: string): ScenarioInfo {
    const path = `${SCENARIO_DIR}/${file}`;
    if (!/^[\w.-]+\.ya?ml$/.test(file))
      throw new RangeError(
        `'${file}' is not a scenario file name: letters, digits, '.', '-' and '_', ending in .yaml`,
      );
    if (!this.userFiles.has(file) && Object.hasOwn(this.files, path))
      throw new RangeError(`'${file}' is the name of a shipped scenario: rename the file to load it`);
    if (this.userFiles.get(file) === text) return this.info(file);
    const files = { ...this.files, [path]: text };
    const reader = memoryReader(files);
    // validated before anything changes: a bad file leaves the playground as it was
    const scenario = loadScenario(path, reader, this.data);
    this.files = files;
    this.reader = reader;
    this.userFiles.set(file, text);
    this.loaded.set(file, scenario);
    const info = this.info(file);
    const at = this.scenarios.findIndex((s) => s.file === file);
    if (at >= 0) this.scenarios[at] = info;
    else this.scenarios.push(info);
    return info;
  }

  /** The shipped scenario as the CLI loads it (parsed, validated and compiled once). */
  base(file: string): LoadedScenario {
    let s = this.loaded.get(file);
    if (!s) {
      s = loadScenario(`${SCENARIO_DIR}/${file}`, this.reader, this.data);
      this.loaded.set(file, s);
    }
    return s;
  }

  /** The settings of a scenario with nothing changed (a loaded one's text with them). */
  defaults(file: string): Settings {
    const { meta } = this.base(file);
    const text = this.userFiles.get(file);
    return {
      scenario: file,
      seed: meta.seed,
      start: meta.start,
      end: meta.end,
      set: {},
      ...(text === undefined ? {} : { loaded: { file, text } }),
    };
  }

  /** A parameter's value under `settings`: the user's change, else the scenario's. */
  value(settings: Settings, path: string): ParamValue {
    if (Object.hasOwn(settings.set, path)) return settings.set[path]!;
    const v = paramAt(this.base(settings.scenario).params, path);
    if (typeof v !== 'number' && typeof v !== 'boolean') throw new RangeError(`no parameter '${path}'`);
    return v;
  }

  /** `settings` with `path` set to `value`; a value equal to the scenario's removes the change. */
  withValue(settings: Settings, path: string, value: ParamValue): Settings {
    const set = { ...settings.set };
    if (paramAt(this.base(settings.scenario).params, path) === value) delete set[path];
    else set[path] = value;
    return { ...settings, set };
  }

  /** Faction power shares at the start month, as observed in data/events.csv (renormalized). */
  observedPower(settings: Settings): Record<FactionId, number> {
    const { params } = this.base(settings.scenario);
    return initialState(this.data, params.countries, settings.start, params.factions).power;
  }

  /** Lowest and highest share a faction can hold (the model's floor for the others). */
  powerRange(settings: Settings): [number, number] {
    const floor = this.base(settings.scenario).params.power.floor;
    return [floor, 1 - 2 * floor];
  }

  /** The scenario file the settings amount to (what "Download scenario" saves). */
  variant(settings: Settings): Variant {
    const { meta } = this.base(settings.scenario);
    const events: Variant['events'] = [];
    if (settings.power !== undefined) {
      const observed = this.observedPower(settings)[POWER_FACTION];
      const delta = round6(settings.power - observed);
      if (delta !== 0)
        events.push({
          at: settings.start,
          label: `Playground: ${this.data.params.factions[POWER_FACTION].name} power share set to ${settings.power} (others renormalized)`,
          power: { faction: POWER_FACTION, delta },
        });
    }
    const base = this.base(settings.scenario).params;
    const changes = Object.entries(settings.set).map(
      ([path, v]) => `${path}: ${String(paramAt(base, path))} → ${String(v)}`,
    );
    if (events.length > 0)
      changes.push(
        `${POWER_FACTION} power share at ${settings.start}: ${settings.power}, set by the event below ` +
          '(starting shares come from data/events.csv, not from a `set:` parameter)',
      );
    return {
      name: `${meta.name}-playground`,
      extends: settings.scenario,
      question: meta.question,
      description:
        `Made in the stancesim browser playground from ${settings.scenario}.\n` +
        (changes.length > 0
          ? `Changes:\n${changes.map((c) => `- ${c}`).join('\n')}`
          : 'No parameter changed.'),
      seed: settings.seed === '' ? meta.seed : settings.seed,
      start: settings.start,
      end: settings.end,
      set: { ...settings.set },
      events,
    };
  }

  /** The ModelInput of a variant: the shipped scenario, the variant's overrides and events, through
   * the scenario layer's buildInput (as loadScenario would merge a child file that extends it). */
  input(variant: Variant): ModelInput {
    return buildInput(this.scenario(variant), this.data);
  }

  /** A variant as the scenario layer holds a loaded file: the shipped one with the variant merged in. */
  scenario(variant: Variant): LoadedScenario {
    const base = this.base(variant.extends);
    const overrides = Object.entries(variant.set).map(([path, value]) => ({ path, value }));
    const params = withOverrides(base.params, overrides);
    const events: ScheduledEvent[] = variant.events.map((e) => ({
      at: e.at,
      label: e.label,
      effects: [{ kind: 'power', faction: e.power.faction, delta: e.power.delta }],
    }));
    return {
      ...base,
      meta: {
        ...base.meta,
        name: variant.name,
        seed: variant.seed,
        start: variant.start,
        end: variant.end,
        overrides: { ...base.meta.overrides, ...variant.set },
        events: [...base.meta.events, ...events],
      },
      params,
    };
  }

  /** Settings → ModelInput (variant, then input). */
  settingsToInput(settings: Settings): ModelInput {
    return this.input(this.variant(settings));
  }

  /** One run with everything the page shows. Throws a ScenarioError for invalid months or seed, or
   * for a loaded scenario file that is invalid. */
  run(settings: Settings): Run {
    if (settings.loaded) this.load(settings.loaded.file, settings.loaded.text);
    const variant = this.variant(settings);
    const input = this.input(variant);
    const result = simulate(input);
    const record = this.record(input);
    return {
      settings,
      variant,
      input,
      result,
      // with the record beside the run, as `stancesim run` writes it
      doc: { ...toResultsDoc(result, input.params), ...(record ? { record } : {}) },
      summary: summarize(result, variant.question),
    };
  }

  /** Why a country stands where it does in one month of the run (`stancesim explain`'s document, with
   * the record's rung that month when the record covers it). Throws the explain layer's error for a
   * month without a decision (the first). */
  explain(settings: Settings, country: string, date: string): CountryExplanation {
    if (settings.loaded) this.load(settings.loaded.file, settings.loaded.text);
    const input = this.input(this.variant(settings));
    const observed = observedRungAt(this.data.observations, country, date);
    return { ...explainCountry(input, date, country), ...(observed === undefined ? {} : { observed }) };
  }

  /** The observed record over an input's period (stance rows of the data), as the CLI draws it. */
  record(input: ModelInput) {
    return recordOverlay(this.data.observations, Object.keys(input.params.countries), input.start, input.end);
  }

  /**
   * `runs` replications of the settings (replication r with seed `<seed>/<r>`), aggregated by the code
   * `stancesim ensemble` uses (runTask, mergePart, ensembleDoc), so the numbers are the CLI's for the
   * same seed and runs. `progress(done)` after each block of ENSEMBLE_BLOCK runs.
   */
  ensemble(settings: Settings, runs: number, progress: (done: number) => void = () => {}): EnsembleDoc {
    if (settings.loaded) this.load(settings.loaded.file, settings.loaded.text);
    const variant = this.variant(settings);
    const input = this.input(variant);
    const reps = replications(input, runs);
    for (let step = reps.next(); ; step = reps.next()) {
      if (step.done) return this.ensembleOf(variant, input, step.value.aggregate, runs);
      progress(step.value);
    }
  }

  /** The ensemble document of a variant's aggregated runs, with the record, as the CLI writes it. */
  ensembleOf(variant: Variant, input: ModelInput, aggregate: Aggregate, runs: number, name = variant.name) {
    const record = this.record(input);
    const doc = ensembleDoc(aggregate, {
      scenario: name,
      question: variant.question,
      seed: input.seed,
      months: monthRange(input.start, input.end),
      countries: Object.keys(input.params.countries),
      actors: actorsOf(input.params),
      ...{ description: variant.description, start: input.start, end: input.end, runs },
    });
    return record ? { ...doc, record } : doc;
  }
}

/**
 * `runs` replications of an input (replication r with seed `<seed>/<r>`) in blocks of ENSEMBLE_BLOCK,
 * aggregated by the CLI's runTask and mergePart, with the values of `outcomes` per replication (as
 * `compare` keeps them); yields the runs done after each block.
 */
export function* replications(
  input: ModelInput,
  runs: number,
  outcomes: string[] = [],
): Generator<number, { aggregate: Aggregate; values: Float64Array }> {
  const countries = Object.keys(input.params.countries).length;
  const aggregate = createAggregate(monthRange(input.start, input.end).length, countries);
  const values = new Float64Array(runs * outcomes.length);
  const plain = plainInput(input);
  for (let from = 0; from < runs; from += ENSEMBLE_BLOCK) {
    const to = Math.min(runs, from + ENSEMBLE_BLOCK);
    const part = runTask({
      input: plain,
      from,
      to,
      aggregate: true,
      ...(outcomes.length ? { outcomes } : {}),
    });
    mergePart(aggregate, part.aggregate!);
    if (part.values) values.set(part.values, from * outcomes.length);
    yield to;
  }
  return { aggregate, values };
}

/** The numbers the page shows as headlines (and the browser test compares with the CLI). */
export interface Headline {
  first_recognition: { country: string; date: string } | null;
  /** countries at rung 5 or 6 at the end */
  at_least_5: number;
  legitimacy: number;
  kandahar_power: number;
  un_seat: boolean;
  final_rungs: Record<string, number>;
}

export function headline(summary: RunSummary): Headline {
  const counts = summary.final.count_by_rung;
  return {
    first_recognition: summary.first_recognition,
    at_least_5: (counts[5] ?? 0) + (counts[6] ?? 0),
    legitimacy: summary.final.legitimacy,
    kandahar_power: summary.final.power.kandahar ?? Number.NaN,
    un_seat: summary.final.un_seat,
    final_rungs: summary.final.rungs,
  };
}

/** The run as it stands at the end of `month`: its rows and log to then, its period (and so every
 * chart's axes) and the record unchanged, so the charts take the rows through their data and grow. */
export function upTo(doc: ResultsDoc, month: string): ResultsDoc {
  return {
    ...doc,
    rows: doc.rows.filter((r) => r.date <= month),
    log: doc.log.filter((e) => e.date <= month),
  };
}
