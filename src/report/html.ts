// A report as one self-contained HTML file: the text and tables as escaped HTML, each chart's
// Vega-Lite spec in a <script type="application/json"> block, and vega, vega-lite and vega-embed
// inlined (their sources come in as strings), so the page draws its charts offline and makes no
// request at all.

import type { TopLevelSpec } from 'vega-lite';
import { PAGE_WIDTH } from '../charts/style.js';
import type { CompareDoc } from '../ensemble/docs.js';
import type { ComparisonSection, Report, ReportChart, ScenarioSection } from './report.js';

/** The built (UMD, minified) library sources, in the order they load. */
export interface Libraries {
  vega: string;
  vegaLite: string;
  vegaEmbed: string;
}

/** vega-embed options: tooltips (its default) and export as SVG/PNG, nothing that links out. */
export const EMBED_OPTIONS = {
  mode: 'vega-lite',
  renderer: 'svg',
  actions: { export: true, source: false, compiled: false, editor: false },
  // "Save as PNG" at twice the size on screen, like the CLI's PNGs
  scaleFactor: { png: 2 },
} as const;

/** The charts' DejaVu Sans, with fallbacks for machines without it (the browser measures text itself). */
const CHART_FONT = "'DejaVu Sans', Verdana, 'Bitstream Vera Sans', sans-serif";
const PAGE_FONT =
  "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', 'DejaVu Sans', Arial, sans-serif";

const ENTITIES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Text for element content and attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]!);
}

/** JSON for a <script type="application/json"> block: no '<' or '>' can end it early. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
}

/** Library code for an inline <script>: nothing closes the element early, no source map to fetch. */
export function inlineScript(code: string): string {
  return code.replace(/<\/(script)/gi, '<\\/$1').replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}

/** The spec as embedded: no $schema (a URL; the mode is given instead), fonts with fallbacks. */
function embeddable(spec: TopLevelSpec): object {
  const { $schema: _schema, ...rest } = spec;
  return { ...rest, config: { ...rest.config, font: CHART_FONT } };
}

const slug = (s: string) => s.replace(/[^A-Za-z0-9_-]+/g, '-');

/** Paragraphs of a YAML block text: blank lines separate them, line breaks inside are spaces. */
function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim().replace(/\s+/g, ' '))
    .filter((p) => p !== '')
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

function table(head: string[], rows: string[][], numeric: number[] = []): string {
  const cell = (tag: 'th' | 'td', text: string, i: number) =>
    `<${tag}${numeric.includes(i) ? ' class="num"' : ''}>${escapeHtml(text)}</${tag}>`;
  return [
    '<div class="table"><table>',
    `<thead><tr>${head.map((h, i) => cell('th', h, i)).join('')}</tr></thead>`,
    '<tbody>',
    ...rows.map((r) => `<tr>${r.map((c, i) => cell('td', c, i)).join('')}</tr>`),
    '</tbody></table></div>',
  ].join('\n');
}

const summaryList = (sentences: string[]) =>
  `<ul class="summary">\n${sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join('\n')}\n</ul>`;

/** Figures numbered in document order: the container a spec is drawn into, and the spec itself. */
class Charts {
  private n = 0;
  figures(charts: readonly ReportChart[]): string {
    return charts
      .map((c) => {
        const id = ++this.n;
        // the chart's own notes (what its marks mean, figures left out) follow the one-line description
        const caption = [c.caption, c.spec.description].filter(Boolean).join('. ');
        return [
          `<figure class="chart" id="figure-${id}">`,
          `<div class="vega-chart" id="chart-${id}" data-spec="spec-${id}" data-kind="${escapeHtml(c.kind)}"></div>`,
          `<figcaption><b>Figure ${id}.</b> ${escapeHtml(caption)}</figcaption>`,
          `<script type="application/json" id="spec-${id}">${scriptJson(embeddable(c.spec))}</script>`,
          '</figure>',
        ].join('\n');
      })
      .join('\n');
  }
}

function scenarioSection(s: ScenarioSection, charts: Charts): string {
  const parameters =
    s.parameters.length === 0
      ? '<p>No parameter overrides: every parameter has its shipped value.</p>'
      : table(
          ['Parameter', 'Shipped value', 'Source', 'Scenario value', 'Source'],
          s.parameters.map((p) => [
            p.path,
            p.shipped,
            p.shippedSource || '—',
            p.value,
            `scenario ${p.source}`,
          ]),
        );
  const events =
    s.events.length === 0
      ? '<p>No scenario events.</p>'
      : table(
          ['Month', 'Event', 'Effects', 'Source'],
          s.events.map((e) => [e.at, e.label, e.effects, e.source]),
        );
  return [
    `<section class="scenario" id="scenario-${slug(s.name)}">`,
    `<h2>Scenario <code>${escapeHtml(s.name)}</code></h2>`,
    `<p class="question">${escapeHtml(s.question)}</p>`,
    `<div class="description">\n${paragraphs(s.description)}\n</div>`,
    `<p class="file">Scenario file: <code>${escapeHtml(s.file)}</code></p>`,
    '<h3>In brief</h3>',
    summaryList(s.summary),
    '<h3>What the scenario changes</h3>',
    '<h4>Parameters</h4>',
    parameters,
    '<h4>Events</h4>',
    events,
    '<h3>Charts</h3>',
    charts.figures(s.charts),
    '</section>',
  ].join('\n');
}

/** Probabilities in percent, other outcomes as numbers; differences of probabilities in points. */
function differenceRow(d: CompareDoc['differences'][number]): string[] {
  const b = d.outcome.binary;
  const level = (x: number) => (b ? `${(100 * x).toFixed(1)}%` : x.toFixed(3));
  const diff = (x: number) => `${x > 0 ? '+' : ''}${b ? `${(100 * x).toFixed(1)} pp` : x.toFixed(3)}`;
  return [
    d.outcome.label,
    d.scenario,
    level(d.reference_mean),
    level(d.scenario_mean),
    diff(d.difference),
    `${diff(d.lo)} … ${diff(d.hi)}`,
  ];
}

function comparisonSection(c: ComparisonSection, report: Report, charts: Charts): string {
  const [reference] = c.scenarios;
  return [
    '<section class="comparison" id="comparison">',
    '<h2>Comparison</h2>',
    `<p>Every scenario ran the same ${report.runs} replications: replication r draws the same random numbers (seed ${escapeHtml(report.seed)}/r) in each, so a difference is what the scenarios change, not noise. Differences are paired by replication, with a 95% interval; the reference is <code>${escapeHtml(reference ?? '')}</code>.</p>`,
    summaryList(c.summary),
    '<h3>Differences from the reference</h3>',
    table(
      ['Outcome', 'Scenario', `${reference} (reference)`, 'Scenario', 'Difference', '95% interval'],
      c.differences.map(differenceRow),
      [2, 3, 4, 5],
    ),
    '<h3>Parameters that differ</h3>',
    c.overrides.length === 0
      ? '<p>None: the scenarios differ in no parameter and no event.</p>'
      : table(
          ['Parameter', ...c.scenarios],
          c.overrides.map((o) => [o.path, ...c.scenarios.map((n) => o.values[n] ?? '')]),
        ),
    '<h3>Charts</h3>',
    charts.figures(c.charts),
    '</section>',
  ].join('\n');
}

const STYLE = `
body { font-family: ${PAGE_FONT}; color: #222; line-height: 1.5; max-width: 1180px; margin: 0 auto; padding: 1.5rem; }
h1 { font-size: 1.7rem; margin: 0 0 .5rem; }
h2 { font-size: 1.35rem; margin-top: 2.5rem; border-bottom: 2px solid #ddd; }
h3 { font-size: 1.1rem; margin-top: 1.75rem; }
h4 { font-size: 1rem; margin: 1rem 0 .25rem; }
code { font-family: ui-monospace, 'DejaVu Sans Mono', Menlo, Consolas, monospace; font-size: .92em; }
.question { font-size: 1.15rem; font-style: italic; }
.meta { display: grid; grid-template-columns: max-content 1fr; gap: .15rem 1rem; margin: 0; }
.meta dt { font-weight: bold; }
.meta dd { margin: 0; }
nav ul { padding-left: 1.2rem; }
.table { overflow-x: auto; }
table { border-collapse: collapse; font-size: .9rem; margin: .25rem 0 1rem; }
th, td { text-align: left; vertical-align: top; padding: .3rem .6rem; border-bottom: 1px solid #ddd; }
th { background: #f4f4f4; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 1.5rem 0; }
figure.chart figcaption { max-width: ${PAGE_WIDTH}px; }
figcaption { color: #555; font-size: .9rem; }
footer { margin-top: 3rem; color: #666; font-size: .85rem; }
@page { size: A4; margin: 15mm; }
@media print { body { padding: 0; } .vega-embed details { display: none; } .vega-embed.has-actions { padding-right: 0; } figure.chart { break-inside: avoid; } }
`;

/** Draws each chart into its container; marks the body when all are done (or failed, with the reason shown). */
const RENDER = `
(function () {
  var options = ${JSON.stringify(EMBED_OPTIONS)};
  var containers = Array.prototype.slice.call(document.querySelectorAll('[data-spec]'));
  Promise.all(containers.map(function (el) {
    var spec = JSON.parse(document.getElementById(el.getAttribute('data-spec')).textContent);
    // a saved chart is named for the figure and the chart kind, not "visualization"
    var named = Object.assign({}, options, {
      downloadFileName: 'figure-' + el.id.replace('chart-', '') + '-' + el.getAttribute('data-kind'),
    });
    return vegaEmbed(el, spec, named).catch(function (e) {
      el.textContent = 'This chart could not be drawn: ' + e.message;
      el.setAttribute('data-error', String(e.message));
    });
  })).then(function () { document.body.setAttribute('data-charts', 'done'); });
})();
`;

/** The report as one HTML page. The same report and libraries give the same bytes. */
export function reportHtml(report: Report, libraries: Libraries): string {
  const charts = new Charts();
  const scenarios = report.scenarios.map((s) => scenarioSection(s, charts));
  const comparison = report.comparison ? [comparisonSection(report.comparison, report, charts)] : [];
  const runs =
    report.runs === 1
      ? `1 run (seed ${report.seed})`
      : `${report.runs} per scenario; replication r runs with seed ${report.seed}/r`;
  const nav = [
    ...report.scenarios.map(
      (s) =>
        `<li><a href="#scenario-${slug(s.name)}">${escapeHtml(s.name)}</a>: ${escapeHtml(s.question)}</li>`,
    ),
    ...(report.comparison ? ['<li><a href="#comparison">Comparison</a></li>'] : []),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="${escapeHtml(report.generator)}">
<title>${escapeHtml(report.title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${escapeHtml(report.title)}</h1>
<dl class="meta">
<dt>Period</dt><dd>${escapeHtml(report.start)} to ${escapeHtml(report.end)}</dd>
<dt>Seed</dt><dd><code>${escapeHtml(report.seed)}</code></dd>
<dt>Runs</dt><dd>${escapeHtml(runs)}</dd>
<dt>Made with</dt><dd>${escapeHtml(report.generator)}: <code>${escapeHtml(report.command)}</code></dd>
</dl>
<nav><ul>
${nav.join('\n')}
</ul></nav>
<noscript><p>The charts are drawn by JavaScript in the page; enable it to see them.</p></noscript>
</header>
<main>
${[...scenarios, ...comparison].join('\n')}
</main>
<footer>The charts are interactive: hover for values; the … menu saves each as SVG or PNG. Everything this page needs is inside it.</footer>
<script>${inlineScript(libraries.vega)}</script>
<script>${inlineScript(libraries.vegaLite)}</script>
<script>${inlineScript(libraries.vegaEmbed)}</script>
<script>${RENDER}</script>
</body>
</html>
`;
}
