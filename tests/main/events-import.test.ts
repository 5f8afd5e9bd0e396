import {
  appendFileSync,
  existsSync,
  mkdirSync,
  realpathSync,
  rmSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { EventService } from '../../src/main/events/event-service';
import { spoolPath } from '../../src/main/events/spool';
import { listSpoolFiles } from '../../src/main/events/spool-reader';
import { appendEvent, type EventInput } from '../../src/main/events/spool-writer';
import { TtService } from '../../src/main/service';
import type { ServiceEvent } from '../../src/shared/api';
import { addWorktree, makeGitRepo } from '../helpers/git-repos';
import { installCountingWrapper, installStandInJj, loggedCalls, makeJjWorkspace } from '../helpers/stand-ins';
import { partContext } from '../helpers/part-context';
import { tempDir } from '../helpers/temp';

const opened: TtService[] = [];
afterEach(() => {
  for (const service of opened.splice(0)) service.close();
});

interface World {
  root: string;
  dataDir: string;
  binDir: string;
  spawnLog: string;
  clock: { now: number };
  open(): TtService;
}

/** A data dir, and a PATH holding only a counting git wrapper and the stand-in jj. */
function world(options: { git?: boolean; jj?: boolean } = {}): World {
  const root = realpathSync(tempDir());
  const binDir = join(root, 'bin');
  const spawnLog = join(root, 'spawns.log');
  mkdirSync(binDir);
  if (options.git !== false) installCountingWrapper(binDir, 'git', spawnLog);
  if (options.jj !== false) installStandInJj(binDir, spawnLog);
  const clock = { now: Date.parse('2026-11-24T10:00:00Z') };
  const dataDir = join(root, 'data');
  return {
    root,
    dataDir,
    binDir,
    spawnLog,
    clock,
    open() {
      const service = TtService.open({ dataDir, env: { PATH: binDir, HOME: root }, now: () => clock.now });
      opened.push(service);
      return service;
    },
  };
}

let seconds = 0;
function focus(w: World, cwd: string, pane = '%1'): void {
  seconds += 1;
  appendEvent(
    w.dataDir,
    { type: 'pane-focus', pane, cwd, session: 'work', window: 1 },
    w.clock.now + seconds * 1000,
  );
}

async function projects(
  service: TtService,
): Promise<Record<string, [string | null, string | null, string | null]>> {
  const byCwd: Record<string, [string | null, string | null, string | null]> = {};
  for (const event of await service.listEvents()) {
    byCwd[event.cwd!] = [event.projectName, event.workspaceName, event.identitySource];
  }
  return byCwd;
}

describe('importing focus events', () => {
  it('names each directory by its git repository: remotes, worktrees, subfolders, plain folders', async () => {
    const w = world();
    const https = makeGitRepo(join(w.root, 'checkout'), 'https://github.com/acme/storefront.git');
    const ssh = makeGitRepo(join(w.root, 'dots'), 'git@github.com:sam/dotfiles.git');
    const local = makeGitRepo(join(w.root, 'notes'));
    const worktree = addWorktree(local, join(w.root, 'notes-wt', 'fix login'), 'fix-login');
    const sub = join(https, 'src', 'lib');
    mkdirSync(sub, { recursive: true });
    const plain = join(w.root, 'plain', 'scratch');
    mkdirSync(plain, { recursive: true });
    for (const dir of [https, ssh, local, worktree, sub, plain]) focus(w, dir);

    const service = w.open();
    const result = await service.importEvents();
    expect(result).toEqual({ imported: 6, duplicates: 0, skipped: {}, warnings: [] });
    expect(await projects(service)).toEqual({
      [https]: ['storefront', 'checkout', 'git'],
      [ssh]: ['dotfiles', 'dots', 'git'],
      [local]: ['notes', 'notes', 'git'],
      [worktree]: ['notes', 'fix login', 'git'],
      [sub]: ['storefront', 'checkout', 'git'],
      [plain]: ['scratch', 'scratch', 'path'],
    });
    const events = await service.listEvents();
    expect(events[0]).toMatchObject({
      type: 'pane-focus',
      paneId: '%1',
      tmuxSession: 'work',
      windowIndex: 1,
    });
    expect((await service.status()).counts.events).toBe(6);
  });

  it('imports nothing twice, even when two processes import the same spool at once', async () => {
    const w = world();
    const repo = makeGitRepo(join(w.root, 'api'));
    for (let i = 0; i < 40; i++) focus(w, repo, `%${i}`);

    const app = w.open();
    const cli = w.open();
    const [a, b] = await Promise.all([app.importEvents(), cli.importEvents()]);
    expect(a.imported + b.imported).toBe(40);
    expect(a.imported + a.duplicates).toBe(40);
    expect(await app.listEvents()).toHaveLength(40);

    const again = await cli.importEvents();
    expect(again).toMatchObject({ imported: 0, duplicates: 0 });
    for (let i = 0; i < 3; i++) focus(w, repo, `%new${i}`);
    expect((await app.importEvents()).imported).toBe(3);
    expect(await app.listEvents()).toHaveLength(43);
    expect(new Set((await app.listEvents()).map((e) => e.id)).size).toBe(43);
  });

  it('leaves a half-written last line for the next import, and takes it once complete', async () => {
    const w = world();
    focus(w, w.root);
    const line = JSON.stringify({
      ts: w.clock.now + 60_000,
      type: 'scroll',
      pane: '%9',
      cwd: w.root,
      session: 's',
      window: 0,
    });
    appendFileSync(spoolPath(w.dataDir, w.clock.now), line.slice(0, 25));

    const service = w.open();
    expect(await service.importEvents()).toMatchObject({ imported: 1, skipped: {} });
    appendFileSync(spoolPath(w.dataDir, w.clock.now), `${line.slice(25)}\n`);
    expect(await service.importEvents()).toMatchObject({ imported: 1, skipped: {} });
    expect(await service.listEvents({ type: 'scroll' })).toEqual([
      expect.objectContaining({ type: 'scroll', paneId: '%9', ts: w.clock.now + 60_000 }),
    ]);
    expect(await service.importEvents()).toMatchObject({ imported: 0, duplicates: 0 });
  });

  it('skips unreadable lines with reasons and imports the rest', async () => {
    const w = world();
    focus(w, w.root);
    appendFileSync(
      spoolPath(w.dataDir, w.clock.now),
      'not json\n{"ts":1,"type":"teleport"}\n{"type":"scroll"}\n\n' +
        `{"ts":${w.clock.now},"type":"scroll","cwd":"."}\n`,
    );
    focus(w, w.root, '%2');
    const result = await w.open().importEvents();
    expect(result.imported).toBe(2);
    expect(result.skipped).toEqual({
      'malformed line': 1,
      'unknown event type': 1,
      'missing or invalid timestamp': 1,
      // resolved against tt's own directory, it would be named after the wrong project
      'directory not absolute': 1,
    });
  });

  it('skips a timestamp no clock could write (past year 9999), and drops a window index no tmux has', async () => {
    const w = world();
    focus(w, w.root);
    appendFileSync(
      spoolPath(w.dataDir, w.clock.now),
      '{"ts":1e30,"type":"scroll","cwd":"/tmp"}\n{"ts":9000000000000000,"type":"pane-focus","cwd":"/tmp"}\n' +
        `{"ts":${w.clock.now},"type":"scroll","cwd":"/tmp","window":1e20}\n`,
    );
    const service = w.open();
    const result = await service.importEvents();
    expect(result.imported).toBe(2);
    expect(result.skipped).toEqual({ 'timestamp before 2000 or after 2199': 2 });
    // A window index no tmux has is dropped; the event is kept.
    expect(await service.listEvents({ type: 'scroll' })).toEqual([
      expect.objectContaining({ windowIndex: null }),
    ]);
    const listed = await service.listEvents({ type: 'pane-focus' });
    expect(listed).toHaveLength(1);
    expect(new Date(listed[0]!.ts).toISOString()).toMatch(/^2026-/);
  });

  it('reports a spool file it cannot read, keeps it, and imports the others', async () => {
    const w = world();
    const lastMonth = spoolPath(w.dataDir, Date.parse('2026-10-15T10:00:00Z'));
    mkdirSync(lastMonth, { recursive: true }); // not a file: reading it fails as an unreadable file would
    focus(w, w.root);
    const result = await w.open().importEvents();
    expect(result.imported).toBe(1);
    expect(result.warnings).toEqual([
      `could not read ${lastMonth} (it is a directory); its events wait there until it can be read`,
    ]);
    expect(existsSync(lastMonth)).toBe(true);
  });

  it('reads a spool that was replaced by a shorter one from its start', async () => {
    const w = world();
    for (let i = 0; i < 5; i++) focus(w, w.root, `%${i}`);
    const service = w.open();
    expect((await service.importEvents()).imported).toBe(5);
    rmSync(spoolPath(w.dataDir, w.clock.now));
    focus(w, w.root, '%fresh');
    expect((await service.importEvents()).imported).toBe(1);
    focus(w, w.root, '%later');
    expect((await service.importEvents()).imported).toBe(1);
    expect(await service.listEvents()).toHaveLength(7);
  });

  it("deletes a past month's spool file once all of it is imported and it has been quiet for a day", async () => {
    const w = world();
    const october = Date.parse('2026-10-31T23:59:59Z');
    const octoberFile = spoolPath(w.dataDir, october);
    const line = (ts: number, pane: string) =>
      `${JSON.stringify({ ts, type: 'pane-focus', pane, cwd: w.root, session: 's', window: 0 })}\n`;
    appendEvent(
      w.dataDir,
      { type: 'pane-focus', pane: '%oct', cwd: w.root, session: 's', window: 0 },
      october,
    );
    focus(w, w.root, '%nov');
    expect(listSpoolFiles(w.dataDir).map((path) => basename(path))).toEqual([
      'events-2026-10.jsonl',
      'events-2026-11.jsonl',
    ]);
    const service = w.open();
    const quietSince = (ms: number) => utimesSync(octoberFile, new Date(ms), new Date(ms));

    quietSince(w.clock.now - 60 * 60_000);
    expect((await service.importEvents()).imported).toBe(2);
    expect(existsSync(octoberFile)).toBe(true); // quiet for an hour only: a late hook may still write

    appendFileSync(octoberFile, line(october + 500, '%late'));
    quietSince(w.clock.now - 25 * 60 * 60_000);
    expect((await service.importEvents()).imported).toBe(1); // the late line is read first
    expect(existsSync(octoberFile)).toBe(false);
    expect(listSpoolFiles(w.dataDir)).toEqual([spoolPath(w.dataDir, w.clock.now)]);
    expect((await service.listEvents()).map((e) => e.paneId)).toEqual(['%oct', '%late', '%nov']);
    expect(await service.importEvents()).toMatchObject({ imported: 0, duplicates: 0 });
  });

  it('tells views that events changed and records when tmux events were last imported', async () => {
    const w = world();
    focus(w, w.root);
    const service = w.open();
    const seen: ServiceEvent[] = [];
    service.onEvent((event) => seen.push(event));
    await service.importEvents();
    expect(seen).toEqual([{ type: 'changed', topics: ['events'] }]);
    await service.importEvents();
    expect(seen).toHaveLength(1);
    const source = (await service.status()).sources.find((s) => s.name === 'tmux-events');
    expect(source?.lastIndexedAt).toBe(w.clock.now);
  });

  it('filters listed events by time and type', async () => {
    const w = world();
    const base = w.clock.now;
    const at = (ts: number, type: EventInput['type'], pane: string) =>
      appendEvent(w.dataDir, { type, pane, cwd: w.root, session: 's', window: 0 }, ts);
    at(base, 'pane-focus', '%1');
    at(base + 10_000, 'scroll', '%1');
    at(base + 20_000, 'pane-focus', '%2');
    const service = w.open();
    await service.importEvents();
    expect((await service.listEvents({ since: base + 5_000 })).map((e) => e.paneId)).toEqual(['%1', '%2']);
    expect((await service.listEvents({ until: base + 20_000 })).map((e) => e.type)).toEqual([
      'pane-focus',
      'scroll',
    ]);
    expect(await service.listEvents({ type: 'scroll' })).toHaveLength(1);
    expect(await service.listEvents({ limit: 1 })).toHaveLength(1);
  });
});

describe('project identity from jj (stand-in jj on PATH)', () => {
  it('covers one workspace with a remote, several without, one without, and a failing jj', async () => {
    const w = world();
    const withRemote = join(w.root, 'code', 'tt-checkout');
    makeJjWorkspace(withRemote, {
      remotes: { upstream: 'https://x/up/other.git', origin: 'ssh://git@host:22/sam/time-tracker.git' },
    });
    const multi = join(w.root, 'pivot');
    makeJjWorkspace(join(multi, 'default'), { workspaces: ['default', 'feature'] });
    makeJjWorkspace(join(multi, 'feature'), { workspaces: ['default', 'feature'] });
    const lone = join(w.root, 'notes');
    makeJjWorkspace(lone);
    const broken = join(w.root, 'broken', 'default');
    makeJjWorkspace(broken);
    writeFileSync(join(broken, '.jj', 'standin-fail'), 'Error: The working copy is stale\n');
    const colocatedBroken = makeGitRepo(join(w.root, 'colo'), 'https://github.com/acme/colocated.git');
    makeJjWorkspace(colocatedBroken);
    writeFileSync(join(colocatedBroken, '.jj', 'standin-fail'), 'Internal error: boom\n');
    const dirs = [
      withRemote,
      join(multi, 'default'),
      join(multi, 'feature', 'src'),
      lone,
      broken,
      colocatedBroken,
    ];
    mkdirSync(join(multi, 'feature', 'src'));
    for (let round = 0; round < 5; round++) for (const dir of dirs) focus(w, dir, `%${round}`);

    const service = w.open();
    const result = await service.importEvents();
    expect(result.imported).toBe(30);
    expect(await projects(service)).toEqual({
      [withRemote]: ['time-tracker', 'tt-checkout', 'jj'],
      [join(multi, 'default')]: ['pivot', 'default', 'jj'],
      [join(multi, 'feature', 'src')]: ['pivot', 'feature', 'jj'],
      [lone]: ['notes', 'notes', 'jj'],
      [broken]: ['broken', 'default', 'path'],
      [colocatedBroken]: ['colocated', 'colo', 'git'],
    });
    // Each failure is reported once, however many events came from there.
    expect(result.warnings).toHaveLength(2);
    expect(result.warnings.join('\n')).toContain('jj failed (Error: The working copy is stale)');
    expect(result.warnings.join('\n')).toContain(broken);
    // Every jj call was made with --ignore-working-copy (the stand-in refuses anything else).
    expect(
      loggedCalls(w.spawnLog)
        .filter((c) => c.startsWith('jj'))
        .every((c) => c.includes('--ignore-working-copy')),
    ).toBe(true);
  });
});

describe('falling back to the path', () => {
  it('uses the repository folder when git is not installed, and says so once', async () => {
    const w = world({ git: false, jj: false });
    const repo = makeGitRepo(join(w.root, 'shop', 'main'), 'https://github.com/acme/storefront.git');
    const other = makeGitRepo(join(w.root, 'blog'));
    const jjRepo = join(w.root, 'jjonly');
    makeJjWorkspace(jjRepo);
    mkdirSync(join(repo, 'src'));
    for (let i = 0; i < 20; i++)
      for (const dir of [repo, join(repo, 'src'), other, jjRepo]) focus(w, dir, `%${i}`);

    const result = await w.open().importEvents();
    expect(result.imported).toBe(80);
    expect(result.warnings.sort()).toEqual([
      expect.stringMatching(/^git is not installed or not on PATH; .*: .* and 1 more$/),
      expect.stringMatching(/^jj is not installed or not on PATH; .*: .*jjonly$/),
    ]);
    const service = w.open();
    expect(await projects(service)).toEqual({
      [repo]: ['shop', 'main', 'path'],
      [join(repo, 'src')]: ['shop', 'main', 'path'],
      [other]: ['blog', 'blog', 'path'],
      [jjRepo]: ['jjonly', 'jjonly', 'path'],
    });
  });

  it('names a directory that no longer exists from its path, with one warning', async () => {
    const w = world();
    const gone = join(w.root, 'tmp-project', 'default');
    mkdirSync(gone, { recursive: true });
    for (let i = 0; i < 10; i++) focus(w, gone, `%${i}`);
    rmSync(join(w.root, 'tmp-project'), { recursive: true });
    const service = w.open();
    const result = await service.importEvents();
    expect(result.imported).toBe(10);
    expect(result.warnings).toEqual([`directories that no longer exist were named from their path: ${gone}`]);
    expect(await projects(service)).toEqual({ [gone]: ['tmp-project', 'default', 'path'] });
    expect(loggedCalls(w.spawnLog)).toEqual([]);
  });
});

describe('the identity cache', () => {
  it('spawns the same few processes per repository however many events there are', async () => {
    const spawnsFor = async (eventsPerRepo: number) => {
      const w = world();
      const a = makeGitRepo(join(w.root, 'alpha'), 'git@github.com:acme/alpha.git');
      const b = join(w.root, 'beta');
      makeJjWorkspace(b, { remotes: { origin: 'https://github.com/acme/beta' } });
      const dirs = [a, join(a, 'docs'), b, join(b, 'src')];
      for (const dir of dirs) mkdirSync(dir, { recursive: true });
      const lines = [];
      for (let i = 0; i < eventsPerRepo; i++) {
        for (const [k, dir] of dirs.entries()) {
          if (k % 2 === i % 2)
            lines.push(
              JSON.stringify({
                ts: w.clock.now + i,
                type: 'pane-focus',
                pane: `%${k}`,
                cwd: dir,
                session: 's',
                window: 0,
              }),
            );
        }
      }
      mkdirSync(w.dataDir, { recursive: true });
      writeFileSync(spoolPath(w.dataDir, w.clock.now), `${lines.join('\n')}\n`);
      const result = await w.open().importEvents();
      expect(result.imported).toBe(eventsPerRepo * 2);
      const calls = loggedCalls(w.spawnLog);
      return {
        git: calls.filter((c) => c.startsWith('git ')).length,
        jj: calls.filter((c) => c.startsWith('jj ')).length,
      };
    };
    const few = await spawnsFor(10);
    const many = await spawnsFor(5_000);
    // git: remote, toplevel and worktree list, plus the branch checked out (not asked of jj).
    expect(few).toEqual({ git: 4, jj: 3 });
    expect(many).toEqual(few);
  });

  it('asks again once the refresh period has passed', async () => {
    const w = world();
    const repo = makeGitRepo(join(w.root, 'alpha'));
    const service = w.open();
    focus(w, repo);
    await service.importEvents();
    focus(w, repo, '%2');
    w.clock.now += 5 * 60_000;
    await service.importEvents();
    // The identity is cached; the branch, which changes more often, is asked again.
    expect(loggedCalls(w.spawnLog)).toHaveLength(5);
    w.clock.now += 6 * 60_000;
    focus(w, repo, '%3');
    await service.importEvents();
    expect(loggedCalls(w.spawnLog)).toHaveLength(9);
  });
});

describe('a hung jj', () => {
  it('is killed after the timeout and the repository named by git or its path', async () => {
    const w = world();
    const hung = makeGitRepo(join(w.root, 'hung'), 'https://github.com/acme/patient.git');
    makeJjWorkspace(hung);
    writeFileSync(join(hung, '.jj', 'standin-hang'), '');
    focus(w, hung);
    const service = w.open();
    const events = new EventService(
      partContext(w.dataDir, { env: { PATH: w.binDir, HOME: w.root }, now: () => w.clock.now }),
      {
        timeoutMs: 300,
      },
    );
    const started = Date.now();
    const result = await events.import();
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(result.warnings).toEqual([
      `jj did not answer within 300 ms; used git or the path instead: ${hung}`,
    ]);
    expect(await projects(service)).toEqual({ [hung]: ['patient', 'hung', 'git'] });
  });
});
