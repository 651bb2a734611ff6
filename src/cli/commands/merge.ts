// `stancesim merge`: add up the shards of an ensemble into the outputs one unsharded run writes.

import { join } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { mergeShards, ShardError } from '../../ensemble/index.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { outputDir, readInputJson, writeAll, wrote } from '../io.js';
import { toDoc } from './ensemble.js';
import {
  checkRung,
  type EnsembleChartArgs,
  ensembleChartOptions,
  ensembleFiles,
  printEnsemble,
} from './ensemble-output.js';

interface MergeArgs extends EnsembleChartArgs {
  shards: string[];
  rung: number;
  out?: string;
  json: boolean;
}

function readShard(file: string): [string, unknown] {
  const hint = 'give the shard-i-of-n.json files `ensemble --shard` wrote';
  return [file, readInputJson(file, 'shard file', hint, 'the file may be truncated; run its slice again')];
}

export function mergeCommand(ctx: Context): CommandModule<object, MergeArgs> {
  return {
    command: 'merge <shards..>',
    describe: 'Combine the shards of an ensemble into the outputs of one run',
    builder: (y) =>
      ensembleChartOptions(y as Argv<object>)
        .positional('shards', {
          type: 'string',
          array: true,
          demandOption: true,
          describe: 'shard-i-of-n.json files',
        })
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: 'output directory [default: out/<scenario name>; none with --json]',
        })
        .option('rung', { type: 'number', default: 4, describe: 'k of the P(rung ≥ k) heatmap' })
        .option('json', {
          type: 'boolean',
          default: false,
          describe: 'print the headline numbers as JSON on stdout',
        })
        .example(
          '$0 merge s*/shard-*-of-4.json -o out/baseline-100k',
          'four slices run on four machines',
        ) as Argv<MergeArgs>,
    handler: async (argv) => {
      checkRung(argv.rung);
      let merged: ReturnType<typeof mergeShards>;
      try {
        merged = mergeShards(argv.shards.map(readShard));
      } catch (e) {
        if (e instanceof ShardError) throw new UsageError(e.message, e.hint);
        throw e;
      }
      // the shards' meta carries the observed record when the ensemble has one: the merge keeps it
      const doc = toDoc(merged.meta, merged.aggregate);
      const out = outputDir(argv, join('out', merged.meta.scenario));
      const written = out ? writeAll(out, await ensembleFiles(merged.meta, doc, argv)) : [];
      printEnsemble(ctx, doc, argv.json);
      ctx.err(`stancesim: merged ${argv.shards.length} shards (${doc.runs} runs)\n`);
      if (out) ctx.err(wrote(written.length, out));
    },
  };
}
