// The mechanism goal at full size: 1,000 paired runs per hypothesis scenario (about 15 s, so it runs
// with the system tests; `npm test` runs the same checks with 200).
process.env.MECHANISM_RUNS = '1000';
await import('../behaviour/mechanisms.test.js');
