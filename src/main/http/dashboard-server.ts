import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TtApi, TtEvents } from '../../shared/api';
import { isApiMethodName } from '../../shared/api-schemas';
import { apiFailure, invoke } from '../api-dispatch';
import { CONTENT_SECURITY_POLICY } from '../../shared/content-security-policy';
import {
  bearerToken,
  isAllowedHost,
  isAuthorized,
  LoginLinks,
  newToken,
  sameSecret,
  sessionCookie,
} from './auth';
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
  /** The run's long-lived secret (the cookie's value); a fresh random one otherwise. */
  secret?: string;
  keepAliveMs?: number;
  /** The clock login links expire by; tests move it instead of waiting a minute. */
  now?: () => number;
  /** How long a login link works (60 s). */
  linkTtlMs?: number;
  /** Told each login token that let a browser in (the opener's page is removed then). */
  onLogin?: (token: string) => void;
}

export interface DashboardServer {
  /** A login URL: its token lets one browser in, once, within a minute. */
  url: string;
  port: number;
  /**
   * The run's secret: the HttpOnly cookie's value, also accepted as a bearer token. It never
   * appears in a URL or on a command line; `tt dashboard --url` reads it from a 0600 file.
   */
  secret: string;
  /** Another one-time login URL. */
  newLoginUrl(): string;
  /** Another one-time login token, for a page that POSTs it to LOGIN_PATH. */
  newLoginToken(): string;
  close(): Promise<void>;
}

/** Where a client holding the secret asks for a fresh login URL (`tt dashboard --url`). */
export const LOGIN_LINK_PATH = '/auth/login-link';
/** Where a login token is POSTed as a form (`token=…`): the browser opener's private page. */
export const LOGIN_PATH = '/auth/login';
/** A login form is one token: anything bigger is not one. */
const MAX_LOGIN_BODY_BYTES = 1024;

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
};

/** The answer to a request without the dashboard's cookie: what to do, in one place. */
export const TOKEN_REFUSED =
  'tt dashboard needs a login link: run `tt dashboard` again (or `tt dashboard --url` while it runs) and open the URL it prints (it ends in ?token=…).';

/**
 * The dashboard host: the built renderer and the TtApi over HTTP on 127.0.0.1 only. Every
 * request needs the run's secret, as the HttpOnly cookie or an `Authorization: Bearer`
 * header. A browser gets the cookie by opening a login URL (`?token=`, one use, one minute),
 * which redirects to the clean URL.
 */
export async function startDashboardServer(options: DashboardServerOptions): Promise<DashboardServer> {
  const secret = options.secret ?? newToken();
  const links = new LoginLinks(options.now ?? Date.now, options.linkTtlMs);
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
      // A browser that is already in (a reload, the back button) just goes on to the page.
      const alreadyIn = isAuthorized(request, secret, port);
      if (!alreadyIn && !links.redeem(offered)) return sendSpentLinkPage(response);
      if (!alreadyIn) options.onLogin?.(offered);
      url.searchParams.delete('token');
      response.writeHead(303, {
        ...SECURITY_HEADERS,
        ...(alreadyIn ? {} : { 'set-cookie': sessionCookie(secret, port) }),
        location: url.pathname + url.search,
        'cache-control': 'no-store',
      });
      response.end();
      return;
    }
    if (url.pathname === LOGIN_PATH && request.method === 'POST') {
      let body: string;
      try {
        body = await readBody(request, MAX_LOGIN_BODY_BYTES);
      } catch {
        return sendText(response, 413, 'A login form holds one token.');
      }
      const token = new URLSearchParams(body).get('token');
      if (token === null || !links.redeem(token)) return sendSpentLinkPage(response);
      options.onLogin?.(token);
      return sendLoggedInPage(response, sessionCookie(secret, port));
    }
    if (url.pathname === LOGIN_LINK_PATH) {
      // Only for the holder of the secret as a bearer token: a page in a browser cannot mint links.
      if (request.method !== 'POST' || !sameSecret(bearerToken(request), secret)) {
        return sendText(response, 403, 'A login link is given only to `tt dashboard --url`.');
      }
      return sendJson(response, 200, { url: loginUrl() });
    }
    if (!isAuthorized(request, secret, port)) {
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
  const loginUrl = (): string => `http://${LOOPBACK_HOST}:${port}/?token=${links.mint()}`;

  return {
    url: loginUrl(),
    port,
    secret,
    newLoginUrl: loginUrl,
    newLoginToken: () => links.mint(),
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

/**
 * A login link that was used already, has expired, or was never made: say how to get in
 * rather than only "forbidden".
 */
function sendSpentLinkPage(response: ServerResponse): void {
  response.writeHead(403, {
    ...SECURITY_HEADERS,
    'content-security-policy': "default-src 'none'",
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
  });
  response.end(`<!doctype html>
<html lang="en"><meta charset="utf-8"><title>tt: this link has been used</title>
<h1>This tt dashboard link has already been used, or has expired</h1>
<p>Each link printed by <code>tt dashboard</code> opens the dashboard once, within 60 seconds, so that a link
seen by someone else is worthless.</p>
<p>Run <code>tt dashboard</code> again and use the URL it prints. While a dashboard is running,
<code>tt dashboard --url</code> (or Enter in its terminal) prints a fresh link to it.</p>
</html>
`);
}

/**
 * In, by a form POSTed from the opener's local page: the cookie is set here, and the page goes
 * on to the app by itself. Not by a redirect: the POST came from a file:// page, and a browser
 * does not send a SameSite=Strict cookie along a redirect chain another site started; a
 * navigation this page starts is the dashboard's own.
 */
function sendLoggedInPage(response: ServerResponse, cookie: string): void {
  response.writeHead(200, {
    ...SECURITY_HEADERS,
    'content-security-policy': "default-src 'none'",
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'no-store',
    'set-cookie': cookie,
  });
  response.end(`<!doctype html>
<html lang="en"><meta charset="utf-8"><meta http-equiv="refresh" content="0;url=/"><title>tt</title>
<p>Opening tt… <a href="/">Go to the dashboard</a></p>
</html>
`);
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
