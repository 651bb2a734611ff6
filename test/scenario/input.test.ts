import { describe, expect, it } from 'vitest';
import { formatMonth, parseMonth } from '../../src/model/time.js';
import { buildInput, formatDiagnostics, loadScenario } from '../../src/scenario/index.js';
import { diagnosticsOf, fixtureData, fixtureReader } from './helpers.js';

const data = fixtureData();
const reader = fixtureReader({
  'scenarios/same-month.yaml':
    'question: q\ndescription: d\nextends: base.yaml\nevents:\n  - { at: 2025-03, label: scenario event, drive: { country: PK, delta: 1 } }\n',
});
const base = loadScenario('scenarios/base.yaml', reader, data);

describe('buildInput: initial state', () => {
  it('from the takeover: the 2021-08 observations; factions without a power row keep factions.yaml shares', () => {
    const input = buildInput(base, data);
    expect(input).toMatchObject({ scenario: 'base', seed: '20210815', start: '2021-08', end: '2026-12' });
    expect(input.params).toBe(base.params);
    expect(input.gates).toBe(base.gates);
    expect(input.initial).toEqual({
      rung: { US: 1, PK: 3, CN: 3, IN: 1 },
      listed: { US: false, PK: false, CN: false, IN: true },
      power: { kandahar: 0.5, haqqani: 0.3, swing: 0.2 },
      policy: { womens_rights: 0.3, ct_cooperation: 0.4, inclusivity: 0.2 },
      threat: 0.5,
      un_seat: false,
      un_sanctions: true,
    });
  });

  it('at a later start equals the last observations at or before it (power renormalized)', () => {
    const input = buildInput(base, data, { start: '2024-03' });
    expect(input.initial.rung).toEqual({ US: 1, PK: 2, CN: 5, IN: 1 });
    expect(input.initial.policy.womens_rights).toBe(0.15);
    expect(input.initial.power.kandahar).toBeCloseTo(0.6 / 1.1, 12);
    expect(input.initial.power.haqqani).toBeCloseTo(0.3 / 1.1, 12);
    expect(input.initial.power.swing).toBeCloseTo(0.2 / 1.1, 12);
    expect(buildInput(base, data, { start: '2025-07' }).initial.listed.IN).toBe(false);
    expect(buildInput(base, data, { start: '2025-06' }).initial.listed.IN).toBe(true);
  });

  it('for every start month, each rung is the last stance row at or before it', () => {
    for (let m = parseMonth('2021-08'); m <= parseMonth('2026-12'); m++) {
      const start = formatMonth(m);
      const { initial } = buildInput(base, data, { start, end: '2030-12' });
      for (const id of ['US', 'PK', 'CN', 'IN']) {
        const rows = data.observations.filter(
          (o) => o.kind === 'stance' && o.actor === id && parseMonth(o.date) <= m,
        );
        expect(initial.rung[id], `${id} at ${start}`).toBe(rows[rows.length - 1]!.rung);
      }
      expect(Object.values(initial.power).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });
});

describe('buildInput: events', () => {
  it('history shocks after start and up to end become events, before scenario events, sorted by month', () => {
    const input = buildInput(base, data);
    expect(input.events).toEqual([
      {
        at: '2021-09',
        label: 'Mass-casualty attack',
        effects: [{ kind: 'threat', delta: 0.2 }],
        origin: 'data/events.csv:16',
      },
      {
        at: '2022-03',
        label: "Girls' secondary schools stay closed",
        effects: [{ kind: 'policy', dimension: 'womens_rights', delta: -0.1 }],
        origin: 'data/events.csv:17',
      },
      {
        at: '2025-03',
        label: 'Hostage release',
        effects: [{ kind: 'drive', country: 'US', delta: 1 }],
        origin: 'data/events.csv:23',
      },
      {
        at: '2025-03',
        label: 'Haqqani loses ground',
        effects: [{ kind: 'power', faction: 'haqqani', delta: -0.05 }],
        origin: 'data/events.csv:24',
      },
      base.meta.events[0],
    ]);
  });

  it('a shock in the start month is part of the observed state, not an event; one after the end is dropped', () => {
    expect(buildInput(base, data, { start: '2022-03' }).events.map((e) => e.at)).toEqual([
      '2025-03',
      '2025-03',
      '2026-01',
    ]);
    expect(buildInput(base, data, { end: '2025-02' }).events.map((e) => e.at)).toEqual([
      '2021-09',
      '2022-03',
    ]);
  });

  it('history: false keeps only the scenario events, inside [start, end]', () => {
    const child = loadScenario('scenarios/child.yaml', reader, data);
    expect(buildInput(child, data).events.map((e) => [e.at, e.label])).toEqual([
      ['2025-06', 'India accepts a Taliban ambassador'],
      ['2026-01', 'ISK surge after a mass-casualty attack'],
      ['2026-03', 'Two policy moves'],
    ]);
    expect(buildInput(child, data, { end: '2026-01' }).events).toHaveLength(2);
    expect(buildInput(child, data, { start: '2026-02' }).events.map((e) => e.at)).toEqual(['2026-03']);
  });

  it('in the same month, history shocks come before scenario events (stable)', () => {
    const s = loadScenario('scenarios/same-month.yaml', reader, data);
    const input = buildInput(s, data);
    expect(input.events.filter((e) => e.at === '2025-03').map((e) => e.label)).toEqual([
      'Hostage release',
      'Haqqani loses ground',
      'scenario event',
    ]);
  });

  it('--seed overrides the scenario seed', () => {
    expect(buildInput(base, data, { seed: 'abc' }).seed).toBe('abc');
  });
});

describe('buildInput: command-line errors', () => {
  const errors = (opts: { start?: string; end?: string; seed?: string }) =>
    formatDiagnostics(diagnosticsOf(() => buildInput(base, data, opts)));

  it('malformed months', () => {
    expect(errors({ start: '2021-8', end: '2030-13' })).toBe(
      [
        "stancesim: error: --start: invalid month '2021-8'",
        '  expected: a month YYYY-MM',
        '',
        "stancesim: error: --end: invalid month '2030-13'",
        '  expected: a month YYYY-MM',
      ].join('\n'),
    );
  });

  it('start before the first observed month, end before start', () => {
    expect(errors({ start: '2021-07' })).toBe(
      [
        'stancesim: error: --start: start 2021-07 is before the first observed month 2021-08',
        '  expected: a month in 2021-08..2100-12',
        '  hint: the initial state comes from data/events.csv, which begins at 2021-08',
      ].join('\n'),
    );
    expect(errors({ start: '2027-01' })).toBe(
      [
        'scenarios/base.yaml: error: end: end 2026-12 is before start 2027-01',
        '  expected: a month in 2027-01..2100-12',
      ].join('\n'),
    );
    expect(errors({ end: '2021-07' })).toMatch(
      /^stancesim: error: --end: end 2021-07 is before start 2021-08/,
    );
  });
});
