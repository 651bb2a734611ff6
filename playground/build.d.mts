// Types of build.mjs for the TypeScript that imports it (tests).
export function buildPlayground(options?: { quiet?: boolean }): Promise<string>;
