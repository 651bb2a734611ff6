// What the page knows of the scenarios without the model: each scenario's text and period, the value
// of every parameter it can set, the observed faction power at each start month. Plain data, made by
// the engine (engine.ts `catalogueOf`) at build time for the shipped scenarios and by the worker for a
// file the user loads; the page's controls, links and downloaded YAML read it, so the page carries no
// engine. Pure: no DOM, no model.

import { parseMonth } from '../src/model/time.js';

export type ParamValue = number | boolean;

/** The faction whose starting share the power slider sets (the others are renormalized). */
export const POWER_FACTION = 'haqqani';

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
  events: { at: string; label: string; power: { faction: typeof POWER_FACTION; delta: number } }[];
}

export interface ScenarioInfo {
  file: string;
  name: string;
  question: string;
  description: string;
}

export interface ScenarioEntry extends ScenarioInfo {
  seed: string;
  start: string;
  end: string;
  /** the parameters whose value differs from the data's (CatalogueData.values), by dotted path */
  values: Record<string, ParamValue>;
  /** POWER_FACTION's observed share at each start month from the first observed month on; after the
   * last, the last (no observation changes it) */
  power: number[];
  /** the lowest share a faction can hold */
  powerFloor: number;
  /** the file's text, for a scenario the user loaded */
  text?: string;
}

export interface CatalogueData {
  firstMonth: string;
  lastMonth: string;
  /** country id → name, in the data's order */
  countries: [string, string][];
  /** POWER_FACTION's name */
  powerFactionName: string;
  /** every number or true/false of the data's parameters, by dotted path */
  values: Record<string, ParamValue>;
  /** the shipped scenarios, baseline first */
  scenarios: ScenarioEntry[];
}

/** Power deltas are written to 6 decimals, and the page uses the written value. */
const round6 = (x: number) => Math.round(x * 1e6) / 1e6;

export class Catalogue {
  private readonly entries = new Map<string, ScenarioEntry>();
  readonly scenarios: ScenarioInfo[] = [];

  constructor(readonly data: CatalogueData) {
    for (const e of data.scenarios) this.add(e);
  }

  get firstMonth(): string {
    return this.data.firstMonth;
  }

  get lastMonth(): string {
    return this.data.lastMonth;
  }

  /** A scenario's entry (a RangeError for one the catalogue does not have). */
  entry(file: string): ScenarioEntry {
    const e = this.entries.get(file);
    if (!e) throw new RangeError(`no scenario '${file}'`);
    return e;
  }

  has(file: string): boolean {
    return this.entries.has(file);
  }

  /** Whether the user loaded this scenario file (not a shipped one). */
  isLoaded(file: string): boolean {
    return this.entries.get(file)?.text !== undefined;
  }

  /** Add (or replace) a scenario: a file the user loaded. */
  add(entry: ScenarioEntry): ScenarioInfo {
    const { file, name, question, description } = entry;
    const info = { file, name, question, description };
    this.entries.set(file, entry);
    const at = this.scenarios.findIndex((s) => s.file === file);
    if (at >= 0) this.scenarios[at] = info;
    else this.scenarios.push(info);
    return info;
  }

  /** The settings of a scenario with nothing changed (a loaded one's text with them). */
  defaults(file: string): Settings {
    const { seed, start, end, text } = this.entry(file);
    return {
      scenario: file,
      seed,
      start,
      end,
      set: {},
      ...(text === undefined ? {} : { loaded: { file, text } }),
    };
  }

  /** A parameter's value in a scenario, before the user's changes (undefined when there is none). */
  base(file: string, path: string): ParamValue | undefined {
    const { values } = this.entry(file);
    return Object.hasOwn(values, path)
      ? values[path]
      : Object.hasOwn(this.data.values, path)
        ? this.data.values[path]
        : undefined;
  }

  /** A parameter's value under `settings`: the user's change, else the scenario's. */
  value(settings: Settings, path: string): ParamValue {
    if (Object.hasOwn(settings.set, path)) return settings.set[path]!;
    const v = this.base(settings.scenario, path);
    if (v === undefined) throw new RangeError(`no parameter '${path}'`);
    return v;
  }

  /** `settings` with `path` set to `value`; a value equal to the scenario's removes the change. */
  withValue(settings: Settings, path: string, value: ParamValue): Settings {
    const set = { ...settings.set };
    if (this.base(settings.scenario, path) === value) delete set[path];
    else set[path] = value;
    return { ...settings, set };
  }

  /** POWER_FACTION's share at the start month, as observed in data/events.csv (renormalized). */
  observedPower(settings: Settings): number {
    const { power } = this.entry(settings.scenario);
    const i = parseMonth(settings.start) - parseMonth(this.data.firstMonth);
    return power[Math.max(0, Math.min(power.length - 1, i))]!;
  }

  /** Lowest and highest share a faction can hold (the model's floor for the others). */
  powerRange(settings: Settings): [number, number] {
    const floor = this.entry(settings.scenario).powerFloor;
    return [floor, 1 - 2 * floor];
  }

  /** The scenario file the settings amount to (what "Download scenario" saves). */
  variant(settings: Settings): Variant {
    const meta = this.entry(settings.scenario);
    const events: Variant['events'] = [];
    if (settings.power !== undefined) {
      const delta = round6(settings.power - this.observedPower(settings));
      if (delta !== 0)
        events.push({
          at: settings.start,
          label: `Playground: ${this.data.powerFactionName} power share set to ${settings.power} (others renormalized)`,
          power: { faction: POWER_FACTION, delta },
        });
    }
    const changes = Object.entries(settings.set).map(
      ([path, v]) => `${path}: ${String(this.base(settings.scenario, path))} → ${String(v)}`,
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

  /** A country's name (its id when the data has no such country). */
  countryName(id: string): string {
    return this.data.countries.find(([c]) => c === id)?.[1] ?? id;
  }

  /** A country's id from its name, as the charts label it. */
  countryId(name: string): string | undefined {
    return this.data.countries.find(([, n]) => n === name)?.[0];
  }
}
