// The page's charts: one Vega view per chart, made once from the spec the worker compiled (compile.ts),
// then given new rows through its data API; a view is made anew only when the structure changes (a
// period, a width, a mode). Vega alone, no Vega-Lite or vega-embed: the page parses no compiler. A
// small menu saves a chart as SVG, or as PNG at twice its size on screen.

import { changeset, parse, type Spec, View } from 'vega';
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

  constructor(
    private readonly hostOf: (kind: string) => HTMLElement,
    private readonly onClick: (kind: string, view: View, event: MouseEvent, item: unknown) => void,
  ) {}

  /** The rows a chart's view shows now. */
  data(kind: string, name: string): object[] | undefined {
    return this.shown.get(kind)?.view.data(name);
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
        const entry = chart.spec.data?.find((x) => x.name === d.name) as
          | { format?: { parse?: unknown }; transform?: unknown }
          | undefined;
        // rows parsed or transformed on the way in are not the tuples' values: replaced
        const inPlace = !entry?.transform && entry?.format?.parse === undefined;
        old.view.change(d.name, changesOf(old.view.data(d.name), d.rows, inPlace));
        changed = true;
      }
      // the view's run (its dataflow and drawing) a task of its own: no task holds input back long
      if (changed) {
        await nextTask();
        await old.view.runAsync();
      }
      return false;
    }
    old?.view.finalize();
    const { spec } = chart;
    for (const d of chart.data) {
      const entry = spec.data?.find((x) => x.name === d.name);
      if (entry) entry.values = d.rows;
    }
    const host = this.hostOf(chart.kind);
    const canvas = el('div', { className: 'chart-canvas' });
    host.replaceChildren(canvas);
    const view = new View(parse(spec as Spec), { renderer: 'canvas' });
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
function changesOf(tuples: Record<string, unknown>[], rows: object[], inPlace: boolean) {
  const cs = changeset();
  const same =
    inPlace &&
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
