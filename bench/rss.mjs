// Runs the built CLI in this process and prints its peak resident memory, worker threads included.
// Plain JS so that bench/run.ts can start it with node alone (no tsx in the measurement).
import { main } from '../dist/cli/main.js';

const code = await main(process.argv.slice(2));
process.stdout.write(`${JSON.stringify({ code, maxRssMB: process.resourceUsage().maxRSS / 1024 })}\n`);
