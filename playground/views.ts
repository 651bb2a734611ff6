// The page's charts: one Vega view per chart, made once from the runtime the worker parsed
// (compile.ts), then given new rows through its data API; a view is made anew only when the structure
// changes (a period, a width, a mode). The Vega runtime alone: the page neither compiles nor parses a
// spec. A small menu saves a chart as SVG, or as PNG at twice its size on screen.

import { changeset, type Runtime, View } from 'vega';
import { el } from './dom.js';
import type { ChartPayload } from './protocol.js';

// A new task: what follows waits for input events and drawing already queued. A message to itself,
// not setTimeout, which waits at least 4 ms once timeouts nest (ten of them a redraw).
const turns: (() => void)[] = [];
const channel = new MessageChannel();
channel.port1.onmessage = () => turns.shift()?.();
export const nextTask = () =>
  new Promise<void>((resolve) => {
    turns.push(resolve);
    channel.port2.postMessage(null);
  });

interface Shown {
  view: View;
  key: string;
  /** each dataset's key, as shown */
  data: Map<string, string>;
  /** the name "Save" suggests, without the extension */
  fileName: string;
}

export class Views {
  private readonly shown = new Map<string, Shown>();
  /** the last runtime the worker sent for each kind of chart (it sends one once per structure) */
  private readonly runtimes = new Map<string, { key: string; runtime: object }>();

  constructor(
    private readonly hostOf: (kind: string) => HTMLElement,
    private readonly onClick: (kind: string, view: View, event: MouseEvent, item: unknown) => void,
  ) {}

  /** The rows a chart's view shows now. */
  data(kind: string, name: string): object[] | undefined {
    return this.shown.get(kind)?.view.data(name);
  }

  /** Keep a chart's runtime as it arrives, drawn or not: the worker sends it once (the page calls this
   * for every message that carries charts, before it shows any). */
  keep(chart: ChartPayload): void {
    if (chart.runtime) this.runtimes.set(chart.kind, { key: chart.key, runtime: chart.runtime });
  }

  /** Show a chart: new rows in the view when its structure is the one on the page, else a new view
   * (then true). */
  async show(chart: ChartPayload, fileName: string): Promise<boolean> {
    const old = this.shown.get(chart.kind);
    if (old && old.key === chart.key) {
      old.fileName = fileName;
      let changed = false;
      for (const d of chart.data) {
        // only the datasets that changed (the record's never does when a slider moves)
        if (old.data.get(d.name) === d.key) continue;
        old.data.set(d.name, d.key);
        old.view.change(d.name, changesOf(old.view.data(d.name), d.rows, d.asIs));
        changed = true;
      }
      // the view's run (its dataflow and drawing) a task of its own: no task holds input back long
      if (changed) {
        await nextTask();
        await old.view.runAsync();
      }
      return false;
    }
    const runtime = this.runtimes.get(chart.kind);
    if (runtime?.key !== chart.key) throw new Error(`no runtime for the ${chart.kind} chart ${chart.key}`);
    old?.view.finalize();
    const host = this.hostOf(chart.kind);
    const canvas = el('div', { className: 'chart-canvas' });
    host.replaceChildren(canvas);
    const view = new View(runtime.runtime as Runtime, { renderer: 'canvas' });
    // the rows before the first run, as the spec's inline values would have been
    for (const d of chart.data) view.data(d.name, d.rows);
    view.initialize(canvas);
    view.addEventListener('click', (event, item) =>
      this.onClick(chart.kind, view, event as MouseEvent, item),
    );
    const shown: Shown = {
      view,
      key: chart.key,
      data: new Map(chart.data.map((d) => [d.name, d.key])),
      fileName,
    };
    this.shown.set(chart.kind, shown);
    await view.runAsync();
    host.append(saveMenu(shown));
    return true;
  }
}

/**
 * The change from the rows a view shows to new ones: where they are as many, with the same fields (and
 * taken as they are), the values that differ, set on the tuples in place (Vega then updates the marks
 * it has, and makes and drops none: ~10% less time a redraw); else all rows replaced.
 */
function changesOf(tuples: Record<string, unknown>[], rows: object[], asIs: boolean) {
  const cs = changeset();
  const same =
    asIs &&
    tuples.length === rows.length &&
    rows.every((r, i) => Object.keys(r).every((k) => Object.hasOwn(tuples[i]!, k)));
  if (!same) return cs.remove(() => true).insert(rows);
  rows.forEach((r, i) => {
    const t = tuples[i]!;
    for (const [k, v] of Object.entries(r)) if (t[k] !== v) cs.modify(t, k, v);
  });
  return cs;
}

/** "Save chart": SVG, or PNG at twice the size on screen, named for the scenario and the chart. */
function saveMenu(shown: Shown): HTMLElement {
  const links = (['svg', 'png'] as const).map((ext) => {
    const a = el('a', { href: '#' }, `Save as ${ext.toUpperCase()}`);
    a.addEventListener('click', async (e) => {
      e.preventDefault();
      const url = await shown.view.toImageURL(ext, ext === 'png' ? 2 : 1);
      const save = el('a', { href: url, download: `${shown.fileName}.${ext}` });
      document.body.append(save);
      save.click();
      save.remove();
    });
    return a;
  });
  return el(
    'details',
    { className: 'chart-actions' },
    el('summary', {}, 'Save chart'),
    el('div', {}, ...links),
  );
}
