// The playground's "Download scenario (YAML)": the file it writes must run, through the real scenario
// layer (loadScenario + buildInput from a file on disk, as the CLI reads it), to exactly the numbers the
// playground computes for the same settings.
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Settings } from '../../playground/catalogue.js';
import { GROUPS, pathFor, readSlider } from '../../playground/controls.js';
import { Playground, paramAt } from '../../playground/engine.js';
import {
  scenarioFileName,
  scenarioYaml,
  yamlSeed,
  yamlString,
  yamlValue,
} from '../../playground/scenario-yaml.js';
import { shippedFiles } from '../../playground/shipped.mjs';
import { summarize } from '../../src/analysis/summary.js';
import { simulate } from '../../src/model/index.js';
import {
  buildInput,
  type FileReader,
  loadData,
  loadScenario,
  type ModelData,
  ScenarioError,
} from '../../src/scenario/index.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

const fsReader: FileReader = {
  read: (path) => {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      throw new ScenarioError([{ file: path, message: 'file not found' }]);
    }
  },
  list: (dir) => readdirSync(dir),
};

let pg: Playground;
let data: ModelData;
let scenarioDir: string;

beforeAll(() => {
  pg = new Playground(shippedFiles());
  data = loadData(`${root}data`, fsReader);
  // a temporary copy of scenarios/, so a downloaded file can `extends: baseline.yaml` as it would there
  scenarioDir = mkdtempSync(join(tmpdir(), 'stancesim-playground-'));
  for (const name of readdirSync(`${root}scenarios`))
    copyFileSync(`${root}scenarios/${name}`, join(scenarioDir, name));
});

/** Save the playground's YAML for `settings` into the scenario copy and run it as the CLI would. */
function runDownloaded(settings: Settings) {
  const variant = pg.variant(settings);
  const text = scenarioYaml(variant);
  const file = join(scenarioDir, scenarioFileName(variant));
  writeFileSync(file, text);
  const loaded = loadScenario(file, fsReader, data);
  const input = buildInput(loaded, data);
  const result = simulate(input);
  return { text, doc: parse(text) as Record<string, unknown>, loaded, input, result };
}

/** Settings with the given changes applied the way the page's controls apply them. */
function change(
  file: string,
  values: Record<string, number | boolean>,
  extra: Partial<Settings> = {},
): Settings {
  let s: Settings = { ...pg.defaults(file), ...extra };
  for (const [path, v] of Object.entries(values)) s = pg.withValue(s, path, v);
  return s;
}

const CASES: [string, Settings | (() => Settings)][] = [
  ['baseline unchanged', () => pg.defaults('baseline.yaml')],
  [
    'baseline: rights weight, first mover, a mechanism off, US sliders',
    () =>
      change('baseline.yaml', {
        'decision.rights': 0.55,
        'decision.first_mover': 0.3,
        'mechanisms.emboldening.enabled': false,
        'countries.US.review_rate': 0.45,
        'countries.US.rights': 0.35,
        'countries.US.domestic': 0.2,
      }),
  ],
  [
    'baseline: Haqqani power, reform elasticity, ISK threat, security weight, another seed and end',
    () =>
      change(
        'baseline.yaml',
        {
          'mechanisms.reform_rewarded.power_gain': 0.085,
          'mechanisms.reform_rewarded.ideal_gain': 1.35,
          'threat.mean': 0.83,
          'decision.security': 12.5,
          'countries.CN.review_rate': 0.61,
        },
        { power: 0.47, seed: 'my seed', end: '2033-06' },
      ),
  ],
  [
    'isk-surge (starts 2025-06, has its own events): Haqqani power down, crack-down off',
    () =>
      change(
        'isk-surge.yaml',
        { 'mechanisms.isolation_crackdown.enabled': false, 'decision.rights': 2.1 },
        { power: 0.12, seed: '007' },
      ),
  ],
  [
    'reform-before-recognition (its own set block): override one of its values',
    () =>
      change('reform-before-recognition.yaml', {
        'countries.US.domestic': 0.1,
        'mechanisms.reform_rewarded.power_gain': 0.12,
        'decision.first_mover': 0,
      }),
  ],
];

describe('the downloaded scenario runs to the playground numbers', () => {
  it.each(CASES)('%s', (_name, make) => {
    const settings = typeof make === 'function' ? make() : make;
    const run = pg.run(settings);
    const cli = runDownloaded(settings);

    // the YAML says exactly what changed
    expect(cli.doc.extends).toBe(settings.scenario);
    expect(Object.keys((cli.doc.set as object | undefined) ?? {}).sort()).toEqual(
      Object.keys(settings.set).sort(),
    );
    expect(String(cli.doc.seed)).toBe(run.input.seed);
    expect([cli.doc.start, cli.doc.end]).toEqual([settings.start, settings.end]);

    // same input (events compared without their origin, which names the file) and the same numbers
    const strip = (events: typeof run.input.events) => events.map(({ origin: _o, ...e }) => e);
    expect(strip(cli.input.events)).toEqual(strip(run.input.events));
    expect(cli.input.params).toEqual(run.input.params);
    expect(cli.input.initial).toEqual(run.input.initial);
    expect([cli.input.scenario, cli.input.seed, cli.input.start, cli.input.end]).toEqual([
      run.input.scenario,
      run.input.seed,
      run.input.start,
      run.input.end,
    ]);
    expect(cli.result).toEqual(run.result);
    expect(summarize(cli.result, cli.loaded.meta.question)).toEqual(run.summary);
  });

  it('changes the numbers when a parameter changes (the comparison is not vacuous)', () => {
    const base = pg.run(pg.defaults('baseline.yaml'));
    const moved = pg.run(change('baseline.yaml', { 'decision.rights': 0.2, 'decision.first_mover': 0 }));
    expect(moved.result.rung).not.toEqual(base.result.rung);
  });
});

describe('settings', () => {
  it('a value set back to the scenario value is no change', () => {
    let s = pg.defaults('baseline.yaml');
    const original = pg.value(s, 'decision.rights');
    s = pg.withValue(s, 'decision.rights', 1.7);
    expect(s.set).toEqual({ 'decision.rights': 1.7 });
    s = pg.withValue(s, 'decision.rights', original);
    expect(s.set).toEqual({});
    expect(scenarioYaml(pg.variant(s))).not.toMatch(/^set:/m);
  });

  it('reads the scenario value under its own set block', () => {
    const s = pg.defaults('reform-before-recognition.yaml');
    expect(pg.value(s, 'countries.US.domestic')).toBe(0.5);
    expect(pg.value(s, 'decision.rights')).toBe(paramAt(pg.data.params, 'decision.rights'));
  });

  it('the power slider becomes an event at the start month and sets the share there', () => {
    const s: Settings = { ...pg.defaults('baseline.yaml'), power: 0.5 };
    const v = pg.variant(s);
    expect(v.events).toEqual([
      expect.objectContaining({ at: s.start, power: { faction: 'haqqani', delta: 0.15 } }),
    ]);
    const run = pg.run(s);
    expect(run.result.power[1]).toBeCloseTo(0.5, 9); // month 0, haqqani
    const observed = pg.observedPower(s);
    const rest = 1 - observed.haqqani;
    expect(run.result.power[0]).toBeCloseTo((observed.kandahar * 0.5) / rest, 9);
    // at the observed share, no event
    expect(pg.variant({ ...s, power: observed.haqqani }).events).toEqual([]);
  });

  it('every slider and toggle names a parameter the scenario layer accepts', () => {
    const s = pg.defaults('baseline.yaml');
    for (const g of GROUPS) {
      for (const t of g.toggles ?? []) expect(typeof pg.value(s, t.path)).toBe('boolean');
      for (const d of g.sliders) {
        if (d.path === 'power') continue;
        const v = pg.value(s, pathFor(d, 'US'));
        expect(typeof v).toBe('number');
        expect(v).toBeGreaterThanOrEqual(d.min);
        expect(v).toBeLessThanOrEqual(d.max);
      }
    }
    expect(readSlider('0.30000000000000004', 0.01)).toBe(0.3);
    expect(readSlider('0.085', 0.005)).toBe(0.085);
  });

  it('an invalid month is a ScenarioError, as in the CLI', () => {
    expect(() => pg.run({ ...pg.defaults('baseline.yaml'), end: '2020-01' })).toThrow(ScenarioError);
  });
});

describe('YAML scalars', () => {
  it.each([
    'baseline.yaml',
    'true',
    'No',
    'null',
    '007',
    '1e3',
    '0x1f',
    'a: b',
    '#x',
    '- x',
    '2021-08',
    'with "quotes" and \\',
    'ünïcode → ok',
    '',
  ])('the string %j reads back as itself', (s) => {
    expect(parse(`k: ${yamlString(s)}`)).toEqual({ k: s });
  });

  it.each([
    '20210815',
    '0',
    '007',
    'my seed',
    '12345678901234567890',
    '-1',
    '1.5',
  ])('the seed %j reads back as the same seed', (seed) => {
    expect(String(parse(`seed: ${yamlSeed(seed)}`).seed)).toBe(seed);
  });

  it.each([0, 1, 0.1 + 0.2, 1e-7, -0.15, 123456.789, true, false])('the value %j reads back exactly', (v) => {
    expect(parse(`k: ${yamlValue(v)}`)).toEqual({ k: v });
  });

  it('refuses a number YAML cannot hold', () => {
    expect(() => yamlValue(Number.NaN)).toThrow(RangeError);
  });
});
