import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/scenario/csv.js';
import { oneOf } from '../../src/scenario/errors.js';
import { formatDiagnostics, loadData } from '../../src/scenario/index.js';
import { countrySchema } from '../../src/scenario/params-schema.js';
import { dataWith, diagnosticsOf, fixtureData, fixtureText, gutter, lineOf } from './helpers.js';

const HEADER = 'date,actor,kind,rung,variable,value,what,seed,quote,source';

/** events.csv of the fixture with `rows` appended. */
function eventsWith(...rows: string[]): string {
  return `${fixtureText('data/events.csv').trimEnd()}\n${rows.join('\n')}\n`;
}

describe('loadData: the fixture', () => {
  const data = fixtureData();

  it('reads plain values and keeps every source by dotted path', () => {
    expect(Object.keys(data.params.countries)).toEqual(['US', 'PK', 'CN', 'IN']);
    expect(data.params.countries.US).toMatchObject({
      name: 'United States',
      bloc: 'west',
      p5: true,
      security: 0.4,
      rivals: ['CN'],
      patron: null,
    });
    expect(data.params.countries.US!.gates).toEqual([
      { rung: 4, when: 'womens_rights >= 0.4' },
      { rung: 6, when: 'womens_rights >= 0.6 and ct_cooperation >= 0.6' },
    ]);
    expect(data.params.countries.PK!.gates).toEqual([]); // gates may be omitted
    expect(data.params.factions.kandahar.ideal.womens_rights).toBe(0.05);
    expect(data.params.mechanisms.emboldening.enabled).toBe(true);
    expect(data.params.un.veto_rung).toBe(5);
    expect(data.sources['countries.US.security']).toBe('assumption: fixture');
    expect(data.sources['countries.US.gates.1']).toBe("seed 003: 'fixture gate'");
    expect(data.sources['mechanisms.emboldening.enabled']).toBe(
      "seed 002: 'emboldening it to take further hardline positions'",
    );
    expect(data.sources['factions.haqqani.authority.inclusivity']).toBe('assumption: fixture');
    expect(data.sources['decision.base']).toBe('assumption: fixture');
    expect(data.actorSources.US).toBe(
      "seed 000: 'the United States lifted sanctions on three senior Taliban officials'",
    );
    expect(data.actorSources.kandahar).toBe(
      "seed 000: 'the hardline Kandahar faction, led by Haibatullah Akhundzada'",
    );
    expect(data.dir).toBe('data');
  });

  it('parses events.csv (RFC 4180 quotes, a field over two lines) and sorts by date, stably', () => {
    const obs = data.observations;
    expect(obs).toHaveLength(24);
    expect(obs[0]).toEqual({
      date: '2021-08',
      actor: 'US',
      kind: 'stance',
      rung: 1,
      what: 'The US closes its embassy',
      seed: '000_8569c6e3fe084e63.txt',
      quote: 'the embassy "closed", staff left',
      source: '',
      line: 2,
    });
    const note = obs.find((o) => o.kind === 'note')!;
    expect(note.what).toBe('A note that spans\ntwo lines, with a comma');
    expect(note.line).toBe(14);
    expect(obs.find((o) => o.what === 'Mass-casualty attack')!.line).toBe(16);
    // the 2024-02 row, last in the file, sorts before 2025-03; equal months keep file order
    const dates = obs.map((o) => o.date);
    expect(dates).toEqual([...dates].sort());
    expect(obs.findIndex((o) => o.date === '2024-02')).toBeLessThan(
      obs.findIndex((o) => o.date === '2025-03'),
    );
    const march = obs.filter((o) => o.date === '2025-03').map((o) => o.what);
    expect(march).toEqual(['Hostage release', 'Haqqani loses ground']);
    expect(obs.find((o) => o.kind === 'listing')).toMatchObject({
      variable: 'listed',
      value: 1,
      actor: 'IN',
    });
  });
});

describe('loadData: diagnostics', () => {
  it('a mistyped key in countries.yaml', () => {
    const text = fixtureText('data/countries.yaml').replace(
      '  security:    { value: 0.4,',
      '  securty:    { value: 0.4,',
    );
    const diags = diagnosticsOf(() => loadData('data', dataWith('countries.yaml', text)));
    const bad = lineOf(text, 'securty');
    // the file's keys: the plain ones, then the sourced parameters in the params schema's order
    const keys = [
      'name',
      'bloc',
      'p5',
      'source',
      ...Object.keys(countrySchema.shape).filter((k) => !['name', 'bloc', 'p5'].includes(k)),
    ];
    expect(formatDiagnostics(diags)).toBe(
      [
        "data/countries.yaml:3:3: error: US.security: missing required key 'security'",
        '   3 |   name: United States',
        '     |   ^^^^^^^^^^^^^^^^^^^',
        '  expected: a map { value, source }',
        '',
        `data/countries.yaml:${bad}:3: error: US.securty: unknown key 'securty'`,
        `${gutter(bad)} |   securty:    { value: 0.4, source: "assumption: fixture" }`,
        '     |   ^^^^^^^',
        `  expected: ${oneOf(keys)}`,
        "  hint: did you mean 'security'?",
      ].join('\n'),
    );
    expect(oneOf(keys)).toMatch(
      /^one of name, bloc, p5, source, weight, review_rate, security, harboured, alignment, …$/,
    );
  });

  it('an out-of-range value in model.yaml, and a missing source', () => {
    const text = fixtureText('data/model.yaml')
      .replace('shock_persistence: { value: 0.8,', 'shock_persistence: { value: 1.8,')
      .replace(
        'veto_rung:         { value: 5,   source: "assumption: fixture" }',
        'veto_rung:         { value: 5 }',
      );
    const diags = diagnosticsOf(() => loadData('data', dataWith('model.yaml', text)));
    const a = lineOf(text, 'shock_persistence');
    const b = lineOf(text, 'veto_rung');
    expect(formatDiagnostics(diags)).toBe(
      [
        `data/model.yaml:${a}:31: error: decision.shock_persistence.value: 1.8 is out of range`,
        `${gutter(a)} |   shock_persistence: { value: 1.8,  source: "assumption: fixture" }`,
        '     |                               ^^^',
        '  expected: a number in 0..1',
        '',
        `data/model.yaml:${b}:22: error: un.veto_rung.source: missing required key 'source'`,
        `${gutter(b)} |   veto_rung:         { value: 5 }`,
        '     |                      ^^^^^^^^^^^^',
        "  expected: a source: seed NNN: '…quote…', a public source, or assumption: …",
      ].join('\n'),
    );
  });

  it('a missing data file is named; the other files are still checked', () => {
    const bad = fixtureText('data/factions.yaml').replace('power: { value: 0.5,', 'power: { value: 0.6,');
    const files = dataWith('model.yaml', null);
    const reader = { read: (p: string) => (p === 'data/factions.yaml' ? bad : files.read(p)) };
    const diags = diagnosticsOf(() => loadData('data', reader));
    expect(diags.map((d) => `${d.file}:${d.line ?? ''}: ${d.message}`)).toEqual([
      "data/factions.yaml:5: the factions' power shares sum to 1.1, not 1",
      'data/model.yaml:: file not found',
    ]);
  });

  it('references to unknown countries and bad gate conditions point into countries.yaml', () => {
    const text = fixtureText('data/countries.yaml')
      .replace('rivals:      { value: [IN], source', 'rivals:      { value: [IM], source')
      .replace(
        'when: "ct_cooperation >= 0.6 or rung_PK <= 2"',
        'when: "ct_cooperation >= 0.6 or rung_PAK <= 2"',
      );
    const diags = diagnosticsOf(() => loadData('data', dataWith('countries.yaml', text)));
    const a = lineOf(text, '[IM]');
    const b = lineOf(text, 'rung_PAK');
    expect(formatDiagnostics(diags)).toBe(
      [
        `data/countries.yaml:${a}:26: error: PK.rivals.value[0]: unknown country 'IM'`,
        `${gutter(a)} |   rivals:      { value: [IM], source: "assumption: fixture" }`,
        '     |                          ^^',
        '  expected: a country of countries.yaml: one of US, PK, CN, IN',
        "  hint: did you mean 'IN'?",
        '',
        `data/countries.yaml:${b}:50: error: IN.gates[0].when: unknown variable 'rung_PAK'`,
        `${gutter(b)} |     - { rung: 5, when: "ct_cooperation >= 0.6 or rung_PAK <= 2", source: "assumption: fixture" }`,
        '     |                                                  ^^^^^^^^',
        "  hint: did you mean 'rung_PK'?",
      ].join('\n'),
    );
  });

  it('events.csv rows are checked field by field, at line:col', () => {
    const text = eventsWith(
      '2026-13,US,stance,2,,,Bad month,,,src', // line 27
      '2026-01,US,stanse,2,,,Bad kind,,,src',
      '2026-01,US,stance,7,,,Bad rung,,,src',
      '2026-01,UK,stance,2,,,Unknown country,,,src', // line 30
      '2026-01,regime,state,,threat,0.5,Wrong actor,,,src',
      '2026-01,US,stance,2,,,No source,,,',
      '2026-01,US,stance,2,,,Seed without quote,001_x.txt,,',
      '2026-01,US,stance,2,,Too few fields,,',
      '2026-01,isk,shock,,threat,1.5,Too big a jump,,,src', // line 35
    );
    const diags = diagnosticsOf(() => loadData('data', dataWith('events.csv', text)));
    expect(
      diags.map(
        (d) =>
          `${d.line}:${d.col}:${d.span} ${d.path ?? ''}: ${d.message} | ${d.expected ?? ''} | ${d.hint ?? ''}`,
      ),
    ).toEqual([
      "27:1:7 date: invalid date '2026-13' | a month YYYY-MM | ",
      "28:12:6 kind: unknown kind 'stanse' | one of stance, listing, state, shock, note | did you mean 'stance'?",
      "29:19:1 rung: invalid rung '7' | an integer in 0..6 | ",
      "30:9:2 actor: 'UK' is not a country of countries.yaml | one of US, PK, CN, IN | did you mean 'US'?",
      "31:9:6 actor: 'threat' belongs to actor 'isk', not 'regime' | 'isk' | ",
      "32:35:1 source: the row has no source |  | give 'seed' and 'quote' (the seed's exact words), or a public 'source'",
      "33:52:1 quote: missing 'quote' for seed '001_x.txt' |  | the seed's exact words the row rests on",
      '34:1:37 : expected 10 fields, found 8 |  | ',
      "35:27:3 value: invalid value '1.5' | a number in -1..1 | ",
    ]);
    expect(diags.every((d) => d.file === 'data/events.csv')).toBe(true);
    expect(diags[0]!.excerpt).toBe('2026-13,US,stance,2,,,Bad month,,,src');
  });

  it('the header must name the documented columns', () => {
    const text = fixtureText('data/events.csv').replace('date,actor,kind,rung,', 'date,actr,kind,rung,');
    const diags = diagnosticsOf(() => loadData('data', dataWith('events.csv', text)));
    expect(diags.map((d) => `${d.line}:${d.col} ${d.message} ${d.hint ?? ''}`)).toEqual([
      "1:1 missing column 'actor' ",
      "1:6 unknown column 'actr' did you mean 'actor'?",
    ]);
  });

  it('the history must give every country a stance, and the state, at the first month', () => {
    const text = fixtureText('data/events.csv')
      .split('\n')
      .filter((l) => !l.startsWith('2021-08,PK,stance') && !l.startsWith('2021-08,UN,state,,un_seat'))
      .join('\n');
    const diags = diagnosticsOf(() => loadData('data', dataWith('events.csv', text)));
    expect(diags.map((d) => d.message)).toEqual([
      "country 'PK' has no 'stance' row at 2021-08, the first month of the history",
      "no 'state' row for 'un_seat' at or before 2021-08, the first month of the history",
    ]);
  });

  it('YAML syntax errors are reported with their position', () => {
    const diags = diagnosticsOf(() =>
      loadData('data', dataWith('factions.yaml', 'kandahar:\n  name: [unclosed\n')),
    );
    expect(diags[0]).toMatchObject({
      file: 'data/factions.yaml',
      line: expect.any(Number),
      col: expect.any(Number),
    });
  });
});

describe('parseCsv', () => {
  it('handles quotes, doubled quotes, CRLF, a BOM and blank lines', () => {
    const { records, errors } = parseCsv(
      `\uFEFF${HEADER}\r\n2021-08,"a, b","say ""hi""",x\r\n\r\n"multi\r\nline",y\r\n`,
    );
    expect(errors).toEqual([]);
    expect(records.map((r) => [r.line, r.fields.map((f) => f.value)])).toEqual([
      [1, HEADER.split(',')],
      [2, ['2021-08', 'a, b', 'say "hi"', 'x']],
      [4, ['multi\r\nline', 'y']],
    ]);
    expect(records[1]!.fields.map((f) => [f.col, f.width])).toEqual([
      [1, 7],
      [9, 6],
      [16, 12],
      [29, 1],
    ]);
  });

  it('reports an unterminated quote and stray quotes', () => {
    expect(parseCsv('a,"open\nb').errors).toEqual([
      { line: 1, col: 3, message: 'unterminated quoted field' },
    ]);
    expect(parseCsv('a,b"c\n').errors[0]).toMatchObject({ line: 1, col: 3 });
    expect(parseCsv('"a"x,b\n').errors[0]).toMatchObject({
      line: 1,
      col: 4,
      message: 'unexpected text after a closing quote',
    });
  });
});
