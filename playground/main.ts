// The playground's page: controls → settings → the model worker (worker.ts: the engine, and the charts
// compiled and parsed to Vega's runtime there) → headline numbers and charts, each a Vega view made
// once and then fed new rows (views.ts). The page holds no model: what it knows of the scenarios is a
// catalogue made at build time (catalogue.ts), and the charts it opens on are the build's answer to its
// first request (first.ts). Bundled by playground/build.mjs into a classic script; boot.js, loaded
// first, starts the worker from a Blob URL, so the page works from file:// as well.

import catalogue from 'stancesim:catalogue';
import first from 'stancesim:first';
import type { View } from 'vega';
import {
  CHART_DESCRIPTIONS,
  CHART_KINDS,
  ENSEMBLE_CHART_DESCRIPTIONS,
  ENSEMBLE_CHART_KINDS,
} from '../src/charts/kinds.js';
import { PAGE_WIDTH } from '../src/charts/style.js';
import { formatMonth, parseMonth } from '../src/model/time.js';
import { Catalogue, type Settings, type Variant } from './catalogue.js';
import { GROUPS, pathFor, readSlider, type SliderDef } from './controls.js';
import { $, el } from './dom.js';
import { Player } from './player.js';
import type {
  ChartPayload,
  EnsembleHeadline,
  ExplainReply,
  Headline,
  LoadReply,
  Reply,
  Request,
  RunReply,
  RunRequest,
} from './protocol.js';
import { pinnedVariant, scenarioFileName, scenarioYaml } from './scenario-yaml.js';
import { ENSEMBLE_RUNS, hashToSettings, linkedFiles, settingsToHash } from './share.js';
import { SideBySideView } from './side-by-side-view.js';
import { nextTask, Views } from './views.js';

performance.mark('modules ready');
const cat = new Catalogue(catalogue);
let settings: Settings = cat.defaults(cat.scenarios[0]!.file);
let country = cat.data.countries.some(([id]) => id === 'US') ? 'US' : cat.data.countries[0]![0];

// The model's thread, started by boot.js before this script loaded: requests posted while it starts
// wait in its queue.
const worker = (globalThis as unknown as { stancesimWorker: Worker }).stancesimWorker;
const ask = (request: Request) => worker.postMessage(request);
worker.onmessage = (e: MessageEvent<Reply>) => {
  // for scripts and tests: the worker answers (on a page opened from disk too)
  $('results').dataset.worker = 'answered';
  receive(e.data);
};

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
      for (const [id, name] of cat.data.countries)
        select.append(el('option', { value: id, selected: id === country }, `${name} (${id})`));
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
        settings = cat.withValue(settings, t.path, input.checked);
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
        else settings = cat.withValue(settings, pathFor(def, country), v);
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
    value = settings.power ?? Number(cat.observedPower(settings).toFixed(6));
    changed = cat.variant(settings).events.length > 0;
    const [lo, hi] = cat.powerRange(settings);
    input.min = String(lo);
    input.max = String(hi);
  } else {
    const path = pathFor(def, country);
    value = cat.value(settings, path) as number;
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
  const info = cat.entry(settings.scenario);
  $<HTMLInputElement>('mode-ensemble').checked = settings.runs !== undefined;
  $<HTMLInputElement>('mode-one').checked = settings.runs === undefined;
  if (settings.runs !== undefined) $<HTMLInputElement>('ensemble-runs').value = String(settings.runs);
  $<HTMLSelectElement>('scenario').value = settings.scenario;
  $('question').textContent = info.question;
  $('description').textContent = info.description.trim();
  const seed = $<HTMLInputElement>('seed');
  seed.placeholder = info.seed;
  if (document.activeElement !== seed) seed.value = settings.seed;
  for (const key of ['start', 'end'] as const) {
    const input = $<HTMLInputElement>(key);
    input.min = cat.firstMonth;
    input.max = cat.lastMonth;
    if (document.activeElement !== input) input.value = settings[key];
  }
  for (const t of toggles) {
    t.input.checked = cat.value(settings, t.path) === true;
    t.box.classList.toggle('changed', Object.hasOwn(settings.set, t.path));
  }
  for (const s of sliders) showSlider(s);
}

/** A scenario's settings with nothing changed, in the mode the page is in (one run or an ensemble). */
function fresh(file: string): Settings {
  const base = cat.defaults(file);
  return settings.runs === undefined ? base : { ...base, runs: settings.runs };
}

/** The scenario list: the shipped ones, then the files loaded (marked so). */
function scenarioOptions(): void {
  const select = $<HTMLSelectElement>('scenario');
  select.replaceChildren(
    ...cat.scenarios.map((s) =>
      el('option', { value: s.file }, cat.isLoaded(s.file) ? `${s.name} (loaded: ${s.file})` : s.name),
    ),
  );
  select.value = settings.scenario;
}

/** Load a scenario file the user picked or dropped: validated as the CLI would; its messages (file,
 * line, what was expected) shown on the page, nothing changed, when it is invalid. */
async function loadFile(file: File): Promise<void> {
  const reply = await load(file.name, await file.text());
  if (!reply.ok) {
    $('notice').textContent = reply.error;
    return;
  }
  cat.add(reply.entry);
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
    if (location.hash !== settingsToHash(cat, settings, pinned)) void applyLink();
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
  $('download').addEventListener('click', () => download(cat.variant(settings)));
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
  sideBySide = new SideBySideView(cat, (chart) => showChart(chart, settings));
  for (const [kind, host] of sideBySide.hosts) figures.set(kind, host);
  $('pin').addEventListener('click', () => pin(settings));
  $('unpin').addEventListener('click', () => {
    pin(undefined);
    $('pin').focus();
  });
  $('download-a').addEventListener('click', () => {
    if (pinned) download(pinnedVariant(cat, pinned));
  });
}

// ---------------------------------------------------------------------------------------------- files

let loadSeq = 0;
const loading = new Map<number, (reply: LoadReply) => void>();

/** Have the worker load a scenario file (validated as the CLI would): its catalogue entry, or the
 * located messages of what is wrong with it. */
function load(file: string, text: string): Promise<LoadReply> {
  const id = ++loadSeq;
  return new Promise((resolve) => {
    loading.set(id, resolve);
    ask({ kind: 'load', id, file, text });
  });
}

/** The settings of the link the page was opened with (or a new one pasted): what it gets wrong is said
 * on the page, the rest applied. The scenario files it carries are loaded by the worker first. */
async function applyLink(): Promise<void> {
  const hash = location.hash;
  const loaded = new Map<string, LoadReply>();
  for (const { file, text } of linkedFiles(hash)) loaded.set(`${file}\n${text}`, await load(file, text));
  const linkLoad = (file: string, text: string) => {
    const reply = loaded.get(`${file}\n${text}`);
    if (!reply?.ok) throw new Error(reply?.error ?? 'not loaded');
    return cat.add(reply.entry);
  };
  const {
    settings: linked,
    pinned: linkedA,
    problems,
  } = hashToSettings({ catalogue: cat, load: linkLoad }, hash);
  if (linked) settings = linked;
  pin(linkedA);
  $('notice').textContent = problems.length > 0 ? `The link: ${problems.join('; ')}.` : '';
  scenarioOptions();
  syncControls();
  schedule();
}

// ---------------------------------------------------------------------------------------------- runs

// The worker answers one run request at a time: a drag posts at most once an animation frame, and
// while a request is out the newest settings wait (older ones are dropped), so the last value always
// lands. A move of the player or a new width asks for the same run's charts again (the worker keeps
// the run).
let frame: number | undefined;
let sent: { id: number; settings: Settings; month: string | undefined; at: number | undefined } | undefined;
/** the time of the first input the settings waiting to be sent include */
let changedAt: number | undefined;
/** the charts must be asked for again: the player moved, or the width changed */
let relaid = false;
/** the comparison must be asked for again (settings, A or the width changed) */
let compareDue = false;
let seq = 0;
/** the settings of request `seq` */
let asked: Settings | undefined;
let runs = 0;
let embeds = 0;
/** the reply being drawn, and the newest one waiting to be (a reply that arrives while the charts
 * are updating replaces the waiting one) */
let drawing = false;
let waiting:
  | { reply: RunReply; settings: Settings; month: string | undefined; at: number | undefined }
  | undefined;
/** the run on the page */
let current:
  | { kind: 'run'; reply: Extract<RunReply, { kind: 'run' }>; shown: Settings }
  | { kind: 'ensemble'; shown: Settings }
  | undefined;

/** The settings changed: run them (once a frame). */
function schedule(): void {
  changedAt ??= performance.now();
  compareDue = true;
  nextFrame();
}

/** The same run's charts again: for another month, or another width. */
function relayout(compare = false): void {
  relaid = true;
  compareDue ||= compare;
  nextFrame();
}

/** Send the change: at once when nothing was sent in the last frame (after the changes made in the
 * same task), else at the next frame; so a drag runs the model at most once a frame. */
function nextFrame(): void {
  // busy from the change on (for scripts and tests: not only once the request is out)
  $('results').setAttribute('aria-busy', 'true');
  if (frame !== undefined) return;
  const flush = () => {
    frame = undefined;
    lastFlush = performance.now();
    send();
  };
  if (performance.now() - lastFlush >= FRAME_MS) {
    frame = -1;
    queueMicrotask(flush);
  } else frame = requestAnimationFrame(flush);
}
let lastFlush = Number.NEGATIVE_INFINITY;
const FRAME_MS = 1000 / 60;

/** The address bar holds the settings: a link to this page restores them. Written when A is pinned
 * and once the page shows the settings (not for every frame of a drag: each write is the browser's
 * work too). */
function writeHash(): void {
  history.replaceState(null, '', settingsToHash(cat, settings, pinned));
}

function send(): void {
  if (sent || (changedAt === undefined && !relaid)) return;
  const month = settings.runs === undefined ? player.month() : undefined;
  sent = { id: ++seq, settings, month, at: changedAt };
  asked = settings;
  changedAt = undefined;
  relaid = false;
  const results = $('results');
  results.dataset.posts = String(seq);
  if (seq === 1) performance.mark('first request');
  const request: RunRequest = {
    kind: 'run',
    id: sent.id,
    settings,
    layout: { month, width: chartWidth(), abWidth: pinned ? chartWidthOf($('ab')) : chartWidth() },
    ...(pinned ? { pinned } : {}),
    compare: compareDue,
  };
  compareDue = false;
  if (JSON.stringify(request) === JSON.stringify(first.request)) {
    // answered at build time (first.ts): drawn at once, while the worker runs the same settings (for
    // the player's months, and its code warm for the first change)
    ask({ ...request, silent: true });
    results.dataset.first = 'build';
    for (const reply of first.replies) receive(reply);
  } else {
    results.dataset.first ??= 'worker';
    ask(request);
  }
}

function receive(data: Reply): void {
  // a chart's runtime comes once (the worker's first chart of a kind with that structure): kept, drawn
  // or not
  if (data.kind === 'chart') views.keep(data.chart);
  else if ((data.kind === 'compare' || data.kind === 'explain') && data.ok)
    for (const chart of data.kind === 'compare' ? data.charts : [data.chart]) views.keep(chart);
  switch (data.kind) {
    case 'ready':
      return;
    case 'load':
      loading.get(data.id)?.(data);
      loading.delete(data.id);
      return;
    case 'explain':
      void showExplanation(data);
      return;
    case 'chart': {
      const q = arriving.get(data.id);
      q?.charts.push(data.chart);
      q?.wake?.();
      return;
    }
    case 'compare-progress':
    case 'compare':
      // a comparison of settings since changed: the newer one follows
      if (data.id === seq && pinned) sideBySide.receive(data, asked!);
      return;
    case 'progress': {
      const bar = $<HTMLProgressElement>('ensemble-progress');
      bar.hidden = false;
      bar.max = data.runs;
      bar.value = data.done;
      return;
    }
  }
  $('ensemble-progress').hidden = true;
  if (runs === 0) performance.mark('first reply');
  const done = sent!;
  sent = undefined;
  // a reply that waited and was never drawn: its charts are not either
  if (waiting) arriving.delete(waiting.reply.id);
  if (data.ok) arriving.set(data.id, { charts: [] });
  waiting = { reply: data, settings: done.settings, month: done.month, at: done.at };
  // newer settings go out at once, so the model computes while this reply is drawn
  send();
  void drawWaiting();
}

/** The charts of the replies drawn or waiting, as they arrive (a run's charts follow its reply). */
const arriving = new Map<number, { charts: ChartPayload[]; wake?: () => void }>();

/** The next chart of a reply, once it has arrived. */
function nextChart(id: number): Promise<ChartPayload> {
  const q = arriving.get(id)!;
  return new Promise((resolve) => {
    q.wake = () => {
      q.wake = undefined;
      resolve(q.charts.shift()!);
    };
    if (q.charts.length > 0) q.wake();
  });
}

async function drawWaiting(): Promise<void> {
  if (drawing) return;
  drawing = true;
  try {
    while (waiting) {
      const { reply, settings: shown, month, at } = waiting;
      waiting = undefined;
      await draw(reply, shown, month);
      const results = $('results');
      results.dataset.runs = String(++runs);
      if (runs === 1) performance.mark('first charts');
      if (!sent && changedAt === undefined && !relaid && !waiting) {
        if (at !== undefined) results.dataset.latency = String(Math.round(performance.now() - at));
        writeHash();
        results.setAttribute('aria-busy', 'false');
        pendingWhy?.();
        pendingWhy = undefined;
      }
    }
  } finally {
    drawing = false;
  }
}

const figures = new Map<string, HTMLElement>();
const isRunKind = (kind: string) => (CHART_KINDS as readonly string[]).includes(kind);

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

const views = new Views(
  (kind) => figures.get(kind)!,
  (kind, view, event, item) => {
    if (kind === 'rungs' || kind === 'heatmap') onChartClick(view, event, item);
  },
);

/** Draw a chart the worker made; "Save" names it for the scenario and the chart. */
async function showChart(chart: ChartPayload, shown: Settings): Promise<void> {
  const made = await views.show(chart, `${shown.scenario.replace(/\.(ya?ml|json)$/, '')}-${chart.kind}`);
  // for scripts and tests: how often the run's, the ensemble's and A/B's charts were embedded (the
  // explanation's chart is another one for each country and month)
  if (made && chart.kind !== 'explain') $('results').dataset.embeds = String(++embeds);
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '–';
}

/** A reply on the page: the headline numbers, the scenario text, and the charts. */
async function draw(reply: RunReply, shown: Settings, month: string | undefined): Promise<void> {
  const results = $('results');
  if (!reply.ok) {
    $('error').textContent = reply.error;
    results.dataset.state = 'error';
    return;
  }
  $('error').textContent = '';
  const variant = cat.variant(shown);
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
    noChange(reply, shown);
    current = { kind: 'run', reply, shown };
    player.period(reply.start, reply.end);
  } else {
    ensembleHeadline(reply.headline, reply.end);
    current = { kind: 'ensemble', shown };
  }
  for (let i = 0; i < reply.charts; i++) {
    const chart = await nextChart(reply.id);
    // newer settings answered already: their charts replace these
    if (waiting) break;
    const start = performance.now();
    await showChart(chart, shown);
    // for npm run bench:playground: where the time goes, chart by chart
    performance.measure(`chart ${chart.kind}`, { start });
    // one chart a task, so that input events get through between them
    await nextTask();
  }
  arriving.delete(reply.id);
  const charts = fmt(performance.now() - t0, 0);
  $('timing').textContent =
    reply.kind === 'run'
      ? `model ${fmt(reply.ms, 1)} ms (${reply.start} to ${reply.end}, in a worker) · charts ${charts} ms`
      : `${reply.headline.runs} runs ${fmt(reply.ms / 1000, 2)} s (${reply.start} to ${reply.end}, in a worker) · charts ${charts} ms`;
  // the month every chart now shows (for scripts and tests; '' the whole run)
  results.dataset.drawn = month ?? '';
  results.dataset.state = 'ready';
}

/**
 * A change of the settings that left every number of the run as it was: say so, and show why from the
 * model, for the country picked under "One country" (or the one whose parameter changed) at the end.
 */
function noChange(reply: Extract<RunReply, { kind: 'run' }>, shown: Settings): void {
  const before = current?.kind === 'run' ? current : undefined;
  if (
    !before ||
    before.shown.scenario !== shown.scenario ||
    JSON.stringify(before.shown) === JSON.stringify(shown)
  )
    return;
  if (before.reply.fingerprint !== reply.fingerprint) {
    // the run moved: a "nothing moved" explanation no longer holds
    if (whyNote.startsWith(NOTHING_MOVED)) $('why').hidden = true;
    pendingWhy = undefined;
    return;
  }
  const changed = Object.keys(shown.set).find((p) => before.shown.set[p] !== shown.set[p]) ?? '';
  const id = /^countries\.([A-Z]{2})\./.exec(changed)?.[1] ?? country;
  const name = cat.countryName(id);
  // asked once the settings stop moving (drawWaiting): not an explanation for every step of a drag
  pendingWhy = () =>
    explain(
      id,
      reply.end,
      `${NOTHING_MOVED}: the change reached no decision${changed ? ` (${changed})` : ''}. Below: why ${name} stands where it does in ${reply.end} (its drive, its cap and the gate that binds); click a country's line or cell for another.`,
    );
}
let pendingWhy: (() => void) | undefined;

const NOTHING_MOVED = 'Nothing in the run moved';

let explainSeq = 0;
let whyNote = '';

/** Ask the worker why a country stands where it does in a month of the run on the page. */
function explain(id: string, date: string, note: string): void {
  if (!current) return;
  whyNote = note;
  ask({
    kind: 'explain',
    id: ++explainSeq,
    settings: current.shown,
    explain: { country: id, date },
    width: chartWidth(),
  });
}

async function showExplanation(reply: ExplainReply): Promise<void> {
  if (reply.id !== explainSeq) return;
  const why = $('why');
  why.hidden = false;
  $('why-note').textContent = reply.ok ? whyNote : `${whyNote} ${reply.error}`;
  if (!reply.ok) return;
  // another month or country is another chart; the same one under new settings takes new rows
  await showChart(reply.chart, current?.shown ?? settings);
  $('results').dataset.explained = `${reply.country} ${reply.date}`;
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
  if (!datum?.country || current?.kind !== 'run') return;
  const id = cat.countryId(datum.country);
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
  const date = formatMonth(Math.max(m, parseMonth(current.reply.start) + 1));
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
function ensembleHeadline(h: EnsembleHeadline, end: string): void {
  setHeadline(
    'hl-first',
    `in ${fmt(100 * h.p_recognition, 1)}% of ${h.runs} runs, by ${end}`,
    String(h.p_recognition),
  );
  setHeadline('hl-rung5', `median ${h.median_count_ge_5} of ${h.countries}`, String(h.median_count_ge_5));
  setHeadline('hl-legitimacy', `median ${fmt(h.median_legitimacy)}`, String(h.median_legitimacy));
  setHeadline('hl-kandahar', `median ${fmt(h.median_kandahar, 2)}`, String(h.median_kandahar));
  setHeadline('hl-un', '–', '');
  $('results').dataset.headline = JSON.stringify({ runs: h.runs, p_recognition: h.p_recognition });
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
 * from the element on every request would lay the page out anew in the middle of a drag (~50 ms). */
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

function setHeadline(id: string, text: string, value: string): void {
  const dd = $(id);
  dd.textContent = text;
  dd.dataset.value = value;
}

/** For scripts and tests driving the page: the rows a chart's view shows now. */
Object.assign(globalThis, {
  stancesimPlayground: { data: (kind: string, name: string) => views.data(kind, name) },
});

// the player asks for the charts again when it moves (and not while a request is out or the charts
// are being drawn: a tick waits)
const player = new Player(
  () => relayout(),
  () => sent !== undefined || drawing,
);

// a new width lays the charts out anew (once the resizing stops)
let resized: ReturnType<typeof setTimeout> | undefined;
addEventListener('resize', () => {
  clearTimeout(resized);
  resized = setTimeout(() => relayout(pinned !== undefined), 150);
});

// the worker starts out knowing that the page has the first charts' structures (build.mjs): kept,
// whatever the page opens with
for (const reply of first.replies) if (reply.kind === 'chart') views.keep(reply.chart);
buildControls();
wireScenarioControls();
wireSideBySide();
buildFigures();
void applyLink();
