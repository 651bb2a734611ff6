// The charts of one run (ResultsDoc): rungs by bloc, the countries × months heatmap, factions, policy and
// the legitimacy counts. Each is a plain, self-contained TopLevelSpec (data inlined), so it can be saved
// as *.vl.json, edited and re-rendered with any Vega tool.
// Pure and browser-safe: only type imports from vega-lite, no node:*, no I/O. Same doc → same JSON.

import type { TopLevelSpec } from 'vega-lite';
import { type ActorInfo, actorLabel, type ResultsDoc, type TidyRow } from '../model/results.js';
import { DIMENSIONS, FACTIONS, RUNGS } from '../model/types.js';
import {
  actorStyles,
  actorsOfKind,
  baseConfig,
  blocLabel,
  blocsPresent,
  CHART_HEIGHT,
  CHART_WIDTH,
  chartTitle,
  countryOrder,
  heatmapCell,
  heatmapWidth,
  INK_GREY,
  legendSelection,
  MONTH_TOOLTIP,
  monthDatum,
  monthName,
  monthX,
  nameAxisExtent,
  POLICY_COLOURS,
  POLICY_LABELS,
  RECORD_GREY,
  RUNG_COLOURS,
  RUNG_LONG_EXPR,
  RUNG_SHORT,
  RUNG_VALUES,
  recordNote,
  rowsBy,
  SCHEMA,
  selectedOpacity,
  subtitleOf,
  THREAT_LABEL,
} from './style.js';

const PANEL_WIDTH = 260;
const PANEL_HEIGHT = 170;
const RUNG_LABEL_EXPR = `${JSON.stringify(RUNG_SHORT)}[datum.value]`;
function title(text: string, doc: ResultsDoc, note?: string): { text: string; subtitle: string | string[] } {
  return note ? chartTitle(text, subtitleOf(doc), note) : chartTitle(text, subtitleOf(doc));
}

/** Distinct dates of the rows, in order. */
export function monthsOf(doc: ResultsDoc): string[] {
  return [...new Set(doc.rows.map((r) => r.date))].sort();
}

/** Rows of one variable, indexed by actor then date. */
function valuesOf(doc: ResultsDoc, variable: string): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const r of doc.rows) {
    if (r.variable !== variable) continue;
    let byDate = out.get(r.actor);
    if (!byDate) {
      byDate = new Map();
      out.set(r.actor, byDate);
    }
    byDate.set(r.date, r.value);
  }
  return out;
}

function rowsOf(doc: ResultsDoc, actor: string, variable: string): TidyRow[] {
  return doc.rows.filter((r) => r.actor === actor && r.variable === variable);
}

export interface RungDatum {
  date: string;
  country: string;
  bloc: string;
  rung: number;
  rung_name: string;
  /** first month of the country or a month where its rung changed: drawn as a point */
  changed: boolean;
  /** a row of the record drawn beside the run (present only when the doc carries a record) */
  observed?: boolean;
  /** the record's first row of a country: where the rule marking the record's end is drawn from */
  record_start?: boolean;
}

/** A country's rung in a month as the rung charts carry it. */
function rungRow(date: string, c: ActorInfo, rung: number) {
  return { date, country: c.name, bloc: blocLabel(c), rung, rung_name: RUNGS[rung] ?? String(rung) };
}

/** Engagement rung of every country over time: step lines, one panel per bloc. */
export function rungsChart(doc: ResultsDoc): TopLevelSpec {
  const rung = valuesOf(doc, 'rung');
  const months = monthsOf(doc);
  const countries = countryOrder(doc);
  const values: RungDatum[] = [];
  for (const c of countries) {
    const byDate = rung.get(c.id);
    if (!byDate) continue;
    let prev: number | undefined;
    for (const date of months) {
      const v = byDate.get(date);
      if (v === undefined) continue;
      values.push({
        ...rungRow(date, c, v),
        changed: v !== prev,
        ...(doc.record ? { observed: false } : {}),
      });
      prev = v;
    }
  }
  const record = doc.record;
  if (record) {
    const byId = new Map(countries.map((c) => [c.id, c]));
    for (const r of record.rows) {
      const c = byId.get(r.country);
      if (!c) continue;
      values.push({
        ...rungRow(r.date, c, r.rung),
        changed: false,
        observed: true,
        ...(r.date === doc.start ? { record_start: true } : {}),
      });
    }
  }
  const blocs = blocsPresent(doc);
  const tooltip = [
    MONTH_TOOLTIP,
    { field: 'country', type: 'nominal', title: 'Country' },
    { field: 'bloc', type: 'nominal', title: 'Bloc' },
    { field: 'rung', type: 'quantitative', title: 'Rung' },
    { field: 'rung_name', type: 'nominal', title: 'Stance' },
  ] as const;
  const styles = actorStyles(doc.actors);
  const names = countries.map((c) => c.name);
  const colour = {
    field: 'country',
    type: 'nominal',
    title: 'Country',
    sort: names,
    scale: { domain: names, range: countries.map((c) => styles.get(c.id)!.colour) },
    legend: { orient: 'right', symbolStrokeWidth: 2.5, symbolSize: 300, symbolType: 'stroke' },
  } as const;
  // the record's layers are optional, so the spec is assembled as plain data and typed once
  return {
    $schema: SCHEMA,
    title: record
      ? chartTitle(
          'Engagement with the Taliban government, by country',
          subtitleOf(doc),
          '● marks a change of rung',
          recordNote(record.end),
        )
      : title('Engagement with the Taliban government, by country', doc, '● marks a change of rung'),
    data: { values },
    facet: { field: 'bloc', type: 'nominal', title: null, sort: blocs, header: { labelAnchor: 'start' } },
    columns: blocs.length > 4 ? 3 : 2,
    spec: {
      width: PANEL_WIDTH,
      height: PANEL_HEIGHT,
      encoding: {
        x: monthX(months.length, PANEL_WIDTH),
        y: {
          field: 'rung',
          type: 'quantitative',
          title: 'Engagement rung',
          // padding keeps the points at rungs 0 and 6 inside the panel, so the bloc titles line up
          scale: { domain: [0, RUNGS.length - 1], nice: false, zero: true, padding: 6 },
          axis: { values: RUNG_VALUES, labelExpr: RUNG_LABEL_EXPR, grid: true },
        },
        color: colour,
      },
      layer: [
        // the record first, under the run: a wide grey band, and a rule where it ends
        ...(record
          ? [
              {
                transform: [{ filter: 'datum.observed' }],
                mark: { type: 'line', interpolate: 'step-after', strokeWidth: 6, color: RECORD_GREY },
                encoding: {
                  color: { value: RECORD_GREY },
                  detail: { field: 'country', type: 'nominal' },
                  opacity: { value: 0.45 },
                  tooltip: [{ field: 'country', type: 'nominal', title: 'Observed (record)' }],
                },
              },
              {
                // one rule per panel: drawn from the record's first row of each country, all at one x
                transform: [{ filter: 'datum.record_start' }],
                mark: { type: 'rule', color: INK_GREY, strokeDash: [4, 3], strokeWidth: 1.2 },
                encoding: {
                  x: { datum: monthDatum(record.end), type: 'temporal' },
                  y: { value: 0 },
                  y2: { value: 'height' },
                  color: { value: INK_GREY },
                },
              },
            ]
          : []),
        {
          ...(record ? { transform: [{ filter: '!datum.observed' }] } : {}),
          params: [legendSelection('country')],
          mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2.2 },
          encoding: {
            opacity: selectedOpacity(0.9),
            // a line is one mark for all its months: its tooltip names the country only
            tooltip: [...tooltip.slice(1, 3)],
            strokeDash: {
              field: 'country',
              type: 'nominal',
              title: 'Country',
              sort: names,
              scale: { domain: names, range: countries.map((c) => styles.get(c.id)!.dash) },
            },
          },
        },
        {
          transform: [{ filter: record ? 'datum.changed && !datum.observed' : 'datum.changed' }],
          mark: { type: 'point', filled: true, size: 36 },
          encoding: { opacity: selectedOpacity(), tooltip: [...tooltip] },
        },
      ],
    },
    // one legend: every country has its own colour and dash, the same in every chart and run
    resolve: { scale: { color: 'shared', strokeDash: 'shared', x: 'shared', y: 'shared' } },
    config: baseConfig(),
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- heatmap

export interface HeatmapDatum {
  date: string;
  country: string;
  bloc: string;
  rung: number;
  rung_name: string;
  /** a country's first month, when a record is drawn: where its row's rule comes from */
  first?: boolean;
}

/** Countries × months, colour = rung; rows grouped by bloc, then as the data list the countries; a
 * dashed rule where the record ends when the doc carries one. */
export function heatmapChart(doc: ResultsDoc): TopLevelSpec {
  const rung = valuesOf(doc, 'rung');
  const months = monthsOf(doc);
  const countries = countryOrder(doc).filter((c) => rung.has(c.id));
  const values: HeatmapDatum[] = [];
  for (const c of countries) {
    const byDate = rung.get(c.id)!;
    for (const date of months) {
      const v = byDate.get(date);
      if (v === undefined) continue;
      values.push({
        ...rungRow(date, c, v),
        ...(doc.record && date === months[0] ? { first: true } : {}),
      });
    }
  }
  const width = heatmapWidth(months.length);
  const extent = nameAxisExtent(countries.map((c) => c.name));
  const cells = {
    color: {
      field: 'rung',
      type: 'ordinal',
      title: 'Engagement rung',
      scale: { domain: RUNG_VALUES, range: [...RUNG_COLOURS] },
      legend: { labelExpr: `datum.value + ' ' + ${RUNG_LONG_EXPR}` },
    },
    tooltip: [
      MONTH_TOOLTIP,
      { field: 'country', type: 'nominal', title: 'Country' },
      { field: 'rung', type: 'quantitative', title: 'Rung' },
      { field: 'rung_name', type: 'nominal', title: 'Stance' },
    ],
  } as const;
  const x = monthX(months.length, width);
  const y = {
    field: 'country',
    type: 'nominal',
    title: null,
    sort: countries.map((c) => c.name),
    axis: { minExtent: extent, maxExtent: extent },
  } as const;
  const record = doc.record;
  return {
    $schema: SCHEMA,
    title: record
      ? chartTitle(
          'Engagement rung by country and month',
          subtitleOf(doc),
          `dark rule: where the observed record (data/events.csv) ends, ${monthName(record.end)}; before it the run replays the record's shocks, not its stances`,
        )
      : title('Engagement rung by country and month', doc),
    data: { values },
    facet: { row: rowsBy('bloc', blocsPresent(doc)) },
    spacing: 6,
    spec: record
      ? {
          width,
          height: { step: 16 },
          encoding: { x, y },
          layer: [
            { mark: heatmapCell(months.length), encoding: cells },
            {
              // one rule per panel from each country's first month, all at the record's end
              transform: [{ filter: 'datum.first' }],
              mark: { type: 'rule', color: INK_GREY, strokeWidth: 1.5 },
              encoding: {
                x: { datum: monthDatum(record.end), type: 'temporal' },
                // the full panel height, not a row: the layer then adds nothing to the row scale
                y: { value: 0 },
                y2: { value: 'height' },
              },
            },
          ],
        }
      : { width, height: { step: 16 }, mark: heatmapCell(months.length), encoding: { x, y, ...cells } },
    resolve: { scale: { y: 'independent' } },
    config: { ...baseConfig(), view: { stroke: null } },
  } as TopLevelSpec;
}

// ---------------------------------------------------------------------------------------------- factions

export interface FactionDatum {
  date: string;
  faction: string;
  order: number;
  power: number;
}

/** Factions in the order of FACTIONS, unknown ones after them by id. */
export function byFaction<T>(items: T[], id: (item: T) => string): T[] {
  const known = FACTIONS as readonly string[];
  const rank = (item: T) => known.indexOf(id(item)) + 1 || 99;
  return [...items].sort((a, b) => rank(a) - rank(b) || (id(a) < id(b) ? -1 : 1));
}

/** Power shares of the Taliban factions: stacked area normalized to 1. */
export function factionsChart(doc: ResultsDoc): TopLevelSpec {
  const factions = byFaction(actorsOfKind(doc, 'faction'), (a) => a.id);
  const labels = factions.map(actorLabel);
  const styles = actorStyles(doc.actors);
  const colours = factions.map((f) => styles.get(f.id)!.colour);
  const values: FactionDatum[] = [];
  factions.forEach((f, order) => {
    for (const r of rowsOf(doc, f.id, 'power'))
      values.push({ date: r.date, faction: labels[order]!, order, power: r.value });
  });
  values.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.order - b.order));
  const months = monthsOf(doc);
  return {
    $schema: SCHEMA,
    title: title('Power shares of the Taliban factions', doc),
    data: { values },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    encoding: {
      x: monthX(months.length, CHART_WIDTH),
      y: {
        field: 'power',
        type: 'quantitative',
        stack: 'normalize',
        title: 'Share of power',
        axis: { format: '.0%' },
      },
      color: {
        field: 'faction',
        type: 'nominal',
        title: 'Faction',
        // legend listed top to bottom like the stack (the first faction sits at the bottom)
        scale: { domain: [...labels].reverse(), range: [...colours].reverse() },
        legend: { orient: 'right', symbolType: 'square', labelLimit: 480 },
      },
      order: { field: 'order', type: 'quantitative' },
    },
    layer: [
      {
        params: [legendSelection('faction')],
        mark: { type: 'area', line: { strokeWidth: 0.8, stroke: 'white' } },
        encoding: {
          opacity: selectedOpacity(),
          tooltip: [{ field: 'faction', type: 'nominal', title: 'Faction' }],
        },
      },
      // invisible points on each band's upper edge carry the monthly values for tooltips
      {
        mark: { type: 'point', filled: true, size: 80, opacity: 0 },
        encoding: {
          tooltip: [
            MONTH_TOOLTIP,
            { field: 'faction', type: 'nominal', title: 'Faction' },
            { field: 'power', type: 'quantitative', title: 'Power share', format: '.1%' },
          ],
        },
      },
    ],
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- policy

export interface PolicyDatum {
  date: string;
  series: string;
  value: number;
}
export interface AttackDatum {
  date: string;
  threat: number;
  attacks: number;
}

/** The regime's policy indices and the ISK threat (dashed), all on 0..1; triangles mark ISK attacks. */
export function policyChart(doc: ResultsDoc): TopLevelSpec {
  const series = [...DIMENSIONS.map((d) => POLICY_LABELS[d]!), THREAT_LABEL];
  const values: PolicyDatum[] = [];
  for (const d of DIMENSIONS) {
    for (const r of rowsOf(doc, 'regime', d))
      values.push({ date: r.date, series: POLICY_LABELS[d]!, value: r.value });
  }
  const threat = rowsOf(doc, 'isk', 'threat');
  for (const r of threat) values.push({ date: r.date, series: THREAT_LABEL, value: r.value });
  const threatByDate = new Map(threat.map((r) => [r.date, r.value]));
  const attacks: AttackDatum[] = rowsOf(doc, 'isk', 'attacks')
    .filter((r) => r.value > 0)
    .map((r) => ({ date: r.date, threat: threatByDate.get(r.date) ?? 0, attacks: r.value }));
  const x = monthX(monthsOf(doc).length, CHART_WIDTH);
  const y = { type: 'quantitative' as const, scale: { domain: [0, 1] }, title: 'Index (0 to 1)' };
  return {
    $schema: SCHEMA,
    title: title(
      'Taliban regime policy and the ISK threat',
      doc,
      'policy: 0 = most repressive / least cooperative, 1 = most open · orange ▲ = month with an ISK mass-casualty attack',
    ),
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    layer: [
      {
        data: { values },
        encoding: {
          x,
          y: { ...y, field: 'value' },
          color: {
            field: 'series',
            type: 'nominal',
            title: null,
            sort: series,
            scale: { domain: series, range: [...DIMENSIONS, 'threat'].map((v) => POLICY_COLOURS[v]!) },
            legend: {
              orient: 'bottom',
              columns: 2,
              symbolType: 'stroke',
              symbolStrokeWidth: 2.5,
              labelLimit: 300,
            },
          },
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: null,
            sort: series,
            scale: {
              domain: series,
              range: [
                [1, 0],
                [1, 0],
                [1, 0],
                [6, 4],
              ],
            },
          },
        },
        layer: [
          {
            params: [legendSelection('series')],
            mark: { type: 'line', strokeWidth: 2.2 },
            encoding: {
              opacity: selectedOpacity(),
              tooltip: [{ field: 'series', type: 'nominal', title: 'Series' }],
            },
          },
          // invisible points carry the monthly values for tooltips
          {
            mark: { type: 'point', filled: true, size: 80, opacity: 0 },
            encoding: {
              tooltip: [
                MONTH_TOOLTIP,
                { field: 'series', type: 'nominal', title: 'Series' },
                { field: 'value', type: 'quantitative', title: 'Value', format: '.3f' },
              ],
            },
          },
        ],
      },
      {
        data: { values: attacks },
        mark: {
          type: 'point',
          shape: 'triangle-up',
          filled: true,
          size: 90,
          color: '#D55E00',
          stroke: 'white',
          strokeWidth: 0.8,
          opacity: 1,
        },
        encoding: {
          x,
          y: { ...y, field: 'threat' },
          tooltip: [
            MONTH_TOOLTIP,
            { field: 'attacks', type: 'quantitative', title: 'ISK attacks' },
            { field: 'threat', type: 'quantitative', title: 'ISK threat', format: '.3f' },
          ],
        },
      },
    ],
    config: baseConfig(),
  };
}

// ---------------------------------------------------------------------------------------------- legitimacy

export interface CountDatum {
  date: string;
  rung: number;
  rung_name: string;
  countries: number;
}

/** How many countries stand at each rung, month by month (stacked bars, higher rungs on top). */
export function legitimacyChart(doc: ResultsDoc): TopLevelSpec {
  const values: CountDatum[] = [];
  const counts = new Map<string, number>();
  for (const r of doc.rows) {
    if (r.actor === 'world' && r.variable.startsWith('count_rung_'))
      counts.set(`${r.date}|${r.variable}`, r.value);
  }
  const months = monthsOf(doc);
  for (const date of months) {
    RUNGS.forEach((name, k) => {
      const n = counts.get(`${date}|count_rung_${k}`);
      if (n !== undefined) values.push({ date, rung: k, rung_name: name, countries: n });
    });
  }
  const total = actorsOfKind(doc, 'country').length;
  const descending = [...RUNG_VALUES].reverse();
  return {
    $schema: SCHEMA,
    title: title('How many countries stand at each rung', doc),
    data: { values },
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    // adjacent months touch (a stepped area); the white borders on short runs help to count months
    mark:
      months.length <= 36
        ? { type: 'bar', binSpacing: 0, stroke: 'white', strokeWidth: 0.5 }
        : { type: 'bar', binSpacing: 0 },
    encoding: {
      x: monthX(months.length, CHART_WIDTH),
      y: {
        field: 'countries',
        type: 'quantitative',
        stack: 'zero',
        title: 'Number of countries',
        scale: total > 0 ? { domain: [0, total], nice: false } : {},
        axis: { tickMinStep: 1, format: 'd' },
      },
      color: {
        field: 'rung',
        type: 'ordinal',
        title: 'Engagement rung',
        sort: 'descending',
        scale: { domain: descending, range: descending.map((k) => RUNG_COLOURS[k]!) },
        legend: { labelExpr: `datum.value + ' ' + ${RUNG_LONG_EXPR}` },
      },
      order: { field: 'rung', type: 'quantitative', sort: 'ascending' },
      tooltip: [
        MONTH_TOOLTIP,
        { field: 'rung', type: 'quantitative', title: 'Rung' },
        { field: 'rung_name', type: 'nominal', title: 'Stance' },
        { field: 'countries', type: 'quantitative', title: 'Countries' },
      ],
    },
    config: baseConfig(),
  };
}
