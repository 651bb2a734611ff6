// The playground page: controls → settings → a run of the model (in this tab) → headline numbers and
// Vega-Lite charts (src/charts specs, drawn by vega-embed). Bundled by playground/build.mjs into one
// classic script with the shipped data and scenarios inlined, so the page also works from file://.

import files from 'stancesim:shipped';
import embed, { type Result } from 'vega-embed';
import { buildChart, CHART_DESCRIPTIONS, CHART_KINDS, type ChartKind } from '../src/charts/index.js';
import { formatDiagnostics, ScenarioError } from '../src/scenario/index.js';
import { GROUPS, pathFor, readSlider, type SliderDef } from './controls.js';
import { type Playground as Engine, headline, Playground, POWER_FACTION, type Settings } from './engine.js';
import { scenarioFileName, scenarioYaml } from './scenario-yaml.js';

const DEBOUNCE_MS = 50;

const $ = <T extends HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (!el) throw new Error(`#${id} missing from index.html`);
  return el as T;
};

const pg: Engine = new Playground(files);
let settings: Settings = pg.defaults(pg.scenarios[0]!.file);
let country = Object.hasOwn(pg.data.params.countries, 'US')
  ? 'US'
  : Object.keys(pg.data.params.countries)[0]!;

// ---------------------------------------------------------------------------------------------- controls

interface SliderControl {
  def: SliderDef;
  input: HTMLInputElement;
  output: HTMLOutputElement;
  box: HTMLElement;
}
const sliders: SliderControl[] = [];
const toggles: { path: string; input: HTMLInputElement; box: HTMLElement }[] = [];

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<HTMLElementTagNameMap[K]> = {},
  ...children: (Node | string)[]
): HTMLElementTagNameMap[K] {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
}

function buildControls(): void {
  const host = $('groups');
  for (const group of GROUPS) {
    const fs = el('fieldset', {}, el('legend', {}, group.legend));
    if (group.perCountry) {
      const select = el('select', { id: 'country' });
      for (const [id, c] of Object.entries(pg.data.params.countries))
        select.append(el('option', { value: id, selected: id === country }, `${c.name} (${id})`));
      select.addEventListener('change', () => {
        country = select.value;
        syncControls();
      });
      fs.append(el('label', { htmlFor: 'country' }, 'Country'), select);
    }
    for (const t of group.toggles ?? []) {
      const input = el('input', { type: 'checkbox', id: t.id });
      input.setAttribute('aria-describedby', `${t.id}-help`);
      const box = el(
        'label',
        { className: 'toggle', htmlFor: t.id },
        input,
        ` ${t.label} `,
        el('span', { className: 'help', id: `${t.id}-help` }, t.help),
      );
      input.addEventListener('change', () => {
        settings = pg.withValue(settings, t.path, input.checked);
        syncControls();
        schedule();
      });
      toggles.push({ path: t.path, input, box });
      fs.append(box);
    }
    for (const def of group.sliders) {
      const input = el('input', { type: 'range', id: def.id, step: String(def.step) });
      input.setAttribute('aria-describedby', `${def.id}-help`);
      const output = el('output');
      output.setAttribute('for', def.id);
      const box = el(
        'div',
        { className: 'control' },
        el('label', { htmlFor: def.id }, def.label, output),
        input,
        el('span', { className: 'help', id: `${def.id}-help` }, def.help),
      );
      input.addEventListener('input', () => {
        const v = readSlider(input.value, def.step);
        if (def.path === 'power') settings = { ...settings, power: v };
        else settings = pg.withValue(settings, pathFor(def, country), v);
        showSlider(sliders.find((s) => s.def === def)!);
        schedule();
      });
      sliders.push({ def, input, output, box });
      fs.append(box);
    }
    host.append(fs);
  }
}

function showSlider(s: SliderControl): void {
  const { def, input, output, box } = s;
  let value: number;
  let changed: boolean;
  if (def.path === 'power') {
    const observed = pg.observedPower(settings)[POWER_FACTION];
    value = settings.power ?? Number(observed.toFixed(6));
    changed = pg.variant(settings).events.length > 0;
    const [lo, hi] = pg.powerRange(settings);
    input.min = String(lo);
    input.max = String(hi);
  } else {
    const path = pathFor(def, country);
    value = pg.value(settings, path) as number;
    changed = Object.hasOwn(settings.set, path);
    // a scenario may set a value outside the usual range: widen it
    input.min = String(Math.min(def.min, value));
    input.max = String(Math.max(def.max, value));
  }
  if (document.activeElement !== input) input.value = String(value);
  output.value = String(value);
  box.classList.toggle('changed', changed);
}

function syncControls(): void {
  const info = pg.scenarios.find((s) => s.file === settings.scenario)!;
  $<HTMLSelectElement>('scenario').value = settings.scenario;
  $('question').textContent = info.question;
  $('description').textContent = info.description.trim();
  const meta = pg.base(settings.scenario).meta;
  const seed = $<HTMLInputElement>('seed');
  seed.placeholder = meta.seed;
  if (document.activeElement !== seed) seed.value = settings.seed;
  for (const key of ['start', 'end'] as const) {
    const input = $<HTMLInputElement>(key);
    input.min = pg.firstMonth;
    input.max = pg.lastMonth;
    if (document.activeElement !== input) input.value = settings[key];
  }
  for (const t of toggles) {
    t.input.checked = pg.value(settings, t.path) === true;
    t.box.classList.toggle('changed', Object.hasOwn(settings.set, t.path));
  }
  for (const s of sliders) showSlider(s);
}

function wireScenarioControls(): void {
  const select = $<HTMLSelectElement>('scenario');
  for (const s of pg.scenarios) select.append(el('option', { value: s.file }, s.name));
  select.addEventListener('change', () => {
    settings = pg.defaults(select.value);
    syncControls();
    schedule();
  });
  const seed = $<HTMLInputElement>('seed');
  seed.addEventListener('input', () => {
    settings = { ...settings, seed: seed.value.trim() };
    schedule();
  });
  for (const key of ['start', 'end'] as const) {
    const input = $<HTMLInputElement>(key);
    const onChange = () => {
      if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(input.value)) return;
      settings = { ...settings, [key]: input.value };
      if (key === 'start') for (const s of sliders) if (s.def.path === 'power') showSlider(s);
      schedule();
    };
    input.addEventListener('input', onChange);
    input.addEventListener('change', onChange);
  }
  $('reset').addEventListener('click', () => {
    settings = pg.defaults(settings.scenario);
    syncControls();
    schedule();
  });
  $('download').addEventListener('click', () => {
    const variant = pg.variant(settings);
    const blob = new Blob([scenarioYaml(variant)], { type: 'application/yaml' });
    const url = URL.createObjectURL(blob);
    const a = el('a', { href: url, download: scenarioFileName(variant) });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  });
}

// ---------------------------------------------------------------------------------------------- runs

const views = new Map<ChartKind, Result>();
const figures = new Map<ChartKind, HTMLElement>();
let timer: ReturnType<typeof setTimeout> | undefined;
let busy = false;
let again = false;
let runs = 0;

function buildFigures(): void {
  const host = $('charts');
  for (const kind of CHART_KINDS) {
    const body = el('div', { className: 'vega-host' });
    body.dataset.kind = kind;
    const fig = el(
      'figure',
      { className: 'chart', id: `chart-${kind}` },
      el('figcaption', {}, CHART_DESCRIPTIONS[kind]),
      body,
    );
    figures.set(kind, body);
    host.append(fig);
  }
}

function schedule(): void {
  if (timer !== undefined) clearTimeout(timer);
  timer = setTimeout(() => {
    timer = undefined;
    void update();
  }, DEBOUNCE_MS);
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

async function update(): Promise<void> {
  if (busy) {
    again = true;
    return;
  }
  busy = true;
  const results = $('results');
  results.setAttribute('aria-busy', 'true');
  try {
    const t0 = performance.now();
    let run: ReturnType<Engine['run']>;
    try {
      run = pg.run(settings);
    } catch (e) {
      if (!(e instanceof ScenarioError)) throw e;
      $('error').textContent = formatDiagnostics(e.diagnostics);
      results.dataset.state = 'error';
      return;
    }
    const t1 = performance.now();
    $('error').textContent = '';
    const h = headline(run.summary);
    const first = h.first_recognition;
    setHeadline(
      'hl-first',
      first ? `${first.country}, ${first.date}` : `none by ${run.summary.end}`,
      first ? `${first.country} ${first.date}` : 'none',
    );
    setHeadline('hl-rung5', `${h.at_least_5} of ${run.result.countries.length}`, String(h.at_least_5));
    setHeadline('hl-legitimacy', fmt(h.legitimacy), String(h.legitimacy));
    setHeadline('hl-kandahar', fmt(h.kandahar_power, 2), String(h.kandahar_power));
    setHeadline('hl-un', h.un_seat ? 'Taliban seated' : 'not seated', String(h.un_seat));
    results.dataset.headline = JSON.stringify(h);

    const yaml = scenarioYaml(run.variant);
    $('yaml').textContent = yaml;
    const n = Object.keys(run.variant.set).length + run.variant.events.length;
    $('changes').textContent =
      n === 0
        ? `No change from ${settings.scenario}.`
        : `${n} change${n === 1 ? '' : 's'} from ${settings.scenario} (marked; the YAML lists them).`;

    await Promise.all(
      CHART_KINDS.map(async (kind) => {
        const spec = buildChart(kind, run.doc);
        views.get(kind)?.finalize();
        const view = await embed(figures.get(kind)!, spec, {
          renderer: 'svg',
          actions: { export: true, source: false, compiled: false, editor: false },
          // "Save as PNG" at twice the size on screen, named for the scenario and the chart
          scaleFactor: { png: 2 },
          downloadFileName: `${settings.scenario.replace(/\.(ya?ml|json)$/, '')}-${kind}`,
        });
        views.set(kind, view);
      }),
    );
    const t2 = performance.now();
    $('timing').textContent =
      `model ${fmt(t1 - t0, 1)} ms (${run.result.months.length} months) · charts ${fmt(t2 - t1, 0)} ms`;
    results.dataset.runs = String(++runs);
    results.dataset.state = 'ready';
  } finally {
    busy = false;
    results.setAttribute('aria-busy', 'false');
    if (again) {
      again = false;
      void update();
    }
  }
}

function setHeadline(id: string, text: string, value: string): void {
  const dd = $(id);
  dd.textContent = text;
  dd.dataset.value = value;
}

buildControls();
wireScenarioControls();
buildFigures();
syncControls();
void update();
