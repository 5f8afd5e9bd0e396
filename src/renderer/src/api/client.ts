import { apiMethodNames } from '../../../shared/api-methods';
import type { ServiceEvent } from '../../../shared/api';
import type { ApiCallError, RendererApi } from '../../../shared/renderer-api';

declare global {
  interface Window {
    /** Present when running inside the Electron window (set by the preload). */
    tt?: RendererApi;
  }
}

/**
 * The renderer's only door to the service. In the Electron window the preload has put a
 * TtApi on `window.tt`; in a browser (`tt dashboard`) the same interface is spoken over
 * HTTP to the loopback server that served this page, with the session cookie it set.
 */
export function createApiClient(): RendererApi {
  if (window.tt) return window.tt;
  return createHttpClient();
}

function createHttpClient(): RendererApi {
  const api: Record<string, unknown> = {};
  for (const method of apiMethodNames) {
    api[method] = async (...args: unknown[]) => {
      let response: Response;
      try {
        response = await fetch(`/api/${method}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: JSON.stringify(args),
        });
      } catch {
        // The server is on this machine: no answer means it stopped, not that the network is down.
        const error = new Error('tt dashboard is not answering: it has probably stopped') as ApiCallError;
        error.hint = 'start `tt dashboard` again and open the URL it prints';
        error.kind = 'unreachable';
        throw error;
      }
      const result = (await response.json().catch(() => null)) as {
        ok: boolean;
        value?: unknown;
        error?: { message: string; hint?: string; kind: string };
      } | null;
      if (result?.ok) return result.value;
      if (response.status === 401 || response.status === 403) {
        // The dashboard was restarted (a new token) or the cookie is gone.
        const error = new Error('this page is no longer connected to tt dashboard') as ApiCallError;
        error.hint = 'open the URL that `tt dashboard` printed (it ends in ?token=…)';
        error.kind = 'input';
        if (!result) throw error;
      }
      const error = new Error(result?.error?.message ?? `tt answered ${response.status}`) as ApiCallError;
      error.hint = result?.error?.hint;
      error.kind = result?.error?.kind;
      throw error;
    };
  }
  api.onEvent = (listener: (event: ServiceEvent) => void) => {
    const source = new EventSource('/api/events', { withCredentials: true });
    source.onmessage = (message) => listener(JSON.parse(message.data as string) as ServiceEvent);
    // After a dropped connection, changes may have been missed: refetch everything once back.
    let opened = false;
    source.onopen = () => {
      if (opened) listener({ type: 'changed', topics: ['sessions', 'events', 'streams', 'settings'] });
      opened = true;
    };
    return () => source.close();
  };
  return api as unknown as RendererApi;
}
