// Failures the CLI reports without a stack trace: usage errors (exit 2) and runtime failures (exit 1).

export class UsageError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(message);
  }
}

export const EXIT = { ok: 0, failure: 1, usage: 2 } as const;
