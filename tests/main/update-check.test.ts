import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DesktopController } from '../../src/main/electron/desktop';
import { latestReleaseUrl } from '../../src/main/electron/update-check';
import { TT_BIN } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// The update check against a fake GitHub releases API on 127.0.0.1: what it sends, how often
// it asks, what it offers, and that it downloads nothing.

interface Seen {
  method: string;
  url: string;
  headers: IncomingHttpHeaders;
}

let server: Server | undefined;
afterEach(() => server?.close());

async function releaseServer(
  answer: () => { status: number; body?: unknown },
): Promise<{ url: string; seen: Seen[] }> {
  const seen: Seen[] = [];
  server = createServer((request, response) => {
    seen.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers });
    const { status, body } = answer();
    response.writeHead(status, { 'content-type': 'application/json' });
    response.end(body === undefined ? '' : JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const port = (server!.address() as AddressInfo).port;
  return { url: `http://127.0.0.1:${port}/repos/someone/tt/releases/latest`, seen };
}

const DAY = 24 * 60 * 60 * 1000;

function controller(releasesUrl: string | null, clock: { now: number }, opened: string[] = []) {
  const home = tempDir('tt-home-');
  return new DesktopController({
    dataDir: tempDir('tt-data-'),
    version: '0.1.0',
    releasesUrl,
    startAtLogin: {
      platform: 'linux',
      env: { HOME: home },
      command: ['/opt/tt/tt-desktop'],
      loginItems: { getLoginItemSettings: () => ({ openAtLogin: false }), setLoginItemSettings: () => {} },
    },
    command: {
      platform: 'linux',
      env: { HOME: home },
      electronExecutable: '/opt/tt/tt-desktop',
      cliScript: TT_BIN,
      launcherDir: join(home, 'bin'),
    },
    fetch: globalThis.fetch,
    now: () => clock.now,
    openExternal: async (url) => void opened.push(url),
  });
}

const RELEASE = {
  tag_name: 'v0.2.0',
  html_url: 'https://github.com/someone/tt/releases/tag/v0.2.0',
  assets: [],
};

describe('the update check', () => {
  it('is on by default, asks at most once a day, sends only the version, and offers the page', async () => {
    const api = await releaseServer(() => ({ status: 200, body: RELEASE }));
    const clock = { now: Date.parse('2026-12-07T09:00:00Z') };
    const opened: string[] = [];
    const desktop = controller(api.url, clock, opened);
    expect(desktop.state()).toMatchObject({ checkForUpdates: true, update: null, lastUpdateCheck: null });

    await desktop.checkIfDue();
    expect(desktop.state().update).toEqual({ version: '0.2.0', url: RELEASE.html_url });
    expect(desktop.state().lastUpdateCheck).toBe('2026-12-07T09:00:00.000Z');
    expect(api.seen).toHaveLength(1);
    const [request] = api.seen;
    expect(request!.method).toBe('GET');
    expect(request!.url).toBe('/repos/someone/tt/releases/latest'); // no query
    expect(request!.headers['user-agent']).toBe('tt/0.1.0');
    expect(request!.headers.cookie).toBeUndefined();
    expect(request!.headers.authorization).toBeUndefined();
    expect(
      Object.keys(request!.headers).filter(
        (h) =>
          ![
            'host',
            'connection',
            'accept',
            'user-agent',
            'accept-language',
            'sec-fetch-mode',
            'accept-encoding',
          ].includes(h),
      ),
    ).toEqual([]);

    clock.now += 23 * 60 * 60 * 1000;
    await desktop.checkIfDue();
    expect(api.seen).toHaveLength(1);
    clock.now += 60 * 60 * 1000;
    await desktop.checkIfDue();
    expect(api.seen).toHaveLength(2);

    // Offered, not fetched: opening the download opens the release page in the browser.
    await desktop.openDownload();
    expect(opened).toEqual([RELEASE.html_url]);
    expect(api.seen).toHaveLength(2);
  });

  it('asks nothing while the setting is off, and forgets what it offered', async () => {
    const api = await releaseServer(() => ({ status: 200, body: RELEASE }));
    const clock = { now: Date.parse('2026-12-07T09:00:00Z') };
    const desktop = controller(api.url, clock);
    await desktop.checkForUpdatesNow();
    expect(desktop.state().update?.version).toBe('0.2.0');
    expect((await desktop.setCheckForUpdates({ enabled: false })).update).toBeNull();
    clock.now += 3 * DAY;
    await desktop.checkIfDue();
    expect(api.seen).toHaveLength(1);
    await expect(desktop.openDownload()).rejects.toThrow('no newer release of tt is known');
  });

  it('offers nothing when the latest release is not newer, or none is published', async () => {
    let answer: { status: number; body?: unknown } = {
      status: 200,
      body: { ...RELEASE, tag_name: 'v0.1.0' },
    };
    const api = await releaseServer(() => answer);
    const desktop = controller(api.url, { now: Date.now() });
    expect((await desktop.checkForUpdatesNow()).message).toBe('tt 0.1.0 is the latest release.');
    answer = { status: 404, body: { message: 'Not Found' } };
    expect((await desktop.checkForUpdatesNow()).state.update).toBeNull();
  });

  it('says why when the check fails, and the daily check waits a day before asking again', async () => {
    let answer: { status: number; body?: unknown } = { status: 500, body: {} };
    const api = await releaseServer(() => answer);
    const clock = { now: Date.parse('2026-12-07T09:00:00Z') };
    const desktop = controller(api.url, clock);
    await expect(desktop.checkForUpdatesNow()).rejects.toThrow(
      /^looking for a newer tt failed: 127\.0\.0\.1:\d+ answered 500$/,
    );
    answer = { status: 200, body: { tag_name: 12 } };
    await expect(desktop.checkForUpdatesNow()).rejects.toThrow('the answer did not name a release');
    await desktop.checkIfDue(); // fails quietly, and counts as today's check
    expect(api.seen).toHaveLength(3);
    await desktop.checkIfDue();
    expect(api.seen).toHaveLength(3);
    expect(desktop.state().update).toBeNull();
  });

  it('knows where to look only when the package names its GitHub repository', async () => {
    expect(latestReleaseUrl('github:someone/tt')).toBe(
      'https://api.github.com/repos/someone/tt/releases/latest',
    );
    expect(latestReleaseUrl({ type: 'git', url: 'git+https://github.com/someone/tt.git' })).toBe(
      'https://api.github.com/repos/someone/tt/releases/latest',
    );
    expect(latestReleaseUrl(undefined)).toBeNull();
    expect(latestReleaseUrl('https://gitlab.com/someone/tt')).toBeNull();
    const desktop = controller(null, { now: Date.now() });
    await desktop.checkIfDue(); // nothing to ask
    await expect(desktop.checkForUpdatesNow()).rejects.toThrow(
      'this build of tt does not know where its releases are published',
    );
  });
});
