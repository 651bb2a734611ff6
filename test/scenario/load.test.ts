import { describe, expect, it } from 'vitest';
import { conditionVariables } from '../../src/model/variables.js';
import { oneOf } from '../../src/scenario/errors.js';
import { formatDiagnostics, loadScenario } from '../../src/scenario/index.js';
import { countrySchema } from '../../src/scenario/params-schema.js';
import { diagnosticsOf, errorsOf, fixtureData, fixtureReader } from './helpers.js';

const data = fixtureData();

const HEAD = 'question: q\ndescription: d\nend: 2030-12\n';

describe('loadScenario: diagnostics', () => {
  it('an unknown set path: the documented example, exactly', () => {
    const text = `${HEAD}seed: 1\nhistory: true\nset:\n  countries.US.rihgts: 0.9\n`;
    expect(errorsOf(text)).toBe(
      [
        "scenarios/mine.yaml:7:3: error: set.countries.US.rihgts: unknown parameter 'rihgts'",
        '   7 |   countries.US.rihgts: 0.9',
        '     |   ^^^^^^^^^^^^^^^^^^^',
        `  expected: ${oneOf(Object.keys(countrySchema.shape))}`,
        "  hint: did you mean 'countries.US.rights'?",
      ].join('\n'),
    );
    // docs/SCENARIOS.md shows this list; it starts with the CountryParams fields in order
    expect(oneOf(Object.keys(countrySchema.shape))).toMatch(
      /^one of name, bloc, weight, p5, review_rate, security, harboured, alignment, migration, …$/,
    );
  });

  it('unknown countries, groups and misspelt groups in set paths', () => {
    const text = `${HEAD}set:\n  countries.UK.rights: 0.9\n  decison.base: 1\n  mechanisms.emboldening: false\n  countries.US.rights.value: 1\n`;
    expect(errorsOf(text)).toBe(
      [
        "scenarios/mine.yaml:5:3: error: set.countries.UK.rights: unknown country 'UK'",
        '   5 |   countries.UK.rights: 0.9',
        '     |   ^^^^^^^^^^^^^^^^^^^',
        '  expected: one of US, PK, CN, IN',
        "  hint: did you mean 'countries.US.rights'?",
        '',
        "scenarios/mine.yaml:6:3: error: set.decison.base: unknown parameter 'decison'",
        '   6 |   decison.base: 1',
        '     |   ^^^^^^^^^^^^',
        '  expected: one of countries, decision, factions, regime, power, mechanisms, threat, dyads, un',
        "  hint: did you mean 'decision.base'?",
        '',
        "scenarios/mine.yaml:7:3: error: set.mechanisms.emboldening: 'mechanisms.emboldening' is a group of parameters, not one parameter",
        '   7 |   mechanisms.emboldening: false',
        '     |   ^^^^^^^^^^^^^^^^^^^^^^',
        '  expected: one of enabled, power_gain, ideal_shift',
        "  hint: set its fields one by one, e.g. 'mechanisms.emboldening.enabled'",
        '',
        "scenarios/mine.yaml:8:3: error: set.countries.US.rights.value: 'countries.US.rights' is a single parameter; it has no field 'value'",
        '   8 |   countries.US.rights.value: 1',
        '     |   ^^^^^^^^^^^^^^^^^^^^^^^^^',
        "  hint: set 'countries.US.rights' as a whole",
      ].join('\n'),
    );
  });

  it('a mistyped top-level key', () => {
    expect(errorsOf(`${HEAD}evnets: []\n`)).toBe(
      [
        "scenarios/mine.yaml:4:1: error: evnets: unknown key 'evnets'",
        '   4 | evnets: []',
        '     | ^^^^^^',
        '  expected: one of $schema, name, question, description, extends, seed, start, end, history, …',
        "  hint: did you mean 'events'?",
      ].join('\n'),
    );
  });

  it('out-of-range and wrong-type values, in set and in the document', () => {
    const text = `${HEAD}history: yes\nset:\n  countries.US.rights: 1.5\n  decision.temperature: 0\n  countries.US.gates:\n    - { rung: 0, when: "womens_rights >= 0.4" }\n  un.veto_rung: 4.5\n`;
    expect(errorsOf(text)).toBe(
      [
        "scenarios/mine.yaml:4:10: error: history: wrong type: text ('yes')",
        '   4 | history: yes',
        '     |          ^^^',
        '  expected: true or false',
        '',
        'scenarios/mine.yaml:6:24: error: set.countries.US.rights: 1.5 is out of range',
        '   6 |   countries.US.rights: 1.5',
        '     |                        ^^^',
        '  expected: a number in 0..1',
        '',
        "scenarios/mine.yaml:7:3: error: set.decision.temperature: 'decision.temperature' was removed: moves are monthly hazards now, not a logit choice (docs/MODEL.md §7.1); their noise is set by 'decision.hazard_width' and their stickiness by 'decision.inertia'",
        '   7 |   decision.temperature: 0',
        '     |   ^^^^^^^^^^^^^^^^^^^^',
        '',
        'scenarios/mine.yaml:9:15: error: set.countries.US.gates[0].rung: 0 is out of range',
        '   9 |     - { rung: 0, when: "womens_rights >= 0.4" }',
        '     |               ^',
        '  expected: an integer in 1..6',
        '',
        'scenarios/mine.yaml:10:17: error: set.un.veto_rung: 4.5 is not a whole number',
        '  10 |   un.veto_rung: 4.5',
        '     |                 ^^^',
        '  expected: an integer in 0..6',
      ].join('\n'),
    );
  });

  it('a list parameter given a single value', () => {
    expect(
      errorsOf(`${HEAD}set:\n  countries.US.rivals: CN\n  countries.US.gates: { rung: 4, when: "true" }\n`),
    ).toBe(
      [
        "scenarios/mine.yaml:5:24: error: set.countries.US.rivals: wrong type: text ('CN')",
        '   5 |   countries.US.rivals: CN',
        '     |                        ^^',
        '  expected: a list of country ids (e.g. US)',
        '',
        'scenarios/mine.yaml:6:23: error: set.countries.US.gates: wrong type: a map',
        '   6 |   countries.US.gates: { rung: 4, when: "true" }',
        '     |                       ^^^^^^^^^^^^^^^^^^^^^^^^^',
        '  expected: a list of { rung, when }',
      ].join('\n'),
    );
  });

  it('a bad condition in a gate is pointed at inside the string', () => {
    const text = `${HEAD}set:\n  countries.IN.gates:\n    - rung: 5\n      when: "ct_cooperation >= 0.6 and womens_right > 0.2"\n    - { rung: 6, when: 'import("fs")' }\n`;
    expect(errorsOf(text)).toBe(
      [
        "scenarios/mine.yaml:7:40: error: set.countries.IN.gates[0].when: unknown variable 'womens_right'",
        '   7 |       when: "ct_cooperation >= 0.6 and womens_right > 0.2"',
        '     |                                        ^^^^^^^^^^^^',
        "  hint: did you mean 'womens_rights'?",
        '',
        "scenarios/mine.yaml:8:25: error: set.countries.IN.gates[1].when: function 'import' is not allowed in a condition",
        `   8 |     - { rung: 6, when: 'import("fs")' }`,
        '     |                         ^^^^^^',
        '  hint: allowed functions: min, max, abs, sqrt, exp, log',
      ].join('\n'),
    );
  });

  it('missing question and description, no end anywhere', () => {
    expect(errorsOf('name: x\n')).toBe(
      [
        "scenarios/mine.yaml:1:1: error: question: missing required key 'question'",
        '   1 | name: x',
        '     | ^^^^^^^',
        '  expected: non-empty text',
        '',
        "scenarios/mine.yaml:1:1: error: description: missing required key 'description'",
        '   1 | name: x',
        '     | ^^^^^^^',
        '  expected: non-empty text',
      ].join('\n'),
    );
    expect(errorsOf('question: q\ndescription: d\n')).toBe(
      [
        "scenarios/mine.yaml:1:1: error: end: missing 'end' (the last simulated month), here or in a scenario this one extends",
        '   1 | question: q',
        '     | ^^^^^^^^^^^',
        '  expected: a month YYYY-MM',
      ].join('\n'),
    );
  });

  it('start before the history, end before start, malformed months', () => {
    expect(errorsOf('question: q\ndescription: d\nstart: 2021-07\nend: 2030-12\n')).toBe(
      [
        'scenarios/mine.yaml:3:8: error: start: start 2021-07 is before the first observed month 2021-08',
        '   3 | start: 2021-07',
        '     |        ^^^^^^^',
        '  expected: a month in 2021-08..2100-12',
        '  hint: the initial state comes from data/events.csv, which begins at 2021-08',
      ].join('\n'),
    );
    expect(errorsOf('question: q\ndescription: d\nstart: 2024-01\nend: 2023-12\n')).toMatch(
      /^scenarios\/mine.yaml:4:6: error: end: end 2023-12 is before start 2024-01\n/,
    );
    expect(errorsOf('question: q\ndescription: d\nend: 2030-1\n')).toBe(
      [
        "scenarios/mine.yaml:3:6: error: end: invalid value '2030-1'",
        '   3 | end: 2030-1',
        '     |      ^^^^^^',
        '  expected: a month YYYY-MM',
      ].join('\n'),
    );
  });

  it('event effects: unknown countries, factions and dimensions, to|delta, months, empty events', () => {
    const text = `${HEAD}events:
  - at: 2026-01
    label: a
    rung: { country: IM, to: 5 }
    power: [{ faction: kandahar, delta: 0.1 }, { faction: haqani, delta: 0.1 }]
  - at: 2019-05
    label: b
    policy: { dimension: womens_rigths, to: 0.5, delta: 0.1 }
    threat: {}
  - at: 2026-02
    label: c
  - at: 2026-03
    label: d
    set: { countries.US.gates: [], countries.US.review_rate: 2 }
`;
    expect(errorsOf(text)).toBe(
      [
        "scenarios/mine.yaml:7:22: error: events[0].rung.country: unknown country 'IM'",
        '   7 |     rung: { country: IM, to: 5 }',
        '     |                      ^^',
        '  expected: one of US, PK, CN, IN',
        "  hint: did you mean 'IN'?",
        '',
        "scenarios/mine.yaml:8:59: error: events[0].power[1].faction: invalid value 'haqani'",
        '   8 |     power: [{ faction: kandahar, delta: 0.1 }, { faction: haqani, delta: 0.1 }]',
        '     |                                                           ^^^^^^',
        '  expected: one of kandahar, haqqani, swing',
        "  hint: did you mean 'haqqani'?",
        '',
        'scenarios/mine.yaml:9:9: error: events[1].at: event month 2019-05 is outside the modeled period',
        '   9 |   - at: 2019-05',
        '     |         ^^^^^^^',
        '  expected: a month in 2021-08..2100-12',
        '',
        "scenarios/mine.yaml:11:13: error: events[1].policy: give 'to' or 'delta', not both",
        '  11 |     policy: { dimension: womens_rigths, to: 0.5, delta: 0.1 }',
        '     |             ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^',
        "  expected: 'to' (set the level) or 'delta' (add to it)",
        '',
        "scenarios/mine.yaml:11:26: error: events[1].policy.dimension: invalid value 'womens_rigths'",
        '  11 |     policy: { dimension: womens_rigths, to: 0.5, delta: 0.1 }',
        '     |                          ^^^^^^^^^^^^^',
        '  expected: one of womens_rights, ct_cooperation, inclusivity',
        "  hint: did you mean 'womens_rights'?",
        '',
        "scenarios/mine.yaml:12:13: error: events[1].threat: missing 'to' or 'delta'",
        '  12 |     threat: {}',
        '     |             ^^',
        "  expected: 'to' (set the level) or 'delta' (add to it)",
        '',
        'scenarios/mine.yaml:13:5: error: events[2]: an event needs at least one effect',
        '  13 |   - at: 2026-02',
        '     |     ^^^^^^^^^^^',
        '  expected: one of rung, listed, drive, precursor, incident, attack, power, policy, ideal, …',
        '',
        "scenarios/mine.yaml:17:12: error: events[3].set.countries.US.gates: 'countries.US.gates' cannot change during a run: an event sets numbers and booleans only",
        '  17 |     set: { countries.US.gates: [], countries.US.review_rate: 2 }',
        '     |            ^^^^^^^^^^^^^^^^^^',
        "  hint: set it in the scenario's top-level `set` instead",
        '',
        'scenarios/mine.yaml:17:62: error: events[3].set.countries.US.review_rate: 2 is out of range',
        '  17 |     set: { countries.US.gates: [], countries.US.review_rate: 2 }',
        '     |                                                              ^',
        '  expected: a number in 0..1',
      ].join('\n'),
    );
  });

  it('an event outside the run’s own months is refused, in the file that holds it (it would never happen)', () => {
    const extra = {
      'scenarios/base.yaml': `${HEAD}events:\n  - at: 2030-06\n    label: late in the parent\n    threat: { to: 0.5 }\n`,
    };
    // the child ends earlier than its parent's event, and starts after one of its own
    expect(
      errorsOf(
        'question: q\ndescription: d\nextends: base.yaml\nstart: 2024-01\nend: 2029-12\nevents:\n  - at: 2023-05\n    label: early\n    threat: { to: 0.2 }\n',
        extra,
      ),
    ).toBe(
      [
        'scenarios/mine.yaml:7:9: error: events[0].at: event month 2023-05 is before the start of the run (2024-01 to 2029-12): it would never happen',
        '   7 |   - at: 2023-05',
        '     |         ^^^^^^^',
        '  expected: a month in 2024-01..2029-12',
        '  hint: move it to 2024-01 or later, or start the run earlier (start: 2023-05)',
        '',
        'scenarios/base.yaml:5:9: error: events[0].at: event month 2030-06 is after the end of the run (2024-01 to 2029-12): it would never happen',
        '   5 |   - at: 2030-06',
        '     |         ^^^^^^^',
        '  expected: a month in 2024-01..2029-12',
        '  hint: move it to 2029-12 or earlier, or run longer (end: 2030-06)',
      ].join('\n'),
    );
  });

  it('an extends cycle names the chain', () => {
    const extra = {
      'scenarios/a.yaml': `${HEAD}extends: b.yaml\n`,
      'scenarios/b.yaml': 'question: q\ndescription: d\nextends: ./sub/../a.yaml\n',
    };
    expect(errorsOf(`${HEAD}extends: a.yaml\n`, extra)).toBe(
      [
        'scenarios/b.yaml:3:10: error: extends: extends cycle: scenarios/mine.yaml → scenarios/a.yaml → scenarios/b.yaml → scenarios/a.yaml',
        '   3 | extends: ./sub/../a.yaml',
        '     |          ^^^^^^^^^^^^^^^',
        '  hint: a scenario cannot extend itself, directly or through others',
      ].join('\n'),
    );
    expect(errorsOf(`${HEAD}extends: mine.yaml\n`)).toMatch(
      /extends cycle: scenarios\/mine.yaml → scenarios\/mine.yaml\n/,
    );
  });

  it('a missing file: the scenario itself, or the one it extends', () => {
    expect(
      formatDiagnostics(diagnosticsOf(() => loadScenario('scenarios/chidl.yaml', fixtureReader(), data))),
    ).toBe(
      ['scenarios/chidl.yaml: error: file not found', "  hint: did you mean 'scenarios/child.yaml'?"].join(
        '\n',
      ),
    );
    expect(errorsOf(`${HEAD}extends: bsae.yaml\n`)).toBe(
      [
        "scenarios/mine.yaml:4:10: error: extends: cannot read 'scenarios/bsae.yaml': file not found",
        '   4 | extends: bsae.yaml',
        '     |          ^^^^^^^^^',
        "  hint: did you mean 'scenarios/base.yaml'?",
      ].join('\n'),
    );
    expect(errorsOf(`${HEAD}extends: ../elsewhere/x.yaml\n`)).toMatch(
      /^scenarios\/mine.yaml:4:10: error: extends: cannot read 'elsewhere\/x.yaml': file not found\n[\s\S]*hint: the path is relative to scenarios\/$/,
    );
  });

  it('errors in a JSON scenario point into the JSON', () => {
    const json =
      '{\n  "question": "q",\n  "description": "d",\n  "end": "2030-12",\n  "set": { "threat.mean": 2 }\n}\n';
    expect(errorsOf(json, {}, 'scenarios/mine.json')).toBe(
      [
        'scenarios/mine.json:5:27: error: set.threat.mean: 2 is out of range',
        '   5 |   "set": { "threat.mean": 2 }',
        '     |                           ^',
        '  expected: a number in 0..1',
      ].join('\n'),
    );
  });

  it('YAML syntax errors and duplicate keys', () => {
    expect(errorsOf(`${HEAD}set: [\n`)).toMatch(/^scenarios\/mine.yaml:\d+:\d+: error: /);
    expect(errorsOf(`${HEAD}end: 2031-01\n`)).toMatch(
      /^scenarios\/mine.yaml:4:1: error: Map keys must be unique/,
    );
    expect(errorsOf('- just\n- a list\n')).toMatch(
      /^scenarios\/mine.yaml:1:1: error: a scenario is a map of fields/,
    );
  });
});

describe('loadScenario: resolving', () => {
  const reader = fixtureReader();

  it('defaults: name from the file, seed from the name, start at the first observation, history on', () => {
    const s = loadScenario('scenarios/mine.yaml', fixtureReader({ 'scenarios/mine.yaml': HEAD }), data);
    expect(s.meta).toMatchObject({
      name: 'mine',
      seed: 'mine',
      start: '2021-08',
      end: '2030-12',
      history: true,
      overrides: {},
      events: [],
      chain: ['scenarios/mine.yaml'],
    });
    expect(s.params).toEqual(data.params);
    expect(s.params).not.toBe(data.params);
  });

  it('applies set overrides to a copy of the data params and compiles every gate', () => {
    const s = loadScenario('scenarios/base.yaml', reader, data);
    expect(s.params.countries.US!.rights).toBe(0.9);
    expect(data.params.countries.US!.rights).toBe(0.8); // data untouched
    expect(s.params.mechanisms.emboldening.enabled).toBe(false);
    expect(s.params.countries.US!.gates).toEqual([
      { rung: 4, when: 'womens_rights >= 0.4 and ct_cooperation >= 0.6' },
    ]);
    expect(Object.keys(s.gates)).toEqual(['US', 'IN']); // CN and PK have none
    const vars = conditionVariables(Object.keys(s.params.countries));
    const v = new Float64Array(vars.length);
    v[vars.indexOf('womens_rights')] = 0.4;
    v[vars.indexOf('ct_cooperation')] = 0.6;
    expect(s.gates.US![0]!.test(v)).toBe(true);
    v[vars.indexOf('ct_cooperation')] = 0.59;
    expect(s.gates.US![0]!.test(v)).toBe(false);
    expect(s.gates.IN![0]).toMatchObject({ rung: 5, when: 'ct_cooperation >= 0.6 or rung_PK <= 2' });
    v[vars.indexOf('rung_PK')] = 2;
    expect(s.gates.IN![0]!.test(v)).toBe(true);
    expect(s.meta.events).toEqual([
      {
        at: '2026-01',
        label: 'ISK surge after a mass-casualty attack',
        effects: [{ kind: 'threat', delta: 0.3 }],
        origin: 'scenarios/base.yaml:15',
      },
    ]);
    expect(s.meta.seed).toBe('20210815');
  });

  it('extends: child fields replace, set merges per path (child wins), events append, question/description are the child’s', () => {
    const s = loadScenario('scenarios/child.yaml', reader, data);
    expect(s.meta.chain).toEqual(['scenarios/child.yaml', 'scenarios/base.yaml']);
    expect(s.meta).toMatchObject({
      name: 'reform-first',
      question: 'What if India engages early?',
      description: 'India moves first; no history shocks.',
      seed: '20210815', // inherited
      start: '2021-08',
      end: '2026-12',
      history: false, // replaced
    });
    expect(s.meta.overrides).toEqual({
      'countries.US.rights': 0.7,
      'mechanisms.emboldening.enabled': false,
      'countries.US.gates': [{ rung: 4, when: 'womens_rights >= 0.4 and ct_cooperation >= 0.6' }],
      'countries.IN.review_rate': 0.5,
    });
    expect(s.params.countries.US!.rights).toBe(0.7);
    expect(s.params.countries.IN!.review_rate).toBe(0.5);
    expect(s.meta.events.map((e) => [e.at, e.label, e.origin])).toEqual([
      ['2026-01', 'ISK surge after a mass-casualty attack', 'scenarios/base.yaml:15'],
      ['2025-06', 'India accepts a Taliban ambassador', 'scenarios/child.yaml:10'],
      ['2026-03', 'Two policy moves', 'scenarios/child.yaml:14'],
    ]);
    expect(s.meta.events[1]!.effects).toEqual([
      { kind: 'rung', country: 'IN', to: 5 },
      { kind: 'param', path: ['countries', 'IN', 'review_rate'], to: 0.6 },
      { kind: 'param', path: ['mechanisms', 'emboldening', 'enabled'], to: true },
    ]);
    expect(s.meta.events[2]!.effects).toEqual([
      { kind: 'policy', dimension: 'womens_rights', to: 0.5 },
      { kind: 'policy', dimension: 'inclusivity', delta: 0.1 },
    ]);
  });

  it('a JSON scenario extends a YAML chain; a child must state its own question', () => {
    const s = loadScenario('scenarios/grandchild.json', reader, data);
    expect(s.meta.chain).toEqual([
      'scenarios/grandchild.json',
      'scenarios/child.yaml',
      'scenarios/base.yaml',
    ]);
    expect(s.meta).toMatchObject({
      name: 'grandchild',
      seed: 'gc',
      start: '2024-03',
      end: '2026-12',
      history: false,
    });
    expect(s.params.decision.base).toBe(-0.5);
    expect(s.meta.events).toHaveLength(3);
    const orphan = 'extends: base.yaml\ndescription: d\n';
    expect(errorsOf(orphan)).toMatch(
      /^scenarios\/mine.yaml:1:1: error: question: missing required key 'question'/,
    );
  });

  it('a numeric seed keeps its digits', () => {
    const s = loadScenario(
      'scenarios/mine.yaml',
      fixtureReader({ 'scenarios/mine.yaml': `${HEAD}seed: 42\n` }),
      data,
    );
    expect(s.meta.seed).toBe('42');
  });
});
