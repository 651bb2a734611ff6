// Options several commands share, defined once so their names, aliases and help read the same.

import type { Options } from 'yargs';

export const WORKERS: Options = {
  alias: 'w',
  type: 'number',
  describe:
    'worker threads at most [default: the number of cores]; small ensembles run in one thread; outputs are the same for any number',
};

export const QUIET: Options = { alias: 'q', type: 'boolean', default: false, describe: 'no progress bar' };

export const DATA: Options = { type: 'string', describe: 'data directory [default: the shipped data/]' };
