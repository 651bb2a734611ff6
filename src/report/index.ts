// Reports: one self-contained HTML page per scenario or comparison (pure and browser-safe; the CLI
// reads the library sources and writes the file).

export * from './html.js';
export * from './parameters.js';
export * from './report.js';
export * from './summary.js';
