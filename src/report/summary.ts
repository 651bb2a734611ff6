// The report's summary in plain words, drawn only from the numbers of an ensemble, a single run or a
// comparison. Every sentence names its period and, for ensembles, what share of runs it speaks of.

import type { RunSummary } from '../analysis/summary.js';
import type { CompareDoc, EnsembleDoc } from '../ensemble/docs.js';
import type { ActorInfo, RecordOverlay } from '../model/results.js';
import { RUNGS } from '../model/types.js';

/** The rung the Western sentence is about: a diplomatic presence in Kabul. */
export const WEST_RUNG = 4;

/**
 * The per-run outcome behind "some Western country at rung ≥ 4 at the end": a probability over runs
 * cannot be read from the per-country probabilities in the ensemble document.
 */
export function westOutcome(end: string): string {
  return `west_at_least_${WEST_RUNG}@${end} >= 1`;
}

/** A share of runs in whole percent; never rounds a rare event to 0% or a near-certain one to 100%. */
export function percent(p: number): string {
  if (p > 0 && p < 0.005) return 'under 1%';
  if (p < 1 && p > 0.995) return 'over 99%';
  return `${Math.round(100 * p)}%`;
}

/** A difference of probabilities in percentage points, signed, one decimal. */
function points(d: number): string {
  const x = Math.round(1000 * d) / 10;
  return `${x > 0 ? '+' : x < 0 ? '−' : '±'}${Math.abs(x).toFixed(1)}`;
}

/** "A", "A and B", "A, B and C". */
function list(items: string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

const fixed2 = (x: number) => x.toFixed(2);

function nameOf(actors: readonly ActorInfo[], id: string): string {
  return actors.find((a) => a.id === id)?.name ?? id;
}

/** A country's name as it reads inside a sentence: 'the United States', 'the Netherlands', 'Pakistan'. */
function countryName(actors: readonly ActorInfo[], id: string): string {
  const name = nameOf(actors, id);
  return /\b(United|Union|Kingdom|Republic|Emirates|States|Netherlands)\b/.test(name) ? `the ${name}` : name;
}

const rungText = (k: number) => `rung ${k} (${RUNGS[k]})`;

/** The part of the record a run replays: none when the run starts at or after the record's end. */
function replayed(start: string, record: RecordOverlay | undefined): RecordOverlay | undefined {
  return record && start < record.end ? record : undefined;
}

/** Whether the record has a formal recognition by its end (the shipped record has none to 2025-06). */
const recordRecognizes = (record: RecordOverlay) => record.rows.some((r) => r.rung === RUNGS.length - 1);

/** The sentence that says the months to the record's end replay history, when they do. */
export function replaySentence(start: string, record: RecordOverlay | undefined): string[] {
  const r = replayed(start, record);
  if (!r) return [];
  return [
    `The runs start in ${start}, before the observed record ends (${r.end}): the months to ${r.end} replay history, and the charts draw the record beside the runs. ` +
      `What the runs do by ${r.end} is a test of the model against what happened${recordRecognizes(r) ? '' : ' (no country had recognized the Taliban by then)'}; what they do after ${r.end} is the projection.`,
  ];
}

/** Sentences on an ensemble; `anyWest` is P(some Western country at rung ≥ 4 at the end), per run. */
export function ensembleSummary(doc: EnsembleDoc, anyWest?: number): string[] {
  const out: string[] = replaySentence(doc.start, doc.record);
  const history = replayed(doc.start, doc.record);
  const name = (id: string) => countryName(doc.actors, id);
  const nobody = doc.first_recognizer.find((x) => x.country === null)?.share ?? 0;
  const firsts = doc.first_recognizer.filter((x) => x.country !== null);
  const top = Math.max(0, ...firsts.map((x) => x.share));
  const leaders = firsts.filter((x) => x.share === top).map((x) => name(x.country!));
  if (firsts.length === 0)
    out.push(
      `In none of the ${doc.runs} runs does any country formally recognize the Taliban by ${doc.end}.`,
    );
  else
    out.push(
      `In ${percent(1 - nobody)} of runs at least one country formally recognizes the Taliban by ${doc.end}; ` +
        `${list(leaders)} ${leaders.length > 1 ? 'are' : 'is'} the most likely first (${percent(top)} of runs${leaders.length > 1 ? ' each' : ''}). ` +
        `"By" counts a recognition at any month up to ${doc.end}; the charts' shares "in" a month count only the countries standing at recognition then.`,
    );
  if (history && firsts.length > 0) {
    const early = doc.first_recognition_month
      .filter((x) => x.date <= history.end)
      .reduce((n, x) => n + x.runs, 0);
    out.push(
      `Of all runs, ${percent(early / doc.runs)} have their first recognition by ${history.end}${recordRecognizes(history) ? '' : ', which the record contradicts'}, and ${percent(1 - nobody - early / doc.runs)} after it.`,
    );
  }

  // the month by which half of the first recognitions (after the record, when the runs replay it) have
  // come, and how often others follow
  const projected = doc.first_recognition_month.filter((x) => !history || x.date > history.end);
  const recognized = projected.reduce((n, x) => n + x.runs, 0);
  let seen = 0;
  const median = projected.find((x) => {
    seen += x.runs;
    return seen >= recognized / 2;
  });
  const followed = doc.cascade.filter((x) => x.size > 0).reduce((n, x) => n + x.runs, 0);
  const withCascade = doc.cascade.reduce((n, x) => n + x.runs, 0);
  if (median && withCascade > 0)
    out.push(
      `Half of ${history ? `the first recognitions after ${history.end}` : 'those first recognitions'} come by ${median.date}; ${
        followed === 0
          ? 'in none of them does another country follow within 12 months'
          : `in ${percent(followed / withCascade)} of them at least one more country follows within 12 months`
      }.`,
    );

  const west = new Set(doc.actors.filter((a) => a.kind === 'country' && a.bloc === 'west').map((a) => a.id));
  const last = doc.months.length - 1;
  const westAtEnd = doc.rung_at_least
    .filter((x) => x.k === WEST_RUNG && west.has(x.country))
    .map((x) => ({ country: x.country, p: x.p[last] ?? 0 }));
  const westTop = Math.max(0, ...westAtEnd.map((x) => x.p));
  const westLeaders = westAtEnd.filter((x) => x.p === westTop).map((x) => name(x.country));
  const most = `${list(westLeaders)} (${percent(westTop)} of runs${westLeaders.length > 1 ? ' each' : ''})`;
  // a scenario without Western countries gets no Western sentence
  if (westAtEnd.length > 0)
    out.push(
      westTop === 0
        ? `No Western country stands at ${rungText(WEST_RUNG)} or higher in ${doc.end} in any run.`
        : anyWest === undefined
          ? `The Western country most likely to stand at ${rungText(WEST_RUNG)} or higher in ${doc.end} is ${most}.`
          : `In ${percent(anyWest)} of runs at least one Western country stands at ${rungText(WEST_RUNG)} or higher in ${doc.end}; the most likely ${westLeaders.length > 1 ? 'are' : 'is'} ${most}.`,
    );

  const recognizers = doc.bands.find((b) => b.variable === 'recognizers');
  if (recognizers) {
    const [p05, p50, p95] = [recognizers.p05[last], recognizers.p50[last], recognizers.p95[last]];
    out.push(
      `In ${doc.end} the median number of countries at formal recognition is ${p50} (90% of runs: ${p05} to ${p95}).`,
    );
  }

  const power = doc.bands.filter((b) => b.variable === 'power');
  const strongest = power.reduce<(typeof power)[number] | undefined>(
    (best, b) => (best === undefined || (b.p50[last] ?? 0) > (best.p50[last] ?? 0) ? b : best),
    undefined,
  );
  if (strongest)
    out.push(
      `The ${strongest.label} holds the largest median power share in ${doc.end}: ${fixed2(strongest.p50[last] ?? 0)} (90% of runs: ${fixed2(strongest.p05[last] ?? 0)} to ${fixed2(strongest.p95[last] ?? 0)}).`,
    );
  return out;
}

/** Sentences on one run. */
export function runSummary(s: RunSummary, actors: readonly ActorInfo[], record?: RecordOverlay): string[] {
  const name = (id: string) => countryName(actors, id);
  const out: string[] = replaySentence(s.start, record);
  const history = replayed(s.start, record);
  const first = s.first_recognition;
  const contradicts =
    first && history && first.date <= history.end && !recordRecognizes(history)
      ? ` (before the record ends in ${history.end}: the record has no recognition by then)`
      : '';
  out.push(
    first
      ? `In this run ${name(first.country)} is the first to formally recognize the Taliban, in ${first.date}${contradicts}; ${s.cascade_12m} more ${s.cascade_12m === 1 ? 'country follows' : 'countries follow'} within 12 months.`
      : `In this run no country formally recognizes the Taliban by ${s.end}.`,
  );
  const west = actors
    .filter((a) => a.kind === 'country' && a.bloc === 'west' && (s.final.rungs[a.id] ?? 0) >= WEST_RUNG)
    .map((a) => name(a.id));
  if (actors.some((a) => a.kind === 'country' && a.bloc === 'west'))
    out.push(
      west.length === 0
        ? `No Western country stands at ${rungText(WEST_RUNG)} or higher in ${s.end}.`
        : `In ${s.end} ${list(west)} ${west.length > 1 ? 'stand' : 'stands'} at ${rungText(WEST_RUNG)} or higher.`,
    );
  const recognizers = s.final.count_by_rung.at(-1) ?? 0;
  out.push(
    `${recognizers === 0 ? 'No country recognizes' : recognizers === 1 ? 'One country recognizes' : `${recognizers} countries recognize`} the Taliban formally in ${s.end}, and the UN seat is ${s.final.un_seat ? 'held by the Taliban' : 'denied to them'}.`,
  );
  const [faction, share] = Object.entries(s.final.power).reduce((a, b) => (b[1] > a[1] ? b : a));
  out.push(`The ${nameOf(actors, faction)} holds the largest power share in ${s.end}: ${fixed2(share)}.`);
  return out;
}

/** One sentence per scenario and event outcome: the levels and the paired difference from the reference. */
export function compareSummary(doc: CompareDoc): string[] {
  return doc.differences
    .filter((d) => d.outcome.binary)
    .map(
      (d) =>
        `${d.outcome.label}: ${percent(d.scenario_mean)} of runs in ${d.scenario} against ${percent(d.reference_mean)} in ${d.reference} ` +
        `(${points(d.difference)} points, 95% interval ${points(d.lo)} to ${points(d.hi)}).`,
    );
}
