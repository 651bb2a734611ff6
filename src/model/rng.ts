// Seeded random streams, one per purpose. A stream's seed hashes (run seed, purpose label), so adding an
// actor or an event never shifts the draws of any other stream.

export interface Stream {
  /** uniform in (0, 1) with 53 bits */
  double(): number;
  /** standard normal (Box–Muller, both halves used: every second call draws no uniforms, so a
   * purpose that asks for a fixed number of normals a month still draws a fixed sequence) */
  normal(): number;
}

/** cyrb128: a fast, well-mixed 128-bit string hash, returned as hex. Not cryptographic; it only has to
 * decorrelate stream seeds, and it runs the same in Node and the browser. */
export function hash128(text: string): string {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return hex32(h1) + hex32(h2) + hex32(h3) + hex32(h4);
}

// hashing runs 26 times per run: a byte table beats toString(16) + padStart
const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));
const hex32 = (h: number) => HEX[h >>> 24]! + HEX[(h >>> 16) & 255]! + HEX[(h >>> 8) & 255]! + HEX[h & 255]!;

/** The seed of the stream for `labels` under `seed`, e.g. streamSeed('42', 'country', 'US'). */
export function streamSeed(seed: string, ...labels: string[]): string {
  return hash128([seed, ...labels].join('\u0000'));
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
  c = 2654435769 | 0;
  d = 1367130551;
  /** Box–Muller gives two independent normals per two uniforms: the second is kept for the next call */
  private spare = Number.NaN;

  constructor(seed: string) {
    // mix in the string, then discard 20 values
    for (let k = 0; k < seed.length + 20; k++) {
      this.b ^= seed.charCodeAt(k) | 0;
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

export function createStream(seed: string, ...labels: string[]): Stream {
  return new Tychei(streamSeed(seed, ...labels));
}
