import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
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

/** True when the request carries the run's secret as the session cookie or a bearer header. */
export function isAuthorized(request: IncomingMessage, secret: string, port: number): boolean {
  return (
    sameSecret(cookieValue(request, sessionCookieName(port)), secret) ||
    sameSecret(bearerToken(request), secret)
  );
}

export function sessionCookie(secret: string, port: number): string {
  return `${sessionCookieName(port)}=${secret}; HttpOnly; SameSite=Strict; Path=/`;
}

/** How long a login link works: enough to open it, too short to be worth stealing from `ps`. */
export const LOGIN_LINK_TTL_MS = 60_000;
/** Links not yet used are few; past this many the oldest is dropped. */
const MAX_PENDING_LINKS = 100;

const digest = (token: string): string => createHash('sha256').update(token).digest('hex');

/**
 * One-time login tokens for the dashboard's URL. The URL is handed to `xdg-open` (which
 * every local user can read in `ps`) and sits in terminal scrollback, so the token in it
 * opens the dashboard once, within a minute; the browser then holds the run's secret as an
 * HttpOnly cookie. Tokens are kept as digests, so a lookup reveals nothing through timing.
 */
export class LoginLinks {
  private readonly pending = new Map<string, number>();

  constructor(
    private readonly now: () => number,
    private readonly ttlMs = LOGIN_LINK_TTL_MS,
  ) {}

  /** A fresh token, good for one use within the time to live. */
  mint(): string {
    this.prune();
    if (this.pending.size >= MAX_PENDING_LINKS) this.pending.delete(this.pending.keys().next().value!);
    const token = newToken();
    this.pending.set(digest(token), this.now() + this.ttlMs);
    return token;
  }

  /** True once for a token minted here and not yet expired; the token is spent either way. */
  redeem(token: string): boolean {
    const key = digest(token);
    const expires = this.pending.get(key);
    this.pending.delete(key);
    return expires !== undefined && this.now() < expires;
  }

  private prune(): void {
    const now = this.now();
    for (const [key, expires] of this.pending) if (now >= expires) this.pending.delete(key);
  }
}
