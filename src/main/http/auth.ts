import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

/**
 * Cookies are scoped by host, not port: each run's cookie carries its port in its name, so two
 * dashboards running at once (or one restarted on another port) don't log each other out.
 */
export function sessionCookieName(port: number): string {
  return `tt_dashboard_${port}`;
}

/** A fresh secret for one run of `tt dashboard`: 32 random bytes, hex. */
export function newToken(): string {
  return randomBytes(32).toString('hex');
}

/** Compares secrets without leaking, through timing, how much of a guess was right. */
export function sameSecret(given: string | null | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * The Host header must name the loopback address we listen on. A page on another site
 * that re-points its own DNS name at 127.0.0.1 (DNS rebinding) sends its own name here.
 */
export function isAllowedHost(host: string | undefined, port: number): boolean {
  if (!host) return false;
  return host === `127.0.0.1:${port}` || host === `localhost:${port}`;
}

export function cookieValue(request: IncomingMessage, name: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return part.slice(eq + 1).trim();
  }
  return null;
}

export function bearerToken(request: IncomingMessage): string | null {
  const header = request.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1] ?? null;
}

/** True when the request carries the session cookie or the token as a bearer header. */
export function isAuthorized(request: IncomingMessage, token: string, port: number): boolean {
  return (
    sameSecret(cookieValue(request, sessionCookieName(port)), token) ||
    sameSecret(bearerToken(request), token)
  );
}

export function sessionCookie(token: string, port: number): string {
  return `${sessionCookieName(port)}=${token}; HttpOnly; SameSite=Strict; Path=/`;
}
