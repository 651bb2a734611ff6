// The forecast's chart (ForecastDoc): the model's probability of each question against the persistence
// baseline, the informative questions only, one row of panels per question family.
// Pure and browser-safe like the other spec modules.

import type { TopLevelSpec } from 'vega-lite';
import { RUNGS } from '../model/types.js';
import type { ForecastDoc } from '../validation/docs.js';
import { share } from './checks.js';
import {
  baseConfig,
  CATEGORY_COLOURS,
  type ChartOptions,
  caption,
  chartTitle,
  FORMATS,
  INK,
  inner,
  MIN_FONT_SIZE,
  MODEL_COLOUR,
  monthName,
  nameAxisExtent,
  namesY,
  QUARTERS,
  SCHEMA,
  shareText,
  subtitleLines,
  textWidth,
  UNIT,
  widthOf,
} from './style.js';

/**
 * The family of a forecast question: the first word of its id, cut at '@' or a comparison
 * ('RU rung>=6 by 2025-12' → 'RU', 'recognizers>=3 at 2026-12' → 'recognizers', 'UN seat 2026-12' → 'UN',
 * 'first recognizer CN' → 'first').
 */
export function questionFamily(id: string): string {
  return (
    id
      .trim()
      .split(/\s+/)[0]!
      .split(/[@<>=]/)[0] || id.trim()
  );
}

/** An id for display: comparisons as ≥ and ≤, months as 'Dec 2025' ('at' a month as 'in'), and the words that are ids of
 * the doc's countries and factions as their names ('RU rung>=6 by 2025-12' → 'Russia rung ≥ 6 by Dec
 * 2025'); without actors (documents written before they were kept) the ids stay. */
export function readableQuestion(id: string, names: ReadonlyMap<string, string> = new Map()): string {
  return id
    .replaceAll('>=', ' ≥ ')
    .replaceAll('<=', ' ≤ ')
    .split(/\s+/)
    .filter(Boolean)
    .map((w, i, words) => {
      const month = (x: string | undefined) => x !== undefined && /^\d{4}-\d{2}$/.test(x);
      // a state in a month ('recognizers>=1 at 2025-12'): "in", as "by" is the first passage
      if (w === 'at' && month(words[i + 1])) return 'in';
      return names.get(w) ?? (month(w) ? monthName(w) : w);
    })
    .join(' ');
}

/** The names of the doc's countries and factions by id (empty without actors). */
function actorNames(doc: ForecastDoc): Map<string, string> {
  return new Map(
    (doc.actors ?? []).filter((a) => a.kind === 'country' || a.kind === 'faction').map((a) => [a.id, a.name]),
  );
}

/** What a question is about, for the caption's account of what is left out: 'formal recognition
 * (rung ≥ 6)' for every country's 'XX rung>=6 by …', 'the first to recognize', … ; else its family. */
export function questionTopic(id: string): string {
  const rung = /^\S+ rung>=(\d+) by /.exec(id);
  if (rung) {
    const k = Number(rung[1]);
    return k < RUNGS.length ? `${RUNGS[k]} (rung ≥ ${k})` : `rung ≥ ${k}`;
  }
  if (id.startsWith('first recognizer')) return 'the first to recognize';
  if (id.startsWith('recognizers>=')) return 'how many recognize';
  if (id.startsWith('UN seat')) return 'the UN seat';
  if (/^\S+ power>=/.test(id)) return 'a faction holding half the power';
  return questionFamily(id);
}

/** Compares text with the numbers in it taken as numbers: 'x>=2' before 'x>=10'. */
export function naturalCompare(a: string, b: string): number {
  const pa = a.split(/(\d+)/);
  const pb = b.split(/(\d+)/);
  for (let i = 0; i < Math.min(pa.length, pb.length); i++) {
    const x = pa[i]!;
    const y = pb[i]!;
    const diff = i % 2 === 1 ? Number(x) - Number(y) : x < y ? -1 : x > y ? 1 : 0;
    if (diff !== 0) return diff;
  }
  return pa.length - pb.length;
}

/** One row a question shown. */
export interface ForecastRow {
  id: string;
  family: string;
  /** the family's name in the tooltip: 'Russia … (6 questions)' */
  panel: string;
  /** the panel's place (families in the order they first appear) and the row's place in all rows */
  panel_order: number;
  order: number;
  label: string;
  text: string;
  p: number;
  persistence: number;
  values: string;
}

const FORECAST_SOURCES = ['Model', 'Persistence (nothing changes)'];
/** The band behind every other question family. */
const FAMILY_BAND = '#f0f0f0';

/** The forecast chart shows at most this many questions; forecast.csv keeps all of them. */
export const FORECAST_SHOWN = 40;

/** A question is worth a row when the model and persistence differ by 2 points or more, or the model
 * is between 2% and 98%: the rest say "almost surely not (or so), as nothing changes". */
export function informative(q: { p: number; persistence: number }): boolean {
  return Math.abs(q.p - q.persistence) >= 0.02 || (q.p >= 0.02 && q.p <= 0.98);
}

/** The questions the chart shows: the informative ones where the model and persistence differ most,
 * at most FORECAST_SHOWN, in the document's order (the first ones if none is informative). */
export function shownQuestions(questions: ForecastDoc['questions']): ForecastDoc['questions'] {
  const ranked = questions
    .map((q, i) => ({ q, i }))
    .filter(({ q }) => informative(q))
    .sort((a, b) => Math.abs(b.q.p - b.q.persistence) - Math.abs(a.q.p - a.q.persistence) || a.i - b.i)
    .slice(0, FORECAST_SHOWN)
    .sort((a, b) => a.i - b.i);
  return ranked.length > 0 ? ranked.map((x) => x.q) : questions.slice(0, FORECAST_SHOWN);
}

/** The rows of the questions shown: grouped by family in the order the families first appear, ids
 * within a family in natural order (thresholds and months ascending). */
export function forecastRows(doc: ForecastDoc): ForecastRow[] {
  const ids = new Set<string>();
  for (const q of doc.questions) {
    share('forecast', q.p, `p of '${q.id}'`);
    share('forecast', q.persistence, `persistence of '${q.id}'`);
    if (ids.has(q.id)) throw new RangeError(`forecast: question '${q.id}' appears twice`);
    ids.add(q.id);
  }
  const shown = shownQuestions(doc.questions);
  const names = actorNames(doc);
  const families = [...new Set(shown.map((q) => questionFamily(q.id)))];
  const rows: ForecastRow[] = [];
  families.forEach((family, panel_order) => {
    const members = shown
      .filter((q) => questionFamily(q.id) === family)
      .sort((a, b) => naturalCompare(a.id, b.id));
    const panel = `${names.get(family) ?? family} … (${members.length} question${members.length === 1 ? '' : 's'})`;
    for (const q of members)
      rows.push({
        id: q.id,
        family,
        panel,
        panel_order,
        order: rows.length,
        label: readableQuestion(q.id, names),
        text: q.text,
        p: q.p,
        persistence: q.persistence,
        values: `${shareText(q.p)} (persistence ${shareText(q.persistence)})`,
      });
  });
  return rows;
}

/** Why the questions left out are left out, in one sentence for the caption ('' when all are shown):
 * how many, why, and the kinds of question left out whole (hiddenTopics). */
export function leftOutSentence(doc: ForecastDoc, shown: number, topics: string[] = []): string {
  const left = doc.questions.length - shown;
  if (left === 0) return '';
  // informative questions beyond the FORECAST_SHOWN shown, and the others (none if none is informative)
  const beyond = Math.max(0, doc.questions.filter(informative).length - shown);
  const sure = left - beyond;
  const among = topics.length ? `, among them ${andList(topics)}` : '';
  const reasons = [
    sure > 0
      ? `${beyond > 0 ? `${sure} ` : ''}the model puts below 2% or above 98%, as persistence does${among}`
      : '',
    beyond > 0
      ? `${sure > 0 ? `${beyond} ` : ''}beyond the ${FORECAST_SHOWN} where the model and persistence differ most`
      : '',
  ].filter(Boolean);
  return `Left out: ${left} question${left === 1 ? '' : 's'}${reasons.length > 1 ? ':' : ''} ${reasons.join(', and ')}; forecast.csv has all ${doc.questions.length}.`;
}

/** 'a', 'a and b', 'a, b and c'. */
function andList(items: string[]): string {
  return items.length < 2 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The kinds of question left out whole because the model is as sure of every one of them as
 * persistence is: 'all 23 on formal recognition (rung ≥ 6)', 'the one on the UN seat' (none when every
 * kind has a question shown). */
export function hiddenTopics(doc: ForecastDoc, shown: ForecastDoc['questions']): string[] {
  const ids = new Set(shown.map((q) => q.id));
  const topics = [...new Set(doc.questions.map((q) => questionTopic(q.id)))];
  return topics.flatMap((topic) => {
    const all = doc.questions.filter((q) => questionTopic(q.id) === topic);
    if (all.some((q) => ids.has(q.id) || informative(q))) return [];
    return [all.length === 1 ? `the one on ${topic}` : `all ${all.length} on ${topic}`];
  });
}

/** The probability axis, padded so that a mark at 0% or 100% lies inside the frame, not across it. */
const X_SCALE = { domain: UNIT, padding: 7 };

/** The value text right of the plot: '25% (persistence 0%)' at most. */
const VALUES_WIDTH = textWidth('100% (persistence 100%)', MIN_FONT_SIZE) + 12;

/**
 * Forecast questions: the model's probability (dot) and the persistence baseline's (square), a panel
 * per question family (see questionFamily), at most FORECAST_SHOWN informative questions; the caption
 * says how many are left out and why. Data: the dataset 'forecast' (ForecastRow, one a question).
 */
export function forecastChart(doc: ForecastDoc, opts: ChartOptions = {}): TopLevelSpec {
  if (doc.questions.length === 0) throw new RangeError('forecast: the document has no questions');
  const width = widthOf(opts);
  const rows = forecastRows(doc);
  const names = actorNames(doc);
  const extent = Math.min(
    Math.round(0.45 * inner(width)),
    nameAxisExtent(doc.questions.map((q) => readableQuestion(q.id, names))),
  );
  const x = (field: string) =>
    ({
      field,
      type: 'quantitative',
      title: 'Probability',
      scale: X_SCALE,
      axis: { format: FORMATS.share, values: QUARTERS, tickCount: QUARTERS.length },
    }) as const;
  const tooltip = [
    { field: 'id', type: 'nominal', title: 'Question' },
    { field: 'text', type: 'nominal', title: 'Means' },
  ] as const;
  const some = rows.length < doc.questions.length;
  return {
    $schema: SCHEMA,
    title: chartTitle(
      `Forecast: ${some ? `${rows.length} of ` : ''}${doc.questions.length} questions, ${monthName(doc.from)} to ${monthName(doc.to)}`,
      ...subtitleLines(
        `${doc.scenario} · seed ${doc.seed} · ${doc.runs} runs · ${doc.from} to ${doc.to} · created ${doc.created}`,
        width,
      ),
    ),
    description: caption(
      // a forecast always starts from the data's state, never from a replay: say so, unlike the baseline
      `The runs start in ${monthName(doc.from)} from the observed state then (each country at its observed rung).`,
      'Dot: the share of the runs in which the event happens; square: persistence, the forecast that nothing changes from the start (100% if the event holds at the start, else 0%).',
      some
        ? `The chart shows the questions where the model says more than persistence (they differ by 2 points or more, or the model is between 2% and 98%), at most the ${FORECAST_SHOWN} where they differ most.`
        : '',
      leftOutSentence(doc, rows.length, hiddenTopics(doc, shownQuestions(doc.questions))),
      !doc.actors && 'Countries and factions by id: the document predates their names.',
    ),
    datasets: { forecast: rows },
    data: { name: 'forecast' },
    width: inner(width) - extent - VALUES_WIDTH,
    height: { step: 18 },
    encoding: { y: namesY('label', { field: 'order', op: 'min' }, extent) },
    layer: [
      {
        // every other family on a light band, so that the families stand apart
        transform: [{ filter: 'datum.panel_order % 2 === 1' }],
        mark: { type: 'rect', color: FAMILY_BAND },
        encoding: {
          x: { value: 0 },
          x2: { value: 'width' },
          tooltip: [{ field: 'panel', type: 'nominal', title: 'Family' }],
        },
      },
      {
        mark: { type: 'rule', color: '#bbbbbb', strokeWidth: 1.5 },
        encoding: { x: x('persistence'), x2: { field: 'p' }, tooltip: [...tooltip] },
      },
      {
        // right of the frame (not of 100%, which the padding puts inside it)
        mark: { type: 'text', align: 'left', dx: 10, fontSize: 11, color: INK },
        encoding: {
          x: { value: 'width' },
          text: { field: 'values' },
          tooltip: [
            ...tooltip,
            { field: 'p', type: 'quantitative', title: 'Model', format: '.1%' },
            { field: 'persistence', type: 'quantitative', title: 'Persistence', format: '.1%' },
          ],
        },
      },
      {
        // the baseline first, so that the model's dot is drawn over it
        transform: [
          { fold: ['persistence', 'p'], as: ['source', 'probability'] },
          {
            calculate: `datum.source === 'p' ? '${FORECAST_SOURCES[0]}' : '${FORECAST_SOURCES[1]}'`,
            as: 'forecaster',
          },
        ],
        mark: { type: 'point', filled: true, size: 70, opacity: 1, stroke: 'white', strokeWidth: 0.6 },
        encoding: {
          x: x('probability'),
          color: {
            field: 'forecaster',
            type: 'nominal',
            title: null,
            scale: { domain: FORECAST_SOURCES, range: [MODEL_COLOUR, CATEGORY_COLOURS[1]] },
            legend: { orient: 'bottom', direction: 'horizontal' },
          },
          shape: {
            field: 'forecaster',
            type: 'nominal',
            title: null,
            scale: { domain: FORECAST_SOURCES, range: ['circle', 'square'] },
          },
          tooltip: [
            ...tooltip,
            { field: 'forecaster', type: 'nominal', title: 'Forecaster' },
            { field: 'probability', type: 'quantitative', title: 'Probability', format: '.1%' },
          ],
        },
      },
    ],
    config: baseConfig(),
  } as TopLevelSpec;
}
