// Errors that a person can act on. Front ends show `message` (and `hint`) as they are;
// anything else that escapes is a bug and is reported as such.

export type TtErrorKind =
  /** the data directory or database cannot be used: missing, unwritable, locked, too new */
  | 'storage'
  /** the request itself is wrong: unknown id, bad argument */
  | 'input'
  /** something outside tt failed: the Anthropic API, a subprocess, the network */
  | 'external'
  /** the thing asked for does not exist */
  | 'not-found';

export class TtError extends Error {
  constructor(
    readonly kind: TtErrorKind,
    message: string,
    readonly hint?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TtError';
  }
}

export function isTtError(error: unknown): error is TtError {
  return error instanceof TtError;
}

/** The message of any thrown value, for places that must report and carry on. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}
