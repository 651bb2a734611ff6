// Compiled conditions as plain data: the scenario layer turns a gate's text into this tree (after
// mathjs parsed it and the allow-list checked it), and the model turns the tree into closures. Being
// data, a compiled gate crosses to worker threads without mathjs, and is saved with a scenario.

export type NumExpr =
  | { op: 'num'; value: number }
  | { op: 'var'; index: number }
  | { op: 'arith'; fn: 'add' | 'subtract' | 'multiply' | 'divide' | 'pow'; a: NumExpr; b: NumExpr }
  | { op: 'neg'; a: NumExpr }
  | { op: 'call'; fn: 'min' | 'max' | 'abs' | 'sqrt' | 'exp' | 'log'; args: NumExpr[] }
  | { op: 'ifnum'; cond: BoolExpr; a: NumExpr; b: NumExpr };

export type Comparison = 'equal' | 'unequal' | 'smaller' | 'larger' | 'smallerEq' | 'largerEq';

export type BoolExpr =
  | { op: 'bool'; value: boolean }
  | { op: 'logic'; fn: 'and' | 'or' | 'xor'; a: BoolExpr; b: BoolExpr }
  | { op: 'not'; a: BoolExpr }
  | { op: 'cmp'; fn: Comparison; a: NumExpr; b: NumExpr }
  | { op: 'same'; negate: boolean; a: BoolExpr; b: BoolExpr }
  /** a number used as a condition: true when it is not 0 (and not NaN) */
  | { op: 'truthy'; a: NumExpr }
  /** chained comparisons a < b <= c */
  | { op: 'all'; of: BoolExpr[] }
  | { op: 'ifbool'; cond: BoolExpr; a: BoolExpr; b: BoolExpr };

type Vars = Float64Array;

const UNARY = { abs: Math.abs, sqrt: Math.sqrt, exp: Math.exp, log: Math.log } as const;

function compare(fn: Comparison, a: (v: Vars) => number, b: (v: Vars) => number): (v: Vars) => boolean {
  switch (fn) {
    case 'equal':
      return (v) => a(v) === b(v);
    case 'unequal':
      return (v) => a(v) !== b(v);
    case 'smaller':
      return (v) => a(v) < b(v);
    case 'larger':
      return (v) => a(v) > b(v);
    case 'smallerEq':
      return (v) => a(v) <= b(v);
    case 'largerEq':
      return (v) => a(v) >= b(v);
  }
}

/** `variable <op> number`, the shape of almost every gate (`womens_rights >= 0.4`): read and compared
 * in one closure instead of three (gates are read for every country every month). */
function compareVariable(fn: Comparison, i: number, x: number): (v: Vars) => boolean {
  switch (fn) {
    case 'equal':
      return (v) => v[i] === x;
    case 'unequal':
      return (v) => v[i] !== x;
    case 'smaller':
      return (v) => v[i]! < x;
    case 'larger':
      return (v) => v[i]! > x;
    case 'smallerEq':
      return (v) => v[i]! <= x;
    case 'largerEq':
      return (v) => v[i]! >= x;
  }
}

export function numClosure(e: NumExpr): (v: Vars) => number {
  switch (e.op) {
    case 'num': {
      const value = e.value;
      return () => value;
    }
    case 'var': {
      const i = e.index;
      return (v) => v[i]!;
    }
    case 'arith': {
      const a = numClosure(e.a);
      const b = numClosure(e.b);
      if (e.fn === 'add') return (v) => a(v) + b(v);
      if (e.fn === 'subtract') return (v) => a(v) - b(v);
      if (e.fn === 'multiply') return (v) => a(v) * b(v);
      if (e.fn === 'divide') return (v) => a(v) / b(v);
      return (v) => a(v) ** b(v);
    }
    case 'neg': {
      const a = numClosure(e.a);
      return (v) => -a(v);
    }
    case 'call': {
      const args = e.args.map(numClosure);
      if (e.fn === 'min' || e.fn === 'max') {
        const pick = e.fn === 'min' ? Math.min : Math.max;
        if (args.length === 2) {
          const [a, b] = [args[0]!, args[1]!];
          return (v) => pick(a(v), b(v));
        }
        return (v) => pick(...args.map((g) => g(v)));
      }
      const g = UNARY[e.fn];
      const a = args[0]!;
      return (v) => g(a(v));
    }
    case 'ifnum': {
      const c = boolClosure(e.cond);
      const a = numClosure(e.a);
      const b = numClosure(e.b);
      return (v) => (c(v) ? a(v) : b(v));
    }
  }
}

export function boolClosure(e: BoolExpr): (v: Vars) => boolean {
  switch (e.op) {
    case 'bool': {
      const value = e.value;
      return () => value;
    }
    case 'logic': {
      const a = boolClosure(e.a);
      const b = boolClosure(e.b);
      if (e.fn === 'and') return (v) => a(v) && b(v);
      if (e.fn === 'or') return (v) => a(v) || b(v);
      return (v) => a(v) !== b(v);
    }
    case 'not': {
      const a = boolClosure(e.a);
      return (v) => !a(v);
    }
    case 'cmp':
      return e.a.op === 'var' && e.b.op === 'num'
        ? compareVariable(e.fn, e.a.index, e.b.value)
        : compare(e.fn, numClosure(e.a), numClosure(e.b));
    case 'same': {
      const a = boolClosure(e.a);
      const b = boolClosure(e.b);
      return e.negate ? (v) => a(v) !== b(v) : (v) => a(v) === b(v);
    }
    case 'truthy': {
      const a = numClosure(e.a);
      return (v) => {
        const x = a(v);
        return x !== 0 && !Number.isNaN(x);
      };
    }
    case 'all': {
      const tests = e.of.map(boolClosure);
      return (v) => tests.every((t) => t(v));
    }
    case 'ifbool': {
      const c = boolClosure(e.cond);
      const a = boolClosure(e.a);
      const b = boolClosure(e.b);
      return (v) => (c(v) ? a(v) : b(v));
    }
  }
}
