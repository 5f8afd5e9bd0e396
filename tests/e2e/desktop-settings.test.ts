import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DesktopController, registerDesktopIpc } from '../../src/main/electron/desktop';
import type { IpcMainLike, IpcSenderEvent } from '../../src/main/electron/ipc';
import { DESKTOP_IPC_PREFIX, desktopMethodNames } from '../../src/shared/desktop-methods';
import { ipcMethods } from '../../src/preload/bridge';
import { TT_BIN } from '../helpers/cli';
import {
  E2E_SKIP_REASON,
  RENDERER_BUILT,
  launchChromium,
  newAppPage,
  scratchDir,
  screenshotPath,
  startDashboard,
  type RunningDashboard,
} from './harness';

// Settings' Desktop section in real Chromium. The page is the dashboard's; `window.ttDesktop` is
// what the preload builds (the same ipcMethods code, injected), and its IPC reaches the real
// handlers and DesktopController in this process, as they run in Electron's main process: real
// files in a temporary HOME, the stand-in Electron for the tt command, and a fake GitHub
// releases API on 127.0.0.1.

const FAKE_ELECTRON = fileURLToPath(new URL('../helpers/fake-electron/electron-bin', import.meta.url));
const RELEASE = { tag_name: 'v0.2.0', html_url: 'https://github.com/someone/tt/releases/tag/v0.2.0' };

describe.skipIf(!RENDERER_BUILT)(
  `Settings' Desktop section${E2E_SKIP_REASON ? ` — skipped: ${E2E_SKIP_REASON}` : ''}`,
  () => {
    const scratch = scratchDir();
    const home = join(scratch.path, 'home');
    const opened: string[] = [];
    let releases: Server;
    let dashboard: RunningDashboard;
    let browser: Browser;
    let context: BrowserContext;
    let page: Page;

    beforeAll(async () => {
      mkdirSync(home);
      releases = createServer((_request, response) => {
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end(JSON.stringify(RELEASE));
      });
      await new Promise<void>((resolve) => releases.listen(0, '127.0.0.1', resolve));
      const port = (releases.address() as AddressInfo).port;
      const desktop = new DesktopController({
        dataDir: scratch.path,
        version: '0.1.0',
        releasesUrl: `http://127.0.0.1:${port}/repos/someone/tt/releases/latest`,
        startAtLogin: {
          platform: 'linux',
          env: { HOME: home },
          command: ['/opt/tt/tt-desktop'],
          loginItems: {
            getLoginItemSettings: () => ({ openAtLogin: false }),
            setLoginItemSettings: () => {},
          },
        },
        command: {
          platform: 'linux',
          env: { HOME: home, PATH: join(home, '.local/bin') },
          electronExecutable: FAKE_ELECTRON,
          cliScript: TT_BIN,
          launcherDir: join(scratch.path, 'bin'),
        },
        fetch: globalThis.fetch,
        now: () => Date.now(),
        openExternal: async (url) => void opened.push(url),
      });

      dashboard = await startDashboard(join(scratch.path, 'data'));
      const handlers = new Map<string, (event: IpcSenderEvent, ...args: unknown[]) => unknown>();
      const ipcMain: IpcMainLike = {
        handle: (channel, listener) => void handlers.set(channel, listener),
        removeHandler: (channel) => void handlers.delete(channel),
      };
      registerDesktopIpc(ipcMain, desktop, (url) => new URL(url).origin === dashboard.origin);

      browser = await launchChromium();
      ({ context, page } = await newAppPage(browser, dashboard));
      await context.exposeBinding('ttDesktopIpc', ({ frame }, channel: string, args: unknown[]) =>
        handlers.get(channel)!({ senderFrame: { url: frame.url() } }, ...args),
      );
      await context.addInitScript({
        content: `window.ttDesktop = (${ipcMethods.toString()})(${JSON.stringify(desktopMethodNames)}, ${JSON.stringify(
          DESKTOP_IPC_PREFIX,
        )}, (channel, ...args) => window.ttDesktopIpc(channel, args));`,
      });
      await page.reload();
    });

    afterAll(async () => {
      await browser?.close();
      await dashboard?.stop();
      releases?.close();
      scratch.remove();
    });

    const section = () => page.getByTestId('desktop-settings');

    it('turns start at login on and off, writing and removing the autostart entry', async () => {
      await page.getByRole('button', { name: 'Settings' }).first().click();
      const box = section().getByRole('checkbox', { name: 'Start tt at login, in the tray' });
      expect(await box.isChecked()).toBe(false);
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(true);
      const entry = join(home, '.config/autostart/tt.desktop');
      expect(readFileSync(entry, 'utf8')).toContain('Exec=/opt/tt/tt-desktop --hidden');
      await box.click();
      await expect.poll(() => box.isChecked()).toBe(false);
      expect(existsSync(entry)).toBe(false);
    });

    it('installs the tt command, refusing first a ~/.local/bin/tt that is not tt’s', async () => {
      const target = join(home, '.local/bin/tt');
      mkdirSync(join(home, '.local/bin'), { recursive: true });
      writeFileSync(target, '#!/bin/sh\necho mine\n');
      await section().getByRole('button', { name: 'Install the tt command' }).click();
      await expect
        .poll(() => section().getByRole('alert').textContent())
        .toContain(
          `${target} already exists and is not tt's launcher (it is a file), so it was left as it is`,
        );
      expect(readFileSync(target, 'utf8')).toBe('#!/bin/sh\necho mine\n');

      rmSync(target);
      await section().getByRole('button', { name: 'Install the tt command' }).click();
      await expect
        .poll(() => section().getByRole('status').textContent())
        .toBe(`Installed the tt command: ${target}. Open a new terminal and run \`tt --help\`.`);
      await expect.poll(() => section().textContent()).toContain(`The tt command is installed: ${target}`);
    });

    it('says what the update check sends, offers a newer release, and stops when turned off', async () => {
      expect(await section().textContent()).toContain(
        'The request carries nothing but the version of tt you run.',
      );
      await section().getByRole('button', { name: 'Look now' }).click();
      await expect
        .poll(() => section().getByRole('status').textContent())
        .toBe('tt 0.2.0 is out (you have 0.1.0).');
      await section().getByRole('button', { name: 'Download…' }).click();
      await expect.poll(() => opened).toEqual([RELEASE.html_url]);
      await page.screenshot({ path: screenshotPath('settings-desktop.png') });

      await section().getByRole('checkbox', { name: 'Look for a newer tt' }).click();
      await expect.poll(() => section().getByRole('button', { name: 'Download…' }).count()).toBe(0);
      expect(await section().getByRole('button', { name: 'Look now' }).count()).toBe(0);
    });

    it('is not in the browser dashboard, which has no desktop', async () => {
      const other = await browser.newContext({ baseURL: dashboard.origin });
      const plain = await other.newPage();
      await plain.goto(await dashboard.loginUrl());
      await plain.getByRole('button', { name: 'Settings' }).first().click();
      await plain.getByRole('dialog', { name: 'Settings' }).waitFor();
      expect(await plain.getByTestId('desktop-settings').count()).toBe(0);
      await other.close();
    });
  },
);
