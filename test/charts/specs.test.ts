import { describe, expect, it } from 'vitest';
import { buildChart, CHART_KINDS, type ChartKind, isChartKind } from '../../src/charts/index.js';
import { countriesInOrder, RUNG_COLOURS } from '../../src/charts/palette.js';
import { compileSpec } from '../../src/charts/render.js';
import { RUNGS } from '../../src/model/types.js';
import { LARGE_COUNTRIES, makeDoc, SMALL_COUNTRIES } from './fixture.js';

const small = makeDoc();
const large = makeDoc(LARGE_COUNTRIES, 48, true);
const N_MONTHS = 18;

// biome-ignore lint/suspicious/noExplicitAny: specs are walked as plain JSON
type Json = any;
const spec = (kind: ChartKind, doc = small): Json => buildChart(kind, doc);
const values = (s: Json): Json[] => s.data.values;

/** Every mark of a spec with the tooltip fields it ends up with (encodings are inherited by layers). */
function marksOf(node: Json, inherited: Json = {}): { type: string; tooltip: string[] }[] {
  const encoding = { ...inherited, ...(node.encoding ?? {}) };
  if (node.spec) return marksOf(node.spec, encoding);
  if (node.layer) return node.layer.flatMap((l: Json) => marksOf(l, encoding));
  const type = typeof node.mark === 'string' ? node.mark : node.mark.type;
  return [{ type, tooltip: [encoding.tooltip ?? []].flat().map((t: Json) => t.field) }];
}

function sumBy(rows: Json[], key: string, value: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(r[key], (out.get(r[key]) ?? 0) + r[value]);
  return out;
}

describe('every chart', () => {
  for (const kind of CHART_KINDS) {
    for (const [tag, doc] of [
      ['small', small],
      ['large', large],
    ] as const) {
      it(`${kind} (${tag} fixture) compiles without vega-lite warnings or errors`, () => {
        const out = compileSpec(buildChart(kind, doc));
        expect(out.errors).toEqual([]);
        expect(out.warnings).toEqual([]);
        expect(out.vega.marks?.length).toBeGreaterThan(0);
      });
    }

    it(`${kind} is self-contained and report-ready`, () => {
      const s = spec(kind);
      expect(s.$schema).toMatch(/vega-lite\/v6\.json$/);
      expect(s.config.font).toBe('DejaVu Sans');
      expect(s.config.background).toBe('white');
      expect(s.title.text.length).toBeGreaterThan(10);
      const subtitle = [s.title.subtitle].flat().join('\n');
      expect(subtitle).toContain('test-fixture');
      expect(subtitle).toContain('seed 42');
      expect(subtitle).toContain('2021-08 to 2023-01');
      expect(Array.isArray(s.data?.values) || s.layer.every((l: Json) => Array.isArray(l.data?.values))).toBe(
        true,
      );
      // tooltips on the marks, always with the month
      const text = JSON.stringify(s);
      expect(text).toContain('"tooltip"');
      expect(text).toMatch(/"tooltip":\[\{"field":"date"/);
    });

    it(`${kind} has tooltips with the month on point-like marks, none with a month on lines or areas`, () => {
      const marks = marksOf(spec(kind));
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
  }

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
  it('draws the record beside the run when the doc carries one: grey bands and a rule where it ends', () => {
    const withRecord = {
      ...small,
      record: {
        end: `${small.rows[0]!.date.slice(0, 4)}-12`,
        rows: [
          { country: 'USA', date: small.start, rung: 1 },
          { country: 'USA', date: `${small.rows[0]!.date.slice(0, 4)}-12`, rung: 1 },
          { country: 'CHN', date: small.start, rung: 4 },
          { country: 'XXX', date: small.start, rung: 2 },
        ],
      },
    };
    const s = spec('rungs', withRecord);
    const observed = s.data.values.filter((v: Json) => v.observed);
    // a country the doc does not describe is left out
    expect(observed.map((v: Json) => v.country)).toEqual(['United States', 'United States', 'China']);
    expect(s.spec.layer[0].transform).toEqual([{ filter: 'datum.observed' }]);
    expect(s.spec.layer[1].mark.type).toBe('rule');
    expect(s.spec.layer[1].encoding.x.datum).toEqual({
      year: Number(withRecord.record.end.slice(0, 4)),
      month: 12,
      utc: true,
    });
    expect(s.spec.layer[2].transform).toEqual([{ filter: '!datum.observed' }]);
    expect(s.title.subtitle.at(-1)).toContain('grey band: the observed record (data/events.csv) to Dec');
    const out = compileSpec(s);
    expect(out.errors).toEqual([]);
    expect(out.warnings).toEqual([]);
    const h = spec('heatmap', withRecord);
    expect(h.spec.layer[1].mark).toMatchObject({ type: 'rule' });
    expect(h.spec.layer[1].transform).toEqual([{ filter: 'datum.first' }]);
    expect(h.title.subtitle.at(-1)).toMatch(/^dark rule: where the observed record/);
    expect(compileSpec(h).warnings).toEqual([]);
    expect(spec('heatmap').spec.mark).toBeDefined();
    // without a record the chart is as before: no observed rows, no extra layers
    expect(spec('rungs').data.values.some((v: Json) => 'observed' in v)).toBe(false);
    expect(spec('rungs').spec.layer).toHaveLength(2);
  });

  it('has one facet per bloc present, in the BLOCS order, with readable labels', () => {
    const s = spec('rungs');
    expect(s.facet.field).toBe('bloc');
    expect(s.facet.sort).toEqual(['West', 'Great powers']);
    expect([...new Set(values(s).map((v) => v.bloc))].sort()).toEqual(['Great powers', 'West']);
    const l = spec('rungs', large);
    expect(l.facet.sort).toEqual(['West', 'Great powers', 'Neighbours', 'Central Asia', 'Gulf', 'Asia']);
    // the compiled Vega facets the data by bloc: one cell per bloc
    const facet = compileSpec(l).vega.marks?.find((m: Json) => m.from?.facet) as Json;
    expect(facet.from.facet.groupby).toEqual(['bloc']);
  });

  it('draws step lines coloured (and dashed) by country name, y axis 0..6 with rung names', () => {
    const s = spec('rungs');
    const [line, points] = s.spec.layer;
    expect(line.mark.interpolate).toBe('step-after');
    expect(s.spec.encoding.color.field).toBe('country');
    expect(line.encoding.strokeDash.field).toBe('country');
    expect(s.spec.encoding.y.scale.domain).toEqual([0, 6]);
    expect(s.spec.encoding.y.axis.values).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(s.spec.encoding.y.axis.labelExpr).toContain('"recognition"');
    expect(points.transform).toEqual([{ filter: 'datum.changed' }]);
    expect(new Set(values(s).map((v) => v.country))).toEqual(new Set(SMALL_COUNTRIES.map((c) => c.name)));
    // every country every month, and a point exactly at each listed change of rung
    expect(values(s)).toHaveLength(SMALL_COUNTRIES.length * N_MONTHS);
    const changes = SMALL_COUNTRIES.reduce((n, c) => n + c.path.split(' ').length, 0);
    expect(values(s).filter((v) => v.changed)).toHaveLength(changes);
    const usa = values(s).filter((v) => v.country === 'United States');
    expect(usa.map((v) => v.rung)).toEqual([0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 2, 2, 2, 2, 2, 2, 2, 2]);
    expect(usa[10].rung_name).toBe(RUNGS[2]);
  });
});

describe('heatmap', () => {
  it('has countries × months cells, one per pair', () => {
    const s = spec('heatmap');
    const cells = values(s);
    expect(cells).toHaveLength(SMALL_COUNTRIES.length * N_MONTHS);
    expect(new Set(cells.map((c) => `${c.country}|${c.date}`)).size).toBe(cells.length);
    expect(new Set(cells.map((c) => c.date)).size).toBe(N_MONTHS);
    expect(values(spec('heatmap', large))).toHaveLength(LARGE_COUNTRIES.length * 48);
  });

  it('colours by rung on an ordinal scale with domain 0..6 and rung names in the legend', () => {
    const colour = spec('heatmap').spec.encoding.color;
    expect(colour.type).toBe('ordinal');
    expect(colour.scale.domain).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(colour.scale.range).toEqual([...RUNG_COLOURS]);
    expect(colour.legend.labelExpr).toContain('"formal recognition"');
  });

  it('sorts rows by bloc, then as the data list the countries, whatever the run', () => {
    const s = spec('heatmap');
    const order = countriesInOrder(small.actors).map((a) => a.name);
    expect(s.spec.encoding.y.sort).toEqual(order);
    expect(order.slice(0, 2).sort()).toEqual(['United Kingdom', 'United States']);
    expect(s.facet.row.sort).toEqual(['West', 'Great powers']);
  });
});

describe('factions', () => {
  it('holds power shares that sum to 1 in every month, stacked and normalized', () => {
    const s = spec('factions');
    const sums = sumBy(values(s), 'date', 'power');
    expect(sums.size).toBe(N_MONTHS);
    for (const total of sums.values()) expect(total).toBeCloseTo(1, 5);
    expect(values(s)).toHaveLength(3 * N_MONTHS);
    expect(s.encoding.y.stack).toBe('normalize');
  });

  it('labels factions with their leaders when the results carry them', () => {
    expect(new Set(values(spec('factions')).map((v) => v.faction))).toEqual(
      new Set(['Kandahar circle', 'Haqqani network', 'Pragmatists']),
    );
    const labels = spec('factions', large).encoding.color.scale.domain;
    expect(labels).toEqual([
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
    const counts = sumBy(
      lines.data.values.map((v: Json) => ({ ...v, one: 1 })),
      'series',
      'one',
    );
    for (const name of series) expect(counts.get(name)).toBe(N_MONTHS);
    for (const v of lines.data.values) expect(v.value).toBeGreaterThanOrEqual(0);
    // attack markers sit on the threat line in months with attacks (m % 7 === 2 → 3 of 18 months)
    const attacks = s.layer[1].data.values;
    expect(attacks.map((a: Json) => a.date)).toEqual(['2021-10', '2022-05', '2022-12']);
  });
});

describe('legitimacy', () => {
  it('counts per month sum to the number of countries', () => {
    const s = spec('legitimacy');
    const sums = sumBy(values(s), 'date', 'countries');
    expect(sums.size).toBe(N_MONTHS);
    for (const total of sums.values()) expect(total).toBe(SMALL_COUNTRIES.length);
    for (const total of sumBy(values(spec('legitimacy', large)), 'date', 'countries').values()) {
      expect(total).toBe(LARGE_COUNTRIES.length);
    }
    expect(values(s)).toHaveLength(7 * N_MONTHS);
  });

  it('stacks higher rungs on top, with the heatmap colours for the same rungs', () => {
    const s = spec('legitimacy');
    expect(s.encoding.order).toEqual({ field: 'rung', type: 'quantitative', sort: 'ascending' });
    const { domain, range } = s.encoding.color.scale;
    expect(domain).toEqual([6, 5, 4, 3, 2, 1, 0]);
    domain.forEach((rung: number, i: number) => {
      expect(range[i]).toBe(RUNG_COLOURS[rung]);
    });
  });
});
