import { z } from 'zod';
import type { ApiMethodName } from './api-methods';

// Runtime validation of every argument that crosses a process boundary (IPC or HTTP).
// Each method takes at most one argument, an object, so that adding a field never breaks
// a caller. Unknown fields are rejected: a typo should fail loudly, not be ignored.
export const apiInputSchemas = {
  status: z.tuple([]),
} satisfies Record<ApiMethodName, z.ZodType>;

export class ApiInputError extends Error {
  constructor(method: string, issues: string) {
    super(`invalid arguments for ${method}: ${issues}`);
    this.name = 'ApiInputError';
  }
}

/** Validates raw arguments for `method`, throwing ApiInputError with a readable message. */
export function parseApiArgs(method: ApiMethodName, args: unknown): unknown[] {
  const result = apiInputSchemas[method].safeParse(args);
  if (!result.success) {
    throw new ApiInputError(method, z.prettifyError(result.error));
  }
  return result.data as unknown[];
}

export function isApiMethodName(name: string): name is ApiMethodName {
  return Object.hasOwn(apiInputSchemas, name);
}
