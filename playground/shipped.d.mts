// Types of shipped.mjs for the TypeScript that imports it (tests).
export function shippedFiles(): Record<string, string>;
