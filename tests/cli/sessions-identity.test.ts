import { copyFileSync, cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { AGENT, P1, P2, transcriptLine, writeClashingSubagents } from '../helpers/clashing-transcripts';
import { tempDir } from '../helpers/temp';

// Issue 15, D1: two transcripts with one id never become one session.

const MINUTE = 60_000;
const DAY = ['--from', '2026-02-10T00:00Z', '--to', '2026-02-11T00:00Z'];

interface ListedSession {
  sessionId: string;
  parentSessionId: string | null;
  projectName: string | null;
  messageCount: number;
  promptCount: number;
  streamId: string | null;
}

async function tt(data: string, args: string[]) {
  const result = await runTt(['--data-dir', data, ...args], { env: { TZ: 'UTC' } });
  expect(result.exitCode, `tt ${args.join(' ')}: ${result.stderr}`).toBe(0);
  return result;
}

async function listed(data: string): Promise<ListedSession[]> {
  return JSON.parse((await tt(data, ['sessions', 'list', '--json'])).stdout) as ListedSession[];
}

async function delegatedByStream(data: string): Promise<Record<string, number>> {
  const report = JSON.parse((await tt(data, ['report', ...DAY, '--json'])).stdout) as {
    rows: { name: string; delegatedMs: number }[];
  };
  return Object.fromEntries(report.rows.map((row) => [row.name, row.delegatedMs]));
}

describe('session ids that cannot collide', () => {
  it('two parents with a subagent of the same name: four sessions, and P1 keeps its 29 minutes of delegated time', async () => {
    const { root } = writeClashingSubagents(join(tempDir(), 'projects'));
    const data = tempDir();
    const index = await tt(data, ['sessions', 'index', '--root', root]);
    expect(index.stdout).toContain('4 sessions written');
    const sessions = await listed(data);
    expect(sessions.map((s) => [s.sessionId, s.parentSessionId, s.messageCount])).toEqual([
      [P1, null, 2],
      [`${P1}/${AGENT}`, P1, 30],
      [P2, null, 2],
      [`${P2}/${AGENT}`, P2, 6],
    ]);
    // The text list names each subagent by its whole id, which `tt streams move` accepts.
    expect((await tt(data, ['sessions', 'list'])).stdout).toContain(`↳ ${P1}/${AGENT}`);

    await tt(data, ['infer', '--start', '2026-02-10', '--end', '2026-02-11']);
    expect(await delegatedByStream(data)).toEqual({ alpha: 29 * MINUTE, beta: 5 * MINUTE });
    // A prefix of a session's id still names that session, not its subagents as well.
    const beta = streamOf(await listed(data), P2);
    const move = await tt(data, ['streams', 'move', P1.slice(0, 8), beta]);
    expect(move.stdout).toContain('(with 1 subagent)');
  });

  it('the same conversation under two roots is one session with the records of both files', async () => {
    const id = 'c0000000-0000-4000-8000-00000000000c';
    const cwd = '/home/sam/alpha';
    const lines = [0, 1, 2, 3, 4, 5].map((minute) =>
      transcriptLine(minute % 2 === 0 ? 'user' : 'assistant', minute, { cwd, sessionId: id }),
    );
    const oldRoot = join(tempDir(), 'config-claude', 'projects');
    const newRoot = join(tempDir(), 'claude', 'projects');
    for (const [root, count] of [
      [oldRoot, 4],
      [newRoot, 6],
    ] as const) {
      mkdirSync(join(root, '-home-sam-alpha'), { recursive: true });
      writeFileSync(join(root, '-home-sam-alpha', `${id}.jsonl`), `${lines.slice(0, count).join('\n')}\n`);
    }
    const data = tempDir();
    const index = await tt(data, ['sessions', 'index', '--root', oldRoot, '--root', newRoot]);
    expect(index.stdout).toContain(
      `${join(newRoot, '-home-sam-alpha', `${id}.jsonl`)}: the same session as ${join(oldRoot, '-home-sam-alpha', `${id}.jsonl`)}: both read into ${id}`,
    );
    expect(await listed(data)).toMatchObject([{ sessionId: id, messageCount: 6, promptCount: 3 }]);
    expect((await tt(data, ['sessions', 'index', '--root', oldRoot, '--root', newRoot])).stdout).toMatch(
      /^0 indexed, 2 unchanged/,
    );
  });

  it('two conversations with one id under two roots stay two sessions, and the clash is reported by path', async () => {
    const id = 'd0000000-0000-4000-8000-00000000000d';
    const roots = [join(tempDir(), 'a', 'projects'), join(tempDir(), 'b', 'projects')];
    const files = roots.map((root, i) => {
      const cwd = ['/home/sam/alpha', '/home/sam/beta'][i]!;
      mkdirSync(join(root, 'p'), { recursive: true });
      const path = join(root, 'p', `${id}.jsonl`);
      writeFileSync(
        path,
        `${transcriptLine('user', i * 60, { cwd, sessionId: id })}\n${transcriptLine('assistant', i * 60 + 10, { cwd, sessionId: id })}\n`,
      );
      return path;
    });
    const data = tempDir();
    const index = await tt(data, ['sessions', 'index', '--root', roots[0]!, '--root', roots[1]!]);
    expect(index.stdout).toContain('2 sessions written');
    expect(index.stdout).toContain('1 × same session id as another conversation (kept as its own session)');
    expect(index.stdout).toContain(
      `  ${files[1]}: session id ${id} is also ${files[0]}, another conversation: indexed as ${id}~2`,
    );
    expect((await listed(data)).map((s) => [s.sessionId, s.projectName])).toEqual([
      [id, 'alpha'],
      [`${id}~2`, 'beta'],
    ]);
    // Stable: the next run reads nothing and changes nothing.
    expect((await tt(data, ['sessions', 'index', '--root', roots[0]!, '--root', roots[1]!])).stdout).toMatch(
      /^0 indexed, 2 unchanged/,
    );
    expect(await listed(data)).toHaveLength(2);
  });

  it('migrates a database where two subagents had been merged: each gets its own session back, and edits survive', async () => {
    // Written by tt at schema 4 from this very tree (see the fixture's README).
    const fixture = fileURLToPath(new URL('../fixtures/db-v4-clashing-subagents/tt.db', import.meta.url));
    const top = tempDir();
    const root = join(top, 'projects');
    writeClashingSubagents(root);
    const data = tempDir();
    copyFileSync(fixture, join(data, 'tt.db'));
    relocate(join(data, 'tt.db'), '/tmp/fixgen/projects', root);

    const before = await listed(data);
    expect(before.map((s) => s.sessionId)).toEqual([P1, P2, `${P2}/${AGENT}`]);
    // The person had moved P2 with its subagent to alpha; the renamed subagent is still there.
    const alpha = streamOf(before, P1);
    expect(streamOf(before, `${P2}/${AGENT}`)).toBe(alpha);

    const index = await tt(data, ['sessions', 'index', '--root', root]);
    expect(index.stdout).toContain('0 skipped');
    const after = await listed(data);
    expect(after.map((s) => [s.sessionId, s.messageCount])).toEqual([
      [P1, 2],
      [`${P1}/${AGENT}`, 30],
      [P2, 2],
      [`${P2}/${AGENT}`, 6],
    ]);
    expect(streamOf(after, `${P2}/${AGENT}`)).toBe(alpha);

    // Undo takes the move back, subagent included, although it was recorded under the old id.
    expect((await tt(data, ['streams', 'undo'])).stdout).toContain('undid: Moved');
    await tt(data, ['infer', '--start', '2026-02-10', '--end', '2026-02-11']);
    expect(await delegatedByStream(data)).toEqual({ alpha: 29 * MINUTE, beta: 5 * MINUTE });
  });

  it('after the upgrade, a copy of the tree under another root merges into the same four sessions', async () => {
    const root = join(tempDir(), 'projects');
    writeClashingSubagents(root);
    const data = tempDir();
    copyFileSync(
      fileURLToPath(new URL('../fixtures/db-v4-clashing-subagents/tt.db', import.meta.url)),
      join(data, 'tt.db'),
    );
    relocate(join(data, 'tt.db'), '/tmp/fixgen/projects', root);
    await tt(data, ['sessions', 'index', '--root', root]);
    const copy = join(tempDir(), 'projects');
    cpSync(root, copy, { recursive: true });
    await tt(data, ['sessions', 'index', '--root', copy]);
    // The copy's files are the same conversations: merged, not duplicated.
    expect((await listed(data)).map((s) => s.sessionId)).toEqual([
      P1,
      `${P1}/${AGENT}`,
      P2,
      `${P2}/${AGENT}`,
    ]);
  });
});

describe('migrating subagent sessions whose transcripts are gone', () => {
  it('renames every subagent under its parent and keeps its spans, prompts and stream: the report does not change', async () => {
    // Written by tt at schema 4 (see the fixture's README); no transcript is on disk now.
    const data = tempDir();
    copyFileSync(
      fileURLToPath(new URL('../fixtures/db-v4-real-transcripts/tt.db', import.meta.url)),
      join(data, 'tt.db'),
    );
    const range = ['--from', '2026-02-09T00:00Z', '--to', '2026-02-14T00:00Z', '--json'];
    const report = JSON.parse((await tt(data, ['report', ...range])).stdout) as {
      rows: { name: string; directMs: number; delegatedMs: number; sessions: number }[];
    };
    // What tt said about this database before the upgrade.
    expect(report.rows.map((r) => [r.name, r.directMs, r.delegatedMs, r.sessions])).toEqual([
      ['spotter', 1288209, 1316191, 3],
      ['spotter · 4te', 881189, 3182919, 1],
      ['spotter · gqc', 600000, 4180163, 1],
      ['spotter · dov', 600000, 3008191, 1],
    ]);
    const sessions = await listed(data);
    const subagents = sessions.filter((s) => s.parentSessionId !== null);
    expect(subagents.map((s) => s.sessionId).sort()).toEqual(
      [
        '258c7280-ae70-4798-800f-63464d01a85d/agent-a881341',
        '258c7280-ae70-4798-800f-63464d01a85d/agent-acompact-fffbd0',
        '4d5611e5-241a-462a-8d15-5122611a9569/agent-a2898e3',
        '4d5611e5-241a-462a-8d15-5122611a9569/agent-acompact-e1f845',
        '55604662-cf2a-4331-851a-ec234028f8ca/agent-aold001',
        'ae4a77f8-aedd-4bc1-888f-c94edc91af04/agent-aac57f5',
        'ae4a77f8-aedd-4bc1-888f-c94edc91af04/agent-acompact-946d2b',
      ].sort(),
    );
    for (const subagent of subagents) {
      expect(subagent.sessionId.startsWith(`${subagent.parentSessionId}/`)).toBe(true);
      expect(subagent.streamId, subagent.sessionId).toBe(streamOf(sessions, subagent.parentSessionId!));
    }
    // Indexing a root where they are gone keeps them all.
    await tt(data, ['sessions', 'index', '--root', tempDir()]);
    expect(await listed(data)).toHaveLength(13);
  });
});

function streamOf(sessions: ListedSession[], sessionId: string): string {
  const stream = sessions.find((s) => s.sessionId === sessionId)?.streamId;
  expect(stream, sessionId).toBeTruthy();
  return stream!;
}

/** Points the fixture's transcript paths at this test's copy of the tree. */
function relocate(dbPath: string, from: string, to: string): void {
  const db = new BetterSqlite3(dbPath);
  db.prepare('UPDATE indexed_files SET path = replace(path, ?, ?)').run(from, to);
  db.prepare('UPDATE sessions SET source_path = replace(source_path, ?, ?)').run(from, to);
  db.close();
}
