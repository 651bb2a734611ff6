// Filled in by playground/build.mjs: the shipped data files and scenarios, path → text.
declare module 'stancesim:shipped' {
  const files: Record<string, string>;
  export default files;
}
