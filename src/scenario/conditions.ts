// Conditions (gates) such as `womens_rights >= 0.5 and ct_cooperation >= 0.6`: parsed by mathjs, checked
// against an allow-list, then translated into a plain-data program (src/model/condition.ts) that the
// model turns into closures reading `vars[index]` (no eval, no new Function, mathjs never evaluates
// anything). Compiled once at load, never per step.
//
// Semantics are plain JS numbers: comparisons are exact (`0.1 + 0.2 == 0.3` is false), `sqrt(-1)` is
// NaN and every comparison with NaN is false. `and or xor not` take conditions (a number counts as
// true when it is not 0); comparisons and arithmetic take numbers. mathjs precedence applies, so
// `not` binds tighter than comparisons: write `not (x >= 0.5)`.

import mathjs from 'mathjs/lib/browser/math.js';
import { type BoolExpr, boolClosure, type Comparison, type NumExpr } from '../model/condition.js';
import { didYouMean } from './errors.js';
import { MAX_CONDITION_LENGTH } from './params-schema.js';

export class ConditionError extends Error {
  constructor(
    /** what is wrong, without the hint */
    readonly reason: string,
    /** character offset of the culprit in the condition text */
    readonly offset: number,
    /** its length (at least 1) */
    readonly length: number,
    readonly hint?: string,
  ) {
    super(hint ? `${reason}; ${hint}` : reason);
    this.name = 'ConditionError';
  }
}

export const CONDITION_FUNCTIONS = ['min', 'max', 'abs', 'sqrt', 'exp', 'log'] as const;
const ALLOWED_OPERATORS = 'and or xor not == != < > <= >= + - * / ^';

// ---------------------------------------------------------------------------------------------------
// mathjs, hardened as its security docs say; only `parse` is ever used

interface MNode {
  type: string;
  [key: string]: unknown;
}

let parser: ((text: string) => MNode) | undefined;

function getParser(): (text: string) => MNode {
  if (!parser) {
    const math = mathjs.create(mathjs.all!, {});
    const parse = math.parse;
    const disabled = (name: string) => () => {
      throw new Error(`'${name}' is disabled`);
    };
    math.import(
      Object.fromEntries(
        ['import', 'createUnit', 'reviver', 'evaluate', 'parse', 'simplify', 'derivative', 'resolve'].map(
          (n) => [n, disabled(n)],
        ),
      ),
      { override: true },
    );
    parser = (text) => parse(text) as unknown as MNode;
  }
  return parser;
}

// ---------------------------------------------------------------------------------------------------
// a small lexer, only to find where a rejected construct sits (mathjs nodes carry no positions)

interface Token {
  kind: 'id' | 'num' | 'str' | 'op';
  text: string;
  start: number;
}

function lex(text: string): Token[] {
  const out: Token[] = [];
  const re =
    /\s+|(?<id>[A-Za-z_$\u00C0-\u02AF][\w$\u00C0-\u02AF]*)|(?<num>(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?)|(?<str>"(?:\\.|[^"\\])*"?|'(?:\\.|[^'\\])*'?)|(?<op>==|!=|<=|>=|\.\*|\.\/|\.\^|\?\?|<<|>>>?|[^\s])/gy;
  for (let m = re.exec(text); m && m[0] !== ''; m = re.exec(text)) {
    const g = m.groups ?? {};
    const kind = g.id ? 'id' : g.num ? 'num' : g.str ? 'str' : g.op ? 'op' : undefined;
    if (kind) out.push({ kind, text: m[0], start: m.index });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------

type Compiled = { type: 'num'; e: NumExpr } | { type: 'bool'; e: BoolExpr };

const COMPARISONS: Record<string, string> = {
  equal: '==',
  unequal: '!=',
  smaller: '<',
  larger: '>',
  smallerEq: '<=',
  largerEq: '>=',
};

/** Compile a condition over `variables` (index = position in the Float64Array). Throws ConditionError. */
export function compileCondition(
  text: string,
  variables: readonly string[],
): (vars: Float64Array) => boolean {
  return boolClosure(compileProgram(text, variables));
}

/** Operators of JavaScript and friends that a condition writes otherwise, with what to write. */
const FOREIGN_OPERATORS: [RegExp, string][] = [
  [/&&/, "write 'and' for '&&' (conditions combine with the words and, or, not)"],
  [/\|\|/, "write 'or' for '||' (conditions combine with the words and, or, not)"],
  [/===/, "write '==' for '==='"],
  [/=>/, "write '>=' for '=>' (at least)"],
  [/=</, "write '<=' for '=<' (at most)"],
  [/!(?!=)/, "write 'not' for '!' (conditions combine with the words and, or, not)"],
];

/** The condition as a plain-data program (see src/model/condition.ts). Throws ConditionError. */
export function compileProgram(text: string, variables: readonly string[]): BoolExpr {
  if (text.length > MAX_CONDITION_LENGTH) {
    throw new ConditionError(
      `condition is too long (${text.length} characters; at most ${MAX_CONDITION_LENGTH})`,
      MAX_CONDITION_LENGTH,
      text.length - MAX_CONDITION_LENGTH,
      'split the gate or simplify the condition',
    );
  }
  if (text.trim() === '')
    throw new ConditionError('empty condition', 0, 1, "write e.g. 'womens_rights >= 0.5'");
  let root: MNode;
  try {
    root = getParser()(text);
  } catch (e) {
    const err = e as Error & { char?: number };
    const offset =
      typeof err.char === 'number' ? Math.min(Math.max(err.char - 1, 0), Math.max(text.length - 1, 0)) : 0;
    const reason = `syntax error: ${err.message.replace(/ \(char \d+\)$/, '')}`;
    // an operator from another language: point at it and say what to write
    for (const [pattern, hint] of FOREIGN_OPERATORS) {
      const m = pattern.exec(text);
      if (m) throw new ConditionError(reason, m.index, m[0].length, hint);
    }
    throw new ConditionError(reason, offset, 1);
  }
  const compiled = new Compiler(text, variables).compile(root);
  if (compiled.type !== 'bool') {
    throw new ConditionError(
      'a condition must be true or false, but this is a number',
      0,
      text.length,
      `compare it, e.g. '${text.trim()} >= 0.5'`,
    );
  }
  return compiled.e;
}

class Compiler {
  private readonly index = new Map<string, number>();
  private readonly tokens: Token[];

  constructor(
    private readonly text: string,
    private readonly variables: readonly string[],
  ) {
    variables.forEach((name, i) => {
      this.index.set(name, i);
    });
    this.tokens = lex(text);
  }

  private fail(reason: string, token: Token | undefined, hint?: string): never {
    const offset = token ? token.start : 0;
    const length = token ? token.text.length : this.text.length;
    throw new ConditionError(reason, offset, Math.max(1, length), hint);
  }

  private find(pred: (t: Token, i: number) => boolean): Token | undefined {
    return this.tokens.find(pred);
  }

  private prevIsOperand(i: number): boolean {
    const p = this.tokens[i - 1];
    return !!p && (p.kind !== 'op' || p.text === ')' || p.text === ']' || p.text === '}');
  }

  private symbolToken(name: string, call: boolean): Token | undefined {
    const isCall = (i: number) => this.tokens[i + 1]?.text === '(';
    return (
      this.find(
        (t, i) =>
          t.kind === 'id' && t.text === name && isCall(i) === call && this.tokens[i - 1]?.text !== '.',
      ) ?? this.find((t) => t.kind === 'id' && t.text === name)
    );
  }

  private operatorToken(op: string): Token | undefined {
    return this.find((t) => t.kind === 'op' && t.text === op) ?? this.find((t) => t.text === op);
  }

  private num(node: MNode, what: string): NumExpr {
    const c = this.compile(node);
    if (c.type === 'num') return c.e;
    const op = this.operatorToken(what);
    const isNot = node.type === 'OperatorNode' && node.fn === 'not';
    this.fail(
      `'${what}' needs numbers, but one side is a condition (true/false)`,
      op,
      isNot
        ? "'not' binds tighter than comparisons: write 'not (x >= 0.5)'"
        : 'compare numbers, or combine conditions with and/or',
    );
  }

  private bool(node: MNode): BoolExpr {
    const c = this.compile(node);
    return c.type === 'bool' ? c.e : { op: 'truthy', a: c.e };
  }

  compile(node: MNode): Compiled {
    switch (node.type) {
      case 'ConstantNode': {
        const value = node.value;
        if (typeof value === 'number') return { type: 'num', e: { op: 'num', value } };
        if (typeof value === 'boolean') return { type: 'bool', e: { op: 'bool', value } };
        if (typeof value === 'string')
          this.fail(
            'text (string literals) is not allowed in a condition',
            this.find((t) => t.kind === 'str'),
          );
        return this.fail(
          `'${String(value)}' is not allowed in a condition`,
          this.find((t) => t.text === String(value)),
        );
      }
      case 'SymbolNode': {
        const name = node.name as string;
        const i = this.index.get(name);
        if (i === undefined) {
          if ((CONDITION_FUNCTIONS as readonly string[]).includes(name))
            this.fail(
              `'${name}' is a function`,
              this.symbolToken(name, false),
              `call it, e.g. '${name}(a, b)'`,
            );
          const close = didYouMean(name, this.variables);
          this.fail(
            `unknown variable '${name}'`,
            this.symbolToken(name, false),
            close ? `did you mean '${close}'?` : 'see `stancesim describe variables`',
          );
        }
        return { type: 'num', e: { op: 'var', index: i } };
      }
      case 'ParenthesisNode':
        return this.compile(node.content as MNode);
      case 'ConditionalNode': {
        const cond = this.bool(node.condition as MNode);
        const a = this.compile(node.trueExpr as MNode);
        const b = this.compile(node.falseExpr as MNode);
        if (a.type !== b.type)
          this.fail("both branches of '? :' must be conditions, or both numbers", this.operatorToken(':'));
        if (a.type === 'num' && b.type === 'num')
          return { type: 'num', e: { op: 'ifnum', cond, a: a.e, b: b.e } };
        return { type: 'bool', e: { op: 'ifbool', cond, a: a.e as BoolExpr, b: b.e as BoolExpr } };
      }
      case 'OperatorNode':
        return this.operator(node);
      case 'RelationalNode': {
        // chained comparison: a < b <= c
        const names = node.conditionals as string[];
        const params = (node.params as MNode[]).map((p, k) =>
          this.num(p, COMPARISONS[names[Math.max(0, k - 1)]!] ?? '<'),
        );
        const tests = names.map((n, k): BoolExpr => {
          if (!COMPARISONS[n]) this.fail(`comparison '${n}' is not allowed`, undefined);
          return { op: 'cmp', fn: n as Comparison, a: params[k]!, b: params[k + 1]! };
        });
        return { type: 'bool', e: { op: 'all', of: tests } };
      }
      case 'FunctionNode':
        return this.call(node);
      case 'AccessorNode': {
        const index = node.index as MNode | undefined;
        if (index?.dotNotation) {
          const dot = this.find((t, i) => t.text === '.' && this.tokens[i + 1]?.kind === 'id');
          const prop = dot ? this.tokens[this.tokens.indexOf(dot) + 1]?.text : undefined;
          const token = dot && prop ? { ...dot, text: `.${prop}` } : dot;
          this.fail(`property access ('.${prop ?? '…'}') is not allowed in a condition`, token);
        }
        this.fail(
          "indexing ('[…]') is not allowed in a condition",
          this.find((t, i) => t.text === '[' && this.prevIsOperand(i)),
        );
        break;
      }
      case 'IndexNode':
        return this.fail("indexing ('[…]') is not allowed in a condition", this.operatorToken('['));
      case 'ArrayNode':
        return this.fail("lists ('[…]') are not allowed in a condition", this.operatorToken('['));
      case 'ObjectNode':
        return this.fail("maps ('{…}') are not allowed in a condition", this.operatorToken('{'));
      case 'AssignmentNode':
        return this.fail(
          "assignment ('=') is not allowed in a condition",
          this.operatorToken('='),
          "to compare, write '=='",
        );
      case 'FunctionAssignmentNode': {
        const eq = this.operatorToken('=');
        const name = String(node.name);
        const at = this.find((t) => t.text === name);
        const start = at?.start ?? 0;
        throw new ConditionError(
          `function definitions ('${name}(…) = …') are not allowed in a condition`,
          start,
          Math.max(1, (eq ? eq.start + 1 : this.text.length) - start),
        );
      }
      case 'BlockNode':
        return this.fail(
          "a condition is one expression (no ';' or line breaks between expressions)",
          this.find((t) => t.text === ';') ?? {
            kind: 'op',
            text: '\n',
            start: Math.max(0, this.text.indexOf('\n')),
          },
        );
      case 'RangeNode':
        return this.fail("ranges ('a:b') are not allowed in a condition", this.operatorToken(':'));
      default:
        return this.fail(`'${node.type}' is not allowed in a condition`, undefined);
    }
    return this.fail(`'${node.type}' is not allowed in a condition`, undefined);
  }

  private operator(node: MNode): Compiled {
    const fn = node.fn as string;
    const op = node.op as string;
    const args = node.args as MNode[];
    if (node.implicit) {
      return this.fail(
        'implicit multiplication is not allowed in a condition',
        this.find(
          (t, i) => i > 0 && this.prevIsOperand(i) && (t.kind === 'id' || t.kind === 'num' || t.text === '('),
        ),
        "write '*' between the factors, or check for a missing operator",
      );
    }
    switch (fn) {
      case 'and':
      case 'or':
      case 'xor': {
        const a = this.bool(args[0]!);
        const b = this.bool(args[1]!);
        return { type: 'bool', e: { op: 'logic', fn, a, b } };
      }
      case 'not': {
        return { type: 'bool', e: { op: 'not', a: this.bool(args[0]!) } };
      }
      case 'equal':
      case 'unequal': {
        const a = this.compile(args[0]!);
        const b = this.compile(args[1]!);
        if (a.type !== b.type)
          this.fail(`'${op}' compares a number with a condition`, this.operatorToken(op));
        if (a.type === 'bool' && b.type === 'bool')
          return { type: 'bool', e: { op: 'same', negate: fn === 'unequal', a: a.e, b: b.e } };
        return { type: 'bool', e: { op: 'cmp', fn, a: a.e as NumExpr, b: b.e as NumExpr } };
      }
      case 'smaller':
      case 'larger':
      case 'smallerEq':
      case 'largerEq':
        return { type: 'bool', e: { op: 'cmp', fn, a: this.num(args[0]!, op), b: this.num(args[1]!, op) } };
      case 'add':
      case 'subtract':
      case 'multiply':
      case 'divide':
      case 'pow': {
        return { type: 'num', e: { op: 'arith', fn, a: this.num(args[0]!, op), b: this.num(args[1]!, op) } };
      }
      case 'unaryMinus': {
        return { type: 'num', e: { op: 'neg', a: this.num(args[0]!, op) } };
      }
      case 'unaryPlus':
        return { type: 'num', e: this.num(args[0]!, op) };
      default:
        return this.fail(
          `operator '${op}' is not allowed in a condition`,
          this.operatorToken(op),
          `allowed: ${ALLOWED_OPERATORS}`,
        );
    }
  }

  private call(node: MNode): Compiled {
    const fnNode = node.fn as MNode;
    const args = node.args as MNode[];
    if (fnNode.type !== 'SymbolNode') {
      // e.g. cos.constructor("…")() or f(1)(2): report the callee
      return this.compile(fnNode);
    }
    const name = fnNode.name as string;
    const token = this.symbolToken(name, true);
    if (!(CONDITION_FUNCTIONS as readonly string[]).includes(name)) {
      if (this.index.has(name))
        this.fail(`'${name}' is a variable, not a function`, token, 'insert an operator after it');
      const close = didYouMean(name, CONDITION_FUNCTIONS);
      this.fail(
        `function '${name}' is not allowed in a condition`,
        token,
        close ? `did you mean '${close}'?` : `allowed functions: ${CONDITION_FUNCTIONS.join(', ')}`,
      );
    }
    const fs = args.map((a) => this.num(a, name));
    if (name === 'min' || name === 'max') {
      if (fs.length === 0) this.fail(`${name}() needs at least one argument`, token);
    } else if (fs.length !== 1) this.fail(`${name}() takes exactly one argument`, token);
    return { type: 'num', e: { op: 'call', fn: name as (typeof CONDITION_FUNCTIONS)[number], args: fs } };
  }
}
