// The charts of one run (src/charts/run.ts): rungs, heatmap, factions, policy and legitimacy.

import { describe, expect, it } from 'vitest';
import { compileSpec } from '../../src/charts/compile-spec.js';
import { buildChart, CHART_KINDS, type ChartKind, isChartKind } from '../../src/charts/index.js';
import { vega } from '../../src/charts/node-vega.js';
import { actorStyles, countriesInOrder, RUNG_COLOURS } from '../../src/charts/palette.js';
import {
  ATTACK_OBSERVED,
  ATTACK_SIMULATED,
  blocOffsets,
  factionsChart,
  heatmapChart,
  legitimacyChart,
  policyChart,
  RECORD_BAND,
  RECORD_OPACITY,
  RUN_DATASETS,
  rungRows,
  rungsChart,
} from '../../src/charts/run.js';
import { addMonths, blocLabel, type ChartOptions, INK_GREY } from '../../src/charts/style.js';
import type { ResultsDoc } from '../../src/model/results.js';
import { RUNGS } from '../../src/model/types.js';
import { recordAttacks, recordOverlay } from '../../src/validation/observed.js';
import { runtimeWarnings } from './checks.js';
import {
  LARGE_COUNTRIES,
  makeDoc,
  REAL_SIZE_COUNTRIES,
  REAL_SIZE_MONTHS,
  SMALL_COUNTRIES,
  withRecord,
} from './fixture.js';
import { lintChart } from './lint.js';

const small = makeDoc();
const large = makeDoc(LARGE_COUNTRIES, 48, true);
const N_MONTHS = 18;
/** The small fixture with a record to its 12th month (2022-07), two attacks in it. */
const recorded = withRecord(small, SMALL_COUNTRIES, 11);

// biome-ignore lint/suspicious/noExplicitAny: specs are walked as plain JSON
type Json = any;
const BUILDERS: Record<ChartKind, (doc: ResultsDoc, opts?: ChartOptions) => Json> = {
  rungs: rungsChart,
  heatmap: heatmapChart,
  factions: factionsChart,
  policy: policyChart,
  legitimacy: legitimacyChart,
};
const spec = (kind: ChartKind, doc = small): Json => buildChart(kind, doc);
const dataset = (s: Json, name: string): Json[] => s.datasets[name];

/** Every view node of a spec (vconcat panels, layers, nested layers) with the encoding it inherits. */
function viewsOf(node: Json, inherited: Json = {}): { node: Json; encoding: Json }[] {
  const encoding = { ...inherited, ...(node.encoding ?? {}) };
  if (node.vconcat) return node.vconcat.flatMap((v: Json) => viewsOf(v));
  if (node.layer) return node.layer.flatMap((l: Json) => viewsOf(l, encoding));
  return [{ node, encoding }];
}
/** Every mark with its type, dataset and the tooltip fields it ends up with. */
function marksOf(s: Json) {
  return viewsOf(s).map(({ node, encoding }) => ({
    type: typeof node.mark === 'string' ? node.mark : node.mark.type,
    data: node.data?.name as string | undefined,
    tooltip: [encoding.tooltip ?? []].flat().map((t: Json) => t.field) as string[],
    node,
    encoding,
  }));
}
/** The marks that draw one dataset. */
const marksOn = (s: Json, name: string) => marksOf(s).filter((m) => m.data === name);

/** Every object of a spec tree except the datasets' rows. */
function nodes(node: Json, out: Json[] = []): Json[] {
  if (Array.isArray(node)) for (const n of node) nodes(n, out);
  else if (node && typeof node === 'object') {
    out.push(node);
    for (const [key, value] of Object.entries(node)) if (key !== 'datasets') nodes(value, out);
  }
  return out;
}

/** The spec without what carries the values: the datasets, the title and the caption. */
function structure(s: Json): Json {
  const { datasets, title, description, ...rest } = s;
  return rest;
}

function sumBy(rows: Json[], key: string, value: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r[key], (out.get(r[key]) ?? 0) + r[value]);
  return out;
}

/** The small fixture with other values: other rung paths, faction shares, policy and attacks. */
function otherValues(doc: ResultsDoc): ResultsDoc {
  return {
    ...doc,
    rows: doc.rows.map((r) => ({
      ...r,
      value:
        r.variable === 'rung' || r.variable.startsWith('count_rung_')
          ? (r.value + 2) % 7
          : r.variable === 'attacks'
            ? 1 - r.value
            : Math.round(r.value * 0.7 * 1e6) / 1e6,
    })),
  };
}

describe('every run chart', () => {
  for (const kind of CHART_KINDS) {
    for (const [tag, doc] of [
      ['small', small],
      ['large', large],
      ['with a record', recorded],
    ] as const) {
      it(`${kind} (${tag}) compiles without vega-lite warnings or errors`, () => {
        const out = compileSpec(buildChart(kind, doc));
        expect(out.errors).toEqual([]);
        expect(out.warnings).toEqual([]);
        expect(out.vega.marks?.length).toBeGreaterThan(0);
      });
    }

    it(`${kind} is self-contained and report-ready: one short subtitle, notes in the description`, () => {
      const s = spec(kind, recorded);
      expect(s.$schema).toMatch(/vega-lite\/v6\.json$/);
      expect(s.config.font).toBe('DejaVu Sans');
      expect(s.config.background).toBe('white');
      expect(s.title.text.length).toBeGreaterThan(10);
      // the subtitle names the run, on one line; what was a second subtitle line is in the caption
      // one run, said so: a reader should not take it for an ensemble
      expect(s.title.subtitle).toBe('test-fixture · seed 42 · 2021-08 to 2023-01 · one simulated run');
      expect(typeof s.description).toBe('string');
      expect(s.description).toContain('The dashed rule marks where the record ends, Jul 2022');
      // the record named as a reader knows it, not by its file (regression: 'stance rows of data/events.csv')
      expect(s.description).toContain('the observed record (to Jul 2022)');
      expect(s.description).not.toMatch(/events\.csv|stance rows/);
      expect(s.description).not.toMatch(/\n|\s{2}/);
      expect(spec(kind).description).not.toContain('record');
      // tooltips on the marks, always with the month
      expect(JSON.stringify(s)).toMatch(/"tooltip":\[\{"field":"date"/);
    });

    it(`${kind} takes its values from named datasets only`, () => {
      const s = spec(kind, recorded);
      const names = Object.keys(s.datasets);
      expect(names.length).toBeGreaterThan(0);
      for (const n of names) expect(Object.values(RUN_DATASETS)).toContain(n);
      const refs = nodes(s)
        .filter((n) => n.data)
        .map((n) => n.data);
      expect(refs.length).toBeGreaterThan(0);
      for (const d of refs) {
        expect(Object.keys(d)).toEqual(['name']);
        expect(names).toContain(d.name);
      }
      // every dataset is drawn, and the one saying where the record ends has its one row
      expect(new Set(refs.map((d) => d.name))).toEqual(new Set(names));
      const [end, ...more] = dataset(s, RUN_DATASETS.recordEnd);
      expect(more).toEqual([]);
      // (the heatmap's label says what its strips are)
      const label = kind === 'heatmap' ? 'top strip: observed to Jul 2022' : 'record ends Jul 2022';
      expect(end).toMatchObject({ date: '2022-07', next: '2022-08', label });
      // the label on the side of the rule with room for it
      expect(['left', 'right']).toContain(end.align);
      expect(dataset(spec(kind), RUN_DATASETS.recordEnd)).toEqual([]);
    });

    it(`${kind}: two runs of the same actors and period give the same spec but for datasets, title and caption`, () => {
      const other = otherValues(small);
      expect(JSON.stringify(other.rows)).not.toBe(JSON.stringify(small.rows));
      const a = spec(kind, small);
      const b = spec(kind, other);
      expect(JSON.stringify(a.datasets)).not.toBe(JSON.stringify(b.datasets));
      expect(structure(b)).toEqual(structure(a));
      // with a record too: another record over the same period changes only the datasets
      const r1 = spec(kind, withRecord(small, SMALL_COUNTRIES, 11));
      const r2 = spec(kind, withRecord(other, [...SMALL_COUNTRIES].reverse(), 11, false));
      expect(JSON.stringify(r1.datasets)).not.toBe(JSON.stringify(r2.datasets));
      expect(structure(r2)).toEqual(structure(r1));
      // and a run without a record draws the same views, with nothing in the record's datasets
      expect(structure(spec(kind, small))).toEqual(structure(r1));
    });

    it(`${kind}: a run shown up to a month (the playground's player) keeps the spec, title and caption; only the rows change (a regression: the axis ticks came from the rows)`, () => {
      const shown = { ...large, rows: large.rows.filter((r) => r.date <= '2022-03') };
      const a = spec(kind, large);
      const b = spec(kind, shown);
      expect(JSON.stringify(b.datasets)).not.toBe(JSON.stringify(a.datasets));
      const { datasets: _a, ...restA } = a;
      const { datasets: _b, ...restB } = b;
      expect(restB).toEqual(restA);
    });

    it(`${kind} has tooltips with the month on point-like marks, none with a month on lines or areas`, () => {
      const marks = marksOf(spec(kind, recorded));
      expect(marks.some((m) => m.tooltip.includes('date') && m.tooltip.length >= 3)).toBe(true);
      for (const m of marks) {
        expect(m.tooltip.length, `${m.type} without tooltip`).toBeGreaterThan(0);
        // a line or area is one mark for all months: a date in its tooltip would be the first month's
        if (m.type === 'line' || m.type === 'area') expect(m.tooltip).not.toContain('date');
      }
    });

    it(`${kind} gives the same JSON for the same doc, and for a deep copy of it`, () => {
      const a = JSON.stringify(buildChart(kind, small));
      expect(JSON.stringify(buildChart(kind, small))).toBe(a);
      expect(JSON.stringify(buildChart(kind, structuredClone(small)))).toBe(a);
    });

    // at 640 px the real baseline run is linted by lint-every.test.ts
    it(`${kind} lays out narrower on demand at the real size (23 countries, 113 months, a record), lint-clean`, async () => {
      const doc = withRecord(makeDoc(REAL_SIZE_COUNTRIES, REAL_SIZE_MONTHS, true), REAL_SIZE_COUNTRIES, 46);
      const colours = new Map<string, string>();
      for (const [id, st] of actorStyles(doc.actors))
        colours.set(doc.actors.find((a) => a.id === id)!.name, st.colour);
      for (const [i, r] of RUNGS.entries()) colours.set(r, RUNG_COLOURS[i]!);
      const narrow = await lintChart(BUILDERS[kind](doc, { width: 480 }), { colours });
      expect(narrow.findings).toEqual([]);
      expect(narrow.width).toBeLessThanOrEqual(480);
    });
  }

  it('no chart warns while it runs, with empty datasets (no record, no attack) or full ones', async () => {
    const quiet = {
      ...small,
      rows: small.rows.map((r) => (r.variable === 'attacks' ? { ...r, value: 0 } : r)),
    };
    for (const kind of CHART_KINDS) {
      expect(dataset(spec(kind, quiet), RUN_DATASETS.recordEnd)).toEqual([]);
      expect(await runtimeWarnings(buildChart(kind, quiet)), kind).toEqual([]);
      expect(await runtimeWarnings(buildChart(kind, recorded)), kind).toEqual([]);
    }
    expect(dataset(spec('policy', quiet), RUN_DATASETS.attacks)).toEqual([]);
    // the check sees such a warning: a month axis over an empty dataset, its extent computed from the data
    const empty = await runtimeWarnings({
      datasets: { none: [] },
      data: { name: 'none' },
      mark: 'point',
      encoding: { x: { field: 'date', type: 'temporal', timeUnit: 'utcyearmonth' } },
    });
    expect(empty.join('\n')).toMatch(/Infinite extent/);
  });

  it('the log of vega-lite warnings is really collected', () => {
    const out = compileSpec({
      data: { values: [{ a: 1 }] },
      mark: 'point',
      encoding: { x: { field: 'a', type: 'quantitative', aggregate: 'nonsense' as 'sum' } },
    });
    expect(out.warnings.length).toBeGreaterThan(0);
  });

  it('names the charts', () => {
    expect(CHART_KINDS).toEqual(['rungs', 'heatmap', 'factions', 'policy', 'legitimacy']);
    expect(isChartKind('heatmap')).toBe(true);
    expect(isChartKind('pie')).toBe(false);
    expect(() => buildChart('pie' as ChartKind, small)).toThrow(/unknown chart 'pie'.*rungs, heatmap/);
  });
});

describe('rungs', () => {
  it("draws the record under the run when the doc carries one: a wide pale band in each country's colour and a rule where it ends", () => {
    const withOther = {
      ...recorded,
      record: {
        ...recorded.record!,
        rows: [...recorded.record!.rows, { country: 'XXX', date: small.start, rung: 2 }],
      },
    };
    const s = spec('rungs', withOther);
    const observed = dataset(s, RUN_DATASETS.record);
    // a country the doc does not describe is left out
    expect(new Set(observed.map((v: Json) => v.country))).toEqual(
      new Set(SMALL_COUNTRIES.map((c) => c.name)),
    );
    expect(observed.filter((v: Json) => v.country === 'United States')).toEqual([
      { date: '2021-08', country: 'United States', bloc: 'West', rung: 0, rung_name: RUNGS[0] },
      { date: '2021-11', country: 'United States', bloc: 'West', rung: 1, rung_name: RUNGS[1] },
      { date: '2022-02', country: 'United States', bloc: 'West', rung: 0, rung_name: RUNGS[0] },
      { date: '2022-06', country: 'United States', bloc: 'West', rung: 1, rung_name: RUNGS[1] },
      { date: '2022-07', country: 'United States', bloc: 'West', rung: 1, rung_name: RUNGS[1] },
    ]);
    const styles = actorStyles(small.actors);
    // in every panel the record comes first (under the run), then the rule, then the run
    for (const panel of s.vconcat) {
      const [band, rule] = panel.layer;
      expect(band.data).toEqual({ name: RUN_DATASETS.record });
      expect(band.mark).toMatchObject({
        type: 'line',
        interpolate: 'step-after',
        stroke: { expr: 'datum.colour' },
      });
      // a wide pale band, undashed: unlike every run's thin line, dashed by bloc or not (reader 4: a dotted
      // record read as the dotted runs of the Neighbours and the Gulf), and wide enough to show around
      // a run that keeps the observed rung (a regression: thin pale records vanished under the runs)
      expect(band.mark.strokeWidth).toBe(RECORD_BAND);
      expect(band.mark.strokeDash).toBeUndefined();
      expect(band.encoding.strokeOpacity.condition.value).toBe(RECORD_OPACITY);
      // the same shift as the run's line, and the country's own colour, looked up by its name
      const run = panel.layer.find((l: Json) => l.data.name === RUN_DATASETS.rungs);
      expect(band.transform.slice(0, 2)).toEqual(run.transform);
      expect(band.mark.strokeWidth).toBeGreaterThanOrEqual(3 * run.mark.strokeWidth);
      expect(run.mark.strokeDash).toBeUndefined();
      const names: string[] = run.encoding.color.scale.domain;
      const colour = band.transform[2];
      expect(colour.as).toBe('colour');
      expect(colour.calculate).toContain(JSON.stringify(names));
      for (const c of SMALL_COUNTRIES.filter((c) => names.includes(c.name)))
        expect(colour.calculate).toContain(styles.get(c.id)!.colour);
      // it adds no legend: the colour is a mark property, not an encoding
      expect(band.encoding.color).toBeUndefined();
      expect(band.encoding.detail).toEqual({ field: 'country', type: 'nominal' });
      expect(rule.mark).toMatchObject({ type: 'rule', strokeDash: [4, 3] });
      expect(rule.data).toEqual({ name: RUN_DATASETS.recordEnd });
      expect(rule.encoding.x.field).toBe('date');
      // no white rule: on the white plot the dashed one shows as it is
      expect(panel.layer.some((l: Json) => l.mark.type === 'rule' && l.mark.color === 'white')).toBe(false);
    }
    // the label 'record ends …' once, over the first panel
    expect(marksOf(s).filter((m) => m.type === 'text')).toHaveLength(1);
    expect(s.description).toContain(
      "The wide pale band in a country's colour is its observed rung in the record",
    );
  });

  it('shifts the lines of a bloc by place, so countries at the same rung show side by side (regression: lines hid each other)', async () => {
    // LINE_STEP px apart within ±0.3 rung, centred on the rung, the same for any values
    for (const n of [1, 2, 5, 8, 12]) {
      const { offsets, rungPx, height } = blocOffsets(n);
      expect(offsets).toHaveLength(n);
      expect(offsets.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 3);
      for (const o of offsets) expect(Math.abs(o)).toBeLessThanOrEqual(0.3 + 1e-9);
      for (let i = 1; i < n; i++)
        expect((offsets[i]! - offsets[i - 1]!) * rungPx).toBeGreaterThanOrEqual(2.49);
      expect(height).toBeGreaterThanOrEqual(100);
    }
    expect(blocOffsets(1).offsets).toEqual([0]);
    // a bloc of eight (the West of the real runs) gets a taller panel than a bloc of two
    expect(blocOffsets(8).height).toBeGreaterThan(blocOffsets(2).height);
    const s = spec('rungs', makeDoc(REAL_SIZE_COUNTRIES, 24));
    const west = REAL_SIZE_COUNTRIES.filter((c) => c.bloc === 'west').length;
    expect(west).toBe(7);
    expect(s.vconcat[0].height).toBe(blocOffsets(west).height);
    expect(s.vconcat[0].height).toBeGreaterThan(100);
    expect(s.vconcat[1].height).toBe(blocOffsets(2).height);
    // the run's y is the rung plus the country's offset; the rung axis still reads 0..6
    const [line] = marksOn(spec('rungs'), RUN_DATASETS.rungs);
    expect(line!.encoding.y.field).toBe('y');
    expect(line!.encoding.y.scale.domain).toEqual([0, 6]);
    expect(line!.node.transform[1].calculate).toBe(
      `datum.rung + ${JSON.stringify(blocOffsets(2).offsets)}[indexof(["United States","United Kingdom"], datum.country)]`,
    );
    // drawn: USA and GBR stand at the same rung for months 3..9, their lines a few px apart
    const view = new vega.View(vega.parse(compileSpec(rungsChart(small)).vega), { renderer: 'none' });
    await view.runAsync();
    const ys = new Map<string, number>();
    const walk = (node: Json) => {
      for (const item of node.items ?? []) {
        if (node.marktype === 'line' && item.datum?.country && item.datum.rung !== undefined)
          if (!ys.has(item.datum.country)) ys.set(item.datum.country, item.y);
        if (item.items) for (const child of item.items) walk(child);
      }
    };
    walk((view.scenegraph() as Json).root);
    view.finalize();
    // the first item of each country's line: month 0, both at rung 0
    expect(Math.abs(ys.get('United States')! - ys.get('United Kingdom')!)).toBeGreaterThanOrEqual(2.49);
  });

  it('has one full-width panel per bloc present, in the BLOCS order, each with the legend of its countries', () => {
    const s = spec('rungs', large);
    const styles = actorStyles(large.actors);
    const blocs = ['West', 'Great powers', 'Neighbours', 'Central Asia', 'Gulf', 'Asia'];
    expect(s.vconcat).toHaveLength(blocs.length);
    const widths = new Set(s.vconcat.map((p: Json) => p.width));
    expect(widths.size).toBe(1);
    s.vconcat.forEach((panel: Json, i: number) => {
      const line = panel.layer.find((l: Json) => l.data?.name === RUN_DATASETS.rungs);
      expect(line.transform[0]).toEqual({ filter: { field: 'bloc', equal: blocs[i] } });
      expect(line.transform[1].as).toBe('y');
      const { color, strokeDash } = line.encoding;
      // the legend is titled with the bloc and lists its countries in their fixed colour and, the bloc's
      // dash being the panel's, in the shape of their marks (reader 5: grey print)
      expect(color.title).toBe(blocs[i]);
      expect(color.legend).toMatchObject({ orient: 'right', symbolDash: [] });
      const points = panel.layer.find((l: Json) => l.mark.type === 'point');
      expect(points.encoding.shape.scale.domain).toEqual(color.scale.domain);
      const shapes: string[] = points.encoding.shape.scale.range;
      expect(new Set(shapes).size).toBe(shapes.length);
      const members = countriesInOrder(large.actors).filter((c) => blocLabel(c) === blocs[i]);
      expect(color.scale.domain).toEqual(members.map((c) => c.name));
      expect(color.scale.range).toEqual(members.map((c) => styles.get(c.id)!.colour));
      expect(strokeDash.scale.range).toEqual(members.map((c) => styles.get(c.id)!.dash));
      // the month labels under the last panel only
      expect(panel.encoding.x.axis.labels).toBe(i === blocs.length - 1 ? undefined : false);
    });
    // the panels' heights differ with their blocs' sizes: each its own y scale, all over rungs 0..6
    expect(s.resolve.scale).toMatchObject({ x: 'shared', y: 'independent', color: 'independent' });
    for (const panel of s.vconcat) expect(panel.encoding.y.scale.domain).toEqual([0, 6]);
  });

  it('draws step lines coloured (and dashed) by country name, y axis 0..6 with rung names', () => {
    const s = spec('rungs');
    const panel = s.vconcat[0];
    const line = panel.layer.find((l: Json) => l.mark.type === 'line' && l.data.name === RUN_DATASETS.rungs);
    const points = panel.layer.find((l: Json) => l.mark.type === 'point');
    expect(line.mark.interpolate).toBe('step-after');
    expect(line.encoding.color.field).toBe('country');
    expect(line.encoding.strokeDash.field).toBe('country');
    expect(panel.encoding.y.scale.domain).toEqual([0, 6]);
    expect(panel.encoding.y.axis.values).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(panel.encoding.y.axis.labelExpr).toContain('"recognition"');
    // a mark at the start, each change, every two years along the line and at the end, in the country's shape
    expect(points.transform.at(-1)).toEqual({ filter: 'datum.changed || datum.last || datum.mark' });
    const values = dataset(s, RUN_DATASETS.rungs);
    expect(new Set(values.map((v) => v.country))).toEqual(new Set(SMALL_COUNTRIES.map((c) => c.name)));
    // a step line needs its first month, each change and its last month (a page redraws a few dozen
    // points, not countries × months); a point exactly at each listed change of rung
    const changes = SMALL_COUNTRIES.reduce((n, c) => n + c.path.split(' ').length, 0);
    expect(values.filter((v) => v.changed)).toHaveLength(changes);
    expect(values.filter((v) => v.last)).toHaveLength(SMALL_COUNTRIES.length);
    const usa = values.filter((v) => v.country === 'United States');
    // 0 from Aug 2021, 1 from Nov 2021, 2 from Jun 2022 to the end (Jan 2023); the first of its bloc,
    // its mark along the line comes 5 months in (the second country's 10 months in)
    expect(usa.map((v) => [v.date, v.rung, v.changed, v.last, v.mark])).toEqual([
      ['2021-08', 0, true, false, false],
      ['2021-11', 1, true, false, false],
      ['2022-01', 1, false, false, true],
      ['2022-06', 2, true, false, false],
      ['2023-01', 2, false, true, false],
    ]);
    const uk = values.filter((v) => v.country === 'United Kingdom');
    expect(uk.filter((v) => v.mark).map((v) => v.date)).toEqual(['2022-06']);
    expect(usa[3].rung_name).toBe(RUNGS[2]);
    expect(s.description).toContain(
      "A mark in the country's shape (its place in the bloc, as in the legend) at the start rung, at each change, every two years along the line",
    );
  });

  it('lays out from the width asked for: narrower plots, the same panels', () => {
    const wide = rungsChart(large) as Json;
    const narrow = rungsChart(large, { width: 480 }) as Json;
    expect(wide.vconcat[0].width - narrow.vconcat[0].width).toBe(160);
    expect(narrow.vconcat).toHaveLength(wide.vconcat.length);
  });
});

describe('heatmap', () => {
  it('draws one cell per run of months at one rung, covering each country’s months once (a page redraws a few dozen cells, not countries × months)', () => {
    for (const [doc, n] of [
      [small, N_MONTHS],
      [large, 48],
    ] as const) {
      const cells = dataset(spec('heatmap', doc), RUN_DATASETS.segments);
      const months = rungRows(doc);
      expect(cells.length).toBeLessThan(months.length / 2);
      // expanded month by month, the cells give back the rungs chart's rows
      const expanded = cells.flatMap((c: Json) =>
        Array.from({ length: c.months }, (_, k) => ({
          date: addMonths(c.date, k),
          country: c.country,
          rung: c.rung,
        })),
      );
      expect(expanded).toEqual(months.map((r: Json) => ({ date: r.date, country: r.country, rung: r.rung })));
      for (const [i, c] of cells.entries()) {
        expect(c.next).toBe(addMonths(c.until, 1));
        expect(c.until).toBe(addMonths(c.date, c.months - 1));
        // a cell ends where the rung changes or the country's months end
        const following = cells[i + 1];
        if (following?.country === c.country) {
          expect(following.date).toBe(c.next);
          expect(following.rung).not.toBe(c.rung);
        }
      }
      expect(new Set(expanded.map((r: Json) => r.date)).size).toBe(n);
    }
  });

  it('colours by rung on an ordinal scale with domain 0..6 and rung names in the legend under it', () => {
    const [cells] = marksOn(spec('heatmap'), RUN_DATASETS.segments);
    const colour = cells!.encoding.color;
    expect(colour.type).toBe('ordinal');
    expect(colour.scale.domain).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(colour.scale.range).toEqual([...RUNG_COLOURS]);
    expect(colour.legend.labelExpr).toContain('"formal recognition"');
    expect(colour.legend.orient).toBe('bottom');
  });

  it('has one block of rows per bloc, then the countries in their fixed order, whatever the run', () => {
    const s = spec('heatmap');
    expect(s.vconcat.map((p: Json) => p.title.text)).toEqual(['West', 'Great powers']);
    const order = countriesInOrder(small.actors).map((a) => a.name);
    expect(s.vconcat.flatMap((p: Json) => p.layer[0].encoding.y.sort)).toEqual(order);
    expect(order.slice(0, 2).sort()).toEqual(['United Kingdom', 'United States']);
    // the rule where the record ends over every block, its label over the first
    const r = spec('heatmap', recorded);
    for (const p of r.vconcat) expect(p.layer.some((l: Json) => l.mark.strokeDash)).toBe(true);
    expect(marksOf(r).filter((m) => m.type === 'text')).toHaveLength(1);
  });
});

describe('heatmap: the record', () => {
  it("shows the observed rung in a strip at the top of each row up to the record's end (regression: only the rule showed the record)", async () => {
    const s = spec('heatmap', recorded);
    const observed = dataset(s, RUN_DATASETS.observed);
    // every country's record to month 11, a cell a run of months at one observed rung
    const usa = observed.filter((r: Json) => r.country === 'United States');
    expect(usa.map((r: Json) => [r.date, r.rung, r.months])).toEqual([
      ['2021-08', 0, 3],
      ['2021-11', 1, 3],
      ['2022-02', 0, 4],
      ['2022-06', 1, 2],
    ]);
    expect(usa[2]).toEqual({
      date: '2022-02',
      country: 'United States',
      bloc: 'West',
      rung: 0,
      rung_name: RUNGS[0],
      next: '2022-06',
      until: '2022-05',
      months: 4,
    });
    for (const c of SMALL_COUNTRIES)
      expect(
        observed.filter((r: Json) => r.country === c.name).reduce((n: number, r: Json) => n + r.months, 0),
      ).toBe(12);
    expect(dataset(spec('heatmap'), RUN_DATASETS.observed)).toEqual([]);
    for (const panel of s.vconcat) {
      const [cells, line, strip, ...rest] = panel.layer;
      expect(cells.data).toEqual({ name: RUN_DATASETS.segments });
      // a white line, then the strip in the rung colours, over the run's cells: a third of the row, at its top
      expect(line.data).toEqual({ name: RUN_DATASETS.observed });
      expect(line.mark).toMatchObject({ type: 'rect', color: 'white', height: 6, yOffset: -5 });
      expect(strip.data).toEqual({ name: RUN_DATASETS.observed });
      expect(strip.mark).toMatchObject({ type: 'rect', height: 5, yOffset: -5.5 });
      // the run's cells leave a white gap at the bottom of the row (a regression: a strip looked part of the row above)
      expect(cells.mark).toMatchObject({ type: 'rect', height: 13, yOffset: -1.5 });
      expect(strip.encoding.color).toEqual(cells.encoding.color);
      expect(strip.encoding.y).toEqual(cells.encoding.y);
      expect(panel.height).toEqual({ step: 16 });
      expect(strip.encoding.tooltip.at(-1).title).toBe('Stance (observed)');
      // the rule at the end of the record's last month, where the strips end
      expect(rest.find((l: Json) => l.mark.strokeDash).encoding.x.field).toBe('next');
    }
    expect(s.description).toContain(
      'Top strip of each row, to Jul 2022: the observed rung (the record); the rest of the row: the run.',
    );
    expect(dataset(s, RUN_DATASETS.recordEnd)[0].label).toBe('top strip: observed to Jul 2022');
    // the label over the observed part, left of the rule (a regression: it stood after the rule, over the run)
    expect(dataset(s, RUN_DATASETS.recordEnd)[0].align).toBe('right');
    // with no room left of the rule it goes to its right
    const early = withRecord(small, SMALL_COUNTRIES, 1);
    expect(dataset(spec('heatmap', early), RUN_DATASETS.recordEnd)[0].align).toBe('left');
    // drawn: the strip's cells fill the top 5 px of their 16 px row (13 px of cell, a 3 px gap), from the record's first month to its end
    const view = new vega.View(vega.parse(compileSpec(heatmapChart(recorded)).vega), { renderer: 'none' });
    await view.runAsync();
    const rects: Json[] = [];
    const walk = (node: Json) => {
      for (const item of node.items ?? []) {
        if (node.marktype === 'rect' && item.datum?.country === 'United States') rects.push(item);
        if (item.items) for (const child of item.items) walk(child);
      }
    };
    walk((view.scenegraph() as Json).root);
    view.finalize();
    const run = rects.filter((r) => r.height === 13);
    const strips = rects.filter((r) => r.height === 5 && r.fill !== 'white');
    expect(strips).toHaveLength(4);
    for (const r of strips) expect(r.y).toBeCloseTo(run[0].y, 5);
    expect(strips.map((r) => r.fill)).toEqual([0, 1, 0, 1].map((k) => RUNG_COLOURS[k]));
    // the run's cells fill the row from the first month to the last; the strips the record's 12 months
    const left = Math.min(...run.map((r) => r.x));
    const full = Math.max(...run.map((r) => r.x + r.width)) - left;
    expect(run.reduce((w, r) => w + r.width, 0)).toBeCloseTo(full, 5);
    expect(Math.min(...strips.map((r) => r.x))).toBeCloseTo(left, 5);
    // the last strip ends where the record's month ends, at the rule
    const share =
      (Date.UTC(2022, 7, 1) - Date.UTC(2021, 7, 1)) / (Date.UTC(2023, 1, 1) - Date.UTC(2021, 7, 1));
    expect(Math.max(...strips.map((r) => r.x + r.width)) - left).toBeCloseTo(full * share, 3);
  });

  it('leaves no white seam between month cells: each cell outlined in its own colour (regression: white seams)', () => {
    for (const doc of [small, makeDoc(SMALL_COUNTRIES, 113)]) {
      const s = spec('heatmap', doc);
      const cells = marksOn(s, RUN_DATASETS.segments);
      for (const c of [
        ...cells,
        ...marksOn(s, RUN_DATASETS.observed).filter((m) => m.node.mark.color !== 'white'),
      ]) {
        expect(c.node.mark.stroke).toBeUndefined();
        expect(c.encoding.stroke).toEqual(c.encoding.color);
      }
    }
    // the stroke merges into the one rung legend
    expect(compileSpec(heatmapChart(recorded)).vega.legends).toHaveLength(1);
  });
});

describe('factions', () => {
  it('draws the rule where the record ends without a white band cutting the areas (regression)', () => {
    const s = spec('factions', recorded);
    const rules = marksOf(s).filter((m) => m.type === 'rule');
    expect(rules).toHaveLength(1);
    expect(rules[0]!.node.mark).toMatchObject({ color: INK_GREY, strokeDash: [4, 3] });
    expect(rules[0]!.node.mark.strokeWidth).toBeLessThanOrEqual(1.5);
    expect(s.description).toContain("the power shares are the model's own");
  });

  it('holds power shares that sum to 1 in every month, stacked and normalized, legend under the plot', () => {
    const s = spec('factions');
    const values = dataset(s, RUN_DATASETS.factions);
    const sums = sumBy(values, 'date', 'power');
    expect(sums.size).toBe(N_MONTHS);
    for (const total of sums.values()) expect(total).toBeCloseTo(1, 5);
    expect(values).toHaveLength(3 * N_MONTHS);
    const [area] = marksOf(s);
    expect(area!.encoding.y.stack).toBe('normalize');
    expect(area!.encoding.color.legend.orient).toBe('bottom');
  });

  it('labels factions with their leaders when the results carry them', () => {
    expect(new Set(dataset(spec('factions'), RUN_DATASETS.factions).map((v) => v.faction))).toEqual(
      new Set(['Kandahar circle', 'Haqqani network', 'Pragmatists']),
    );
    const [area] = marksOf(spec('factions', large));
    expect(area!.encoding.color.scale.domain).toEqual([
      'Pragmatists (Baradar, Yaqoob, Muttaqi)',
      'Haqqani network (Sirajuddin Haqqani)',
      'Kandahar circle (Haibatullah Akhundzada)',
    ]);
  });
});

describe('policy', () => {
  it('has the three policy indices and the ISK threat (dashed) with readable names', () => {
    const s = spec('policy');
    const lines = s.layer[0];
    const series = lines.encoding.color.scale.domain;
    expect(series).toEqual([
      "Women's and girls' rights",
      'Counter-terrorism cooperation',
      'Inclusive governance',
      'ISK threat',
    ]);
    expect(lines.encoding.strokeDash.scale.range[3]).not.toEqual([1, 0]);
    const values = dataset(s, RUN_DATASETS.policy);
    const counts = sumBy(
      values.map((v: Json) => ({ ...v, one: 1 })),
      'series',
      'one',
    );
    for (const name of series) expect(counts.get(name)).toBe(N_MONTHS);
    for (const v of values) expect(v.value).toBeGreaterThanOrEqual(0);
    // attack markers sit on the threat line in months with attacks (m % 7 === 2 → 3 of 18 months)
    const attacks = dataset(s, RUN_DATASETS.attacks);
    expect(attacks.map((a: Json) => a.date)).toEqual(['2021-10', '2022-05', '2022-12']);
    const threat = new Map(values.filter((v) => v.series === 'ISK threat').map((v) => [v.date, v.value]));
    for (const a of attacks) expect(a.threat).toBe(threat.get(a.date));
    expect(s.description).toContain('0 = most repressive or least cooperative, 1 = most open');
  });

  it('draws the attacks of the record as hollow triangles beside the simulated ones, with a legend for both', () => {
    const s = spec('policy', recorded);
    const observed = dataset(s, RUN_DATASETS.recordAttacks);
    // on the run's threat line, in the record's months; 2021-10 and 2022-05 also have a simulated attack
    const threat = new Map(
      dataset(s, RUN_DATASETS.policy)
        .filter((v) => v.series === 'ISK threat')
        .map((v) => [v.date, v.value]),
    );
    expect(observed).toEqual([
      {
        date: '2021-10',
        threat: threat.get('2021-10'),
        label: 'ISK attack on a concert hall (test).',
        source: ATTACK_OBSERVED,
      },
      {
        date: '2022-05',
        threat: threat.get('2022-05'),
        label: 'ISK attacks in two capitals (test).',
        source: ATTACK_OBSERVED,
      },
    ]);
    const [hollow] = marksOn(s, RUN_DATASETS.recordAttacks);
    const [filled] = marksOn(s, RUN_DATASETS.attacks);
    for (const m of [hollow!, filled!]) {
      expect(m.node.mark.shape).toBe('triangle-up');
      expect(m.encoding.fill.scale).toEqual({
        domain: [ATTACK_SIMULATED, ATTACK_OBSERVED],
        range: ['#D55E00', '#ffffff'],
      });
      expect(m.encoding.stroke.scale.range).toEqual(['#ffffff', '#D55E00']);
    }
    // the record's triangle is larger and drawn first, so a simulated one in the same month shows inside
    expect(hollow!.node.mark.size).toBeGreaterThan(filled!.node.mark.size);
    const order = marksOf(s).map((m) => m.data);
    expect(order.indexOf(RUN_DATASETS.recordAttacks)).toBeLessThan(order.indexOf(RUN_DATASETS.attacks));
    expect(hollow!.tooltip).toContain('label');
    expect(s.description).toContain('Attacks in the record: Oct 2021: ISK attack on a concert hall (test).');
    // the run's attacks inside the record's period are its own (regression: read as history)
    expect(s.description).toContain(
      "Before Jul 2022 too, the triangles ▲ are simulated (the run's own attacks, drawn from its threat), △ observed.",
    );
    expect(spec('policy').description).not.toContain('△');
    // a record without attacks draws none
    expect(
      dataset(spec('policy', withRecord(small, SMALL_COUNTRIES, 11, false)), RUN_DATASETS.recordAttacks),
    ).toEqual([]);
  });

  it('the record overlay lists the shock rows that raise the ISK threat, within the period and the record', () => {
    const row = (date: string, kind: string, actor: string, variable: string, value: number, what = 'x') => ({
      date,
      kind,
      actor,
      variable,
      value,
      what,
    });
    const obs = [
      { kind: 'stance', actor: 'A', date: '2021-08', rung: 2, what: '' },
      row('2021-08', 'state', 'isk', 'threat', 0.5),
      row('2022-01', 'shock', 'isk', 'threat', 0.15, 'ISK attack on a market (test).'),
      row('2022-03', 'shock', 'isk', 'threat', -0.1, 'ISK weakened'),
      row('2022-04', 'shock', 'haqqani', 'power', -0.05, 'ISK kills a minister'),
      row('2022-09', 'shock', 'isk', 'threat', 0.2, 'ISK attack abroad (test).'),
      { kind: 'stance', actor: 'A', date: '2022-06', rung: 3, what: '' },
      row('2022-09', 'note', 'isk', '', 0, 'after the record'),
    ].sort((a, b) => (a.date < b.date ? -1 : 1)) as unknown as Parameters<typeof recordOverlay>[0];
    expect(recordAttacks(obs, '2021-08', '2022-12')).toEqual([
      { date: '2022-01', label: 'ISK attack on a market (test).' },
      { date: '2022-09', label: 'ISK attack abroad (test).' },
    ]);
    // the overlay ends with the record (2022-06): the September attack is past it
    expect(recordOverlay(obs, ['A'], '2021-08', '2030-12')?.attacks).toEqual([
      { date: '2022-01', label: 'ISK attack on a market (test).' },
    ]);
    // none in the period: no `attacks` key at all, results.json as before
    expect(recordOverlay(obs, ['A'], '2022-02', '2030-12')).not.toHaveProperty('attacks');
  });
});

describe('legitimacy', () => {
  it('counts per month sum to the number of countries', () => {
    const s = spec('legitimacy');
    const values = dataset(s, RUN_DATASETS.counts);
    const sums = sumBy(values, 'date', 'countries');
    expect(sums.size).toBe(N_MONTHS);
    for (const total of sums.values()) expect(total).toBe(SMALL_COUNTRIES.length);
    for (const total of sumBy(
      dataset(spec('legitimacy', large), RUN_DATASETS.counts),
      'date',
      'countries',
    ).values())
      expect(total).toBe(LARGE_COUNTRIES.length);
    expect(values).toHaveLength(7 * N_MONTHS);
  });

  it('stacks higher rungs at the bottom, with the heatmap colours for the same rungs', () => {
    const [bars] = marksOn(spec('legitimacy'), RUN_DATASETS.counts);
    // the top of the band of rung k stands at the number of countries at rung k or higher
    expect(bars!.encoding.order).toEqual({ field: 'rung', type: 'quantitative', sort: 'descending' });
    expect(bars!.encoding.y.stack).toBe('zero');
    const { domain, range } = bars!.encoding.color.scale;
    expect(domain).toEqual([6, 5, 4, 3, 2, 1, 0]);
    domain.forEach((rung: number, i: number) => {
      expect(range[i]).toBe(RUNG_COLOURS[rung]);
    });
    // the y axis runs to the number of countries: fixed by the actors, not by the counts
    expect(bars!.encoding.y.scale.domain).toEqual([0, SMALL_COUNTRIES.length]);
    // no white seams between months: each bar outlined in its own colour (one legend: the same
    // definition), and an empty rung draws nothing, not a line across the plot
    expect(bars!.encoding.stroke).toEqual(bars!.encoding.color);
    expect(bars!.node.mark.stroke).toBeUndefined();
    expect(bars!.node.transform).toEqual([{ filter: 'datum.countries > 0' }]);
  });

  it('draws the record: countries at rung ≥ 4 and ≥ 5 month by month as black step lines over the bars (regression: nothing showed the record)', async () => {
    const s = spec('legitimacy', recorded);
    const rows = dataset(s, RUN_DATASETS.recordCounts);
    // the fixture's record to 2022-07 (month 11): China at rung 4 from month 5, Russia from month 8;
    // nobody at 5 (China reaches it in month 12, past the record); the United States a rung lower
    const at4 = rows.filter((r: Json) => r.rung === 4);
    expect(at4.map((r: Json) => r.countries)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 2]);
    expect(at4.map((r: Json) => r.date).slice(-2)).toEqual(['2022-07', '2022-08']);
    // the last row repeats the record's last month a month later, where its step ends, without a tooltip
    expect(at4.map((r: Json) => r.tail)).toEqual([...Array(12).fill(false), true]);
    expect(at4[0]).toEqual({ date: '2021-08', rung: 4, series: 'rung ≥ 4', countries: 0, tail: false });
    expect(rows.filter((r: Json) => r.rung === 5).every((r: Json) => r.countries === 0)).toBe(true);
    expect(rows).toHaveLength(2 * 13);
    const lines = marksOn(s, RUN_DATASETS.recordCounts);
    const [casing, black, points] = lines;
    expect(casing!.node.mark).toMatchObject({ type: 'line', interpolate: 'step-after', color: 'white' });
    expect(black!.node.mark).toMatchObject({ type: 'line', interpolate: 'step-after', color: '#000000' });
    expect(black!.encoding.y.field).toBe('countries');
    expect(black!.encoding.strokeDash.legend.title).toBe('Observed (record)');
    // drawn over the bars
    const order = marksOf(s).map((m) => m.data);
    expect(order.indexOf(RUN_DATASETS.recordCounts)).toBeGreaterThan(order.indexOf(RUN_DATASETS.counts));
    expect(points!.node.transform).toEqual([{ filter: '!datum.tail' }]);
    expect(points!.tooltip).toEqual(['date', 'series', 'countries']);
    expect(s.description).toContain(
      'The black step lines count the same in the observed record (to Jul 2022): countries at rung ≥ 4 (solid) and ≥ 5 (dashed); in Jul 2022 the record has 2 at rung ≥ 4 and 0 at rung ≥ 5.',
    );
    // without a record: no rows, and no legend for them (its domain comes from the rows)
    expect(dataset(spec('legitimacy'), RUN_DATASETS.recordCounts)).toEqual([]);
    expect(black!.encoding.strokeDash.scale.domain).toBeUndefined();
    const legends = (doc: ResultsDoc) => compileSpec(legitimacyChart(doc)).vega.legends?.length ?? 0;
    expect(legends(recorded)).toBe(2);
    // drawn: the record's rung-≥ 4 step stands on the y axis at its count
    const view = new vega.View(vega.parse(compileSpec(legitimacyChart(recorded)).vega), { renderer: 'none' });
    await view.runAsync();
    const y = view.scale('y') as (v: number) => number;
    const found: number[] = [];
    const walk = (node: Json) => {
      for (const item of node.items ?? []) {
        if (
          node.marktype === 'line' &&
          item.datum?.series === 'rung ≥ 4' &&
          item.datum.date === Date.UTC(2022, 6)
        )
          found.push(item.y);
        if (item.items) for (const child of item.items) walk(child);
      }
    };
    walk((view.scenegraph() as Json).root);
    view.finalize();
    expect(found.length).toBeGreaterThan(0);
    for (const v of found) expect(v).toBeCloseTo(y(2), 5);
  });
});
