import { dirname } from 'node:path';
import type { Argv, CommandModule } from 'yargs';
import { CHART_KINDS, type ChartKind } from '../../charts/kinds.js';
import type { ResultsDoc } from '../../model/index.js';
import type { Context } from '../context.js';
import { UsageError } from '../errors.js';
import { type OutputFiles, readInputJson, writeAll, wrote } from '../io.js';
import { specFiles } from './ensemble-output.js';

const FORMATS = ['svg', 'png'] as const;

export interface ChartArgs {
  kind: ChartKind[];
  format: (typeof FORMATS)[number][];
}

export function chartOptions<T>(y: Argv<T>): Argv<T & ChartArgs> {
  return y
    .option('kind', {
      type: 'string',
      array: true,
      choices: CHART_KINDS,
      default: [...CHART_KINDS],
      describe: 'charts to render',
    })
    .option('format', {
      type: 'string',
      array: true,
      choices: FORMATS,
      default: [...FORMATS],
      describe: 'image formats (the Vega-Lite spec *.vl.json is always written)',
    }) as Argv<T & ChartArgs>;
}

/** Render the chosen charts to files named <kind>.vl.json / .svg / .png. */
export async function chartFiles(doc: ResultsDoc, args: ChartArgs): Promise<OutputFiles> {
  // lazily: the chart builders and vega, which --no-charts and the other commands should not pay for
  const { buildChart } = await import('../../charts/index.js');
  return specFiles(
    args.kind.map((kind) => ({ kind, spec: buildChart(kind, doc) })),
    args.format,
  );
}

function readResults(path: string): ResultsDoc {
  const doc = readInputJson(
    path,
    'results file',
    'give the results.json that `stancesim run` wrote',
  ) as Partial<ResultsDoc>;
  const missing = (['scenario', 'seed', 'actors', 'rows'] as const).filter((k) => doc[k] === undefined);
  if (missing.length > 0 || !Array.isArray(doc.rows)) {
    throw new UsageError(
      `${path}: not a stancesim results file (missing ${missing.join(', ') || 'rows'})`,
      path.endsWith('.csv')
        ? 'charts are re-rendered from results.json, not results.csv'
        : 'give the results.json that `stancesim run` wrote',
    );
  }
  return doc as ResultsDoc;
}

interface ChartCommandArgs extends ChartArgs {
  results: string;
  out?: string;
}

export function chartCommand(ctx: Context): CommandModule<object, ChartCommandArgs> {
  return {
    command: 'chart <results>',
    describe: 'Re-render charts from a saved results.json',
    builder: (y) =>
      chartOptions(y as Argv<object>)
        .positional('results', {
          type: 'string',
          demandOption: true,
          describe: 'results.json written by run',
        })
        .option('out', {
          alias: 'o',
          type: 'string',
          describe: "output directory [default: the results file's directory]",
        })
        .example('$0 chart out/baseline/results.json --kind heatmap --format svg', 'only the heatmap, as SVG')
        .example(
          '$0 chart out/baseline/results.json -o report/figures',
          'all charts into another folder',
        ) as Argv<ChartCommandArgs>,
    handler: async (argv) => {
      const doc = readResults(argv.results);
      const out = argv.out ?? dirname(argv.results);
      const written = writeAll(out, await chartFiles(doc, argv));
      ctx.err(wrote(written.length, out));
    },
  };
}
