import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { invoke } from '../../src/main/api-dispatch';
import { TtService } from '../../src/main/service';
import { tempDir } from '../helpers/temp';
import { messagesOn, writeTranscript } from '../helpers/transcripts';

// What the app does with sync while it runs: with a sync folder set, it syncs when its
// background work starts and again shortly after a person's edit; the setting is validated
// like every other; the machines are listed with when each was last seen.

const T = Date.UTC(2026, 10, 4, 9, 0);
const opened: { service: TtService; stop: () => void }[] = [];
afterEach(() => {
  for (const { service, stop } of opened.splice(0)) {
    stop();
    service.close();
  }
});

/** Waits (up to 30 s) until `condition` holds, failing with `what` when it never does. */
const until = (condition: () => boolean | Promise<boolean>, what: string): Promise<void> =>
  vi.waitFor(async () => expect(await condition(), what).toBe(true), { timeout: 30_000, interval: 50 });

async function machine(root: string, name: string, folder: string) {
  const projects = join(root, name, 'projects');
  mkdirSync(projects, { recursive: true });
  writeTranscript(projects, {
    sessionId: `${name}-session`,
    cwd: `/work/${name}`,
    messages: messagesOn('main', T, 4),
  });
  const service = TtService.open({
    dataDir: join(root, name, 'data'),
    env: { HOME: root },
    inferNewSessions: true,
    syncAfterEditMs: 50,
  });
  await service.updateSettings({ projectRoots: [projects] });
  await service.indexSessions();
  await service.updateSettings({ syncFolder: folder });
  const stop = await service.startBackgroundWork();
  opened.push({ service, stop });
  return service;
}

const segmentsOf = (folder: string, id: string) =>
  existsSync(join(folder, 'tt', id)) ? readdirSync(join(folder, 'tt', id)).length : 0;

describe('sync in the app', { timeout: 120_000 }, () => {
  it('syncs when it starts and after an edit, and lists the machines it has seen', async () => {
    const root = tempDir();
    const folder = join(root, 'Sync');
    mkdirSync(folder);
    const laptop = await machine(root, 'laptop', folder);
    const laptopId = (await laptop.listMachines())[0]!.id;
    await until(() => segmentsOf(folder, laptopId) === 1, 'the laptop published its first segment');

    const desk = await machine(root, 'desk', folder);
    await until(
      async () => (await desk.listMachines()).some((m) => m.id === laptopId && m.lastSeenAt !== null),
      'the desk saw the laptop',
    );
    const [stream] = await desk.listStreams();
    await desk.renameStream({ id: stream!.id, name: 'Renamed on the desk' });
    const deskId = (await desk.listMachines()).find((m) => m.isLocal)!.id;
    await until(() => segmentsOf(folder, deskId) === 2, 'the desk published its edit soon after it');
    await laptop.syncNow();
    expect((await laptop.listStreams()).map((s) => s.name)).toContain('Renamed on the desk');
  });

  it('refuses a sync folder that is not an absolute path, and a sync without one', async () => {
    const service = TtService.open({ dataDir: tempDir(), env: {} });
    opened.push({ service, stop: () => {} });
    const refused = await invoke(service, 'updateSettings', [{ syncFolder: 'Sync' }]);
    expect(refused).toMatchObject({ ok: false, error: { kind: 'input' } });
    expect(JSON.stringify(refused)).toContain('absolute path');
    const none = await invoke(service, 'syncNow', []);
    expect(none).toMatchObject({ ok: false, error: { kind: 'input', message: 'no sync folder is set' } });
    const set = await invoke(service, 'updateSettings', [{ syncFolder: '~/Sync' }]);
    expect(set).toMatchObject({ ok: true, value: { syncFolder: '~/Sync' } });
  });
});
