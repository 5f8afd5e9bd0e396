import { apiMethodNames } from '../../shared/api-methods';
import type { TtApi } from '../../shared/api';
import { apiFailure, invoke } from '../api-dispatch';

/** The part of Electron's ipcMain that tt uses; tests pass a fake. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: IpcSenderEvent, ...args: unknown[]) => unknown): void;
  removeHandler(channel: string): void;
}

export interface IpcSenderEvent {
  senderFrame?: { url: string } | null;
}

export const IPC_PREFIX = 'tt:';

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
        return apiFailure('input', `refused a request from ${url || 'an unknown frame'}`);
      }
      return invoke(api, method, args);
    });
  }
  return () => {
    for (const method of apiMethodNames) ipcMain.removeHandler(IPC_PREFIX + method);
  };
}
