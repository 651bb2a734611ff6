// Seeded random streams, one per purpose. A stream's seed hashes (run seed, purpose label), so adding an
// actor or an event never shifts the draws of any other stream.

export interface Stream {
  /** uniform in (0, 1) with 53 bits */
  double(): number;
  /** standard normal (Box–Muller, both halves used: every second call draws no uniforms, so a
   * purpose that asks for a fixed number of normals a month still draws a fixed sequence) */
  normal(): number;
}

/** cyrb128: a fast, well-mixed 128-bit string hash. Not cryptographic; it only has to decorrelate
 * stream seeds, and it runs the same in Node and the browser. Fed string by string, so a stream's
 * seed is hashed from its parts without joining them. */
class Cyrb128 {
  h1 = 0;
  h2 = 0;
  h3 = 0;
  h4 = 0;

  start(): this {
    return this.set(1779033703, 3144134277, 1013904242, 2773480762);
  }
  add(text: string): this {
    let { h1, h2, h3, h4 } = this;
    for (let i = 0; i < text.length; i++) {
      const k = text.charCodeAt(i);
      h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
      h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
      h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
      h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
    }
    return this.set(h1, h2, h3, h4);
  }
  /** The digest: its four words in h1..h4. */
  finish(): this {
    let { h1, h2, h3, h4 } = this;
    h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
    h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
    h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
    h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
    h1 ^= h2 ^ h3 ^ h4;
    h2 ^= h1;
    h3 ^= h1;
    h4 ^= h1;
    return this.set(h1, h2, h3, h4);
  }
  private set(h1: number, h2: number, h3: number, h4: number): this {
    this.h1 = h1;
    this.h2 = h2;
    this.h3 = h3;
    this.h4 = h4;
    return this;
  }
  hex(): string {
    return hex32(this.h1) + hex32(this.h2) + hex32(this.h3) + hex32(this.h4);
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (h: number) => HEX[h >>> 24]! + HEX[(h >>> 16) & 255]! + HEX[(h >>> 8) & 255]! + HEX[h & 255]!;

/** cyrb128 of `text`, as 32 hex digits. */
export function hash128(text: string): string {
  return new Cyrb128().start().add(text).finish().hex();
}

const SEPARATOR = '\u0000';

/** The digest of (seed, labels), joined by NUL: a stream's seed is its hex (streamSeed). */
function digest(h: Cyrb128, seed: string, labels: readonly string[]): Cyrb128 {
  h.start().add(seed);
  for (const label of labels) h.add(SEPARATOR).add(label);
  return h.finish();
}

/** The seed of the stream for `labels` under `seed`, e.g. streamSeed('42', 'country', 'US'). */
export function streamSeed(seed: string, ...labels: string[]): string {
  return digest(new Cyrb128(), seed, labels).hex();
}

/**
 * Tyche-i (Neves & Araujo 2011), seeded and drawn exactly as seedrandom's `tychei` does, value for value
 * (test/model/submodels.test.ts checks against it), written as a class: every stream has one shape, so
 * the model's calls to it inline, where seedrandom's closures (a new function per stream) did not —
 * ~12% of a run.
 */
class Tychei implements Stream {
  a = 0;
  b = 0;
  c = 0;
  d = 0;
  /** Box–Muller gives two independent normals per two uniforms: the second is kept for the next call */
  private spare = Number.NaN;

  /** Seeded by the hex digits of a digest (streamSeed's string, read without being written): mix in
   * the 32 characters, then discard 20 values. */
  seed(h: Cyrb128): this {
    this.a = 0;
    this.b = 0;
    this.c = 2654435769 | 0;
    this.d = 1367130551;
    this.spare = Number.NaN;
    this.mix(h.h1);
    this.mix(h.h2);
    this.mix(h.h3);
    this.mix(h.h4);
    for (let k = 0; k < 20; k++) this.next();
    return this;
  }
  /** mix in a word's eight hex digits, as seedrandom mixes in a seed's characters */
  private mix(word: number): void {
    for (let shift = 28; shift >= 0; shift -= 4) {
      const nibble = (word >>> shift) & 15;
      this.b ^= nibble < 10 ? 48 + nibble : 87 + nibble; // '0'–'9', 'a'–'f'
      this.next();
    }
  }
  /** the next 32-bit integer */
  private next(): number {
    let b = this.b;
    let c = this.c;
    let d = this.d;
    let a = this.a;
    b = (b << 25) ^ (b >>> 7) ^ c;
    c = (c - d) | 0;
    d = (d << 24) ^ (d >>> 8) ^ a;
    a = (a - b) | 0;
    this.b = b = (b << 20) ^ (b >>> 12) ^ c;
    this.c = c = (c - d) | 0;
    this.d = (d << 16) ^ (c >>> 16) ^ a;
    this.a = (a - b) | 0;
    return this.a;
  }
  double(): number {
    let result: number;
    do {
      const top = this.next() >>> 11;
      const bot = (this.next() >>> 0) / 0x100000000;
      result = (top + bot) / (1 << 21);
    } while (result === 0);
    return result;
  }
  normal(): number {
    if (!Number.isNaN(this.spare)) {
      const z = this.spare;
      this.spare = Number.NaN;
      return z;
    }
    const r = Math.sqrt(-2 * Math.log(this.double()));
    const theta = 2 * Math.PI * this.double();
    this.spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  }
}

const hasher = new Cyrb128();

/** The stream for (seed, labels): `old` seeded anew when it is one of ours (a world's streams are
 * reused from run to run), else a new one. */
export function reseed(old: Stream | undefined, seed: string, ...labels: string[]): Stream {
  return (old instanceof Tychei ? old : new Tychei()).seed(digest(hasher, seed, labels));
}

export function createStream(seed: string, ...labels: string[]): Stream {
  return reseed(undefined, seed, ...labels);
}
