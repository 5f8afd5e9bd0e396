import type { ServiceEvent } from '../shared/api';
import type { RendererApi } from '../shared/renderer-api';

export interface IpcRendererLike {
  invoke(channel: string, ...args: unknown[]): Promise<unknown>;
  subscribe(listener: (event: ServiceEvent) => void): () => void;
}

interface IpcResult {
  ok: boolean;
  value?: unknown;
  error?: { message: string; hint?: string; kind: string };
}

/** Builds the object exposed as `window.tt`: one function per API method, plus events. */
export function createPreloadBridge(methods: readonly string[], ipc: IpcRendererLike): RendererApi {
  // eslint-disable-next-line no-restricted-syntax -- an API call's arguments: at most one
  const api = ipcMethods(methods, 'tt:', (channel, ...args) => ipc.invoke(channel, ...args));
  api.onEvent = (listener: (event: ServiceEvent) => void) => ipc.subscribe(listener);
  return api as unknown as RendererApi;
}

/**
 * One function per method, each invoking `<prefix><method>` and unwrapping its answer: the value,
 * or an Error with the message, hint and kind the main process gave. `window.ttDesktop` is this.
 */
export function ipcMethods(
  methods: readonly string[],
  prefix: string,
  invoke: IpcRendererLike['invoke'],
): Record<string, unknown> {
  const api: Record<string, unknown> = {};
  for (const method of methods) {
    api[method] = async (...args: unknown[]) => {
      // eslint-disable-next-line no-restricted-syntax -- an API call's arguments: at most one
      const result = (await invoke(`${prefix}${method}`, ...args)) as IpcResult;
      if (result.ok) return result.value;
      const error = new Error(result.error?.message ?? 'tt failed') as Error & {
        hint?: string;
        kind?: string;
      };
      error.hint = result.error?.hint;
      error.kind = result.error?.kind;
      throw error;
    };
  }
  return api;
}
