import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { ServiceEvent } from '../../src/shared/api';
import { apiMethodNames } from '../../src/shared/api-methods';
import {
  API_KEY_FILE,
  SafeStorageSecretStore,
  type SafeStorageLike,
} from '../../src/main/electron/keychain-secret-store';
import {
  TrayController,
  announcingFailure,
  type TrayLike,
  type TrayMenuItem,
} from '../../src/main/electron/tray-menu';
import { trayIconPng } from '../../src/main/electron/tray-icon';
import { keepInTrayOnClose, type HideableWindow } from '../../src/main/electron/close-to-tray';
import { registerIpcHandlers, type IpcMainLike } from '../../src/main/electron/ipc';
import { isAllowedNavigation, isAppUrl } from '../../src/main/electron/security';
import { createPreloadBridge } from '../../src/preload/bridge';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';

/** Stands in for the OS keychain: a reversible transform, so plaintext never equals what is stored. */
class FakeSafeStorage implements SafeStorageLike {
  constructor(public available = true) {}
  isEncryptionAvailable(): boolean {
    return this.available;
  }
  encryptString(plain: string): Buffer {
    return Buffer.from(`enc:${Buffer.from(plain).reverse().toString('base64')}`);
  }
  decryptString(encrypted: Buffer): string {
    const text = encrypted.toString();
    if (!text.startsWith('enc:')) throw new Error('not ours');
    return Buffer.from(text.slice(4), 'base64').reverse().toString();
  }
}

class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, (event: unknown, ...args: unknown[]) => unknown>();
  handle(channel: string, listener: (event: never, ...args: unknown[]) => unknown): void {
    this.handlers.set(channel, listener as never);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
}

/** The window's view of the service: the real preload bridge over the real IPC handlers. */
function windowApi(service: TtService) {
  const ipc = new FakeIpcMain();
  registerIpcHandlers(ipc, service, (url) => isAppUrl(url, { rendererDir: '/app' }));
  return createPreloadBridge(apiMethodNames, {
    invoke: async (channel, ...args) =>
      ipc.handlers.get(channel)!({ senderFrame: { url: 'file:///app/index.html' } }, ...args),
    subscribe: () => () => {},
  });
}

const KEY = 'sk-ant-test-0123456789';

/** The service as the app opens it: with a keychain (one that works, unless `available` is false). */
function openWithKeychain(dataDir: string, available = true): TtService {
  return TtService.open({
    dataDir,
    env: {},
    secrets: new SafeStorageSecretStore(new FakeSafeStorage(available), dataDir),
  });
}

/** The key the keychain holds for this data directory, read as the app's next start would. */
function storedKey(dataDir: string): string | null {
  return new SafeStorageSecretStore(new FakeSafeStorage(true), dataDir).getApiKey();
}

describe('the API key in the keychain', () => {
  it('is stored encrypted, used by the service, and never readable back through the API', async () => {
    const dataDir = tempDir();
    const service = openWithKeychain(dataDir);
    const api = windowApi(service);
    expect((await api.getSettings()).hasApiKey).toBe(false);

    const settings = await api.setApiKey({ key: `  ${KEY}  ` });
    expect(settings).toMatchObject({ hasApiKey: true, apiKeySource: 'keychain' });
    expect(JSON.stringify(settings)).not.toContain(KEY);
    expect(readFileSync(join(dataDir, API_KEY_FILE), 'utf8')).not.toContain(KEY);
    expect(storedKey(dataDir)).toBe(KEY);
    // Nothing the window can call hands the key back.
    const answers = [await api.getSettings(), await api.status()];
    for (const answer of answers) expect(JSON.stringify(answer)).not.toContain(KEY);

    await api.setApiKey({ key: null });
    expect((await api.getSettings()).hasApiKey).toBe(false);
    expect(storedKey(dataDir)).toBeNull();
    service.close();
  });

  it('survives a restart of the app', async () => {
    const dataDir = tempDir();
    const first = openWithKeychain(dataDir);
    await first.setApiKey({ key: KEY });
    first.close();
    const second = openWithKeychain(dataDir);
    expect(second.hasApiKey()).toBe(true);
    expect(storedKey(dataDir)).toBe(KEY);
    second.close();
  });

  it('without a keychain, says so and suggests ANTHROPIC_API_KEY, storing nothing', async () => {
    const dataDir = tempDir();
    const service = openWithKeychain(dataDir, false);
    const api = windowApi(service);
    await expect(api.setApiKey({ key: KEY })).rejects.toMatchObject({
      message: expect.stringContaining('keychain'),
      hint: expect.stringContaining('ANTHROPIC_API_KEY'),
    });
    expect(() => readFileSync(join(dataDir, API_KEY_FILE))).toThrow();
    service.close();
  });

  it('the dashboard host, which has no keychain, refuses the key with the way out', async () => {
    const service = TtService.open({ dataDir: tempDir(), env: {} });
    await expect(service.setApiKey({ key: KEY })).rejects.toMatchObject({
      hint: expect.stringContaining('ANTHROPIC_API_KEY'),
    });
    service.close();
  });

  it('rejects an empty key and unknown fields before the service sees them', async () => {
    const dataDir = tempDir();
    const service = openWithKeychain(dataDir);
    const api = windowApi(service);
    await expect(api.setApiKey({ key: '   ' })).rejects.toMatchObject({ kind: 'input' });
    await expect(api.setApiKey({ key: KEY, extra: 1 } as never)).rejects.toMatchObject({ kind: 'input' });
    expect(storedKey(dataDir)).toBeNull();
    service.close();
  });
});

class FakeTray implements TrayLike {
  items: TrayMenuItem[] = [];
  tip = '';
  setContextMenu(items: TrayMenuItem[]): void {
    this.items = items;
  }
  setToolTip(text: string): void {
    this.tip = text;
  }
  item(prefix: string): TrayMenuItem {
    const found = this.items.find((i) => i.label?.startsWith(prefix));
    if (!found) throw new Error(`no tray item "${prefix}" in ${this.items.map((i) => i.label).join(', ')}`);
    return found;
  }
}

function deferred() {
  let resolve!: () => void;
  let reject!: (e: Error) => void;
  const promise = new Promise<void>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

describe('the tray', () => {
  const setup = (hasKey = false) => {
    const tray = new FakeTray();
    const calls: string[] = [];
    let indexRun = deferred();
    const controller = new TrayController(tray, {
      indexNow: () => {
        calls.push('index');
        return indexRun.promise;
      },
      inferStreams: async (mode) => void calls.push(`infer:${mode}`),
      open: () => calls.push('open'),
      quit: () => calls.push('quit'),
      hasApiKey: () => hasKey,
    });
    return { tray, calls, controller, nextIndexRun: () => (indexRun = deferred()), indexRun: () => indexRun };
  };

  it('offers Index now, Infer streams, Open tt and Quit', () => {
    const { tray, calls } = setup();
    expect(tray.items.filter((i) => i.label).map((i) => i.label)).toEqual([
      'Index now',
      'Infer streams',
      'Open tt',
      'Quit',
    ]);
    tray.item('Open tt').click!();
    tray.item('Quit').click!();
    tray.item('Infer streams').click!();
    expect(calls).toEqual(['open', 'quit', 'infer:directory']);
  });

  it('offers inference with Claude only when a key is configured', () => {
    expect(setup(true).tray.item('Infer streams with Claude')).toBeTruthy();
    expect(() => setup(false).tray.item('Infer streams with Claude')).toThrow();
  });

  it('shows indexing progress in the menu and tooltip, then how it ended', async () => {
    const { tray, calls, controller, indexRun } = setup();
    tray.item('Index now').click!();
    expect(tray.item('Indexing…').enabled).toBe(false);
    tray.item('Indexing…').click!(); // a second click while running does nothing
    expect(calls).toEqual(['index']);
    const progress: ServiceEvent = {
      type: 'progress',
      task: 'index',
      done: 42,
      total: 100,
      unit: 'bytes',
      detail: '5 of 12 files',
    };
    controller.onServiceEvent(progress);
    expect(tray.item('Indexing…').label).toBe('Indexing… 42% (5 of 12 files)');
    expect(tray.tip).toContain('42%');
    controller.onServiceEvent({
      type: 'task-finished',
      task: 'index',
      ok: true,
      summary: '12 files, 12 sessions',
    });
    indexRun().resolve();
    await Promise.resolve();
    expect(tray.item('Index now').enabled).toBe(true);
    expect(tray.tip).toBe('tt — 12 files, 12 sessions');
  });

  it('says in the tooltip when a task failed', async () => {
    const { tray, indexRun } = setup();
    tray.item('Index now').click!();
    indexRun().reject(new Error('disk unreadable'));
    await new Promise((r) => setTimeout(r, 0));
    expect(tray.tip).toBe('tt — Indexing failed: disk unreadable');
    expect(tray.item('Index now').enabled).toBe(true);
  });

  it('a failed tray task is announced to open views, so their progress does not hang', async () => {
    const events: ServiceEvent[] = [];
    await expect(
      announcingFailure(
        (e) => events.push(e),
        'index',
        async () => {
          throw new Error('projects folder unreadable');
        },
      ),
    ).rejects.toThrow('projects folder unreadable');
    expect(events).toEqual([
      {
        type: 'task-finished',
        task: 'index',
        ok: false,
        summary: 'Indexing failed: projects folder unreadable',
      },
    ]);
    expect(
      await announcingFailure(
        (e) => events.push(e),
        'infer',
        async () => 7,
      ),
    ).toBe(7);
    expect(events).toHaveLength(1);
  });

  it('its icon is a valid PNG with a visible mark on a transparent background', () => {
    const png = trayIconPng(32);
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
    expect(png.readUInt32BE(16)).toBe(32);
    expect(png.readUInt32BE(20)).toBe(32);
    const idatLength = png.readUInt32BE(33);
    expect(png.subarray(37, 41).toString()).toBe('IDAT');
    const pixels = inflateSync(png.subarray(41, 41 + idatLength));
    expect(pixels.length).toBe(32 * (1 + 32 * 4));
    let opaque = 0;
    for (let y = 0; y < 32; y++)
      for (let x = 0; x < 32; x++) if (pixels[y * 129 + 1 + x * 4 + 3] === 255) opaque++;
    expect(opaque).toBeGreaterThan(50);
    expect(opaque).toBeLessThan(32 * 32 - 200);
  });
});

describe('navigation in the window', () => {
  it('is refused in the built app, and allowed only within the dev server’s own origin', () => {
    expect(isAllowedNavigation('https://example.com/', undefined)).toBe(false);
    expect(isAllowedNavigation('file:///app/renderer/index.html', undefined)).toBe(false);
    const dev = 'http://localhost:5173';
    expect(isAllowedNavigation('http://localhost:5173/#view=week', dev)).toBe(true);
    // A prefix is not an origin: these start with the dev server's URL but are other sites.
    expect(isAllowedNavigation('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isAllowedNavigation('http://localhost:51730/', dev)).toBe(false);
    expect(isAllowedNavigation('not a url', dev)).toBe(false);
  });
});

describe('closing the window', () => {
  class FakeWindow implements HideableWindow {
    hidden = false;
    private listener: ((event: { preventDefault(): void }) => void) | null = null;
    on(_event: 'close', listener: (event: { preventDefault(): void }) => void): void {
      this.listener = listener;
    }
    hide(): void {
      this.hidden = true;
    }
    /** Returns true when the window would really close. */
    close(): boolean {
      let prevented = false;
      this.listener?.({ preventDefault: () => (prevented = true) });
      return !prevented;
    }
  }

  it('hides it to the tray, until the person quits', () => {
    let quitting = false;
    const window = new FakeWindow();
    keepInTrayOnClose(window, () => quitting);
    expect(window.close()).toBe(false);
    expect(window.hidden).toBe(true);
    quitting = true;
    expect(window.close()).toBe(true);
  });
});
