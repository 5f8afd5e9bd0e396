import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TtApi, TtEvents } from '../../shared/api';
import { isApiMethodName } from '../../shared/api-schemas';
import { apiFailure, invoke } from '../api-dispatch';
import { CONTENT_SECURITY_POLICY } from '../electron/security';
import { isAllowedHost, isAuthorized, newToken, sameSecret, sessionCookie } from './auth';
import { EventStreamHub } from './event-stream';
import { openStaticFile, resolveStaticFile } from './static-files';

export const LOOPBACK_HOST = '127.0.0.1';
/** An API call's arguments are small objects; anything bigger is refused unread. */
export const MAX_BODY_BYTES = 256 * 1024;

export interface DashboardServerOptions {
  api: TtApi & TtEvents;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  /** 0 picks a free port. */
  port?: number;
  /** Injected by tests; a fresh random token otherwise. */
  token?: string;
  keepAliveMs?: number;
}

export interface DashboardServer {
  /** The URL to open, with the token that lets a browser in. */
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** The page for a wrong, expired or missing token: what to do, in one place. */
export const TOKEN_REFUSED =
  'This tt dashboard link is not valid (any more). Run `tt dashboard` again and open the URL it prints (it ends in ?token=…).';

/**
 * The dashboard host: the built renderer and the TtApi over HTTP on 127.0.0.1 only. Every
 * request needs the per-run token, as `?token=` once (which sets an HttpOnly cookie and
 * redirects to the clean URL), then as that cookie or an `Authorization: Bearer` header.
 */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const token = options.token ?? newToken();
  const hub = new EventStreamHub(options.keepAliveMs ?? 15_000);
  const unsubscribe = options.api.onEvent((event) => hub.send(event));
  let port = 0;

  const server = createServer((request, response) => {
    handle(request, response).catch((error: unknown) => {
      if (!response.headersSent) sendText(response, 500, `tt: ${String(error)}`);
      else response.end();
    });
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    if (!isAllowedHost(request.headers.host, port)) {
      return sendText(response, 403, 'tt dashboard only answers requests addressed to 127.0.0.1.');
    }
    const url = new URL(request.url ?? '/', `http://${LOOPBACK_HOST}:${port}`);
    const offered = url.searchParams.get('token');
    if (offered !== null) {
      if (!sameSecret(offered, token)) return sendText(response, 403, TOKEN_REFUSED);
      url.searchParams.delete('token');
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        'set-cookie': sessionCookie(token, port),
        location: url.pathname + url.search,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (!isAuthorized(request, token, port)) {
      return sendText(response, 401, TOKEN_REFUSED);
    }

    if (url.pathname === '/api/events') {
      if (request.method !== 'GET') return sendText(response, 405, 'GET only');
      hub.add(response);
      return;
    }
    if (url.pathname.startsWith('/api/')) return handleApiCall(request, response, url.pathname.slice(5));
    if (request.method !== 'GET' && request.method !== 'HEAD') return sendText(response, 405, 'GET only');
    return serveStatic(request, response, url.pathname);
  }

  async function handleApiCall(request: IncomingMessage, response: ServerResponse, method: string) {
    if (request.method !== 'POST') return sendText(response, 405, 'API calls are POST requests.');
    // A form on another site cannot send application/json without a CORS preflight, which we never grant.
    if (!(request.headers['content-type'] ?? '').startsWith('application/json')) {
      return sendJson(response, 415, apiFailure('input', 'API calls must be sent as application/json'));
    }
    const origin = request.headers.origin;
    if (origin && origin !== `http://${request.headers.host}`) {
      return sendJson(response, 403, apiFailure('input', `refused a request from ${origin}`));
    }
    if (!isApiMethodName(method)) {
      return sendJson(response, 404, apiFailure('not-found', `tt has no API method "${method}"`));
    }
    let body: string;
    try {
      body = await readBody(request, MAX_BODY_BYTES);
    } catch {
      return sendJson(
        response,
        413,
        apiFailure('input', `the request is larger than ${MAX_BODY_BYTES} bytes`),
      );
    }
    let args: unknown;
    try {
      args = body.trim() === '' ? [] : JSON.parse(body);
    } catch {
      return sendJson(response, 400, apiFailure('input', 'the request body is not valid JSON'));
    }
    if (!Array.isArray(args)) {
      return sendJson(
        response,
        400,
        apiFailure('input', 'the request body must be a JSON array of arguments'),
      );
    }
    const result = await invoke(options.api, method, args);
    sendJson(response, result.ok ? 200 : statusFor(result.error.kind), result);
  }

  function serveStatic(request: IncomingMessage, response: ServerResponse, pathname: string): void {
    const file = resolveStaticFile(options.rendererDir, pathname);
    if (!file) return sendText(response, 404, 'Not found');
    response.writeHead(200, {
      ...SECURITY_HEADERS,
      'content-security-policy': CONTENT_SECURITY_POLICY,
      'content-type': file.contentType,
      'content-length': String(file.size),
      'cache-control': file.cacheControl,
    });
    if (request.method === 'HEAD') {
      response.end();
      return;
    }
    openStaticFile(file).pipe(response);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, LOOPBACK_HOST, () => {
      server.off('error', reject);
      resolve();
    });
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://${LOOPBACK_HOST}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        unsubscribe();
        hub.close();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

function statusFor(kind: string): number {
  switch (kind) {
    case 'input':
      return 400;
    case 'not-found':
      return 404;
    case 'storage':
      return 503;
    case 'external':
      return 502;
    default:
      return 500;
  }
}

function sendText(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'text/plain; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(`${text}\n`);
}

function sendJson(response: ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, {
    ...SECURITY_HEADERS,
    'content-type': 'application/json; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(JSON.stringify(value));
}

function readBody(request: IncomingMessage, limit: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const declared = Number(request.headers['content-length'] ?? 0);
    if (declared > limit) {
      request.resume();
      reject(new Error('too large'));
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      // Past the limit, keep draining (so the 413 can still be sent) but stop keeping.
      if (size > limit) reject(new Error('too large'));
      else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    request.on('error', reject);
  });
}
