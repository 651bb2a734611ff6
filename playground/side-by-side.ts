// Side by side: the settings pinned as A against the page's settings (B) under common random numbers,
// computed as `stancesim compare A.yaml B.yaml -n <runs>` computes it from the two downloaded files: A's
// seed for both, the same default outcomes, the same paired differences (compareDoc). Pure: no DOM.

import {
  type CompareArm,
  type CompareDoc,
  compareDoc,
  defaultOutcomes,
  outcomeContext,
  parseOutcome,
} from '../src/ensemble/index.js';
import type { Settings } from './catalogue.js';
import { type Playground, replications } from './engine.js';
import { ARM_NAMES, pinnedVariant, scenarioFileName } from './scenario-yaml.js';

/** Arms already run, by what they depend on: while B is dragged, A is run once. Bounded: the last few. */
export class ArmCache {
  private readonly arms = new Map<string, CompareArm>();
  constructor(private readonly size = 4) {}

  get(key: string): CompareArm | undefined {
    return this.arms.get(key);
  }

  set(key: string, arm: CompareArm): void {
    this.arms.delete(key);
    this.arms.set(key, arm);
    for (const oldest of this.arms.keys()) {
      if (this.arms.size <= this.size) break;
      this.arms.delete(oldest);
    }
  }
}

/**
 * A vs B, `runs` paired replications each; yields the runs done (of 2 × runs) after each block, and
 * returns the comparison. Throws a RangeError when the two do not run over the same months (paired runs
 * cannot), or the scenario layer's error for a loaded file that is invalid.
 */
export function* sideBySide(
  pg: Playground,
  a: Settings,
  b: Settings,
  runs: number,
  cache = new ArmCache(),
): Generator<number, CompareDoc> {
  for (const s of [a, b]) if (s.loaded) pg.load(s.loaded.file, s.loaded.text);
  const variants = [pinnedVariant(pg, a), pg.variant(b)];
  const [va, vb] = variants as [(typeof variants)[0], (typeof variants)[0]];
  if (va.start !== vb.start || va.end !== vb.end)
    throw new RangeError(
      `A runs ${va.start} to ${va.end}, B ${vb.start} to ${vb.end}: paired runs need the same months. ` +
        "Set B's start and end to A's, or pin these settings as A.",
    );
  // the reference's seed for both: replication r of each draws the same streams
  const paired = [va, { ...vb, seed: va.seed }];
  const inputs = paired.map((v) => pg.input(v));
  const context = outcomeContext(inputs[0]!);
  const outcomes = defaultOutcomes(context).map((text) => parseOutcome(text, context));
  const texts = outcomes.map((o) => o.text);
  const arms: CompareArm[] = [];
  for (const [i, variant] of paired.entries()) {
    const input = inputs[i]!;
    const loaded = [a, b][i]!.loaded?.text ?? '';
    const key = JSON.stringify([ARM_NAMES[i], variant, loaded, runs]);
    let arm = cache.get(key);
    if (!arm) {
      const reps = replications(input, runs, texts);
      let step = reps.next();
      for (; !step.done; step = reps.next()) yield i * runs + step.value;
      const { aggregate, values } = step.value;
      const name = ARM_NAMES[i]!;
      arm = {
        name,
        question: variant.question,
        file: scenarioFileName(variant),
        params: input.params,
        events: pg.scenario(variant).meta.events,
        ensemble: pg.ensembleOf(variant, input, aggregate, runs, name),
        values,
      };
      cache.set(key, arm);
    }
    arms.push(arm);
  }
  return compareDoc(
    inputs[0]!.seed,
    runs,
    outcomes.map(({ text, label, binary }) => ({ text, label, binary })),
    arms,
  );
}
