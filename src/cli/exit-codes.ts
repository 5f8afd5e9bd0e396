import type { TtErrorKind } from '../main/errors';

/** Exit codes a script can rely on. */
export const ExitCode = {
  ok: 0,
  /** an unexpected failure: a bug in tt */
  failure: 1,
  /** the command line or an argument is wrong */
  usage: 2,
  /** the data directory or database cannot be used */
  storage: 3,
  /** the stream, session or file named does not exist */
  notFound: 4,
  /** something tt depends on failed: the Anthropic API, git, the network */
  external: 5,
} as const;

export function exitCodeFor(kind: TtErrorKind): number {
  switch (kind) {
    case 'storage':
      return ExitCode.storage;
    case 'input':
      return ExitCode.usage;
    case 'not-found':
      return ExitCode.notFound;
    case 'external':
      return ExitCode.external;
  }
}
