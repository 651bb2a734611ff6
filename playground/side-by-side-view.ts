// The side-by-side panel: what A (pinned) and B (the page's settings) differ in, the paired difference
// of each headline outcome as a table, and the CLI's two compare charts (A and B on the same axes; the
// differences with their intervals), with the command that gives the same numbers.

import type { TopLevelSpec } from 'vega-lite';
import { differenceText, differenceTitle, meanText, shareOutcome } from '../src/charts/compare.js';
import {
  buildStudyCharts,
  COMPARE_CHART_KINDS,
  type CompareChartKind,
  STUDY_CHART_DESCRIPTIONS,
} from '../src/charts/index.js';
import type { CompareDoc } from '../src/ensemble/index.js';
import { $, el } from './dom.js';
import type { Playground, Settings } from './engine.js';
import type { CompareProgress, CompareReply } from './protocol.js';
import { compareCommand } from './side-by-side.js';

export class SideBySideView {
  /** the chart hosts of the panel, by kind (the page embeds into them) */
  readonly hosts = new Map<CompareChartKind, HTMLElement>();
  private doc: CompareDoc | undefined;
  private pinned: Settings | undefined;

  constructor(
    private readonly pg: Playground,
    private readonly draw: (kind: CompareChartKind, spec: TopLevelSpec) => Promise<void>,
    private readonly widthOf: (host: HTMLElement) => number,
  ) {
    const charts = $('ab-charts');
    for (const kind of COMPARE_CHART_KINDS) {
      const body = el('div', { className: 'vega-host' });
      body.dataset.kind = kind;
      charts.append(
        el(
          'figure',
          { className: 'chart', id: `chart-${kind}` },
          el('figcaption', {}, STUDY_CHART_DESCRIPTIONS[kind].replace('the reference scenario', 'A')),
          body,
        ),
      );
      this.hosts.set(kind, body);
    }
  }

  /** Show the panel for settings pinned as A (or hide it: undefined). */
  show(pinned: Settings | undefined): void {
    this.pinned = pinned;
    this.doc = undefined;
    $('ab').hidden = !pinned;
    $('pin').textContent = pinned ? 'Pin these as A instead' : 'Pin as A (side by side)';
    $('ab-error').textContent = '';
    $('ab-table').hidden = true;
    $('ab-charts').hidden = true;
    $('ab-note').textContent = pinned
      ? `A: ${this.describe(pinned)}. Change the settings: B is the page's settings, compared with A after each change.`
      : '';
  }

  /** A reply of the worker to the comparison of A with `b`. */
  receive(reply: CompareReply | CompareProgress, b: Settings): void {
    const bar = $<HTMLProgressElement>('ab-progress');
    if (reply.kind === 'compare-progress') {
      bar.hidden = false;
      bar.max = reply.total;
      bar.value = reply.done;
      return;
    }
    bar.hidden = true;
    const ab = $('ab');
    $('ab-error').textContent = reply.ok ? '' : reply.error;
    $('ab-table').hidden = !reply.ok;
    $('ab-charts').hidden = !reply.ok;
    ab.dataset.state = reply.ok ? 'ready' : 'error';
    if (!reply.ok || !this.pinned) return;
    this.doc = reply.doc;
    this.table(reply.doc, this.pinned, b, reply.ms);
    ab.dataset.differences = JSON.stringify(reply.doc.differences);
    void this.redraw();
  }

  /** The compare charts at the panel's width (again after a resize). */
  async redraw(): Promise<void> {
    const doc = this.doc;
    if (!doc) return;
    $('ab-charts').hidden = false;
    const width = this.widthOf($('ab-charts'));
    for (const { kind, spec } of buildStudyCharts(doc, { width }))
      await this.draw(kind as CompareChartKind, spec);
  }

  /** The scenario and the changes of settings, in a line. */
  private describe(s: Settings): string {
    const v = this.pg.variant(s);
    const changes = [
      ...Object.entries(v.set).map(([path, value]) => `${path} ${String(value)}`),
      ...(s.power === undefined ? [] : [`Haqqani power ${s.power}`]),
    ];
    const name = this.pg.scenarios.find((x) => x.file === s.scenario)?.name ?? s.scenario;
    return `${name}, seed ${v.seed}, ${v.start} to ${v.end}${changes.length > 0 ? `, with ${changes.join(', ')}` : ', nothing changed'}`;
  }

  private table(doc: CompareDoc, a: Settings, b: Settings, ms: number): void {
    const differs = doc.overrides.map((o) => `${o.path}: ${o.values.A} → ${o.values.B}`);
    $('ab-note').textContent =
      `A: ${this.describe(a)}. B: ${this.describe(b)}. ${doc.runs} paired runs each (${(ms / 1000).toFixed(1)} s in the worker), with A's seeds ` +
      `${doc.seed}/0 … for both: replication r of A and of B draws the same random numbers, so a difference is what the settings change. ` +
      (differs.length > 0 ? `What differs: ${differs.join('; ')}.` : 'A and B are the same settings.');
    $('ab-command').textContent =
      `${compareCommand(this.pg, a, b, doc.runs)} gives these numbers from the two downloaded files.`;
    const rows = doc.differences.map((d) => {
      const o = d.outcome;
      return el(
        'tr',
        {},
        el('th', { scope: 'row' }, differenceTitle(o)),
        el('td', {}, meanText(d.reference_mean, o)),
        el('td', {}, meanText(d.scenario_mean, o)),
        el('td', {}, differenceText(d, shareOutcome(o))),
      );
    });
    $('ab-rows').replaceChildren(...rows);
  }
}
