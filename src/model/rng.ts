// Seeded random streams, one per purpose. A stream's seed hashes (run seed, purpose label), so adding an
// actor or an event never shifts the draws of any other stream.

import tychei from 'seedrandom/lib/tychei.js';

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

export function createStream(seed: string, ...labels: string[]): Stream {
  // tychei's double() reads only its closure, so it is taken unbound: one call per draw, not two
  const double = tychei(streamSeed(seed, ...labels)).double;
  // Box–Muller gives two independent normals per two uniforms: the second is kept for the next call
  let spare = Number.NaN;
  return {
    double,
    normal() {
      if (!Number.isNaN(spare)) {
        const z = spare;
        spare = Number.NaN;
        return z;
      }
      const r = Math.sqrt(-2 * Math.log(double()));
      const theta = 2 * Math.PI * double();
      spare = r * Math.sin(theta);
      return r * Math.cos(theta);
    },
  };
}
