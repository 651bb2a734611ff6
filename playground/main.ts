// The playground page: controls → settings → a run of the model (in a worker, worker.ts; the first
// one here) → headline numbers and Vega-Lite charts (src/charts specs, embedded once by vega-embed, then
// fed new rows). Bundled by playground/build.mjs into a classic script with the shipped data and
// scenarios inlined; boot.js, loaded first, holds the worker's code. The page also works from file://.

import files from 'stancesim:shipped';
import { changeset, type View } from 'vega';
import embed from 'vega-embed';
import type { TopLevelSpec } from 'vega-lite';
import {
  buildChart,
  buildEnsembleChart,
  CHART_DESCRIPTIONS,
  CHART_KINDS,
  type ChartKind,
  ENSEMBLE_CHART_DESCRIPTIONS,
  ENSEMBLE_CHART_KINDS,
} from '../src/charts/index.js';
import { PAGE_WIDTH } from '../src/charts/style.js';
import { buildValidationCharts } from '../src/charts/validation.js';
import type { EnsembleDoc } from '../src/ensemble/index.js';
import type { ResultsDoc } from '../src/model/index.js';
import { formatMonth, parseMonth } from '../src/model/time.js';
import { formatDiagnostics, ScenarioError } from '../src/scenario/index.js';
import { answer, type Reply } from './answer.js';
import { GROUPS, pathFor, readSlider, type SliderDef } from './controls.js';
import { $, el } from './dom.js';
import {
  type Playground as Engine,
  type Headline,
  Playground,
  POWER_FACTION,
  type Settings,
  upTo,
  type Variant,
} from './engine.js';
import { Player } from './player.js';
import type { ExplainReply, ExplainRequest, RunReply, RunRequest } from './protocol.js';
import { scenarioFileName, scenarioYaml } from './scenario-yaml.js';
import { ENSEMBLE_RUNS, hashToSettings, settingsToHash } from './share.js';
import { pinnedVariant } from './side-by-side.js';
import { SideBySideView } from './side-by-side-view.js';

performance.mark('modules ready');
const pg: Engine = new Playground(files);
performance.mark('engine ready');
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

function buildControls(): void {
  const host = $('groups');
  for (const group of GROUPS) {
    const fs = el('fieldset', {}, el('legend', {}, group.legend));
    if (group.perCountry) {
      const select = el('select', { id: 'country' });
      for (const [id, c] of Object.entries(pg.data.params.countries))
        select.append(el('option', { value: id, selected: id === country }, `${c.name} (${id})`));
      // one run or an ensemble: part of the settings (and of the link)
      const one = $<HTMLInputElement>('mode-one');
      const many = $<HTMLInputElement>('mode-ensemble');
      const size = $<HTMLInputElement>('ensemble-runs');
      const mode = () => {
        const n = Math.round(Number(size.value));
        const runs = Math.min(ENSEMBLE_RUNS.max, Math.max(ENSEMBLE_RUNS.min, Number.isFinite(n) ? n : 200));
        const { runs: _old, ...rest } = settings;
        settings = many.checked ? { ...rest, runs } : rest;
        schedule();
      };
      one.addEventListener('change', mode);
      many.addEventListener('change', mode);
      size.addEventListener('change', () => {
        many.checked = true;
        mode();
      });
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
  $<HTMLInputElement>('mode-ensemble').checked = settings.runs !== undefined;
  $<HTMLInputElement>('mode-one').checked = settings.runs === undefined;
  if (settings.runs !== undefined) $<HTMLInputElement>('ensemble-runs').value = String(settings.runs);
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

/** A scenario's settings with nothing changed, in the mode the page is in (one run or an ensemble). */
function fresh(file: string): Settings {
  const base = pg.defaults(file);
  return settings.runs === undefined ? base : { ...base, runs: settings.runs };
}

/** The scenario list: the shipped ones, then the files loaded (marked so). */
function scenarioOptions(): void {
  const select = $<HTMLSelectElement>('scenario');
  select.replaceChildren(
    ...pg.scenarios.map((s) =>
      el('option', { value: s.file }, pg.isLoaded(s.file) ? `${s.name} (loaded: ${s.file})` : s.name),
    ),
  );
  select.value = settings.scenario;
}

/** Load a scenario file the user picked or dropped: validated as the CLI would; its messages (file,
 * line, what was expected) shown on the page, nothing changed, when it is invalid. */
async function loadFile(file: File): Promise<void> {
  const text = await file.text();
  try {
    pg.load(file.name, text);
  } catch (e) {
    if (!(e instanceof ScenarioError) && !(e instanceof RangeError)) throw e;
    $('notice').textContent =
      e instanceof ScenarioError ? formatDiagnostics(e.diagnostics) : `${file.name}: ${e.message}`;
    return;
  }
  $('notice').textContent = '';
  settings = fresh(file.name);
  scenarioOptions();
  syncControls();
  schedule();
}

function wireScenarioControls(): void {
  const select = $<HTMLSelectElement>('scenario');
  scenarioOptions();
  const picker = $<HTMLInputElement>('load-file');
  $('load').addEventListener('click', () => picker.click());
  picker.addEventListener('change', () => {
    const [file] = picker.files ?? [];
    if (file) void loadFile(file);
    picker.value = '';
  });
  // a scenario file dropped anywhere on the page
  document.addEventListener('dragover', (e) => e.preventDefault());
  document.addEventListener('drop', (e) => {
    e.preventDefault();
    const [file] = e.dataTransfer?.files ?? [];
    if (file) void loadFile(file);
  });
  $('why-close').addEventListener('click', () => {
    $('why').hidden = true;
  });
  $('copy-link').addEventListener('click', async () => {
    const status = $('link-status');
    try {
      await navigator.clipboard.writeText(location.href);
      status.textContent = 'Link copied: it opens this page with these settings.';
    } catch {
      // no clipboard (a page opened from disk may have none): the link is the address bar's
      status.textContent = "Copy the address bar's link: it opens this page with these settings.";
    }
  });
  addEventListener('hashchange', () => {
    if (location.hash !== settingsToHash(pg, settings, pinned)) applyLink();
  });
  select.addEventListener('change', () => {
    settings = fresh(select.value);
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
    settings = fresh(settings.scenario);
    syncControls();
    schedule();
  });
  $('download').addEventListener('click', () => download(pg.variant(settings)));
}

/** Save a variant as the scenario file the CLI runs. */
function download(variant: Variant): void {
  const blob = new Blob([scenarioYaml(variant)], { type: 'application/yaml' });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: scenarioFileName(variant) });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// ---------------------------------------------------------------------------------------------- side by side

/** The settings pinned as A (side by side), compared with the page's (B) after each run. */
let pinned: Settings | undefined;
let sideBySide: SideBySideView;

/** Pin settings as A (undefined: unpin), and run again to compare. */
function pin(a: Settings | undefined): void {
  pinned = a && structuredClone(a);
  sideBySide.show(pinned);
  writeHash();
  schedule();
}

function wireSideBySide(): void {
  sideBySide = new SideBySideView(pg, (kind, spec) => updateChart(kind, spec, settings), chartWidthOf);
  for (const [kind, host] of sideBySide.hosts) figures.set(kind, host);
  $('pin').addEventListener('click', () => pin(settings));
  $('unpin').addEventListener('click', () => {
    pin(undefined);
    $('pin').focus();
  });
  $('download-a').addEventListener('click', () => {
    if (pinned) download(pinnedVariant(pg, pinned));
  });
}

// ---------------------------------------------------------------------------------------------- runs

// The model runs in the worker, one run at a time: a drag posts at most once
// an animation frame, and while a run is out the newest settings wait (older ones are dropped), so the
// last value always lands.
let frame: number | undefined;
let sent: { id: number; settings: Settings; at: number } | undefined;
/** the time of the first input the settings waiting to be sent include */
let changedAt: number | undefined;
let seq = 0;
/** the settings of request `seq` */
let asked: Settings | undefined;
let runs = 0;
let embeds = 0;
/** the reply being drawn, and the newest one waiting to be (a reply that arrives while the charts
 * are updating replaces the waiting one) */
let drawing = false;
let waiting: { reply: RunReply; settings: Settings; at: number } | undefined;
/** the run on the page, and whether the charts must be drawn again from it (the player moved) */
let current:
  | { kind: 'run'; doc: ResultsDoc; shown: Settings }
  | { kind: 'ensemble'; doc: EnsembleDoc; shown: Settings }
  | undefined;
let redraw = false;

function schedule(): void {
  changedAt ??= performance.now();
  if (frame === undefined)
    frame = requestAnimationFrame(() => {
      frame = undefined;
      writeHash();
      send();
    });
}

/** The address bar holds the settings: a link to this page restores them (once a frame in a drag). */
function writeHash(): void {
  history.replaceState(null, '', settingsToHash(pg, settings, pinned));
}

function send(): void {
  if (sent || changedAt === undefined) return;
  sent = { id: ++seq, settings, at: changedAt };
  asked = settings;
  changedAt = undefined;
  const results = $('results');
  results.setAttribute('aria-busy', 'true');
  results.dataset.posts = String(seq);
  ask({ id: sent.id, settings, runs: settings.runs, ...(pinned ? { pinned } : {}) });
}

// The model's thread: started (boot.js) once the first charts are drawn, so that starting it does not
// slow them; until it says it is ready, this thread answers (the first run takes ~0.1 s).
let worker: Worker | undefined;
let workerReady = false;

function startWorker(): void {
  if (worker) return;
  worker = (globalThis as unknown as { startStancesimWorker: () => Worker }).startStancesimWorker();
  worker.onmessage = (e: MessageEvent<Reply | { kind: 'ready' }>) => {
    if (e.data.kind === 'ready') workerReady = true;
    else {
      // for scripts and tests: the worker answers (on a page opened from disk too)
      $('results').dataset.worker = 'answered';
      receive(e.data);
    }
  };
}

function ask(request: RunRequest | ExplainRequest): void {
  if (workerReady) worker!.postMessage(request);
  // a comparison answered here gives up once newer settings are sent
  else setTimeout(() => answer(pg, request, receive, () => request.id !== seq), 0);
}

function receive(data: Reply): void {
  if (data.kind === 'explain') {
    void showExplanation(data);
    return;
  }
  if (data.kind === 'compare-progress' || data.kind === 'compare') {
    // a comparison of settings since changed: the newer one follows
    if (data.id === seq && pinned) sideBySide.receive(data, asked!);
    return;
  }
  const bar = $<HTMLProgressElement>('ensemble-progress');
  if (data.kind === 'progress') {
    bar.hidden = false;
    bar.max = data.runs;
    bar.value = data.done;
    return;
  }
  bar.hidden = true;
  if (runs === 0) performance.mark('first reply');
  const done = sent!;
  sent = undefined;
  waiting = { reply: data, settings: done.settings, at: done.at };
  // newer settings go out at once, so the model computes while this reply is drawn
  send();
  void drawWaiting();
}

async function drawWaiting(): Promise<void> {
  if (drawing) return;
  drawing = true;
  try {
    while (waiting || redraw) {
      if (!waiting) {
        redraw = false;
        if (current?.kind === 'run') await drawCharts(current.doc, current.shown);
        else if (current) await drawEnsemble(current.doc, current.shown);
        continue;
      }
      const { reply, settings: shown, at } = waiting;
      waiting = undefined;
      await draw(reply, shown);
      const results = $('results');
      results.dataset.runs = String(++runs);
      const latest = !sent && changedAt === undefined && !waiting;
      if (runs === 1) {
        performance.mark('first charts');
        startWorker();
      }
      if (latest) {
        results.dataset.latency = String(Math.round(performance.now() - at));
        results.setAttribute('aria-busy', 'false');
        pendingWhy?.();
        pendingWhy = undefined;
      }
    }
  } finally {
    drawing = false;
  }
}

/** A new task: what follows waits for input events and drawing already queued. */
const nextTask = () => new Promise((r) => setTimeout(r, 0));

/** each chart's view, its structure and the JSON of each dataset it shows */
const views = new Map<string, { view: View; structure: string; data: Map<string, string> }>();
const figures = new Map<string, HTMLElement>();

const isRunKind = (kind: string): kind is ChartKind => (CHART_KINDS as readonly string[]).includes(kind);

function buildFigures(): void {
  figures.set('explain', $('explain-host'));
  const host = $('charts');
  const kinds: [string, string][] = [
    ...CHART_KINDS.map((k): [string, string] => [k, CHART_DESCRIPTIONS[k]]),
    ...ENSEMBLE_CHART_KINDS.map((k): [string, string] => [k, ENSEMBLE_CHART_DESCRIPTIONS[k]]),
  ];
  for (const [kind, description] of kinds) {
    const body = el('div', { className: 'vega-host' });
    body.dataset.kind = kind;
    const fig = el(
      'figure',
      { className: 'chart', id: `chart-${kind}` },
      el('figcaption', {}, description),
      body,
    );
    fig.hidden = !isRunKind(kind);
    figures.set(kind, body);
    host.append(fig);
  }
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** A reply on the page: the headline numbers, the scenario text, and the charts. */
async function draw(reply: RunReply, shown: Settings): Promise<void> {
  const results = $('results');
  if (!reply.ok) {
    $('error').textContent = reply.error;
    results.dataset.state = 'error';
    return;
  }
  $('error').textContent = '';
  const variant = pg.variant(shown);
  $('yaml').textContent = scenarioYaml(variant);
  const n = Object.keys(variant.set).length + variant.events.length;
  $('changes').textContent =
    n === 0
      ? `No change from ${shown.scenario}.`
      : `${n} change${n === 1 ? '' : 's'} from ${shown.scenario} (marked; the YAML lists them).`;

  const t0 = performance.now();
  showMode(reply.kind);
  if (reply.kind === 'run') {
    runHeadline(reply.headline, reply.end);
    noChange(reply.doc, shown);
    current = { kind: 'run', doc: reply.doc, shown };
    player.period(reply.doc.start, reply.doc.end);
    await drawCharts(reply.doc, shown);
    $('timing').textContent =
      `model ${fmt(reply.ms, 1)} ms (${reply.doc.start} to ${reply.doc.end}, in a worker) · charts ${fmt(performance.now() - t0, 0)} ms`;
  } else {
    const doc = reply.ensemble;
    ensembleHeadline(doc);
    current = { kind: 'ensemble', doc, shown };
    await drawEnsemble(doc, shown);
    $('timing').textContent =
      `${doc.runs} runs ${fmt(reply.ms / 1000, 2)} s (${doc.start} to ${doc.end}, in a worker) · charts ${fmt(performance.now() - t0, 0)} ms`;
  }
  results.dataset.state = 'ready';
}

/**
 * A change of the settings that left every number of the run as it was: say so, and show why from the
 * model, for the country picked under "One country" (or the one whose parameter changed) at the end.
 */
function noChange(doc: ResultsDoc, shown: Settings): void {
  const before = current?.kind === 'run' ? current : undefined;
  if (
    !before ||
    before.shown.scenario !== shown.scenario ||
    JSON.stringify(before.shown) === JSON.stringify(shown)
  )
    return;
  if (!sameRows(before.doc, doc)) {
    // the run moved: a "nothing moved" explanation no longer holds
    if (whyNote.startsWith(NOTHING_MOVED)) $('why').hidden = true;
    pendingWhy = undefined;
    return;
  }
  const changed = Object.keys(shown.set).find((p) => before.shown.set[p] !== shown.set[p]) ?? '';
  const id = /^countries\.([A-Z]{2})\./.exec(changed)?.[1] ?? country;
  const name = pg.data.params.countries[id]?.name ?? id;
  // asked once the settings stop moving (drawWaiting): not an explanation for every step of a drag
  pendingWhy = () =>
    explain(
      id,
      doc.end,
      `${NOTHING_MOVED}: the change reached no decision${changed ? ` (${changed})` : ''}. Below: why ${name} stands where it does in ${doc.end} (its drive, its cap and the gate that binds); click a country's line or cell for another.`,
    );
}
let pendingWhy: (() => void) | undefined;

const NOTHING_MOVED = 'Nothing in the run moved';

/** Whether two runs have the same rows (a value at a time: no 600 kB strings on every move). */
function sameRows(a: ResultsDoc, b: ResultsDoc): boolean {
  if (a.rows.length !== b.rows.length) return false;
  return a.rows.every((r, i) => {
    const o = b.rows[i]!;
    return r.value === o.value && r.date === o.date && r.actor === o.actor && r.variable === o.variable;
  });
}
let explainSeq = 0;
let whyNote = '';

/** Ask the worker why a country stands where it does in a month of the run on the page. */
function explain(id: string, date: string, note: string): void {
  if (!current) return;
  whyNote = note;
  ask({ id: ++explainSeq, settings: current.shown, explain: { country: id, date } });
}

async function showExplanation(reply: ExplainReply): Promise<void> {
  if (reply.id !== explainSeq) return;
  const why = $('why');
  why.hidden = false;
  $('why-note').textContent = reply.ok ? whyNote : `${whyNote} ${reply.error}`;
  if (!reply.ok) return;
  const [chart] = buildValidationCharts(reply.doc, { width: chartWidth() });
  // another month or country is another chart; the same one under new settings takes new rows
  await updateChart('explain', chart!.spec, current?.shown ?? settings);
  $('results').dataset.explained = `${reply.doc.country} ${reply.doc.date}`;
}

/** A click on a country's line, mark or cell: why it stands there that month (for a heatmap cell, the
 * month under the pointer; the run's second month at the earliest: the first has no decision). */
function onChartClick(view: View, event: MouseEvent, item: unknown): void {
  const it = item as {
    datum?: { country?: string; date?: unknown; months?: number };
    x?: number;
    width?: number;
    mark?: { group?: unknown };
  } | null;
  const datum = it?.datum;
  if (!datum?.country || !current || current.kind !== 'run') return;
  const id = Object.entries(pg.data.params.countries).find(([, c]) => c.name === datum.country)?.[0];
  if (!id) return;
  const raw = datum.date;
  let m = parseMonth(
    typeof raw === 'string' ? raw.slice(0, 7) : new Date(Number(raw)).toISOString().slice(0, 7),
  );
  if (datum.months && it?.width) {
    // a cell spans months: the one under the pointer, from the cell's place in the view
    let left = it.x ?? 0;
    for (
      let g = it.mark?.group as { x?: number; mark?: { group?: unknown } } | undefined;
      g;
      g = g.mark?.group as typeof g
    )
      left += g.x ?? 0;
    const x = event.offsetX - view.origin()[0] - left;
    m += Math.min(datum.months - 1, Math.max(0, Math.floor((x / it.width) * datum.months)));
  }
  const date = formatMonth(Math.max(m, parseMonth(current.doc.start) + 1));
  explain(id, date, `Why ${datum.country} stands where it does in ${date}:`);
}

function runHeadline(h: Headline, end: string): void {
  const first = h.first_recognition;
  setHeadline(
    'hl-first',
    first ? `${first.country}, ${first.date}` : `none by ${end}`,
    first ? `${first.country} ${first.date}` : 'none',
  );
  setHeadline('hl-rung5', `${h.at_least_5} of ${Object.keys(h.final_rungs).length}`, String(h.at_least_5));
  setHeadline('hl-legitimacy', fmt(h.legitimacy), String(h.legitimacy));
  setHeadline('hl-kandahar', fmt(h.kandahar_power, 2), String(h.kandahar_power));
  setHeadline('hl-un', h.un_seat ? 'Taliban seated' : 'not seated', String(h.un_seat));
  $('results').dataset.headline = JSON.stringify(h);
}

/** An ensemble's headline: the chance of a first recognition by the end, and the medians at the end. */
function ensembleHeadline(doc: EnsembleDoc): void {
  const nobody = doc.first_recognizer.find((f) => f.country === null)?.share ?? 1;
  const median = (variable: string, actor = 'world') =>
    doc.bands.find((b) => b.variable === variable && b.actor === actor)?.p50.at(-1) ?? Number.NaN;
  setHeadline(
    'hl-first',
    `in ${fmt(100 * (1 - nobody), 1)}% of ${doc.runs} runs, by ${doc.end}`,
    String(1 - nobody),
  );
  const countries = doc.actors.filter((a) => a.kind === 'country').length;
  setHeadline('hl-rung5', `median ${median('count_ge_5')} of ${countries}`, String(median('count_ge_5')));
  setHeadline('hl-legitimacy', `median ${fmt(median('legitimacy'))}`, String(median('legitimacy')));
  setHeadline(
    'hl-kandahar',
    `median ${fmt(median('power', 'kandahar'), 2)}`,
    String(median('power', 'kandahar')),
  );
  setHeadline('hl-un', '–', '');
  $('results').dataset.headline = JSON.stringify({ runs: doc.runs, p_recognition: 1 - nobody });
}

/** One run's charts and player, or an ensemble's charts. */
function showMode(kind: 'run' | 'ensemble'): void {
  for (const k of [...CHART_KINDS, ...ENSEMBLE_CHART_KINDS])
    figures.get(k)!.closest('figure')!.hidden = (kind === 'run') !== isRunKind(k);
  $('player').hidden = kind !== 'run';
  if (kind !== 'run') player.pause();
}

/** The width the charts are laid out for: the column's, at most the page width of a report. */
function chartWidth(): number {
  return chartWidthOf($('charts'));
}

/** The width charts in `host` are laid out for. The column's width is kept as it changes: reading it
 * from the element on every redraw would lay the page out anew in the middle of a drag (~50 ms). */
function chartWidthOf(host: HTMLElement): number {
  let width = widths.get(host);
  if (width === undefined) {
    width = host.clientWidth;
    widths.set(host, width);
    resizes.observe(host);
  }
  return Math.max(320, Math.min(PAGE_WIDTH, width - 4));
}
const widths = new Map<Element, number>();
const resizes = new ResizeObserver((entries) => {
  // after layout: reading the width here costs nothing
  for (const e of entries) widths.set(e.target, (e.target as HTMLElement).clientWidth);
});

/** An ensemble's charts. */
async function drawEnsemble(doc: EnsembleDoc, shown: Settings): Promise<void> {
  const width = chartWidth();
  for (const kind of ENSEMBLE_CHART_KINDS) {
    await updateChart(kind, buildEnsembleChart(kind, doc, { width }), shown);
    await new Promise((r) => setTimeout(r, 0));
  }
}

/** Every chart of a run, up to the player's month (the whole run when it shows all). */
async function drawCharts(doc: ResultsDoc, shown: Settings): Promise<void> {
  const month = player.month();
  const at = month === undefined ? doc : upTo(doc, month);
  const width = chartWidth();
  for (const kind of CHART_KINDS) {
    const start = performance.now();
    // the rule at the month shown is always in the spec (empty for the whole run): moving it is data
    await updateChart(kind, buildChart(kind, at, { width, now: month ?? null }), shown);
    // for npm run bench:playground: where the time goes, chart by chart
    performance.measure(`chart ${kind}`, { start });
    // one chart a task, so that input events get through between them
    await nextTask();
  }
  // the month every chart now shows (for scripts and tests; '' the whole run)
  $('results').dataset.drawn = month ?? '';
}

/**
 * Show a spec: a chart whose structure (the spec without its datasets and caption) is the one on the page gets
 * the new rows through the view's data API; anything else (another period, seed or scenario) is
 * embedded anew.
 */
async function updateChart(kind: string, spec: TopLevelSpec, shown: Settings): Promise<void> {
  // the caption (`description`) is not drawn and may carry the run's figures: not part of the structure
  const {
    datasets,
    description: _caption,
    ...rest
  } = spec as TopLevelSpec & {
    datasets: Record<string, object[]>;
  };
  const structure = JSON.stringify(rest);
  const old = views.get(kind);
  if (old && old.structure === structure) {
    // only the datasets that changed (the record's never does when a slider moves)
    for (const [name, rows] of Object.entries(datasets)) {
      const text = JSON.stringify(rows);
      if (old.data.get(name) === text) continue;
      old.data.set(name, text);
      old.view.change(
        name,
        changeset()
          .remove(() => true)
          .insert(rows),
      );
    }
    // the view's run (its dataflow and drawing) a task of its own: no task holds input back long
    await nextTask();
    await old.view.runAsync();
    return;
  }
  old?.view.finalize();
  const result = await embed(figures.get(kind)!, spec, {
    renderer: 'canvas',
    actions: { export: true, source: false, compiled: false, editor: false },
    // "Save as PNG" at twice the size on screen, named for the scenario and the chart
    scaleFactor: { png: 2 },
    downloadFileName: `${shown.scenario.replace(/\.(ya?ml|json)$/, '')}-${kind}`,
  });
  // vega-embed's menu button is an icon alone: name it for screen readers
  figures
    .get(kind)!
    .querySelector('details > summary')
    ?.setAttribute('aria-label', 'Save this chart as PNG or SVG');
  if (kind === 'rungs' || kind === 'heatmap')
    result.view.addEventListener('click', (event, item) =>
      onChartClick(result.view, event as MouseEvent, item),
    );
  const data = new Map(Object.entries(datasets).map(([name, rows]) => [name, JSON.stringify(rows)]));
  views.set(kind, { view: result.view, structure, data });
  // for scripts and tests: how often the run's, the ensemble's and A/B's charts were embedded (the
  // explanation's chart is another one for each country and month)
  if (kind !== 'explain') $('results').dataset.embeds = String(++embeds);
}

function setHeadline(id: string, text: string, value: string): void {
  const dd = $(id);
  dd.textContent = text;
  dd.dataset.value = value;
}

/** For scripts and tests driving the page: the rows a chart's view shows now, and how often each
 * chart was embedded. */
Object.assign(globalThis, {
  stancesimPlayground: {
    data: (kind: string, name: string) => views.get(kind)?.view.data(name),
  },
});

/** The settings of the link the page was opened with (or a new one pasted): what it gets wrong is said
 * on the page, the rest applied. */
function applyLink(): void {
  const { settings: linked, pinned: linkedA, problems } = hashToSettings(pg, location.hash);
  if (linked) settings = linked;
  pin(linkedA);
  $('notice').textContent = problems.length > 0 ? `The link: ${problems.join('; ')}.` : '';
  scenarioOptions();
  syncControls();
  schedule();
}

// the player draws the charts again when it moves (and not while they are being drawn: a tick waits)
const player = new Player(
  () => {
    redraw = true;
    void drawWaiting();
  },
  () => drawing,
);

// a new width lays the charts out anew (once the resizing stops)
let resized: ReturnType<typeof setTimeout> | undefined;
addEventListener('resize', () => {
  clearTimeout(resized);
  resized = setTimeout(() => {
    redraw = true;
    void drawWaiting();
    void sideBySide.redraw();
  }, 150);
});

buildControls();
wireScenarioControls();
wireSideBySide();
buildFigures();
applyLink();
