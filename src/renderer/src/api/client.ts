import { apiMethodNames } from '../../../shared/api-methods';
import type { ServiceEvent } from '../../../shared/api';
import type { ApiCallError, RendererApi } from '../../../shared/renderer-api';
import { useConnection } from '../state/connection-store';

/** How soon the page tries again to reach a tt that stopped answering. */
const RECONNECT_MS = 2000;

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
        useConnection.getState().lost('lost');
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
      if (result) useConnection.getState().answered();
      if (result?.ok) return result.value;
      if (response.status === 401 || response.status === 403) {
        if (!result) useConnection.getState().lost('refused');
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
    let source: EventSource | null = null;
    let retry: ReturnType<typeof setTimeout> | undefined;
    let opened = false;
    let closed = false;
    const connect = () => {
      source = new EventSource('/api/events', { withCredentials: true });
      source.onmessage = (message) => listener(JSON.parse(message.data as string) as ServiceEvent);
      // After a dropped connection, changes may have been missed: refetch everything once back.
      source.onopen = () => {
        useConnection.getState().answered();
        if (opened) listener({ type: 'changed', topics: ['sessions', 'events', 'streams', 'settings'] });
        opened = true;
      };
      // The stream dropping is the first sign that tt stopped: say so at once. The browser
      // retries a dropped stream by itself; one it closed (tt refused it) is retried here.
      source.onerror = () => {
        void probe();
        if (source?.readyState === EventSource.CLOSED && !closed) {
          clearTimeout(retry);
          retry = setTimeout(connect, RECONNECT_MS);
        }
      };
    };
    // Is anyone there, and do they know this page? A status call answers both.
    const probe = async () => {
      try {
        const response = await fetch('/api/status', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          credentials: 'same-origin',
          body: '[]',
        });
        if (response.ok) useConnection.getState().answered();
        else if (response.status === 401 || response.status === 403) useConnection.getState().lost('refused');
      } catch {
        useConnection.getState().lost('lost');
      }
    };
    connect();
    return () => {
      closed = true;
      clearTimeout(retry);
      source?.close();
    };
  };
  return api as unknown as RendererApi;
}
