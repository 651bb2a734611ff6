// Runs a build's CLI in this process and prints its peak resident memory, worker threads included:
// `node bench/rss.mjs <root> <stancesim args…>`. Plain JS, so that bench/run.ts starts it with node
// alone (no tsx in the measurement), for this tree or a baseline's. It loads tsc's dist/cli/main.js,
// not the bundled bin.js (which runs main and exits): the same code with its modules loaded one by one,
// alike in every build measured (how much that adds to the peak was not measured).
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

const [root, ...args] = process.argv.slice(2);
const { main } = await import(pathToFileURL(resolve(root, 'dist/cli/main.js')).href);
const code = await main(args);
process.stdout.write(`${JSON.stringify({ code, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
