// The side-by-side panel: what A (pinned) and B (the page's settings) differ in, the paired difference
// of each headline outcome as a table, and the CLI's two compare charts (A and B on the same axes; the
// differences with their intervals), with the command that gives the same numbers.

import { COMPARE_CHART_KINDS, type CompareChartKind, STUDY_CHART_DESCRIPTIONS } from '../src/charts/kinds.js';
import type { Catalogue, Settings } from './catalogue.js';
import { $, el } from './dom.js';
import type { ChartPayload, CompareProgress, CompareReply } from './protocol.js';
import { compareCommand } from './scenario-yaml.js';

export class SideBySideView {
  /** the chart hosts of the panel, by kind (the page embeds into them) */
  readonly hosts = new Map<CompareChartKind, HTMLElement>();
  private pinned: Settings | undefined;

  constructor(
    private readonly catalogue: Catalogue,
    private readonly draw: (chart: ChartPayload) => Promise<void>,
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
    this.table(reply, this.pinned, b);
    ab.dataset.differences = JSON.stringify(reply.differences);
    void (async () => {
      for (const chart of reply.charts) await this.draw(chart);
    })();
  }

  /** The scenario and the changes of settings, in a line. */
  private describe(s: Settings): string {
    const v = this.catalogue.variant(s);
    const changes = [
      ...Object.entries(v.set).map(([path, value]) => `${path} ${String(value)}`),
      ...(s.power === undefined ? [] : [`Haqqani power ${s.power}`]),
    ];
    const name = this.catalogue.scenarios.find((x) => x.file === s.scenario)?.name ?? s.scenario;
    return `${name}, seed ${v.seed}, ${v.start} to ${v.end}${changes.length > 0 ? `, with ${changes.join(', ')}` : ', nothing changed'}`;
  }

  private table(reply: Extract<CompareReply, { ok: true }>, a: Settings, b: Settings): void {
    const differs = reply.overrides.map((o) => `${o.path}: ${o.a} → ${o.b}`);
    $('ab-note').textContent =
      `A: ${this.describe(a)}. B: ${this.describe(b)}. ${reply.runs} paired runs each (${(reply.ms / 1000).toFixed(1)} s in the worker), with A's seeds ` +
      `${reply.seed}/0 … for both: replication r of A and of B draws the same random numbers, so a difference is what the settings change. ` +
      (differs.length > 0 ? `What differs: ${differs.join('; ')}.` : 'A and B are the same settings.');
    $('ab-command').textContent =
      `${compareCommand(this.catalogue, a, b, reply.runs)} gives these numbers from the two downloaded files.`;
    $('ab-rows').replaceChildren(
      ...reply.rows.map(([outcome, ...cells]) =>
        el('tr', {}, el('th', { scope: 'row' }, outcome), ...cells.map((c) => el('td', {}, c))),
      ),
    );
  }
}
