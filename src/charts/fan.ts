// The fan panel shared by the ensemble, compare and backtest charts: per series a 90% band, a 50% band
// and the median line, from an ensemble's bands.

import type { Band, EnsembleDoc } from '../ensemble/docs.js';
import {
  FADED,
  type LayerPanel,
  legendSelection,
  MONTH_TOOLTIP,
  monthX,
  SERIES_DASHES,
  selectedOpacity,
} from './style.js';

export interface FanDatum {
  date: string;
  series: string;
  p05: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
}

/** Bands of the given variables, in that order (each variable may have several bands, e.g. one a faction). */
export function bandsOf(doc: EnsembleDoc, variables: readonly string[]): Band[] {
  return variables.flatMap((v) => doc.bands.filter((b) => b.variable === v));
}

/** One row per band and month; throws if a band's arrays do not match the months. */
export function fanData(doc: EnsembleDoc, bands: Band[]): FanDatum[] {
  const out: FanDatum[] = [];
  for (const b of bands) {
    if ([b.p05, b.p25, b.p50, b.p75, b.p95].some((q) => q.length !== doc.months.length))
      throw new RangeError(
        `band '${b.label}' (${b.actor} ${b.variable}) does not have one value per month (${doc.months.length})`,
      );
    doc.months.forEach((date, m) => {
      out.push({
        date,
        series: b.label,
        p05: b.p05[m]!,
        p25: b.p25[m]!,
        p50: b.p50[m]!,
        p75: b.p75[m]!,
        p95: b.p95[m]!,
      });
    });
  }
  return out;
}

export interface FanOptions {
  nMonths: number;
  width: number;
  height: number;
  /** series labels in legend order, and their colours */
  series: string[];
  colours: string[];
  /** the legend and its title (none for a single series named by the panel title) */
  legend?: { title: string | null };
  y: {
    title: string;
    domain?: number[];
    axis: { format: string; tickMinStep?: number; minExtent?: number; maxExtent?: number };
  };
  /** number format of the quantiles in the tooltip */
  valueFormat: string;
  /**
   * bind a point selection named LEGEND_SELECTION to the legend (click a series to highlight it); at
   * most one panel of a chart may have it, and only a panel with a legend
   */
  select?: boolean;
}

/**
 * A fan chart of FanDatum rows (data given by the caller): per series a 90% band (light), a 50% band
 * (darker) and the median line, with invisible points on the median that carry the monthly tooltip.
 */
export function fanPanel(o: FanOptions): LayerPanel {
  const y = (field: keyof FanDatum) =>
    ({
      field,
      type: 'quantitative',
      title: o.y.title,
      scale: o.y.domain ? { domain: o.y.domain, nice: false } : { zero: true },
      axis: o.y.axis,
    }) as const;
  const series = { field: 'series', type: 'nominal', title: 'Series' } as const;
  const quantile = (field: keyof FanDatum, title: string) =>
    ({ field, type: 'quantitative', title, format: o.valueFormat }) as const;
  const select = Boolean(o.select && o.legend);
  // with the legend selection: the bands and the median of the other series fade
  const fade = (value: number, faded: number) => (select ? { opacity: selectedOpacity(value, faded) } : {});
  const legend = o.legend
    ? ({
        orient: 'bottom',
        direction: 'vertical',
        symbolType: 'stroke',
        symbolStrokeWidth: 3,
        // long enough to show two dashes of the longest (reader 6: one dash read as a short solid line)
        symbolSize: 900,
        symbolOpacity: 1,
      } as const)
    : null;
  return {
    width: o.width,
    height: o.height,
    encoding: {
      x: monthX(o.nMonths, o.width),
      color: {
        field: 'series',
        type: 'nominal',
        title: o.legend?.title ?? null,
        sort: o.series,
        scale: { domain: o.series, range: o.colours },
        legend,
      },
    },
    layer: [
      {
        mark: { type: 'area', opacity: 0.16 },
        encoding: { y: y('p05'), y2: { field: 'p95' }, tooltip: [series], ...fade(0.16, 0.03) },
      },
      {
        mark: { type: 'area', opacity: 0.32 },
        encoding: { y: y('p25'), y2: { field: 'p75' }, tooltip: [series], ...fade(0.32, 0.05) },
      },
      {
        ...(select ? { params: [legendSelection('series')] } : {}),
        mark: { type: 'line', strokeWidth: 2.2 },
        encoding: {
          y: y('p50'),
          // a dash a series too, for grey print; the same field, title and sort as the colour: one legend
          strokeDash: {
            field: 'series',
            type: 'nominal',
            title: o.legend?.title ?? null,
            sort: o.series,
            scale: {
              domain: o.series,
              range: o.series.map((_, i) => SERIES_DASHES[i % SERIES_DASHES.length]!),
            },
            legend,
          },
          tooltip: [series],
          ...fade(1, FADED),
        },
      },
      {
        mark: { type: 'point', filled: true, size: 80, opacity: 0 },
        encoding: {
          y: y('p50'),
          tooltip: [
            MONTH_TOOLTIP,
            series,
            quantile('p50', 'Median'),
            quantile('p25', '25th percentile'),
            quantile('p75', '75th percentile'),
            quantile('p05', '5th percentile'),
            quantile('p95', '95th percentile'),
          ],
        },
      },
    ],
  };
}

/** The bands, or a RangeError naming the chart and what it lacks. */
export function requireBands(kind: string, bands: Band[], what: string): Band[] {
  if (bands.length === 0) throw new RangeError(`${kind}: the ensemble has no bands of ${what}`);
  return bands;
}
