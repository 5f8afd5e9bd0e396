import type { ApiMethodName } from '../shared/api-methods';
import { parseApiArgs } from '../shared/api-schemas';
import type { TtApi } from '../shared/api';
import { describeError, isTtError } from './errors';
import { translateSqliteError } from './store/database';

/** What crosses back to a front end on failure: words for a person, never a stack. */
export interface ApiFailure {
  ok: false;
  error: { message: string; hint?: string; kind: string };
}
export type ApiResult = { ok: true; value: unknown } | ApiFailure;

/**
 * Validates and calls one API method. The Electron IPC handlers and the dashboard's HTTP
 * handlers both go through here, so both hosts accept and refuse exactly the same calls.
 */
export async function invoke(api: TtApi, method: ApiMethodName, args: unknown): Promise<ApiResult> {
  try {
    const parsed = parseApiArgs(method, args);
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn.apply(api, parsed) };
  } catch (thrown) {
    // A lock held past the busy timeout, a full disk: words for a person, as the CLI gives.
    const error = translateSqliteError(thrown, databasePathOf(api));
    if (isTtError(error)) return apiFailure(error.kind, error.message, error.hint);
    if ((error as Error)?.name === 'ApiInputError') return apiFailure('input', describeError(error));
    return apiFailure('internal', `tt hit an unexpected error: ${describeError(error)}`);
  }
}

/** The service knows its database file; any other TtApi (a test's) gets a generic name. */
function databasePathOf(api: TtApi): string {
  const path = (api as { databasePath?: unknown }).databasePath;
  return typeof path === 'string' ? path : 'tt.db';
}

export function apiFailure(kind: string, message: string, hint?: string): ApiFailure {
  return { ok: false, error: hint ? { kind, message, hint } : { kind, message } };
}
