// Filled in by playground/build.mjs: the shipped data files and scenarios, path → text.
declare module 'stancesim:shipped' {
  const files: Record<string, string>;
  export default files;
}

// Filled in by playground/build.mjs: the bundled code of worker.ts, started from a Blob URL.
declare module 'stancesim:worker' {
  const code: string;
  export default code;
}
