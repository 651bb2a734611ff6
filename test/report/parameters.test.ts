// What a scenario changes, as the report tables show it: shipped value and source beside the override.

import { describe, expect, it } from 'vitest';
import type { ModelParams, ScheduledEvent } from '../../src/model/types.js';
import { eventRows, formatValue, parameterChanges } from '../../src/report/parameters.js';

describe('parameterChanges', () => {
  const params = {
    countries: {
      US: {
        domestic: 0.8,
        gates: [
          { rung: 4, when: 'womens_rights >= 0.5' },
          { rung: 6, when: 'inclusivity >= 0.6' },
        ],
      },
    },
    threat: { mean: 0.5 },
  } as unknown as ModelParams;
  const sources = {
    'countries.US.domestic': 'seed 002: the war on terror',
    'countries.US.gates.0': 'seed 003: reform before recognition',
    'countries.US.gates.1': 'seed 003: reform before recognition',
    'threat.mean': 'assumption: calm',
  };

  it('puts each override, in path order, beside the shipped value and where that comes from', () => {
    const overrides = {
      'threat.mean': 0.85,
      'countries.US.gates': [{ rung: 3, when: 'ct_cooperation >= 0.35' }],
      'countries.US.domestic': 0.5,
    };
    expect(parameterChanges(overrides, { params, sources }, 'scenarios/x.yaml')).toEqual([
      {
        path: 'countries.US.domestic',
        shipped: '0.8',
        shippedSource: 'seed 002: the war on terror',
        value: '0.5',
        source: 'scenarios/x.yaml',
      },
      {
        path: 'countries.US.gates',
        shipped: 'rung 4 when womens_rights >= 0.5; rung 6 when inclusivity >= 0.6',
        shippedSource: 'seed 003: reform before recognition',
        value: 'rung 3 when ct_cooperation >= 0.35',
        source: 'scenarios/x.yaml',
      },
      {
        path: 'threat.mean',
        shipped: '0.5',
        shippedSource: 'assumption: calm',
        value: '0.85',
        source: 'scenarios/x.yaml',
      },
    ]);
  });

  it('formats values for reading', () => {
    expect([
      formatValue(undefined),
      formatValue([]),
      formatValue(true),
      formatValue('a'),
      formatValue([1, 2]),
    ]).toEqual(['(absent)', 'none', 'true', 'a', '[1,2]']);
  });
});

describe('eventRows', () => {
  it('lists each event with its effects and origin', () => {
    const events: ScheduledEvent[] = [
      {
        at: '2026-01',
        label: 'ISK attack abroad',
        effects: [
          { kind: 'threat', to: 0.9 },
          { kind: 'param', path: ['threat', 'mean'], to: 0.85 },
          { kind: 'rung', country: 'US', to: 1 },
          { kind: 'power', faction: 'haqqani', delta: -0.05 },
        ],
        origin: 'scenarios/isk-surge.yaml:14',
      },
    ];
    expect(eventRows(events)).toEqual([
      {
        at: '2026-01',
        label: 'ISK attack abroad',
        effects:
          'ISK threat to 0.9; threat.mean = 0.85; US to rung 1 (humanitarian only); haqqani power −0.05',
        source: 'scenarios/isk-surge.yaml:14',
      },
    ]);
  });
});
