import type { ApiMethodName } from '../shared/api-methods';
import { parseApiArgs } from '../shared/api-schemas';
import type { TtApi } from '../shared/api';
import { describeError, isTtError } from './errors';

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
  } catch (error) {
    if (isTtError(error)) return apiFailure(error.kind, error.message, error.hint);
    if ((error as Error)?.name === 'ApiInputError') return apiFailure('input', describeError(error));
    return apiFailure('internal', `tt hit an unexpected error: ${describeError(error)}`);
  }
}

export function apiFailure(kind: string, message: string, hint?: string): ApiFailure {
  return { ok: false, error: hint ? { kind, message, hint } : { kind, message } };
}
