import { execa } from 'execa';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import type { ServiceEvent } from '../../src/shared/api';
import { seedEvents, seedSessions, type SeedSession } from '../helpers/seed-sessions';
import { tempDir } from '../helpers/temp';

const H = 3600_000;
const T0 = Date.parse('2026-03-02T08:00:00Z');
const NOW = T0 + 48 * H;

const open: TtService[] = [];
afterEach(() => {
  for (const service of open.splice(0)) service.close();
});

function openService(): { service: TtService; events: ServiceEvent[] } {
  const service = TtService.open({ dataDir: tempDir(), env: { HOME: '/nonexistent' }, now: () => NOW });
  open.push(service);
  const events: ServiceEvent[] = [];
  service.onEvent((event) => events.push(event));
  return { service, events };
}

const sessions: SeedSession[] = [
  { sessionId: 'api-1', projectPath: '/home/u/code/api', start: T0, end: T0 + H },
  { sessionId: 'api-2', projectPath: '/home/u/code/api', start: T0 + 3 * H, end: T0 + 4 * H },
  {
    sessionId: 'api-2-agent',
    projectPath: '/home/u/code/web',
    parentSessionId: 'api-2',
    start: T0 + 3 * H,
    end: T0 + 3.5 * H,
  },
  { sessionId: 'wt-1', projectPath: '/home/u/code/api-worktrees/api-login', start: T0 + H, end: T0 + 2 * H },
  { sessionId: 'web-1', projectPath: '/home/u/code/web', start: T0 + 5 * H, end: T0 + 6 * H },
];

function byName(service: TtService) {
  return Object.fromEntries(service.streams.list().map((s) => [s.name, s]));
}

describe('directory inference', () => {
  it('makes one stream per project identity; a worktree is its own stream; subagents follow their parent', async () => {
    const { service, events } = openService();
    seedSessions(service.db, sessions);
    seedEvents(service.db, [
      { id: 'e-api', ts: T0 + 0.5 * H, cwd: '/home/u/code/api' },
      { id: 'e-docs', ts: T0 + 0.5 * H, cwd: '/home/u/code/docs' },
    ]);
    const result = await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect(result.streamsCreated).toBe(4);
    expect(result.windows).toHaveLength(1);
    expect(result.windows[0]!.ok).toBe(true);
    const streams = byName(service);
    expect(Object.keys(streams).sort()).toEqual(['api', 'api · login', 'docs', 'web']);
    expect(streams.api!.sessionIds).toEqual(['api-1', 'api-2', 'api-2-agent']);
    // the main checkout with no branch known: several topics may mix there
    expect(streams.api!.confidence).toBe(0.6);
    expect(streams['api · login']!.confidence).toBe(0.9);
    expect(streams.api!.source).toBe('directory');
    expect(streams.api!.firstActivity).toBe(T0);
    expect(streams.api!.lastActivity).toBe(T0 + 4 * H);
    expect(streams['api · login']!.sessionIds).toEqual(['wt-1']);
    expect(streams.web!.sessionIds).toEqual(['web-1']);
    expect(streams.docs!.sessionIds).toEqual([]);
    const assigned = service.db
      .prepare('SELECT event_id, stream_id FROM event_streams ORDER BY event_id')
      .all();
    expect(assigned).toEqual([
      { event_id: 'e-api', stream_id: streams.api!.id },
      { event_id: 'e-docs', stream_id: streams.docs!.id },
    ]);
    expect(events).toContainEqual({ type: 'changed', topics: ['streams'] });
    expect(events).toContainEqual({ type: 'progress', task: 'infer', done: 1, total: 1, unit: 'windows' });
  });

  it('gives the same streams when run twice, in another database too', async () => {
    const a = openService().service;
    const b = openService().service;
    for (const service of [a, b]) seedSessions(service.db, sessions);
    await a.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    const first = a.streams.list();
    const again = await a.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect(again).toMatchObject({ streamsCreated: 0, streamsUpdated: 0, streamsRemoved: 0 });
    expect(a.streams.list()).toEqual(first);
    await b.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect(b.streams.list()).toEqual(first);
  });

  it('writes nothing on a dry run', async () => {
    const { service } = openService();
    seedSessions(service.db, sessions);
    const result = await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW, dryRun: true });
    expect(result.streamsCreated).toBe(3);
    expect(service.streams.list()).toEqual([]);
  });

  it('rejects a range that ends before it starts', async () => {
    const { service } = openService();
    await expect(service.inferStreams({ mode: 'directory', start: NOW, end: T0 })).rejects.toThrow(
      /end of the range/,
    );
  });
});

describe("a person's edits", () => {
  async function inferred() {
    const { service, events } = openService();
    seedSessions(service.db, sessions);
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    return { service, events, streams: byName(service) };
  }

  it('survive directory re-inference: rename, move, confirm, merge', async () => {
    const { service, streams } = await inferred();
    service.streams.rename(streams.api!.id, '  Billing API  ');
    service.streams.moveSession('web-1', streams['api · login']!.id);
    service.streams.confirm(streams['api · login']!.id);
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });

    const after = byName(service);
    expect(after['Billing API']!.id).toBe(streams.api!.id);
    expect(after['Billing API']!.source).toBe('user');
    expect(after['api · login']!.sessionIds).toEqual(['wt-1', 'web-1']);
    expect(after['api · login']!.reviewed).toBe(true);
    // web lost its only session to a person's move, and had no edit of its own: it is gone
    expect(after.web).toBeUndefined();

    service.streams.merge(after['api · login']!.id, after['Billing API']!.id);
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    const merged = byName(service);
    expect(Object.keys(merged)).toEqual(['Billing API']);
    expect(merged['Billing API']!.sessionIds.sort()).toEqual([
      'api-1',
      'api-2',
      'api-2-agent',
      'web-1',
      'wt-1',
    ]);
  });

  it('sends new sessions of a merged stream to the stream it was merged into', async () => {
    const { service, streams } = await inferred();
    service.streams.merge(streams['api · login']!.id, streams.api!.id);
    seedSessions(service.db, [
      { sessionId: 'wt-2', projectPath: '/home/u/code/api-worktrees/api-login', start: T0 + 7 * H },
    ]);
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect(byName(service).api!.sessionIds).toContain('wt-2');
    expect(byName(service)['api · login']).toBeUndefined();
  });

  it('names a moved session by its title, so the undo toast says what moves back', async () => {
    const { service, streams } = await inferred();
    seedSessions(service.db, [
      {
        sessionId: 'b7e1c0de-0000-4000-8000-000000000001',
        projectPath: '/home/u/code/web',
        start: T0 + 6 * H,
        summary: 'Fix the login\nredirect loop',
      },
      {
        sessionId: 'b7e1c0de-0000-4000-8000-000000000002',
        projectPath: '/home/u/code/web',
        start: T0 + 6 * H,
      },
    ]);
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect(
      service.streams.moveSession('b7e1c0de-0000-4000-8000-000000000001', streams.api!.id).description,
    ).toBe('Moved "Fix the login redirect loop" to "api"');
    expect(
      service.streams.moveSession('b7e1c0de-0000-4000-8000-000000000002', streams.api!.id).description,
    ).toBe('Moved session b7e1c0de… to "api"');
  });

  it('moves a session with its subagents, and each edit can be undone exactly, newest first', async () => {
    const { service, streams, events } = await inferred();
    const before = service.streams.list();
    events.length = 0;
    const moved = service.streams.moveSession('api-2', streams.web!.id);
    expect(moved).toEqual({ description: 'Moved session api-2 (with 1 subagent) to "web"', canUndo: true });
    expect(byName(service).web!.sessionIds).toEqual(['api-2', 'api-2-agent', 'web-1']);
    service.streams.rename(streams.web!.id, 'Frontend');
    service.streams.confirm(streams.web!.id);
    service.streams.merge(streams.api!.id, streams.web!.id);
    expect(events.filter((e) => e.type === 'changed')).toHaveLength(4);
    const edited = service.streams.list();

    expect(service.streams.undo().undone).toBe('Merged "api" into "Frontend"');
    expect(service.streams.undo().undone).toBe('Confirmed "Frontend"');
    expect(service.streams.undo().undone).toBe('Renamed "web" to "Frontend"');
    const last = service.streams.undo();
    expect(last).toEqual({
      undone: 'Moved session api-2 (with 1 subagent) to "web"',
      canUndo: false,
      canRedo: true,
    });
    expect(service.streams.list()).toEqual(before);
    expect(service.streams.undo()).toEqual({ undone: null, canUndo: false, canRedo: true });

    // Redo applies them again, the first undone last, and ends where the edits had left things.
    const redone = [1, 2, 3, 4].map(() => service.streams.redo().redone);
    expect(redone).toEqual([
      'Moved session api-2 (with 1 subagent) to "web"',
      'Renamed "web" to "Frontend"',
      'Confirmed "Frontend"',
      'Merged "api" into "Frontend"',
    ]);
    expect(service.streams.list()).toEqual(edited);
    expect(service.streams.redo()).toEqual({ redone: null, canRedo: false });
  });

  it('says clearly when an id is unknown, and accepts a unique prefix', async () => {
    const { service, streams } = await inferred();
    expect(() => service.streams.rename('no-such-stream', 'x')).toThrow(/no stream with id no-such-stream/);
    expect(() => service.streams.moveSession('nope', streams.api!.id)).toThrow(/no session with id nope/);
    expect(() => service.streams.rename(streams.api!.id, '   ')).toThrow(/cannot be empty/);
    service.streams.rename(streams.api!.id.slice(0, 8), 'By prefix');
    expect(byName(service)['By prefix']!.id).toBe(streams.api!.id);
    service.streams.merge(streams.web!.id, streams.api!.id);
    expect(() => service.streams.confirm(streams.web!.id)).toThrow(/was merged into "By prefix"/);
  });

  it('keeps a name on one line: line breaks, tabs and terminal escapes become single spaces', async () => {
    const { service, streams } = await inferred();
    service.streams.rename(streams.api!.id, ' Two\nlines\r\n\tand \u001b[31mred\u001b[0m ');
    expect(byName(service)['Two lines and [31mred [0m']!.id).toBe(streams.api!.id);
    expect(() => service.streams.rename(streams.api!.id, '\n\u0007\n')).toThrow(/cannot be empty/);
  });

  it('says an id prefix needs four characters rather than that no stream has it', async () => {
    const { service, streams } = await inferred();
    expect(() => service.streams.rename(streams.api!.id.slice(0, 2), 'x')).toThrow(
      /an id prefix needs at least 4 characters/,
    );
  });

  it('moves a session named by a unique id prefix, and says when a prefix matches several', async () => {
    const { service, streams } = await inferred();
    expect(() => service.streams.moveSession('api-', streams.web!.id)).toThrow(
      /the id prefix api- matches several sessions/,
    );
    expect(() => service.streams.moveSession('web_', streams.api!.id)).toThrow(/no session with id web_/);
    expect(service.streams.moveSession('web-', streams.api!.id).description).toBe(
      `Moved session web-1 to "${streams.api!.name}"`,
    );
    expect(byName(service)[streams.api!.name]!.sessionIds).toContain('web-1');
  });

  it('confirming a confirmed stream changes nothing and leaves nothing extra to undo', async () => {
    const { service, streams } = await inferred();
    service.streams.rename(streams.web!.id, 'Frontend');
    service.streams.confirm(streams.api!.id);
    expect(service.streams.confirm(streams.api!.id)).toEqual({
      description: '"api" is already confirmed',
      canUndo: true,
      changed: false,
    });
    expect(service.streams.undo().undone).toBe('Confirmed "api"');
    expect(service.streams.undo().undone).toBe('Renamed "web" to "Frontend"');
  });

  it('an edit waits for another process that is writing, instead of failing once it commits', async () => {
    const { service, streams } = await inferred();
    // Another tt writing for a moment: the edit must queue behind it (busy timeout), not read
    // first and then find its snapshot stale when it wants to write (SQLITE_BUSY_SNAPSHOT).
    const holder = execa(process.execPath, [
      '-e',
      `const D = require('better-sqlite3'); const db = new D(${JSON.stringify(service.databasePath)});
       db.exec('BEGIN IMMEDIATE'); db.exec("INSERT INTO sources (name) VALUES ('holder')");
       console.log('writing'); const until = Date.now() + 500; while (Date.now() < until) {}
       db.exec('COMMIT'); db.close();`,
    ]);
    await new Promise<void>((resolve) => holder.stdout?.once('data', () => resolve()));
    service.streams.rename(streams.api!.id, 'Renamed while busy');
    await holder;
    expect(byName(service)['Renamed while busy']!.id).toBe(streams.api!.id);
  });

  it('status counts the streams the list shows: a merged stream is not one of them', async () => {
    const { service, streams } = await inferred();
    service.streams.merge(streams.web!.id, streams.api!.id);
    const listed = await service.listStreams();
    expect((await service.status()).counts.streams).toBe(listed.length);
    expect(listed.map((s) => s.id)).not.toContain(streams.web!.id);
  });
});
