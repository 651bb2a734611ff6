// The playground's model side: the shipped files (as text) → data and scenarios, and the page's
// catalogue of them; the page's settings → a scenario variant (what the downloaded YAML says) → the
// ModelInput of a run. The same src/scenario and src/model code the CLI uses. It runs in the page's
// worker (worker.ts, started from a snapshot made at build time) and in Node tests; nothing here
// touches the DOM.

import { type RunSummary, summarize } from '../src/analysis/summary.js';
import {
  type Aggregate,
  createAggregate,
  type EnsembleDoc,
  ensembleDoc,
  liveGates,
  mergePart,
  type PlainGate,
  plainGates,
  plainInput,
} from '../src/ensemble/index.js';
import { runTask } from '../src/ensemble/task.js';
import {
  actorsOf,
  type FactionId,
  formatMonth,
  type ModelInput,
  type ModelParams,
  monthRange,
  parseMonth,
  type ResultsDoc,
  type ScheduledEvent,
  type SimResult,
  simulate,
  toResultsDoc,
  withOverrides,
} from '../src/model/index.js';
import type { ModelData } from '../src/scenario/data.js';
import { type FileReader, memoryReader } from '../src/scenario/files.js';
import { buildInput, initialState } from '../src/scenario/input.js';
import type { LoadedScenario } from '../src/scenario/load.js';
import { firstObservedMonth, LAST_MONTH } from '../src/scenario/months.js';
import type { CountryExplanation } from '../src/validation/docs.js';
import { explainCountry } from '../src/validation/explain.js';
import { observedRungAt, recordOverlay } from '../src/validation/observed.js';
import {
  Catalogue,
  type CatalogueData,
  type ParamValue,
  POWER_FACTION,
  type ScenarioEntry,
  type ScenarioInfo,
  type Settings,
  type Variant,
} from './catalogue.js';
import { loadData, loadScenario } from './loader.js';

/** Where the shipped files sit in the in-memory file tree (keys of the files record). */
export const DATA_DIR = 'data';
export const SCENARIO_DIR = 'scenarios';

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

/** The value at a dotted path of the params (undefined when there is no such parameter). */
export function paramAt(params: ModelParams, path: string): unknown {
  let node: unknown = params;
  for (const key of path.split('.')) {
    if (node === null || typeof node !== 'object' || !Object.hasOwn(node, key)) return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node;
}

/** Every number and true/false in the params, by dotted path (what a link or `set:` may name). */
function leaves(
  node: unknown,
  prefix = '',
  out: Record<string, ParamValue> = {},
): Record<string, ParamValue> {
  if (typeof node === 'number' || typeof node === 'boolean') out[prefix] = node;
  else if (node !== null && typeof node === 'object')
    for (const [key, v] of Object.entries(node)) leaves(v, prefix ? `${prefix}.${key}` : key, out);
  return out;
}

/** The engine's state at build time, as plain data (build.mjs inlines it): the worker starts from it
 * without parsing the YAML or compiling a gate. */
export interface Snapshot {
  files: Record<string, string>;
  data: ModelData;
  /** the shipped scenarios as loaded, their gates without closures */
  scenarios: Record<string, Omit<LoadedScenario, 'gates'> & { gates: Record<string, PlainGate[]> }>;
  catalogue: CatalogueData;
}

export class Playground {
  private files: Record<string, string>;
  private reader: FileReader;
  readonly data: ModelData;
  /** what the page knows of the scenarios (the shipped ones, and those loaded) */
  readonly catalogue: Catalogue;
  private readonly loaded = new Map<string, LoadedScenario>();

  /** `files`: 'data/<name>' and 'scenarios/<name>' → text. From a snapshot of them (made by
   * `snapshot()`), nothing is parsed again. */
  constructor(files: Record<string, string>, snapshot?: Snapshot) {
    this.files = { ...files };
    this.reader = memoryReader(this.files);
    if (snapshot) {
      this.data = snapshot.data;
      for (const [file, s] of Object.entries(snapshot.scenarios))
        this.loaded.set(file, { ...s, gates: liveGates(s.gates) });
      this.catalogue = new Catalogue(snapshot.catalogue);
      return;
    }
    this.data = loadData(DATA_DIR, this.reader);
    const shipped = Object.keys(files)
      .filter((p) => p.startsWith(`${SCENARIO_DIR}/`) && /\.ya?ml$/.test(p))
      .map((p) => p.slice(SCENARIO_DIR.length + 1))
      .sort((a, b) => (a === 'baseline.yaml' ? -1 : b === 'baseline.yaml' ? 1 : a.localeCompare(b)));
    const params = this.data.params;
    const values = leaves(params);
    this.catalogue = new Catalogue({
      firstMonth: firstObservedMonth(this.data),
      lastMonth: LAST_MONTH,
      countries: Object.entries(params.countries).map(([id, c]) => [id, c.name]),
      powerFactionName: params.factions[POWER_FACTION].name,
      values,
      scenarios: shipped.map((file) => this.entryOf(file, values)),
    });
  }

  /** The engine as plain data, for `new Playground(files, snapshot)`. */
  snapshot(): Snapshot {
    const scenarios: Snapshot['scenarios'] = {};
    for (const { file } of this.catalogue.scenarios) {
      const s = this.base(file);
      scenarios[file] = { ...s, gates: plainGates(s.gates) };
    }
    return { files: this.files, data: this.data, scenarios, catalogue: this.catalogue.data };
  }

  get scenarios(): ScenarioInfo[] {
    return this.catalogue.scenarios;
  }

  /** Whether the user loaded this scenario file (not a shipped one). */
  isLoaded(file: string): boolean {
    return this.catalogue.isLoaded(file);
  }

  /** A scenario as the page's catalogue holds it (its values as differences from the data's). */
  private entryOf(file: string, data: Record<string, ParamValue>, text?: string): ScenarioEntry {
    const { meta, params } = this.base(file);
    const values = Object.fromEntries(Object.entries(leaves(params)).filter(([path, v]) => data[path] !== v));
    // the observed share at each start month, to the last observed month (after it, no change)
    const from = parseMonth(firstObservedMonth(this.data));
    const to = Math.max(from, ...this.data.observations.map((o) => parseMonth(o.date)));
    const power: number[] = [];
    for (let m = from; m <= to; m++)
      power.push(
        initialState(this.data, params.countries, formatMonth(m), params.factions).power[POWER_FACTION],
      );
    return {
      file,
      name: meta.name,
      question: meta.question,
      description: meta.description,
      seed: meta.seed,
      start: meta.start,
      end: meta.end,
      values,
      power,
      powerFloor: params.power.floor,
      ...(text === undefined ? {} : { text }),
    };
  }

  /**
   * Add a scenario file the user loaded (it may extend a shipped one), as the CLI would load it from
   * scenarios/. Throws the scenario layer's ScenarioError (located messages) when it is invalid; a
   * file of the same name as a shipped one is refused. Loading the same text again changes nothing.
   */
  load(file: string, text: string): ScenarioEntry {
    const path = `${SCENARIO_DIR}/${file}`;
    if (!/^[\w.-]+\.ya?ml$/.test(file))
      throw new RangeError(
        `'${file}' is not a scenario file name: letters, digits, '.', '-' and '_', ending in .yaml`,
      );
    const before = this.catalogue.has(file) ? this.catalogue.entry(file) : undefined;
    if (before && before.text === undefined)
      throw new RangeError(`'${file}' is the name of a shipped scenario: rename the file to load it`);
    if (before?.text === text) return before;
    const files = { ...this.files, [path]: text };
    const reader = memoryReader(files);
    // validated before anything changes: a bad file leaves the playground as it was
    const scenario = loadScenario(path, reader, this.data);
    this.files = files;
    this.reader = reader;
    this.loaded.set(file, scenario);
    const entry = this.entryOf(file, this.catalogue.data.values, text);
    this.catalogue.add(entry);
    return entry;
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
    return this.catalogue.defaults(file);
  }

  /** A parameter's value under `settings`: the user's change, else the scenario's. */
  value(settings: Settings, path: string): ParamValue {
    return this.catalogue.value(settings, path);
  }

  /** `settings` with `path` set to `value`; a value equal to the scenario's removes the change. */
  withValue(settings: Settings, path: string, value: ParamValue): Settings {
    return this.catalogue.withValue(settings, path, value);
  }

  /** Faction power shares at the start month, as observed in data/events.csv (renormalized). */
  observedPower(settings: Settings): Record<FactionId, number> {
    const { params } = this.base(settings.scenario);
    return initialState(this.data, params.countries, settings.start, params.factions).power;
  }

  /** The scenario file the settings amount to (what "Download scenario" saves). */
  variant(settings: Settings): Variant {
    return this.catalogue.variant(settings);
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

/** The run as it stands at the end of `month`: its rows and log to then, its period (and so every
 * chart's axes) and the record unchanged, so the charts take the rows through their data and grow. */
export function upTo(doc: ResultsDoc, month: string): ResultsDoc {
  return {
    ...doc,
    rows: doc.rows.filter((r) => r.date <= month),
    log: doc.log.filter((e) => e.date <= month),
  };
}
