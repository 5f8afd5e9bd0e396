import { TtError } from './errors';

/** Placeholder for an operation whose issue has not landed yet. */
export function notYet(operation: string): never {
  throw new TtError('input', `${operation} is not available in this version of tt yet`);
}
