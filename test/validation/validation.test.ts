// Backtest scores, explanations, forecast questions and scoring, on the fixture world.
import { describe, expect, it } from 'vitest';
import { addRun, createAggregate } from '../../src/ensemble/aggregate.js';
import { actorsOf, CAUSES, DRIVE_TERMS, type Move, monthRange, simulate } from '../../src/model/index.js';
import type { ScenarioError } from '../../src/scenario/errors.js';
import {
  backtestDoc,
  firstPassageConcordance,
  pointForecaster,
  score,
} from '../../src/validation/backtest.js';
import { explainCountry, explainFaction } from '../../src/validation/explain.js';
import { checkpoints, forecastQuestions } from '../../src/validation/forecast.js';
import { recordLikelihood } from '../../src/validation/likelihood.js';
import { firstReach } from '../../src/validation/observed.js';
import { parseOutcomes, scoreForecast } from '../../src/validation/score.js';
import { input } from '../model/fixture.js';

const base = input('val', { end: '2022-12' });
const months = monthRange(base.start, base.end);
const M = months.length;
const countries = ['A', 'B', 'C', 'D'];

function ensemble(n: number, inp = base) {
  const a = createAggregate(M, 4);
  for (let r = 0; r < n; r++) addRun(a, simulate({ ...inp, seed: `${inp.seed}/${r}` }));
  return a;
}

/** An "observed" record: one run of the model itself. */
const truth = simulate({ ...base, seed: 'truth' });
const observed = countries.map((_, c) => Array.from({ length: M }, (_, m) => truth.rung[m * 4 + c]!));
const listed = countries.map((_, c) => Array.from({ length: M }, (_, m) => truth.listed[m * 4 + c]!));

describe('backtest', () => {
  it('scores a perfect point forecast as zero and persistence by hand', () => {
    const perfect = score(pointForecaster(observed), observed, 0, M);
    expect(perfect).toEqual({ mae: 0, brier: 0, end_miss: 0 });
    const still = score(pointForecaster(observed.map((s) => s.map(() => s[0]!))), observed, 0, M);
    let mae = 0;
    for (const s of observed) for (const r of s) mae += Math.abs(r - s[0]!);
    expect(still.mae).toBeCloseTo(mae / (4 * M), 6);
  });

  it('compares the model with the naive forecasters and ranks the order of reaching rungs', () => {
    const doc = backtestDoc(
      { scenario: 'fixture', seed: 'val', months, countries, actors: actorsOf(base.params) },
      ensemble(50),
      observed,
      6,
      recordLikelihood(base, observed, listed, 20),
    );
    expect(doc.scores.model.mae).toBeGreaterThanOrEqual(0);
    expect(doc.per_country.map((c) => c.country)).toEqual(countries);
    for (const c of doc.per_country) {
      expect(c.end_observed).toBe(c.observed.at(-1));
      expect(c.band.p05.every((v, m) => v <= c.band.p50[m]! && c.band.p50[m]! <= c.band.p95[m]!)).toBe(true);
    }
    for (const o of doc.order)
      for (const row of o.countries) {
        const c = countries.indexOf(row.country);
        expect(row.observed).toBe(months[firstReach(observed[c]!, o.k)!]);
      }
    // held to its own truth path, the model gives the record a finite likelihood
    expect(doc.likelihood.loglik).toBeLessThan(0);
    expect(doc.likelihood.loglik).toBeGreaterThan(-1000);
    expect(doc.likelihood.paths).toBe(20);
    for (const c of doc.concordance) {
      expect(c.n).toBe(observed.filter((s) => c.countries === 'all' || s[0]! < c.k).length);
      if (c.c !== null) expect(c.c).toBeGreaterThanOrEqual(0);
    }
  });

  it("Harrell's C of first passage: a model that puts every country at its observed month scores 1", () => {
    // a four-country record: A reaches 4 at month 2, B at month 5, C never, D starts there
    const obs = [
      [3, 3, 4, 4, 4, 4, 4],
      [2, 3, 3, 3, 3, 4, 4],
      [1, 1, 1, 1, 1, 1, 1],
      [4, 4, 4, 4, 4, 4, 4],
    ];
    // one run that follows the record: its first passage to every rung is the observed one
    const a = createAggregate(7, 4);
    a.runs = 1;
    for (let c = 0; c < 4; c++)
      for (let k = 1; k <= 6; k++) {
        const t = obs[c]!.findIndex((r) => r >= k);
        a.reached[(c * 7 + k) * 8 + (t < 0 ? 7 : t)] = 1;
      }
    const risk = firstPassageConcordance(a, obs, 4, 'at risk');
    expect(risk).toEqual({ k: 4, countries: 'at risk', n: 3, reached: 2, c: 1, comparable: 3 });
    const all = firstPassageConcordance(a, obs, 4, 'all');
    expect(all.n).toBe(4);
    expect(all.c).toBe(1);
  });
});

describe('explain', () => {
  it("adds a country's terms up to the drive the model recorded, with options that sum to 1", () => {
    const run = simulate({ ...base, seed: 'val' });
    const explained: Move[] = [];
    for (const [c, id] of countries.entries())
      for (const date of months.slice(1)) {
        const e = explainCountry({ ...base, seed: 'val' }, date, id);
        const m = months.indexOf(date);
        const sum = e.terms.reduce((s, t) => s + t.value, 0);
        expect(e.terms.map((t) => t.term)).toEqual([...DRIVE_TERMS]);
        expect(sum, `${id} ${date}`).toBeCloseTo(e.drive, 12);
        expect(e.drive).toBe(run.drive[m * 4 + c]);
        expect(e.rung_after).toBe(run.rung[m * 4 + c]);
        expect(e.rung_before).toBe(run.rung[(m - 1) * 4 + c]);
        expect(e.rung_after).toBeLessThanOrEqual(Math.max(e.cap, e.rung_before));
        // the options: one rung down, stay, the up-move (one rung or a listed jump); they sum to 1
        expect(e.options.reduce((s, o) => s + o.p, 0)).toBeCloseTo(1, 12);
        for (const o of e.options) expect(o.p).toBeGreaterThanOrEqual(0);
        expect(e.options.map((o) => o.rung)).toContain(e.rung_before);
        expect(e.options.map((o) => o.rung)).toContain(e.rung_after);
        const down = e.options.find((o) => o.rung < e.rung_before)?.p ?? 0;
        const up = e.options.find((o) => o.rung > e.rung_before)?.p ?? 0;
        // a downgrade needs a cause in view and a shortfall; an upgrade needs excess drive
        if (down > 0)
          expect([e.cause, e.shortfall! > 0]).toEqual([expect.not.stringMatching(/^none$/), true]);
        if (up > 0) expect(e.excess).toBeGreaterThan(0);
        expect(CAUSES).toContain(e.cause);
        // moved by its own hazard exactly when the run recorded a move, and for the same cause
        const move = run.moves.find((x) => x.date === date && x.country === id && !x.forced);
        expect(e.moved).toBe(move !== undefined);
        if (!e.moved) expect(e.rung_after).toBe(e.rung_before);
        if (move) {
          expect([e.rung_before, e.rung_after, e.cause, e.earned]).toEqual([
            move.from,
            move.to,
            move.cause,
            move.earned,
          ]);
          if (move.to < move.from) expect(e.cause).not.toBe('none');
          explained.push(move);
        }
      }
    // every move of the run was explained; with this seed: a jump, a step, a jump after delisting, a
    // downgrade after the girls' rights crack-down
    expect(explained.length).toBe(run.moves.length);
    expect(explained.map((x) => `${x.date} ${x.country} ${x.from}→${x.to} ${x.cause}`).sort()).toEqual([
      '2022-01 C 4→6 threat',
      '2022-02 D 3→4 peer',
      '2022-04 D 4→6 precursor',
      '2022-07 A 2→1 policy',
    ]);
  });

  it('explains a delisting month with the listing the decision saw, and the December UN vote too', () => {
    const run = simulate({ ...base, seed: 'val' });
    const d = 3; // D delists in 2022-03 (and so may leave rung 4, the listed cap, the month after)
    const m = months.indexOf('2022-03');
    expect([run.listed[(m - 1) * 4 + d], run.listed[m * 4 + d]]).toEqual([1, 0]);
    const e = explainCountry({ ...base, seed: 'val' }, '2022-03', 'D');
    expect([e.listed, e.cap]).toEqual([true, 4]);
    expect(e.terms.reduce((s, t) => s + t.value, 0)).toBeCloseTo(e.drive, 12);
    // a P5 at rung 6 vetoes the sanctions mandate in 2022-12; the decisions that month still saw it
    const dec = months.indexOf('2022-12');
    expect([run.un_sanctions[dec - 1], run.un_sanctions[dec]]).toEqual([1, 0]);
    for (const id of countries) {
      const x = explainCountry({ ...base, seed: 'val' }, '2022-12', id);
      expect(
        x.terms.reduce((s, t) => s + t.value, 0),
        id,
      ).toBeCloseTo(x.drive, 12);
      expect(x.terms.find((t) => t.term === 'sanctions')!.value).toBeLessThan(0);
    }
  });

  it('explains an incident month with the shock the decision saw (before it fades)', () => {
    // Delta is exposed to harboured militants: find a replication with an incident, explain that month
    let found: { seed: string; date: string } | undefined;
    for (let r = 0; r < 200 && !found; r++) {
      const run = simulate({ ...base, seed: `val/${r}` });
      const hit = run.log.find(
        (l) => l.actor === 'D' && l.what.includes('militants') && l.date !== base.start,
      );
      if (hit) found = { seed: `val/${r}`, date: hit.date };
    }
    expect(found).toBeDefined();
    const e = explainCountry({ ...base, seed: found!.seed }, found!.date, 'D');
    expect(e.terms.reduce((s, t) => s + t.value, 0)).toBeCloseTo(e.drive, 12);
    expect(e.terms.find((t) => t.term === 'events')!.value).toBeLessThanOrEqual(-1);
  });

  it("gives a faction's power before and after as the run recorded them", () => {
    const run = simulate({ ...base, seed: 'val' });
    const e = explainFaction({ ...base, seed: 'val' }, '2022-03', 'haqqani');
    const m = months.indexOf('2022-03');
    expect([e.power_before, e.power_after]).toEqual([run.power[(m - 1) * 3 + 1], run.power[m * 3 + 1]]);
    expect(e.policy.every((p) => p.weight >= 0 && p.weight <= 1)).toBe(true);
  });

  it('shows the flows the power terms read (the ones the countries left the month before)', () => {
    const m = base.params.mechanisms;
    for (const date of months.slice(1)) {
      const k = explainFaction({ ...base, seed: 'val' }, date, 'kandahar');
      const h = explainFaction({ ...base, seed: 'val' }, date, 'haqqani');
      const term = (e: typeof k, name: string) => e.terms.find((t) => t.term === name)!.value;
      expect(term(k, 'emboldening'), date).toBeCloseTo(m.emboldening.power_gain * k.flows.unearned, 12);
      expect(term(h, 'reform_rewarded'), date).toBeCloseTo(m.reform_rewarded.power_gain * h.flows.earned, 12);
    }
  });

  it('refuses the first month and unknown actors', () => {
    expect(() => explainCountry(base, '2021-08', 'A')).toThrow(/not a month with a decision/);
    expect(() => explainCountry(base, '2022-01', 'ZZ')).toThrow(/unknown country 'ZZ'/);
    expect(() => explainFaction(base, '2022-01', 'taliban')).toThrow(/unknown faction/);
  });
});

describe('forecast and score', () => {
  const a = ensemble(40);
  const questions = forecastQuestions(a, months, countries, base.initial);

  it('asks about every December and the last month, with "by" probabilities that never fall', () => {
    expect(checkpoints(months).map((m) => months[m])).toEqual(['2021-12', '2022-12']);
    for (const id of countries) {
      const by = questions.filter((q) => q.id.startsWith(`${id} rung>=6 by`));
      for (let i = 1; i < by.length; i++) expect(by[i]!.p).toBeGreaterThanOrEqual(by[i - 1]!.p);
    }
    const first = questions.filter((q) => q.id.startsWith('first recognizer'));
    expect(first.reduce((s, q) => s + q.p, 0)).toBeGreaterThanOrEqual(0.999);
    for (const q of questions) expect(q.p).toBeGreaterThanOrEqual(0);
  });

  it('scores recorded outcomes against the model and persistence', () => {
    const doc = {
      kind: 'forecast' as const,
      scenario: 'f',
      seed: 's',
      runs: 40,
      from: months[0]!,
      to: months.at(-1)!,
      created: months[0]!,
      questions,
    };
    const q = questions[0]!;
    const { outcomes, unknown } = parseOutcomes(
      'o.csv',
      `id,outcome,note\n${q.id},yes,it happened\nsomething else entirely,0,\n`,
      questions.map((x) => x.id),
    );
    expect(unknown).toEqual(['something else entirely']);
    const s = scoreForecast(doc, 'f.json', 'o.csv', outcomes, unknown);
    expect(s.scored).toHaveLength(1);
    expect(s.scored[0]!.brier).toBeCloseTo((q.p - 1) ** 2, 6);
    expect(s.mean.persistence_brier).toBe((q.persistence - 1) ** 2);
    expect(s.unresolved).toBe(questions.length - 1);
  });

  it('names the line and column of a bad outcome, and suggests a close id', () => {
    const ids = questions.map((x) => x.id);
    const errors = (text: string) => {
      try {
        parseOutcomes('o.csv', text, ids);
      } catch (e) {
        return (e as ScenarioError).diagnostics;
      }
      return [];
    };
    expect(errors(`id,outcome\n${ids[0]},maybe\n`)[0]).toMatchObject({
      line: 2,
      message: "outcome 'maybe' is not yes or no",
    });
    expect(errors(`id,outcome\n${ids[0]!.replace('rung', 'rnug')},1\n`)[0]!.hint).toContain(ids[0]);
    expect(errors('question,answer\nx,1\n')[0]!.message).toContain('at least id and outcome');
  });
});

describe('record overlay', () => {
  it('keeps each country’s start, its changes and the last month both cover; none after the record', async () => {
    const { recordOverlay } = await import('../../src/validation/observed.js');
    const obs = [
      { kind: 'stance', actor: 'A', date: '2021-08', rung: 2 },
      { kind: 'stance', actor: 'A', date: '2022-01', rung: 3 },
      { kind: 'stance', actor: 'B', date: '2021-08', rung: 1 },
      { kind: 'stance', actor: 'B', date: '2022-06', rung: 1 },
    ] as unknown as Parameters<typeof recordOverlay>[0];
    expect(recordOverlay(obs, ['A', 'B', 'Z'], '2021-08', '2030-12')).toEqual({
      end: '2022-06',
      rows: [
        { country: 'A', date: '2021-08', rung: 2 },
        { country: 'A', date: '2022-01', rung: 3 },
        { country: 'A', date: '2022-06', rung: 3 },
        { country: 'B', date: '2021-08', rung: 1 },
        { country: 'B', date: '2022-06', rung: 1 },
      ],
    });
    expect(recordOverlay(obs, ['A'], '2021-08', '2021-12')?.end).toBe('2021-12');
    expect(recordOverlay(obs, ['A'], '2022-07', '2030-12')).toBeUndefined();
    expect(recordOverlay([], ['A'], '2021-08', '2030-12')).toBeUndefined();
  });
});
