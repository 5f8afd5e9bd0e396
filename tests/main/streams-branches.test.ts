import { mkdirSync, realpathSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { appendEvent } from '../../src/main/events/spool-writer';
import { git, makeGitRepo } from '../helpers/git-repos';
import { tempDir } from '../helpers/temp';
import { installStandInJj, makeJjWorkspace } from '../helpers/stand-ins';
import { messagesOn, writeTranscript } from '../helpers/transcripts';

// Branch-aware offline streams, end to end: transcripts that carry gitBranch are indexed for
// real, focus events are recorded and imported while a real git repository (whose default
// branch is develop) sits on one branch or another, then inference runs offline.

const MIN = 60_000;
const H = 60 * MIN;
const T = Date.parse('2026-11-24T08:00:00Z');

const opened: TtService[] = [];
afterEach(() => {
  for (const service of opened.splice(0)) service.close();
});

async function world() {
  const root = realpathSync(tempDir());
  const repo = makeGitRepo(join(root, 'app'));
  git(repo, 'branch', '-m', 'develop');
  const projects = join(root, 'projects');
  mkdirSync(projects);
  writeTranscript(projects, { sessionId: 's-develop', cwd: repo, messages: messagesOn('develop', T, 5) });
  writeTranscript(projects, {
    sessionId: 's-feature',
    cwd: repo,
    messages: messagesOn('fix-auth', T + H, 10),
  });
  // started on develop, then moved to fix-auth: 3 of its 10 messages on develop
  writeTranscript(projects, {
    sessionId: 's-switch',
    cwd: repo,
    messages: [...messagesOn('develop', T + 2 * H, 3), ...messagesOn('fix-auth', T + 2 * H + 3 * MIN, 7)],
  });
  writeTranscript(projects, {
    sessionId: 's-detached',
    cwd: repo,
    messages: messagesOn('HEAD', T + 3 * H, 4),
  });
  // A jj repository (colocated with git, as jj makes them): git's HEAD is always detached there.
  const jjRepo = makeGitRepo(join(root, 'notes'));
  makeJjWorkspace(jjRepo);
  writeTranscript(projects, { sessionId: 's-jj', cwd: jjRepo, messages: messagesOn('HEAD', T + 5 * H, 4) });
  const binDir = join(root, 'bin');
  mkdirSync(binDir);
  installStandInJj(binDir, join(root, 'jj.log'));
  const clock = { now: T + 4 * H };
  const dataDir = join(root, 'data');
  const service = TtService.open({
    dataDir,
    env: { PATH: `${binDir}:${process.env.PATH ?? ''}`, HOME: root },
    now: () => clock.now,
  });
  opened.push(service);
  await service.indexSessions({ roots: [projects] });
  /** A pane focus in the repository at `ts`, imported at once (so git says its branch now). */
  const focusAt = async (ts: number): Promise<void> => {
    clock.now += MIN; // past the branch cache
    appendEvent(dataDir, { type: 'pane-focus', pane: '%1', cwd: repo, session: 'w', window: 1 }, ts);
    await service.importEvents();
  };
  return { root, repo, projects, service, focusAt, range: { start: T - H, end: T + 6 * H } };
}

async function streamsByName(service: TtService) {
  return Object.fromEntries(
    (await service.listStreams()).map((s) => [s.name, { confidence: s.confidence, sessions: s.sessionIds }]),
  );
}

async function eventStreams(service: TtService): Promise<string[]> {
  const names = new Map((await service.listStreams()).map((s) => [s.id, s.name]));
  return (await service.listEvents()).map((e) => names.get(e.streamId ?? '') ?? 'none');
}

describe('branch-aware offline streams', () => {
  it('separates feature work from the default branch (develop), by majority branch, with honest confidence', async () => {
    const { repo, service, focusAt, range } = await world();
    git(repo, 'checkout', '-q', '-b', 'fix-auth');
    await focusAt(T + 1.5 * H); // between s-feature and s-switch, both on fix-auth
    git(repo, 'checkout', '-q', 'develop');
    await focusAt(T + 1.5 * H + 1000); // nearest in time is fix-auth work, but develop is checked out
    git(repo, 'checkout', '-q', '--detach');
    await focusAt(T + 3 * H + MIN);

    await service.inferStreams({ mode: 'directory', ...range });
    expect(await streamsByName(service)).toEqual({
      // develop is a default branch: the project's stream, where topics mix (0.6); the detached
      // HEAD session is low (0.4); the stream's confidence is the mean of its sessions'
      app: { confidence: 0.5, sessions: ['s-develop', 's-detached'] },
      // the session that changed branch goes to its majority branch, at low confidence
      'app · fix-auth': { confidence: (0.9 + 0.4) / 2, sessions: ['s-feature', 's-switch'] },
      // in a jj workspace "HEAD" is no evidence of anything: the project's stream, medium
      notes: { confidence: 0.6, sessions: ['s-jj'] },
    });
    expect((await service.listEvents()).map((e) => e.streamId !== null)).toEqual([true, true, true]);
    expect(await eventStreams(service)).toEqual(['app · fix-auth', 'app', 'app']);
  });

  it("changes nothing when run again after a person's rename, move, merge and confirm", async () => {
    const { repo, projects, service, range } = await world();
    writeTranscript(projects, {
      sessionId: 's-docs',
      cwd: repo,
      messages: messagesOn('docs-site', T + 5 * H, 3),
    });
    await service.indexSessions({ roots: [projects] });
    await service.inferStreams({ mode: 'directory', ...range });
    const id = async (name: string) => (await service.listStreams()).find((s) => s.name === name)!.id;
    await service.renameStream({ id: await id('app · fix-auth'), name: 'Auth tokens' });
    await service.moveSession({ sessionId: 's-detached', streamId: await id('Auth tokens') });
    await service.mergeStreams({ from: await id('app · docs-site'), into: await id('app') });
    await service.confirmStream({ id: await id('app') });
    const decided = await service.listStreams();

    const again = await service.inferStreams({ mode: 'directory', ...range });
    expect(again).toMatchObject({ streamsCreated: 0, streamsUpdated: 0, streamsRemoved: 0 });
    expect(await service.listStreams()).toEqual(decided);
    expect(await streamsByName(service)).toEqual({
      app: { confidence: (0.6 + 0.9) / 2, sessions: ['s-develop', 's-docs'] },
      'Auth tokens': { confidence: expect.any(Number), sessions: ['s-feature', 's-switch', 's-detached'] },
      notes: { confidence: 0.6, sessions: ['s-jj'] },
    });
  });
});
