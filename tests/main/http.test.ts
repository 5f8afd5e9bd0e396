import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startDashboardServer, type DashboardServer } from '../../src/main/http/dashboard-server';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A raw HTTP request, so that tests control every header (fetch forbids setting Host). */
function send(
  port: number,
  path: string,
  options: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${port}`, ...options.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            body: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

/** The path and query of a login URL, for a raw request. */
const loginPath = (url: string): string => {
  const parsed = new URL(url);
  return parsed.pathname + parsed.search;
};

let open: { server: DashboardServer; service: TtService } | null = null;
afterEach(async () => {
  if (open) {
    await open.server.close();
    open.service.close();
    open = null;
  }
});

async function setup(clock?: () => number) {
  const root = tempDir();
  const rendererDir = join(root, 'renderer');
  mkdirSync(join(rendererDir, 'assets'), { recursive: true });
  writeFileSync(join(rendererDir, 'index.html'), '<!doctype html><title>tt</title>');
  writeFileSync(join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
  writeFileSync(join(root, 'secret.txt'), 'do not serve me');
  const service = TtService.open({ dataDir: join(root, 'data') });
  const server = await startDashboardServer({
    api: service,
    rendererDir,
    port: 0,
    keepAliveMs: 50,
    ...(clock ? { now: clock } : {}),
  });
  open = { server, service };
  const auth = { cookie: `tt_dashboard_${server.port}=${server.secret}` };
  return { server, service, auth, port: server.port };
}

const json = (auth: Record<string, string>) => ({ ...auth, 'content-type': 'application/json' });

describe('tt dashboard server', () => {
  it('listens on 127.0.0.1 with a long random token in the URL', async () => {
    const { server } = await setup();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{64}$/);
    const other = await startDashboardServer({ api: open!.service, rendererDir: tempDir(), port: 0 });
    expect(other.secret).not.toBe(server.secret);
    // The URL carries a one-time token, never the run's secret.
    expect(server.url).not.toContain(server.secret);
    await other.close();
  });

  it('refuses every request without the token', async () => {
    const { port } = await setup();
    for (const path of ['/', '/index.html', '/assets/app.js', '/api/events']) {
      const reply = await send(port, path);
      expect(reply.status, path).toBe(401);
      expect(reply.body).toContain('token');
    }
    const call = await send(port, '/api/status', { method: 'POST', headers: json({}), body: '[]' });
    expect(call.status).toBe(401);
  });

  it('refuses a wrong token, a wrong cookie and a wrong bearer', async () => {
    const { port } = await setup();
    expect((await send(port, '/?token=' + 'a'.repeat(64))).status).toBe(403);
    expect((await send(port, '/', { headers: { cookie: `tt_dashboard_${port}=nope` } })).status).toBe(401);
    expect((await send(port, '/', { headers: { authorization: 'Bearer nope' } })).status).toBe(401);
  });

  it('trades the token for an HttpOnly SameSite=Strict cookie and redirects to the clean URL', async () => {
    const { server, port } = await setup();
    const reply = await send(port, loginPath(server.url));
    expect(reply.status).toBe(303);
    expect(reply.headers.location).toBe('/');
    const cookie = String(reply.headers['set-cookie']);
    expect(cookie).toContain(`tt_dashboard_${port}=${server.secret}`);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('SameSite=Strict');
    const page = await send(port, '/', { headers: { cookie: cookie.split(';')[0]! } });
    expect(page.status).toBe(200);
    expect(page.body).toContain('<title>tt</title>');
  });

  it('opens a login URL once: a second use, or a use after 60 s, gets a page that says what to do, and the cookie keeps working', async () => {
    let now = 1_000_000;
    const { server, port } = await setup(() => now);
    const first = await send(port, loginPath(server.url));
    expect(first.status).toBe(303);
    const cookie = String(first.headers['set-cookie']).split(';')[0]!;

    const again = await send(port, loginPath(server.url));
    expect(again.status).toBe(403);
    expect(again.headers['set-cookie']).toBeUndefined();
    expect(again.headers['content-type']).toContain('text/html');
    expect(again.body).toContain('already been used, or has expired');
    expect(again.body).toContain('Run <code>tt dashboard</code> again and use the URL it prints');

    const late = server.newLoginUrl();
    now += 60_000;
    const expired = await send(port, loginPath(late));
    expect(expired.status).toBe(403);
    expect(expired.body).toContain('Run <code>tt dashboard</code> again');
    // A fresh link, used in time, still works; so does the first browser's cookie.
    const fresh = server.newLoginUrl();
    now += 59_999;
    expect((await send(port, loginPath(fresh))).status).toBe(303);
    expect((await send(port, '/', { headers: { cookie } })).status).toBe(200);
    // A browser that is in already and reloads a spent link just goes on to the page.
    const reload = await send(port, loginPath(server.url), { headers: { cookie } });
    expect(reload.status).toBe(303);
    expect(reload.headers.location).toBe('/');
  });

  it('mints a fresh login URL only for the holder of the secret', async () => {
    const { server, port, auth } = await setup();
    const denied = await send(port, '/auth/login-link', { method: 'POST', headers: auth });
    expect(denied.status).toBe(403);
    const minted = await send(port, '/auth/login-link', {
      method: 'POST',
      headers: { authorization: `Bearer ${server.secret}` },
    });
    expect(minted.status).toBe(200);
    const { url } = JSON.parse(minted.body) as { url: string };
    expect(url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/\\?token=[0-9a-f]{64}$`));
    expect(url).not.toBe(server.url);
    expect((await send(port, loginPath(url))).status).toBe(303);
  });

  it('keeps two dashboards apart: each one only takes its own cookie', async () => {
    const { server, port } = await setup();
    const other = await startDashboardServer({ api: open!.service, rendererDir: tempDir(), port: 0 });
    try {
      const first = String((await send(port, loginPath(server.url))).headers['set-cookie']).split(';')[0]!;
      const second = String((await send(other.port, loginPath(other.url))).headers['set-cookie']).split(
        ';',
      )[0]!;
      // A browser sends both cookies to both ports (cookies ignore the port); each still gets in.
      const both = `${first}; ${second}`;
      expect((await send(port, '/', { headers: { cookie: both } })).status).toBe(200);
      expect((await send(other.port, '/', { headers: { cookie: both } })).status).not.toBe(401);
      // And one run's cookie never opens the other.
      expect((await send(other.port, '/', { headers: { cookie: first } })).status).toBe(401);
    } finally {
      await other.close();
    }
  });

  it('refuses a Host header other than its own loopback address (DNS rebinding)', async () => {
    const { port, auth } = await setup();
    const reply = await send(port, '/', { headers: { ...auth, host: `evil.example:${port}` } });
    expect(reply.status).toBe(403);
    const wrongPort = await send(port, '/', { headers: { ...auth, host: `127.0.0.1:1` } });
    expect(wrongPort.status).toBe(403);
  });

  it('serves the renderer with a strict CSP, nosniff, and an uncached index.html', async () => {
    const { port, auth } = await setup();
    const index = await send(port, '/', { headers: auth });
    expect(index.headers['content-security-policy']).toBe(CONTENT_SECURITY_POLICY);
    expect(index.headers['x-content-type-options']).toBe('nosniff');
    expect(index.headers['cache-control']).toBe('no-store');
    expect(index.headers['content-type']).toContain('text/html');
    const asset = await send(port, '/assets/app.js', {
      headers: { authorization: `Bearer ${open!.server.secret}` },
    });
    expect(asset.status).toBe(200);
    expect(asset.headers['content-type']).toContain('javascript');
  });

  it('refuses path traversal, plain and encoded', async () => {
    const { port, auth } = await setup();
    for (const path of [
      '/../secret.txt',
      '/assets/../../secret.txt',
      '/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
      '/assets/%2e%2e%2f%2e%2e%2fsecret.txt',
    ]) {
      const reply = await send(port, path, { headers: auth });
      expect(reply.status, path).toBe(404);
      expect(reply.body).not.toContain('do not serve me');
    }
  });

  it('answers API calls through the same validation as IPC', async () => {
    const { port, auth } = await setup();
    const ok = await send(port, '/api/status', { method: 'POST', headers: json(auth), body: '[]' });
    expect(ok.status).toBe(200);
    expect(JSON.parse(ok.body)).toMatchObject({
      ok: true,
      value: { counts: { sessions: 0, events: 0, streams: 0 } },
    });

    const bad = await send(port, '/api/renameStream', {
      method: 'POST',
      headers: json(auth),
      body: JSON.stringify([{ id: 'x', name: '   ' }]),
    });
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.body).error.message).toContain('a name cannot be empty');

    const unknown = await send(port, '/api/dropTables', { method: 'POST', headers: json(auth), body: '[]' });
    expect(unknown.status).toBe(404);
    const notJson = await send(port, '/api/status', { method: 'POST', headers: json(auth), body: '{oops' });
    expect(notJson.status).toBe(400);
    const notArray = await send(port, '/api/status', { method: 'POST', headers: json(auth), body: '{}' });
    expect(notArray.status).toBe(400);
  });

  it('refuses an absurd range before doing any work, with the reason', async () => {
    const { port, auth } = await setup();
    const call = (method: string, argument: unknown) =>
      send(port, `/api/${method}`, { method: 'POST', headers: json(auth), body: JSON.stringify([argument]) });
    const whole = { start: 0, end: 8_640_000_000_000_000 };
    for (const [method, argument] of [
      ['report', { ...whole, by: 'stream' }],
      ['timeline', whole],
      ['inferStreams', { mode: 'llm', dryRun: true, ...whole }],
      // only a start: the service completes the range (until now) and applies the same rule
      ['inferStreams', { mode: 'directory', start: 0 }],
    ] as const) {
      const reply = await call(method, argument);
      expect(reply.status, method).toBe(400);
      expect(JSON.parse(reply.body).error.message).toMatch(
        /the range 1970-01-01 to \S+ spans \d+ years; tt works through at most two years at a time/,
      );
    }
    const fine = await call('report', {
      start: Date.parse('2026-01-01'),
      end: Date.parse('2027-01-01'),
      by: 'stream',
    });
    expect(fine.status).toBe(200);
  });

  it('refuses cross-site requests, form posts, GET calls and oversized bodies', async () => {
    const { port, auth } = await setup();
    const crossSite = await send(port, '/api/status', {
      method: 'POST',
      headers: { ...json(auth), origin: 'https://evil.example' },
      body: '[]',
    });
    expect(crossSite.status).toBe(403);
    const form = await send(port, '/api/status', {
      method: 'POST',
      headers: { ...auth, 'content-type': 'text/plain' },
      body: '[]',
    });
    expect(form.status).toBe(415);
    expect((await send(port, '/api/status', { headers: auth })).status).toBe(405);
    const huge = await send(port, '/api/updateSettings', {
      method: 'POST',
      headers: json(auth),
      body: JSON.stringify([{ model: 'x'.repeat(300 * 1024) }]),
    });
    expect(huge.status).toBe(413);
  });

  it('settings written over HTTP are read back', async () => {
    const { port, auth } = await setup();
    const update = await send(port, '/api/updateSettings', {
      method: 'POST',
      headers: json(auth),
      body: JSON.stringify([{ attentionWindowMinutes: 9 }]),
    });
    expect(JSON.parse(update.body).value.attentionWindowMinutes).toBe(9);
    const read = await send(port, '/api/getSettings', { method: 'POST', headers: json(auth), body: '[]' });
    expect(JSON.parse(read.body).value.attentionWindowMinutes).toBe(9);
  });

  it('pushes service events to an open event stream', async () => {
    const { port, server, service } = await setup();
    const received = await new Promise<string>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/events',
          headers: { host: `127.0.0.1:${port}`, cookie: `tt_dashboard_${port}=${server.secret}` },
        },
        (res) => {
          expect(res.headers['content-type']).toContain('text/event-stream');
          let text = '';
          res.on('data', (chunk: Buffer) => {
            text += chunk.toString();
            if (text.includes('keep-alive') && !text.includes('"settings"')) {
              void service.updateSettings({ model: 'claude-test' });
            }
            if (text.includes('data: ')) {
              req.destroy();
              resolve(text);
            }
          });
        },
      );
      req.on('error', reject);
      req.end();
    });
    const data = received.split('\n').find((line) => line.startsWith('data: '))!;
    expect(JSON.parse(data.slice(6))).toEqual({ type: 'changed', topics: ['settings'] });
  });
});
