import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/scenario/errors.js';
import { didYouMean, formatDiagnostics, ScenarioError } from '../../src/scenario/index.js';
import { dirname, join, normalize } from '../../src/scenario/paths.js';

describe('formatDiagnostics', () => {
  it('renders the documented compiler-style block', () => {
    const text = formatDiagnostics([
      {
        file: 'scenarios/mine.yaml',
        line: 7,
        col: 3,
        path: 'set.countries.US.rihgts',
        message: "unknown parameter 'rihgts'",
        excerpt: '  countries.US.rihgts: 0.9',
        span: 19,
        expected: 'one of name, bloc, weight, p5, review_rate, security, economic, rights, domestic, …',
        hint: "did you mean 'countries.US.rights'?",
      },
    ]);
    expect(text).toBe(
      [
        "scenarios/mine.yaml:7:3: error: set.countries.US.rihgts: unknown parameter 'rihgts'",
        '   7 |   countries.US.rihgts: 0.9',
        '     |   ^^^^^^^^^^^^^^^^^^^',
        '  expected: one of name, bloc, weight, p5, review_rate, security, economic, rights, domestic, …',
        "  hint: did you mean 'countries.US.rights'?",
      ].join('\n'),
    );
  });

  it('omits what a diagnostic does not have, separates diagnostics by a blank line', () => {
    const text = formatDiagnostics([
      { file: 'a.yaml', message: 'file not found' },
      { file: 'b.yaml', line: 12345, col: 2, message: 'bad', excerpt: '\tx: 1', span: 99 },
    ]);
    expect(text).toBe(
      [
        'a.yaml: error: file not found',
        '',
        'b.yaml:12345:2: error: bad',
        ' 12345 | \tx: 1',
        '       | \t^^^^',
      ].join('\n'),
    );
  });

  it('ScenarioError carries the diagnostics and a formatted message', () => {
    const e = new ScenarioError([{ file: 'x', message: 'boom' }]);
    expect(e.diagnostics).toHaveLength(1);
    expect(e.message).toBe('x: error: boom');
    expect(e).toBeInstanceOf(Error);
  });
});

describe('didYouMean', () => {
  it('finds transpositions, missing and extra letters, and case slips', () => {
    expect(didYouMean('rihgts', ['name', 'rights', 'domestic'])).toBe('rights');
    expect(didYouMean('womens_right', ['womens_rights', 'inclusivity'])).toBe('womens_rights');
    expect(didYouMean('evnets', ['events', 'extends'])).toBe('events');
    expect(didYouMean('us', ['US', 'CN'])).toBe('US');
  });

  it('does not guess wildly', () => {
    expect(didYouMean('banana', ['rights', 'domestic'])).toBeUndefined();
    expect(didYouMean('XX', ['US', 'CN'])).toBeUndefined();
    expect(didYouMean('x', [])).toBeUndefined();
  });

  it('edit distance counts an adjacent swap as one edit', () => {
    expect(editDistance('ab', 'ba')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
  });
});

describe('POSIX paths', () => {
  it('normalizes, joins and takes directories', () => {
    expect(normalize('scenarios/./x/../base.yaml')).toBe('scenarios/base.yaml');
    expect(normalize('../a//b/')).toBe('../a/b');
    expect(normalize('/a/../../b')).toBe('/b');
    expect(normalize('a\\b\\c.yaml')).toBe('a/b/c.yaml');
    expect(join('scenarios', '../shared/base.yaml')).toBe('shared/base.yaml');
    expect(join('scenarios', '/abs/x.yaml')).toBe('/abs/x.yaml');
    expect(dirname('scenarios/base.yaml')).toBe('scenarios');
    expect(dirname('base.yaml')).toBe('.');
    expect(join(dirname('base.yaml'), 'child.yaml')).toBe('child.yaml');
    expect(dirname('/base.yaml')).toBe('/');
  });
});
