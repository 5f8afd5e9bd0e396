import { apiMethodNames, type ApiMethodName } from '../../shared/api-methods';
import { parseApiArgs } from '../../shared/api-schemas';
import type { TtApi } from '../../shared/api';
import { describeError, isTtError } from '../errors';

/** The part of Electron's ipcMain that tt uses; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcSenderEvent {
  senderFrame?: { url: string } | null;
}

export const IPC_PREFIX = 'tt:';

/** What crosses back to the renderer on failure: words for a person, never a stack. */
export interface IpcFailure {
  ok: false;
  error: { message: string; hint?: string; kind: string };
}
export type IpcResult = { ok: true; value: unknown } | IpcFailure;

/**
 * One handler per TtApi method. Each validates its arguments before the service sees them
 * and only answers frames loaded from the app itself (`isTrustedSender`).
 */
export function registerIpcHandlers(
  ipcMain: IpcMainLike,
  api: TtApi,
  isTrustedSender: (url: string) => boolean,
): () => void {
  for (const method of apiMethodNames) {
    ipcMain.handle(IPC_PREFIX + method, async (event, ...args) => {
      const url = event.senderFrame?.url ?? '';
      if (!isTrustedSender(url)) {
        return failure('input', `refused a request from ${url || 'an unknown frame'}`);
      }
      return invoke(api, method, args);
    });
  }
  return () => {
    for (const method of apiMethodNames) ipcMain.removeHandler(IPC_PREFIX + method);
  };
}

/** Validates and calls one API method; shared by IPC and HTTP so both behave the same. */
export async function invoke(api: TtApi, method: ApiMethodName, args: unknown): Promise<IpcResult> {
  try {
    const parsed = parseApiArgs(method, args);
    const fn = api[method] as (...a: unknown[]) => Promise<unknown>;
    return { ok: true, value: await fn.apply(api, parsed) };
  } catch (error) {
    if (isTtError(error)) return failure(error.kind, error.message, error.hint);
    if ((error as Error)?.name === 'ApiInputError') return failure('input', describeError(error));
    return failure('internal', `tt hit an unexpected error: ${describeError(error)}`);
  }
}

function failure(kind: string, message: string, hint?: string): IpcFailure {
  return { ok: false, error: hint ? { kind, message, hint } : { kind, message } };
}
