import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { conditionVariables } from '../../src/model/variables.js';
import { ConditionError, compileCondition } from '../../src/scenario/index.js';

const VARS = conditionVariables(['US', 'PK', 'CN', 'IN']);
const idx = (name: string) => VARS.indexOf(name);

/** A variable vector with the given values (others 0). */
function vars(values: Record<string, number>): Float64Array {
  const v = new Float64Array(VARS.length);
  for (const [k, x] of Object.entries(values)) {
    expect(idx(k), k).toBeGreaterThanOrEqual(0);
    v[idx(k)] = x;
  }
  return v;
}

function refusal(text: string): ConditionError {
  try {
    compileCondition(text, VARS);
  } catch (e) {
    if (e instanceof ConditionError) return e;
    throw e;
  }
  return expect.fail(`'${text}' was accepted`);
}

describe('conditions: operators of other languages are pointed at, with what to write', () => {
  it.each([
    ['womens_rights >= 0.3 && ct_cooperation > 0.5', 21, '&&', "write 'and' for '&&'"],
    ['womens_rights >= 0.3 || inclusivity > 0.2', 21, '||', "write 'or' for '||'"],
    ['womens_rights => 0.3', 14, '=>', "write '>=' for '=>'"],
    ['womens_rights =< 0.3', 14, '=<', "write '<=' for '=<'"],
    ['not un_seat and !delisted', 16, '!', "write 'not' for '!'"],
    ['womens_rights === 0.3', 14, '===', "write '==' for '==='"],
  ])('%s', (text, offset, op, hint) => {
    const e = refusal(text);
    expect(e.reason).toMatch(/^syntax error: /);
    expect([e.offset, e.length]).toEqual([offset, op.length]);
    expect(e.hint).toMatch(new RegExp(`^${hint.replace(/[|=<>!&]/g, '\\$&')}`));
  });
});

describe('conditions: backdoors are refused with a clear message', () => {
  it.each([
    ['import("x")', "function 'import' is not allowed in a condition", 0, 6],
    ['evaluate("1+1")', "function 'evaluate' is not allowed in a condition", 0, 8],
    ['f(x)=x', "function definitions ('f(…) = …') are not allowed in a condition", 0, 5],
    ['cos.constructor', "property access ('.constructor') is not allowed in a condition", 3, 12],
    [
      'cos.constructor("return process")',
      "property access ('.constructor') is not allowed in a condition",
      3,
      12,
    ],
    ['[1,2][1]', "indexing ('[…]') is not allowed in a condition", 5, 1],
    ['[1, 2]', "lists ('[…]') are not allowed in a condition", 0, 1],
    ['"abc" == "abc"', 'text (string literals) is not allowed in a condition', 0, 5],
    ['"abc".length', "property access ('.length') is not allowed in a condition", 5, 7],
    ['x = 3', "assignment ('=') is not allowed in a condition", 2, 1],
    ['{a: 1}', "maps ('{…}') are not allowed in a condition", 0, 1],
    [
      'womens_rights >= 0.5; 1',
      "a condition is one expression (no ';' or line breaks between expressions)",
      20,
      1,
    ],
    ['1:3', "ranges ('a:b') are not allowed in a condition", 1, 1],
    ['5!', "operator '!' is not allowed in a condition", 1, 1],
    ['2 womens_rights >= 1', 'implicit multiplication is not allowed in a condition', 2, 13],
    ['createUnit("foo")', "function 'createUnit' is not allowed in a condition", 0, 10],
  ])('%s', (text, reason, offset, length) => {
    const e = refusal(text);
    expect(e.reason).toBe(reason);
    expect([e.offset, e.length]).toEqual([offset, length]);
  });

  it('an unknown variable is named, with the closest declared one', () => {
    const e = refusal('womens_right >= 0.5');
    expect(e.reason).toBe("unknown variable 'womens_right'");
    expect(e.hint).toBe("did you mean 'womens_rights'?");
    expect(e.message).toBe("unknown variable 'womens_right'; did you mean 'womens_rights'?");
    expect([e.offset, e.length]).toEqual([0, 12]);
    const later = refusal('ct_cooperation > 0.2 and rung_UK >= 4');
    expect(later.reason).toBe("unknown variable 'rung_UK'");
    expect(later.hint).toBe("did you mean 'rung_US'?");
    expect(later.offset).toBe(25);
  });

  it('pi, e and other mathjs constants are not variables', () => {
    expect(refusal('pi > 3').reason).toBe("unknown variable 'pi'");
  });

  it('an over-long expression is refused before parsing', () => {
    const text = `${'womens_rights >= 0.1 and '.repeat(25)}true`;
    expect(text.length).toBeGreaterThan(500);
    const e = refusal(text);
    expect(e.reason).toBe(`condition is too long (${text.length} characters; at most 500)`);
    expect(e.offset).toBe(500);
    // exactly 500 characters is still fine
    const ok = `womens_rights >= ${'0'.repeat(500 - 'womens_rights >= '.length)}`;
    expect(ok.length).toBe(500);
    expect(compileCondition(ok, VARS)(vars({}))).toBe(true);
  });

  it('syntax errors point at the character', () => {
    const e = refusal('womens_rights >= ');
    expect(e.reason).toMatch(/^syntax error: /);
    expect(e.offset).toBe(16);
    expect(refusal('').reason).toBe('empty condition');
  });

  it('type mistakes: a number alone, not binding tighter than >=', () => {
    expect(refusal('rung_US').reason).toBe('a condition must be true or false, but this is a number');
    const e = refusal('not womens_rights >= 0.5');
    expect(e.reason).toBe("'>=' needs numbers, but one side is a condition (true/false)");
    expect(e.hint).toBe("'not' binds tighter than comparisons: write 'not (x >= 0.5)'");
    expect(refusal('(womens_rights > 0.1) + 1 > 0').reason).toBe(
      "'+' needs numbers, but one side is a condition (true/false)",
    );
  });

  it('only the listed functions, with the right number of arguments', () => {
    expect(refusal('cos(isk_threat) > 0').hint).toBe('allowed functions: min, max, abs, sqrt, exp, log');
    expect(refusal('mni(isk_threat, 1) > 0').hint).toBe("did you mean 'min'?");
    expect(refusal('sqrt(1, 2) > 0').reason).toBe('sqrt() takes exactly one argument');
    expect(refusal('womens_rights(1) > 0').reason).toBe("'womens_rights' is a variable, not a function");
  });
});

describe('conditions: semantics', () => {
  it('thresholds are exact (>= holds at equality, > does not)', () => {
    const ge = compileCondition('womens_rights >= 0.5', VARS);
    expect(ge(vars({ womens_rights: 0.5 }))).toBe(true);
    expect(ge(vars({ womens_rights: 0.49999999 }))).toBe(false);
    expect(compileCondition('womens_rights > 0.5', VARS)(vars({ womens_rights: 0.5 }))).toBe(false);
    expect(compileCondition('rung_US == 4', VARS)(vars({ rung_US: 4 }))).toBe(true);
    expect(compileCondition('rung_US != 4', VARS)(vars({ rung_US: 4 }))).toBe(false);
    // plain JS numbers, not mathjs's tolerant comparison
    expect(compileCondition('0.1 + 0.2 == 0.3', VARS)(vars({}))).toBe(false);
  });

  it('and binds tighter than or; not applies to its operand; xor', () => {
    const c = compileCondition('womens_rights >= 0.5 or ct_cooperation >= 0.5 and inclusivity >= 0.5', VARS);
    expect(c(vars({ womens_rights: 0.6 }))).toBe(true); // a or (b and c)
    expect(c(vars({ ct_cooperation: 0.6 }))).toBe(false);
    expect(c(vars({ ct_cooperation: 0.6, inclusivity: 0.6 }))).toBe(true);
    const n = compileCondition('not (womens_rights >= 0.5) and isk_threat < 0.3', VARS);
    expect(n(vars({ womens_rights: 0.2, isk_threat: 0.1 }))).toBe(true);
    expect(n(vars({ womens_rights: 0.7, isk_threat: 0.1 }))).toBe(false);
    const x = compileCondition('rung_US >= 4 xor rung_CN >= 4', VARS);
    expect([x(vars({ rung_US: 4 })), x(vars({ rung_US: 4, rung_CN: 4 })), x(vars({}))]).toEqual([
      true,
      false,
      false,
    ]);
    expect(compileCondition('not listed_IN', VARS)(vars({ listed_IN: 1 }))).toBe(false);
    expect(compileCondition('true and not false', VARS)(vars({}))).toBe(true);
  });

  it('ternary, arithmetic, functions and chained comparisons', () => {
    const t = compileCondition('year >= 2026 ? womens_rights >= 0.3 : womens_rights >= 0.5', VARS);
    expect(t(vars({ year: 2026, womens_rights: 0.4 }))).toBe(true);
    expect(t(vars({ year: 2025, womens_rights: 0.4 }))).toBe(false);
    const num = compileCondition('(year >= 2026 ? 0.3 : 0.5) <= womens_rights', VARS);
    expect(num(vars({ year: 2025, womens_rights: 0.4 }))).toBe(false);
    expect(compileCondition('-2^2 == -4', VARS)(vars({}))).toBe(true);
    expect(compileCondition('2^3^2 == 512', VARS)(vars({}))).toBe(true);
    expect(
      compileCondition(
        'min(womens_rights, ct_cooperation) >= 0.4',
        VARS,
      )(vars({ womens_rights: 0.5, ct_cooperation: 0.4 })),
    ).toBe(true);
    expect(compileCondition('max(1, 2, 3) == 3 and abs(-2) == 2 and sqrt(9) == 3', VARS)(vars({}))).toBe(
      true,
    );
    expect(compileCondition('log(exp(2)) == 2 and 7 / 2 - 1 * 3 == 0.5', VARS)(vars({}))).toBe(true);
    expect(compileCondition('sqrt(-1) >= 0 or sqrt(-1) < 0', VARS)(vars({}))).toBe(false); // NaN
    const chain = compileCondition('0.4 <= womens_rights < 0.6', VARS);
    expect([0.39, 0.4, 0.59, 0.6].map((w) => chain(vars({ womens_rights: w })))).toEqual([
      false,
      true,
      true,
      false,
    ]);
  });

  it('reads each variable from its index', () => {
    for (const name of VARS) {
      const c = compileCondition(`${name} == 7`, VARS);
      expect(c(vars({ [name]: 7 }))).toBe(true);
      expect(c(vars({}))).toBe(false);
    }
  });

  it('compares a variable with a number (one closure) as JS does, for every operator and either side', () => {
    const ops: [string, (x: number, y: number) => boolean][] = [
      ['==', (x, y) => x === y],
      ['!=', (x, y) => x !== y],
      ['<', (x, y) => x < y],
      ['>', (x, y) => x > y],
      ['<=', (x, y) => x <= y],
      ['>=', (x, y) => x >= y],
    ];
    const v = fc.oneof(fc.constantFrom(0, 0.5, 1, Number.NaN), fc.double({ min: -2, max: 2, noNaN: true }));
    const t = fc.constantFrom(0, 0.25, 0.5, 1);
    fc.assert(
      fc.property(v, t, fc.constantFrom(...ops), (a, x, [op, js]) => {
        const values = vars({ womens_rights: a });
        expect(compileCondition(`womens_rights ${op} ${x}`, VARS)(values)).toBe(js(a, x));
        expect(compileCondition(`${x} ${op} womens_rights`, VARS)(values)).toBe(js(x, a));
      }),
      { numRuns: 300 },
    );
  });

  it('agrees with the same expression in JS (property)', () => {
    const v = fc.double({ min: 0, max: 1, noNaN: true });
    fc.assert(
      fc.property(v, v, v, v, v, (a, b, c, t, u) => {
        const text = `womens_rights >= ${t} and ct_cooperation < ${u} or not (inclusivity > ${t}) and womens_rights + ct_cooperation * inclusivity <= ${u} * 2`;
        const f = compileCondition(text, VARS);
        const js = (a >= t && b < u) || (!(c > t) && a + b * c <= u * 2);
        return f(vars({ womens_rights: a, ct_cooperation: b, inclusivity: c })) === js;
      }),
      { numRuns: 300 },
    );
  });
});
