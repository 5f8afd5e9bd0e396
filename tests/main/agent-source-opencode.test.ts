import BetterSqlite3 from 'better-sqlite3';
import { execa } from 'execa';
import { cpSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AgentSession } from '../../src/core/agents/agent-session';
import { openCodeSource } from '../../src/main/sessions/sources/opencode';
import { tempDir } from '../helpers/temp';

// The OpenCode source read through its AgentSource on copies of tests/fixtures/opencode (a real
// beta capture, and the released schema's database and JSON tree built from it; see the README
// there). Expected values come from the database with the sqlite3 CLI and from the JSON files
// with jq, never from tt's parser.

const FIXTURES = fileURLToPath(new URL('../fixtures/opencode', import.meta.url));

interface Expected {
  id: string;
  parentId: string | null;
  cwd: string | null;
  messageCount: number;
  start: number;
  end: number;
  prompts: { at: number; text: string }[];
  turns: { start: number; end: number }[];
}

const SESSIONS_SQL = `
  SELECT s.id, s.parent_id AS parentId, s.directory AS cwd,
    (SELECT count(*) FROM message m WHERE m.session_id = s.id
       AND json_extract(m.data, '$.role') IN ('user', 'assistant')) AS messageCount,
    (SELECT min(json_extract(m.data, '$.time.created')) FROM message m WHERE m.session_id = s.id) AS start,
    (SELECT max(coalesce(json_extract(m.data, '$.time.completed'), json_extract(m.data, '$.time.created')))
       FROM message m WHERE m.session_id = s.id) AS "end"
  FROM session s ORDER BY s.id`;
const PROMPTS_SQL = `
  SELECT m.session_id AS id, json_extract(m.data, '$.time.created') AS at, trim(json_extract(p.data, '$.text')) AS text
  FROM message m JOIN part p ON p.message_id = m.id
  WHERE json_extract(m.data, '$.role') = 'user' AND json_extract(p.data, '$.type') = 'text'
  ORDER BY at`;
const TURNS_SQL = `
  WITH m AS (SELECT session_id, json_extract(data, '$.role') AS role, json_extract(data, '$.time.created') AS c,
               coalesce(json_extract(data, '$.time.completed'), json_extract(data, '$.time.created')) AS e FROM message),
       u AS (SELECT session_id, c, lead(c) OVER (PARTITION BY session_id ORDER BY c) AS nxt FROM m WHERE role = 'user')
  SELECT u.session_id AS id, u.c AS start,
    (SELECT max(e) FROM m WHERE m.session_id = u.session_id AND m.role = 'assistant' AND m.c > u.c
       AND (u.nxt IS NULL OR m.c < u.nxt)) AS "end"
  FROM u WHERE "end" IS NOT NULL ORDER BY id, start`;

async function sqlite(db: string, sql: string): Promise<Record<string, unknown>[]> {
  const out = (await execa('sqlite3', ['-json', db, sql])).stdout;
  return out.trim() === '' ? [] : (JSON.parse(out) as Record<string, unknown>[]);
}

async function expectedFromDb(db: string): Promise<Expected[]> {
  const prompts = await sqlite(db, PROMPTS_SQL);
  const turns = await sqlite(db, TURNS_SQL);
  return (await sqlite(db, SESSIONS_SQL)).map((s) => ({
    ...(s as Omit<Expected, 'prompts' | 'turns'>),
    prompts: prompts
      .filter((p) => p.id === s.id)
      .map(({ at, text }) => ({ at, text }) as { at: number; text: string }),
    turns: turns
      .filter((t) => t.id === s.id)
      .map(({ start, end }) => ({ start, end }) as { start: number; end: number }),
  }));
}

function figures(s: AgentSession): Expected {
  return {
    id: s.id,
    parentId: s.parentId,
    cwd: s.cwd,
    messageCount: s.messageCount,
    start: s.start,
    end: s.end,
    prompts: s.prompts,
    turns: s.turns,
  };
}

const byId = (a: AgentSession, b: AgentSession) => (a.id < b.id ? -1 : 1);

/** A copy of one fixture folder as an OpenCode data directory. */
function copyRoot(folder: 'data' | 'legacy' | 'beta'): string {
  const root = join(tempDir('tt-opencode-'), 'opencode');
  cpSync(join(FIXTURES, folder), root, { recursive: true });
  return root;
}

describe('OpenCode source on its SQLite database', () => {
  it('reads every session exactly, then only what changed since, each time whole', async () => {
    const root = copyRoot('data');
    const db = join(root, 'opencode.db');
    expect(await openCodeSource.listFiles(root)).toEqual([db]);
    const expected = await expectedFromDb(db);
    expect(expected.map((e) => e.messageCount)).toEqual([3, 5, 2]);

    const first = await openCodeSource.read(db, null);
    expect(first.result.skipped).toEqual([]);
    expect(first.result.sessions.sort(byId).map(figures)).toEqual(expected);
    for (const s of first.result.sessions) {
      // OpenCode's placeholder title ("New session - <time>") is not the agent's title.
      expect(s).toMatchObject({ agent: 'opencode', title: null, gitBranch: null });
    }

    const unchanged = await openCodeSource.read(db, first.cursor);
    expect(unchanged.result).toEqual({ sessions: [], skipped: [] });

    // OpenCode goes on in one session: a new prompt, an answer, and a generated title.
    const id = 'ses_f78ee770effebwbWXea2fzwUIu';
    await execa('sqlite3', [
      db,
      `INSERT INTO message VALUES ('msg_new_user', '${id}', 1788972500000, 1788972500000,
         '{"role":"user","time":{"created":1788972500000}}');
       INSERT INTO part VALUES ('prt_new_user', 'msg_new_user', '${id}', 1788972500000, 1788972500000,
         '{"type":"text","text":"  and now exit 0  "}');
       INSERT INTO message VALUES ('msg_new_answer', '${id}', 1788972501000, 1788972509000,
         '{"role":"assistant","time":{"created":1788972501000,"completed":1788972509000}}');
       UPDATE session SET title = 'Exit codes in bash', time_updated = 1788972509000 WHERE id = '${id}';`,
    ]);
    const next = await openCodeSource.read(db, unchanged.cursor);
    expect(next.result.skipped).toEqual([]);
    expect(next.result.sessions.map(figures)).toEqual((await expectedFromDb(db)).filter((e) => e.id === id));
    expect(next.result.sessions[0]).toMatchObject({ title: 'Exit codes in bash', messageCount: 5 });
    expect(next.result.sessions[0]!.prompts.at(-1)).toEqual({ at: 1788972500000, text: 'and now exit 0' });
  });

  it("reads a child session as a subagent: its parent, no prompts of the person, the task's turn", async () => {
    const root = copyRoot('data');
    const db = join(root, 'opencode.db');
    const parent = 'ses_f78f36bd6ffeTXo4UWv9dIETyI';
    await execa('sqlite3', [
      db,
      `INSERT INTO session (id, project_id, parent_id, slug, directory, title, version, time_created, time_updated)
         VALUES ('ses_child', '46959d5a6b1f1f358e3bb9ee11816810d84ed66e', '${parent}', 'child', '/workspace/project-a',
                 'Find the config (@explore subagent)', '1.0.0', 1788972145000, 1788972149000);
       INSERT INTO message VALUES ('msg_task', 'ses_child', 1788972145000, 1788972145000,
         '{"role":"user","time":{"created":1788972145000}}');
       INSERT INTO part VALUES ('prt_task', 'msg_task', 'ses_child', 1788972145000, 1788972145000,
         '{"type":"text","text":"Find the config file"}');
       INSERT INTO message VALUES ('msg_found', 'ses_child', 1788972146000, 1788972149000,
         '{"role":"assistant","time":{"created":1788972146000,"completed":1788972149000}}');`,
    ]);
    const child = (await openCodeSource.read(db, null)).result.sessions.find((s) => s.id === 'ses_child')!;
    expect(child).toMatchObject({
      parentId: parent,
      title: 'Find the config (@explore subagent)',
      prompts: [],
    });
    expect(child.turns).toEqual([{ start: 1788972145000, end: 1788972149000 }]);
  });

  it('skips a database another connection holds locked, keeps the cursor, and reads it once free', async () => {
    const root = copyRoot('data');
    const db = join(root, 'opencode.db');
    const before = readFileSync(db);
    const writer = new BetterSqlite3(db);
    try {
      writer.exec('BEGIN EXCLUSIVE');
      writer.exec("UPDATE session SET title = 'being written' WHERE id = 'ses_f78ee770effebwbWXea2fzwUIu'");
      const locked = await openCodeSource.read(db, null);
      expect(locked.result).toEqual({
        sessions: [],
        skipped: [{ reason: 'OpenCode: opencode.db busy or locked by OpenCode (read next time)', count: 1 }],
      });
      expect(locked.cursor).toBeNull();
      writer.exec('ROLLBACK');
    } finally {
      writer.close();
    }
    const free = await openCodeSource.read(db, null);
    expect(free.result.sessions).toHaveLength(3);
    // Read-only: not one byte of OpenCode's database changed.
    expect(readFileSync(db).equals(before)).toBe(true);
  });

  it('reads a WAL database while OpenCode holds a write transaction, seeing only what it committed', async () => {
    const root = copyRoot('data');
    const db = join(root, 'opencode.db');
    await execa('sqlite3', [db, 'PRAGMA journal_mode = WAL;']);
    const writer = new BetterSqlite3(db);
    try {
      writer.exec('BEGIN IMMEDIATE');
      writer.exec(
        `INSERT INTO message VALUES ('msg_uncommitted', 'ses_f78ee770effebwbWXea2fzwUIu', 1788972600000, 1788972600000,
           '{"role":"user","time":{"created":1788972600000}}')`,
      );
      const read = await openCodeSource.read(db, null);
      expect(read.result.skipped).toEqual([]);
      expect(read.result.sessions.sort(byId).map(figures)).toEqual(
        await expectedFromDb(join(FIXTURES, 'data', 'opencode.db')),
      );
    } finally {
      writer.exec('ROLLBACK');
      writer.close();
    }
  });

  it('skips a corrupt or truncated database and one in a format it does not know, with counted reasons', async () => {
    const root = copyRoot('data');
    const db = join(root, 'opencode.db');
    const bytes = readFileSync(db);
    writeFileSync(db, Buffer.from('this is not an SQLite database, only text that says so'.repeat(100)));
    expect((await openCodeSource.read(db, null)).result).toEqual({
      sessions: [],
      skipped: [{ reason: 'OpenCode: opencode.db corrupt or not a database', count: 1 }],
    });

    writeFileSync(db, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const truncated = await openCodeSource.read(db, '{"v":1,"since":5,"seen":[]}');
    expect(truncated.result.sessions).toEqual([]);
    expect(truncated.result.skipped).toHaveLength(1);
    expect(truncated.result.skipped[0]!.reason).toMatch(/^OpenCode: opencode\.db /);
    expect(truncated.cursor).toBe('{"v":1,"since":5,"seen":[]}');

    writeFileSync(db, bytes);
    await execa('sqlite3', [db, 'DROP TABLE part; DROP TABLE message; DROP TABLE session;']);
    expect((await openCodeSource.read(db, null)).result).toEqual({
      sessions: [],
      skipped: [
        {
          reason: 'OpenCode: opencode.db in a format tt does not know (no session tables it reads)',
          count: 1,
        },
      ],
    });
  });
});

describe("OpenCode source on the real capture of its beta's newer tables", () => {
  const V2_SESSIONS = `
    SELECT s.id, s.parent_id AS parentId, s.directory AS cwd,
      (SELECT count(*) FROM session_message m WHERE m.session_id = s.id AND m.type IN ('user', 'assistant')) AS messageCount,
      (SELECT min(json_extract(m.data, '$.time.created')) FROM session_message m
         WHERE m.session_id = s.id AND m.type IN ('user', 'assistant')) AS start,
      (SELECT max(coalesce(json_extract(m.data, '$.time.completed'), json_extract(m.data, '$.time.created')))
         FROM session_message m WHERE m.session_id = s.id AND m.type IN ('user', 'assistant')) AS "end"
    FROM session_v2 s ORDER BY s.id`;
  const V2_PROMPTS = `
    SELECT session_id AS id, json_extract(data, '$.time.created') AS at, trim(json_extract(data, '$.text')) AS text
    FROM session_message WHERE type = 'user' ORDER BY at`;
  const V2_TURNS = `
    WITH m AS (SELECT session_id, type, json_extract(data, '$.time.created') AS c,
                 coalesce(json_extract(data, '$.time.completed'), json_extract(data, '$.time.created')) AS e
               FROM session_message),
         u AS (SELECT session_id, c, lead(c) OVER (PARTITION BY session_id ORDER BY c) AS nxt FROM m WHERE type = 'user')
    SELECT u.session_id AS id, u.c AS start,
      (SELECT max(e) FROM m WHERE m.session_id = u.session_id AND m.type = 'assistant' AND m.c > u.c
         AND (u.nxt IS NULL OR m.c < u.nxt)) AS "end"
    FROM u WHERE "end" IS NOT NULL ORDER BY id, start`;

  it('reads every session of the capture exactly', async () => {
    const root = copyRoot('beta');
    const db = join(root, 'opencode.db');
    expect(await openCodeSource.listFiles(root)).toEqual([db]);
    const prompts = await sqlite(db, V2_PROMPTS);
    const turns = await sqlite(db, V2_TURNS);
    const expected = (await sqlite(db, V2_SESSIONS)).map(
      (s) =>
        ({
          ...s,
          prompts: prompts.filter((p) => p.id === s.id).map(({ at, text }) => ({ at, text })),
          turns: turns.filter((t) => t.id === s.id).map(({ start, end }) => ({ start, end })),
        }) as Expected,
    );
    expect(expected.map((e) => e.messageCount)).toEqual([3, 5, 2]);

    const { result, cursor } = await openCodeSource.read(db, null);
    expect(result.skipped).toEqual([]);
    expect(result.sessions.sort(byId).map(figures)).toEqual(expected);
    expect((await openCodeSource.read(db, cursor)).result.sessions).toEqual([]);

    // A row of a type this version of tt has not seen is counted, the rest kept.
    await execa('sqlite3', [
      db,
      `INSERT INTO session_message VALUES ('msg_future', 'ses_f78ee770effebwbWXea2fzwUIu', 'hologram', 30,
         1788972477000, 1788972477000, '{}')`,
    ]);
    const next = await openCodeSource.read(db, cursor);
    expect(next.result.skipped).toEqual([
      { reason: 'OpenCode: message of an unknown type (newer format)', count: 1 },
    ]);
    expect(next.result.sessions.map(figures)).toEqual(
      expected.filter((e) => e.id === 'ses_f78ee770effebwbWXea2fzwUIu'),
    );
  });
  it('reads a database holding both layouts, a session in both from the newer tables', async () => {
    const root = copyRoot('beta');
    const db = join(root, 'opencode.db');
    const both = 'ses_f78f34fafffeIugr4PB2oXkVD0';
    await execa('sqlite3', [
      db,
      `CREATE TABLE session (id text PRIMARY KEY, project_id text, parent_id text, directory text, title text,
         time_created integer, time_updated integer);
       CREATE TABLE message (id text PRIMARY KEY, session_id text, time_created integer, time_updated integer, data text);
       CREATE TABLE part (id text PRIMARY KEY, message_id text, session_id text, time_created integer,
         time_updated integer, data text);
       INSERT INTO session VALUES ('${both}', 'p', NULL, '/old', 'Old copy', 1788972151032, 1788972151032),
                                  ('ses_only_old', 'p', NULL, '/old', 'Only in the old tables', 1788000000000, 1788000009000);
       INSERT INTO message VALUES ('msg_o1', '${both}', 1788972151133, 1788972151133, '{"role":"user","time":{"created":1788972151133}}'),
                                  ('msg_o2', 'ses_only_old', 1788000001000, 1788000009000,
                                   '{"role":"assistant","time":{"created":1788000001000,"completed":1788000009000}}');`,
    ]);
    const sessions = (await openCodeSource.read(db, null)).result.sessions;
    expect(sessions.map((s) => s.id).sort()).toEqual([
      'ses_f78ee770effebwbWXea2fzwUIu',
      both,
      'ses_f78f36bd6ffeTXo4UWv9dIETyI',
      'ses_only_old',
    ]);
    expect(sessions.find((s) => s.id === both)).toMatchObject({
      cwd: '/workspace/project-a',
      messageCount: 5,
    });
    expect(sessions.find((s) => s.id === 'ses_only_old')).toMatchObject({
      title: 'Only in the old tables',
      messageCount: 1,
    });
  });
});

describe('OpenCode source on its older JSON tree', () => {
  /** jq over a session's message files and its user messages' text parts. */
  async function expectedFromFiles(storage: string, sessionFile: string): Promise<Expected> {
    const session = JSON.parse(
      (await execa('jq', ['-c', '{id, parentId: .parentID, cwd: .directory}', sessionFile])).stdout,
    );
    const dir = join(storage, 'message', session.id);
    const files = readdirSync(dir).map((f) => join(dir, f));
    const figures = JSON.parse(
      (
        await execa('jq', [
          '-s',
          `sort_by(.time.created) as $m
           | [range(0; $m | length) | select($m[.].role == "user")] as $u
           | { messageCount: ($m | length), start: ($m | map(.time.created) | min),
               end: ($m | map(.time.completed // .time.created) | max),
               users: [$m[] | select(.role == "user") | {id, at: .time.created}],
               turns: [range(0; $u | length) as $i
                 | (if $i + 1 < ($u | length) then $u[$i + 1] else ($m | length) end) as $to
                 | [$m[$u[$i] + 1:$to][] | select(.role == "assistant") | .time.completed // .time.created] as $t
                 | select($t | length > 0) | {start: $m[$u[$i]].time.created, end: ($t | max)}] }`,
          ...files,
        ])
      ).stdout,
    );
    const prompts = [];
    for (const user of figures.users as { id: string; at: number }[]) {
      const partDir = join(storage, 'part', user.id);
      const texts = JSON.parse(
        (
          await execa('jq', [
            '-s',
            '[.[] | select(.type == "text") | .text]',
            ...readdirSync(partDir).map((f) => join(partDir, f)),
          ])
        ).stdout,
      ) as string[];
      prompts.push({ at: user.at, text: texts.join('\n').trim() });
    }
    return {
      ...session,
      messageCount: figures.messageCount,
      start: figures.start,
      end: figures.end,
      prompts,
      turns: figures.turns,
    };
  }

  it('lists the session files and reads each session exactly', async () => {
    const root = copyRoot('legacy');
    const storage = join(root, 'storage');
    const files = await openCodeSource.listFiles(root);
    expect(files).toHaveLength(3);
    for (const file of files) {
      const { result, cursor } = await openCodeSource.read(file, null);
      expect(result.skipped).toEqual([]);
      expect(result.sessions.map(figures)).toEqual([await expectedFromFiles(storage, file)]);
      expect(cursor).toBeNull();
    }
  });

  it('counts a malformed message file and a malformed session file, and keeps the rest', async () => {
    const root = copyRoot('legacy');
    const files = await openCodeSource.listFiles(root);
    const session = files.find((f) => f.endsWith('ses_f78f34fafffeIugr4PB2oXkVD0.json'))!;
    writeFileSync(
      join(
        root,
        'storage',
        'message',
        'ses_f78f34fafffeIugr4PB2oXkVD0',
        'msg_0870cbd3e0016cohjV9lLVSSlb.json',
      ),
      '{"id": "msg_0870cbd3e0016cohjV9lLVSSlb", "role": "assis',
    );
    const { result } = await openCodeSource.read(session, null);
    expect(result.skipped).toEqual([{ reason: 'OpenCode: malformed message data', count: 1 }]);
    expect(result.sessions[0]!.messageCount).toBe(4);

    writeFileSync(files[0]!, '{"id": "ses_');
    expect((await openCodeSource.read(files[0]!, null)).result).toEqual({
      sessions: [],
      skipped: [{ reason: 'OpenCode: malformed session file', count: 1 }],
    });
  });

  it('lists a JSON session only when no database beside it holds the session', async () => {
    const root = copyRoot('legacy');
    cpSync(join(FIXTURES, 'data', 'opencode.db'), join(root, 'opencode.db'));
    await execa('sqlite3', [
      join(root, 'opencode.db'),
      "DELETE FROM session WHERE id = 'ses_f78ee770effebwbWXea2fzwUIu'",
    ]);
    expect(await openCodeSource.listFiles(root)).toEqual([
      join(root, 'opencode.db'),
      join(
        root,
        'storage',
        'session',
        '46959d5a6b1f1f358e3bb9ee11816810d84ed66e',
        'ses_f78ee770effebwbWXea2fzwUIu.json',
      ),
    ]);
  });

  it('finds its data under XDG_DATA_HOME when it is set', () => {
    expect(openCodeSource.defaultRoots({}, '/home/me')).toEqual(['/home/me/.local/share/opencode']);
    expect(openCodeSource.defaultRoots({ XDG_DATA_HOME: '/data' }, '/home/me')).toEqual(['/data/opencode']);
  });
});
