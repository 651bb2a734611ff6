// A parsed YAML (or JSON) document that remembers where everything came from, so that a problem found
// in the plain value (by zod or by hand) can be reported at its line and column with the source line.

import { isAlias, isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, Scalar } from 'yaml';
import type { Diagnostic } from './errors.js';

export type PathSeg = string | number;

/** `events[2].rung.to`, `set.countries.US.rights` */
export function formatPath(path: readonly PathSeg[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else out += out === '' ? seg : `.${seg}`;
  }
  return out;
}

export interface DiagOptions {
  message: string;
  expected?: string;
  hint?: string;
  /** point at the key of the entry (unknown keys) rather than its value */
  at?: 'key' | 'value';
  /** the key is absent: point at the map that should hold it */
  missing?: boolean;
}

interface Located {
  node: Node | null;
  key: Node | null;
  /** the deepest node reached (the whole path when `node` is set) */
  last: Node | null;
}

export class SourceDoc {
  readonly lines: string[];
  private constructor(
    readonly file: string,
    readonly text: string,
    private readonly doc: ReturnType<typeof parseDocument>,
    private readonly lc: LineCounter,
  ) {
    this.lines = text.split(/\r?\n/);
  }

  /** Parse; syntax errors come back as diagnostics (and no document). */
  static parse(file: string, text: string): { src?: SourceDoc; diagnostics: Diagnostic[] } {
    const lc = new LineCounter();
    const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
    const src = new SourceDoc(file, text, doc, lc);
    if (doc.errors.length > 0) {
      return {
        diagnostics: doc.errors.map((e) => {
          const [start, end] = e.pos;
          return src.at(start, end - start, {
            message: e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, ''),
          });
        }),
      };
    }
    return { src, diagnostics: [] };
  }

  value(): unknown {
    return this.doc.toJS({ maxAliasCount: 1000 });
  }

  private locate(path: readonly PathSeg[]): Located {
    let node: Node | null = (this.doc.contents as Node | null) ?? null;
    let key: Node | null = null;
    let last: Node | null = node;
    for (const seg of path) {
      if (node && isAlias(node)) node = (node.resolve(this.doc) as Node | undefined) ?? null;
      if (!node) return { node: null, key: null, last };
      last = node;
      key = null;
      if (isMap(node)) {
        const pair = node.items.find((p) => {
          const k = isScalar(p.key) ? p.key.value : p.key;
          return k !== null && k !== undefined && String(k) === String(seg);
        });
        if (!pair) return { node: null, key: null, last };
        key = (pair.key as Node) ?? null;
        node = (pair.value as Node | null) ?? null;
        if (!node) return { node: null, key, last: key ?? last };
      } else if (isSeq(node) && typeof seg === 'number') {
        node = (node.items[seg] as Node | undefined) ?? null;
        if (!node) return { node: null, key: null, last };
      } else return { node: null, key: null, last };
    }
    if (node && isAlias(node)) node = (node.resolve(this.doc) as Node | undefined) ?? node;
    return { node, key, last: node };
  }

  /** 1-based line of the node at `path` (or of its nearest existing parent). */
  lineOf(path: readonly PathSeg[]): number {
    const found = this.locate(path);
    const node = found.node ?? found.last;
    return node?.range ? this.lc.linePos(node.range[0]).line : 1;
  }

  /** Whether the document has an entry at `path`. */
  has(path: readonly PathSeg[]): boolean {
    return this.locate(path).node !== null;
  }

  /** A diagnostic at a source offset. */
  at(
    offset: number,
    length: number,
    opts: { message: string; path?: string; expected?: string; hint?: string },
  ): Diagnostic {
    const { line, col } = this.lc.linePos(offset);
    const excerpt = this.lines[line - 1] ?? '';
    const span = Math.max(1, Math.min(length, excerpt.length - (col - 1)));
    const d: Diagnostic = { file: this.file, line, col, message: opts.message, excerpt, span };
    if (opts.path) d.path = opts.path;
    if (opts.expected) d.expected = opts.expected;
    if (opts.hint) d.hint = opts.hint;
    return d;
  }

  private atNode(
    node: Node,
    opts: { message: string; path?: string; expected?: string; hint?: string },
    wholeLine = false,
  ) {
    const [start, end] = node.range ?? [0, 0];
    if (wholeLine) {
      const { line, col } = this.lc.linePos(start);
      const rest = (this.lines[line - 1] ?? '').slice(col - 1).trimEnd();
      return this.at(start, Math.max(1, rest.length), opts);
    }
    return this.at(start, end - start, opts);
  }

  /** A diagnostic for the node at `path` (or the nearest existing parent). */
  diag(path: readonly PathSeg[], opts: DiagOptions): Diagnostic {
    const base = {
      message: opts.message,
      path: formatPath(path),
      ...(opts.expected ? { expected: opts.expected } : {}),
      ...(opts.hint ? { hint: opts.hint } : {}),
    };
    const found = this.locate(opts.missing ? path.slice(0, -1) : path);
    if (opts.missing) {
      const parent = found.node ?? found.last;
      if (parent) return this.atNode(parent, base, true);
    } else {
      const target = opts.at === 'key' ? (found.key ?? found.node) : found.node;
      if (target) return this.atNode(target, base, isMap(target) || isSeq(target));
      if (found.last) return this.atNode(found.last, base, true);
    }
    return { file: this.file, ...base };
  }

  /** A diagnostic at `offset`/`length` inside the string at `path`, when the string's source text maps
   * one to one onto its value (plain or quoted on one line, no escapes); else at the whole node. */
  diagInString(path: readonly PathSeg[], offset: number, length: number, opts: DiagOptions): Diagnostic {
    const { node } = this.locate(path);
    if (node && isScalar(node) && typeof node.value === 'string' && node.range) {
      const raw = this.text.slice(node.range[0], node.range[1]);
      const quoted = node.type === Scalar.QUOTE_DOUBLE || node.type === Scalar.QUOTE_SINGLE;
      const inner = quoted ? raw.slice(1, -1) : raw;
      if ((quoted || node.type === Scalar.PLAIN) && inner === node.value) {
        return this.at(node.range[0] + (quoted ? 1 : 0) + offset, Math.max(1, length), {
          message: opts.message,
          path: formatPath(path),
          ...(opts.expected ? { expected: opts.expected } : {}),
          ...(opts.hint ? { hint: opts.hint } : {}),
        });
      }
    }
    return this.diag(path, opts);
  }
}
