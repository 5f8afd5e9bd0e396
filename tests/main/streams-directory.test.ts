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

async function byName(service: TtService) {
  return Object.fromEntries((await service.listStreams()).map((s) => [s.name, s]));
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
    const streams = await byName(service);
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
    const first = await a.listStreams();
    const again = await a.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect(again).toMatchObject({ streamsCreated: 0, streamsUpdated: 0, streamsRemoved: 0 });
    expect(await a.listStreams()).toEqual(first);
    await b.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect(await b.listStreams()).toEqual(first);
  });

  it('writes nothing on a dry run', async () => {
    const { service } = openService();
    seedSessions(service.db, sessions);
    const result = await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW, dryRun: true });
    expect(result.streamsCreated).toBe(3);
    expect(await service.listStreams()).toEqual([]);
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
    return { service, events, streams: await byName(service) };
  }

  it('survive directory re-inference: rename, move, confirm, merge', async () => {
    const { service, streams } = await inferred();
    await service.renameStream({ id: streams.api!.id, name: '  Billing API  ' });
    await service.moveSession({ sessionId: 'web-1', streamId: streams['api · login']!.id });
    await service.confirmStream({ id: streams['api · login']!.id });
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });

    const after = await byName(service);
    expect(after['Billing API']!.id).toBe(streams.api!.id);
    expect(after['Billing API']!.source).toBe('user');
    expect(after['api · login']!.sessionIds).toEqual(['wt-1', 'web-1']);
    expect(after['api · login']!.reviewed).toBe(true);
    // web lost its only session to a person's move, and had no edit of its own: it is gone
    expect(after.web).toBeUndefined();

    await service.mergeStreams({ from: after['api · login']!.id, into: after['Billing API']!.id });
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    const merged = await byName(service);
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
    await service.mergeStreams({ from: streams['api · login']!.id, into: streams.api!.id });
    seedSessions(service.db, [
      { sessionId: 'wt-2', projectPath: '/home/u/code/api-worktrees/api-login', start: T0 + 7 * H },
    ]);
    await service.inferStreams({ mode: 'directory', start: T0 - H, end: NOW });
    expect((await byName(service)).api!.sessionIds).toContain('wt-2');
    expect((await byName(service))['api · login']).toBeUndefined();
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
      (
        await service.moveSession({
          sessionId: 'b7e1c0de-0000-4000-8000-000000000001',
          streamId: streams.api!.id,
        })
      ).description,
    ).toBe('Moved "Fix the login redirect loop" to "api"');
    expect(
      (
        await service.moveSession({
          sessionId: 'b7e1c0de-0000-4000-8000-000000000002',
          streamId: streams.api!.id,
        })
      ).description,
    ).toBe('Moved session b7e1c0de… to "api"');
  });

  it('moves a session with its subagents, and each edit can be undone exactly, newest first', async () => {
    const { service, streams, events } = await inferred();
    const before = await service.listStreams();
    events.length = 0;
    const moved = await service.moveSession({ sessionId: 'api-2', streamId: streams.web!.id });
    expect(moved).toEqual({ description: 'Moved session api-2 (with 1 subagent) to "web"', canUndo: true });
    expect((await byName(service)).web!.sessionIds).toEqual(['api-2', 'api-2-agent', 'web-1']);
    await service.renameStream({ id: streams.web!.id, name: 'Frontend' });
    await service.confirmStream({ id: streams.web!.id });
    await service.mergeStreams({ from: streams.api!.id, into: streams.web!.id });
    expect(events.filter((e) => e.type === 'changed')).toHaveLength(4);
    const edited = await service.listStreams();

    expect((await service.undo()).undone).toBe('Merged "api" into "Frontend"');
    expect((await service.undo()).undone).toBe('Confirmed "Frontend"');
    expect((await service.undo()).undone).toBe('Renamed "web" to "Frontend"');
    const last = await service.undo();
    // The inference run that made the streams is an edit too, the oldest one.
    expect(last).toEqual({
      undone: 'Moved session api-2 (with 1 subagent) to "web"',
      canUndo: true,
      canRedo: true,
    });
    expect(await service.listStreams()).toEqual(before);

    // Redo applies them again, the first undone last, and ends where the edits had left things.
    const redone: (string | null)[] = [];
    for (let i = 0; i < 4; i++) redone.push((await service.redo()).redone);
    expect(redone).toEqual([
      'Moved session api-2 (with 1 subagent) to "web"',
      'Renamed "web" to "Frontend"',
      'Confirmed "Frontend"',
      'Merged "api" into "Frontend"',
    ]);
    expect(await service.listStreams()).toEqual(edited);
    expect(await service.redo()).toEqual({ redone: null, canRedo: false });
  });

  it('says clearly when an id is unknown, and accepts a unique prefix', async () => {
    const { service, streams } = await inferred();
    await expect(service.renameStream({ id: 'no-such-stream', name: 'x' })).rejects.toThrow(
      /no stream with id no-such-stream/,
    );
    await expect(service.moveSession({ sessionId: 'nope', streamId: streams.api!.id })).rejects.toThrow(
      /no session with id nope/,
    );
    await expect(service.renameStream({ id: streams.api!.id, name: '   ' })).rejects.toThrow(
      /cannot be empty/,
    );
    await service.renameStream({ id: streams.api!.id.slice(0, 8), name: 'By prefix' });
    expect((await byName(service))['By prefix']!.id).toBe(streams.api!.id);
    await service.mergeStreams({ from: streams.web!.id, into: streams.api!.id });
    await expect(service.confirmStream({ id: streams.web!.id })).rejects.toThrow(
      /was merged into "By prefix"/,
    );
  });

  it('keeps a name on one line: line breaks, tabs and terminal escapes become single spaces', async () => {
    const { service, streams } = await inferred();
    await service.renameStream({ id: streams.api!.id, name: ' Two\nlines\r\n\tand \u001b[31mred\u001b[0m ' });
    expect((await byName(service))['Two lines and [31mred [0m']!.id).toBe(streams.api!.id);
    await expect(service.renameStream({ id: streams.api!.id, name: '\n\u0007\n' })).rejects.toThrow(
      /cannot be empty/,
    );
  });

  it('says an id prefix needs four characters rather than that no stream has it', async () => {
    const { service, streams } = await inferred();
    await expect(service.renameStream({ id: streams.api!.id.slice(0, 2), name: 'x' })).rejects.toThrow(
      /an id prefix needs at least 4 characters/,
    );
  });

  it('moves a session named by a unique id prefix, and says when a prefix matches several', async () => {
    const { service, streams } = await inferred();
    await expect(service.moveSession({ sessionId: 'api-', streamId: streams.web!.id })).rejects.toThrow(
      /the id prefix api- matches several sessions/,
    );
    await expect(service.moveSession({ sessionId: 'web_', streamId: streams.api!.id })).rejects.toThrow(
      /no session with id web_/,
    );
    expect((await service.moveSession({ sessionId: 'web-', streamId: streams.api!.id })).description).toBe(
      `Moved session web-1 to "${streams.api!.name}"`,
    );
    expect((await byName(service))[streams.api!.name]!.sessionIds).toContain('web-1');
  });

  it('confirming a confirmed stream changes nothing and leaves nothing extra to undo', async () => {
    const { service, streams } = await inferred();
    await service.renameStream({ id: streams.web!.id, name: 'Frontend' });
    await service.confirmStream({ id: streams.api!.id });
    expect(await service.confirmStream({ id: streams.api!.id })).toEqual({
      description: '"api" is already confirmed',
      canUndo: true,
      changed: false,
    });
    expect((await service.undo()).undone).toBe('Confirmed "api"');
    expect((await service.undo()).undone).toBe('Renamed "web" to "Frontend"');
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
    await service.renameStream({ id: streams.api!.id, name: 'Renamed while busy' });
    await holder;
    expect((await byName(service))['Renamed while busy']!.id).toBe(streams.api!.id);
  });

  it('status counts the streams the list shows: a merged stream is not one of them', async () => {
    const { service, streams } = await inferred();
    await service.mergeStreams({ from: streams.web!.id, into: streams.api!.id });
    const listed = await service.listStreams();
    expect((await service.status()).counts.streams).toBe(listed.length);
    expect(listed.map((s) => s.id)).not.toContain(streams.web!.id);
  });
});
