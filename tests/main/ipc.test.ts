import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { invoke } from '../../src/main/api-dispatch';
import type { TtApi } from '../../src/shared/api';
import { describe, expect, it } from 'vitest';
import { IPC_PREFIX, registerIpcHandlers, type IpcMainLike } from '../../src/main/electron/ipc';
import { CONTENT_SECURITY_POLICY } from '../../src/shared/content-security-policy';
import { isAppUrl, secureWebPreferences } from '../../src/main/electron/security';
import { apiMethodNames } from '../../src/shared/api-methods';
import { createPreloadBridge } from '../../src/preload/bridge';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';

/** A stand-in for Electron's ipcMain: same handle/invoke contract, no Electron binary. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<
    string,
    (event: { senderFrame: { url: string } }, ...args: unknown[]) => unknown
  >();
  handle(channel: string, listener: (event: never, ...args: unknown[]) => unknown): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener as never);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(url: string, channel: string, ...args: unknown[]): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`no handler for ${channel}`);
    return Promise.resolve(handler({ senderFrame: { url } }, ...args));
  }
}

function setup() {
  const service = TtService.open({ dataDir: tempDir() });
  const ipc = new FakeIpcMain();
  const unregister = registerIpcHandlers(ipc, service, (url) => isAppUrl(url, { rendererDir: '/app' }));
  return { service, ipc, unregister };
}

describe('IPC handlers', () => {
  it('registers one channel per API method and answers through the service', async () => {
    const { service, ipc } = setup();
    expect([...ipc.handlers.keys()].sort()).toEqual(apiMethodNames.map((m) => IPC_PREFIX + m).sort());
    const result = (await ipc.invoke('file:///app/index.html', 'tt:status')) as {
      ok: boolean;
      value: { counts: unknown };
    };
    expect(result.ok).toBe(true);
    expect(result.value.counts).toEqual({ sessions: 0, events: 0, streams: 0 });
    service.close();
  });

  it('rejects arguments that do not match the contract', async () => {
    const { service, ipc } = setup();
    const result = (await ipc.invoke('file:///app/index.html', 'tt:status', { drop: 'tables' })) as {
      ok: boolean;
      error: { kind: string; message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.kind).toBe('input');
    expect(result.error.message).toContain('invalid arguments for status');
    service.close();
  });

  it('says which argument is wrong and why', async () => {
    const { service, ipc } = setup();
    const result = (await ipc.invoke('file:///app/index.html', 'tt:listSessions', {
      limit: 0,
      colour: 'red',
    })) as {
      ok: boolean;
      error: { message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.message).toContain('Unrecognized key: "colour"');
    expect(result.error.message).toContain('at [0].limit');
    expect(await ipc.invoke('file:///app/index.html', 'tt:listSessions')).toMatchObject({
      ok: true,
      value: [],
    });
    service.close();
  });

  it('checks the review corrections’ arguments before the service sees them', async () => {
    const { service, ipc } = setup();
    const call = (method: string, arg: unknown) =>
      ipc.invoke('file:///app/index.html', `tt:${method}`, arg) as Promise<{
        ok: boolean;
        error?: { message: string };
      }>;
    const refused = [
      [call('newStream', { sessionIds: [] }), 'select at least one session'],
      [call('newStream', { sessionIds: ['a'], name: '   ' }), 'a name cannot be empty'],
      [
        call('assignUnassigned', { project: 'p', start: 2, end: 1, streamId: 's' }),
        'end must be after start',
      ],
      [call('assignUnassigned', { project: 'p', start: 1, end: 2 }), 'give streamId or newName'],
      [call('listUnassigned', { start: 1 }), 'end'],
      [call('redo', { again: true }), 'invalid arguments for redo'],
      [call('sessionDetails', { sessionId: 'a b', start: 1, end: 2 }), 'an id has only letters'],
      [call('sessionDetails', { sessionId: 'a' }), 'start'],
      [
        call('findStreams', { start: 1, end: 2, text: 'x'.repeat(201) }),
        'a search has at most 200 characters',
      ],
      [call('findStreams', { start: 1, end: 2, where: 'x' }), 'Unrecognized key: "where"'],
    ] as const;
    for (const [result, message] of refused) {
      const answer = await result;
      expect(answer.ok).toBe(false);
      expect(answer.error!.message).toContain(message);
    }
    expect(await call('listUnassigned', { start: 1, end: 2 })).toMatchObject({ ok: true, value: [] });
    expect(await call('findStreams', { start: 1, end: 2, text: 'x' })).toMatchObject({
      ok: true,
      value: { streamIds: [], projects: [] },
    });
    expect(await call('sessionDetails', { sessionId: 'nope', start: 1, end: 2 })).toMatchObject({
      ok: false,
      error: { kind: 'not-found', message: 'no session nope' },
    });
    expect(await ipc.invoke('file:///app/index.html', 'tt:redo')).toMatchObject({
      ok: true,
      value: { redone: null, canRedo: false },
    });
    service.close();
  });

  it('refuses frames that tt did not load', async () => {
    const { service, ipc } = setup();
    const result = (await ipc.invoke('https://evil.example/', 'tt:status')) as {
      ok: boolean;
      error: { message: string };
    };
    expect(result.ok).toBe(false);
    expect(result.error.message).toContain('refused');
    service.close();
  });

  it('the preload bridge turns failures into errors with the hint', async () => {
    const bridge = createPreloadBridge(['status'], {
      invoke: async () => ({
        ok: false,
        error: { kind: 'storage', message: 'database locked', hint: 'wait' },
      }),
      subscribe: () => () => {},
    });
    await expect(bridge.status()).rejects.toMatchObject({
      message: 'database locked',
      hint: 'wait',
      kind: 'storage',
    });
  });

  it('the preload bridge calls through real handlers end to end', async () => {
    const { service, ipc } = setup();
    const bridge = createPreloadBridge(apiMethodNames, {
      invoke: (channel, ...args) => ipc.invoke('file:///app/index.html', channel, ...args),
      subscribe: () => () => {},
    });
    const status = await bridge.status();
    expect(status.schemaVersion).toBeGreaterThan(0);
    service.close();
  });
});

describe('API dispatch', () => {
  it('reports a database locked by another connection in words, as a storage error', async () => {
    const path = join(tempDir(), 'tt.db');
    const holder = new BetterSqlite3(path);
    holder.exec('CREATE TABLE t (x); BEGIN EXCLUSIVE; INSERT INTO t VALUES (1)');
    const writer = new BetterSqlite3(path, { timeout: 0 });
    // A service whose write meets the lock: the real SqliteError, not a made-up one.
    const api = {
      databasePath: path,
      status: async () => writer.prepare('INSERT INTO t VALUES (2)').run(),
    } as unknown as TtApi;
    const result = await invoke(api, 'status', []);
    holder.exec('ROLLBACK');
    holder.close();
    writer.close();
    expect(result).toEqual({
      ok: false,
      error: {
        kind: 'storage',
        message: `the database ${path} is locked by another process`,
        hint: 'wait for the other tt command to finish and try again',
      },
    });
  });
});

describe('window security', () => {
  it('trusts only the built renderer, or the dev server when there is one', () => {
    const built = { rendererDir: '/opt/tt/out/renderer' };
    expect(isAppUrl('file:///opt/tt/out/renderer/index.html', built)).toBe(true);
    expect(isAppUrl('file:///home/me/Downloads/evil.html', built)).toBe(false);
    expect(isAppUrl('file:///opt/tt/out/renderer/../../evil.html', built)).toBe(false);
    expect(isAppUrl('https://evil.example/', built)).toBe(false);
    expect(isAppUrl('not a url', built)).toBe(false);
    const dev = { ...built, devServerUrl: 'http://localhost:5173' };
    expect(isAppUrl('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAppUrl('http://localhost:5173.evil.example/', dev)).toBe(false);
    expect(isAppUrl('file:///opt/tt/out/renderer/index.html', dev)).toBe(false);
  });

  it('isolates and sandboxes the renderer without Node', () => {
    const prefs = secureWebPreferences('/x/preload.cjs');
    expect(prefs).toMatchObject({
      contextIsolation: true,
      nodeIntegration: false,
      sandbox: true,
      webSecurity: true,
    });
  });

  it('declares the same strict CSP in index.html as the window enforces', () => {
    const html = readFileSync(new URL('../../src/renderer/index.html', import.meta.url), 'utf8');
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(html).not.toContain('unsafe-inline');
    expect(html).toContain("script-src 'self'");
    expect(html).not.toContain('unsafe-eval');
  });
});
