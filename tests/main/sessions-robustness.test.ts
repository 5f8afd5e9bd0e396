import { execFileSync } from 'node:child_process';
import {
  appendFileSync,
  mkdirSync,
  renameSync,
  statSync,
  symlinkSync,
  truncateSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { runIndex } from '../../src/main/sessions/session-indexer';
import { scanProjectRoots } from '../../src/main/sessions/scanner';
import { SessionService, type SessionServiceOptions } from '../../src/main/sessions/session-service';
import { partContext } from '../helpers/part-context';
import { tempDir } from '../helpers/temp';

const WORKER = fileURLToPath(new URL('../../out/main/session-worker.js', import.meta.url));

let opened: TtService[] = [];
afterEach(() => {
  for (const service of opened) service.close();
  opened = [];
});

function setup(options: SessionServiceOptions = { workerPath: WORKER, inProcessBelowBytes: 0 }) {
  const dataDir = tempDir();
  const service = TtService.open({ dataDir, env: {} });
  opened.push(service);
  const root = join(tempDir(), 'projects');
  const project = join(root, '-home-sam-app');
  mkdirSync(project, { recursive: true });
  const sessions = new SessionService(partContext(dataDir), options);
  return { service, dataDir, root, project, sessions, index: () => sessions.index({ roots: [root] }) };
}

const T0 = Date.parse('2026-02-10T10:00:00.000Z');
const iso = (minutes: number) => new Date(T0 + minutes * 60_000).toISOString();
const user = (minutes: number, text: string, cwd = '/home/sam/app') =>
  JSON.stringify({
    type: 'user',
    cwd,
    sessionId: 'x',
    message: { role: 'user', content: text },
    timestamp: iso(minutes),
  });
const assistant = (minutes: number, text = 'ok') =>
  JSON.stringify({
    cwd: '/home/sam/app',
    message: { role: 'assistant', type: 'message', content: [{ type: 'text', text }] },
    type: 'assistant',
    timestamp: iso(minutes),
  });
const toolResult = (minutes: number, output: string) =>
  JSON.stringify({
    type: 'user',
    message: { role: 'user', content: [{ type: 'tool_result', tool_use_id: 't', content: output }] },
    timestamp: iso(minutes),
    toolUseResult: { stdout: output },
  });

describe('indexing transcripts that are not clean', () => {
  it('skips malformed, blank and invalid UTF-8 lines, counts them, and keeps the rest', async () => {
    const { project, index, sessions } = setup();
    const lines = [
      user(0, 'first prompt'),
      '',
      '{"type":"assistant","timestamp":', // cut short
      'garbage that is not json',
      assistant(1),
    ].join('\n');
    const invalid = Buffer.concat([
      Buffer.from(`${lines}\n`),
      Buffer.from('{"type":"user","cwd":"/home/sam/app","timestamp":"'),
      Buffer.from(iso(2)),
      Buffer.from('","message":{"role":"user","content":"caf'),
      Buffer.from([0xc3, 0x28, 0xff]), // not UTF-8
      Buffer.from('"}}\n'),
    ]);
    writeFileSync(join(project, 's1.jsonl'), invalid);
    const result = await index();
    expect(result.skippedReasons).toMatchObject({
      'blank line': 1,
      'malformed line': 2,
      'invalid UTF-8 (read with replacement characters)': 1,
    });
    // …and names the file, so that a person can look at the lines.
    expect(result.problems).toEqual([
      {
        path: join(project, 's1.jsonl'),
        reason: '2 × malformed line; 1 × blank line; 1 × invalid UTF-8 (read with replacement characters)',
      },
    ]);
    const [s] = sessions.list();
    expect(s).toMatchObject({
      sessionId: 's1',
      messageCount: 3,
      startTime: T0,
      endTime: T0 + 2 * 60_000,
      promptCount: 2,
    });
  });

  it('ignores the time of a record dated before 2000 or after 2199 (a zero or corrupt date), and says so', async () => {
    const { project, index, sessions } = setup();
    const at = (when: string, text: string) => user(0, text).replace(iso(0), when);
    writeFileSync(
      join(project, 's-dates.jsonl'),
      [
        user(0, 'first prompt'),
        at('0001-01-01T00:00:00.000Z', 'from year one'),
        at('9999-12-31T23:59:59.000Z', 'from the far future'),
        assistant(10),
        '',
      ].join('\n'),
    );
    const result = await index();
    expect(result.skippedReasons).toMatchObject({
      'timestamp before 2000 or after 2199 (its time ignored)': 2,
    });
    expect(result.problems).toEqual([
      {
        path: join(project, 's-dates.jsonl'),
        reason: '2 × timestamp before 2000 or after 2199 (its time ignored)',
      },
    ]);
    const [s] = sessions.list();
    expect(s).toMatchObject({ messageCount: 4, startTime: T0, endTime: T0 + 10 * 60_000, promptCount: 1 });
  });

  it('counts an empty file and a file without messages as skipped, and a session without cwd as kept', async () => {
    const { project, index, sessions } = setup();
    writeFileSync(join(project, 'empty.jsonl'), '');
    writeFileSync(
      join(project, 'progress-only.jsonl'),
      '{"type":"progress","cwd":"/x","timestamp":"2026-02-10T10:00:00Z"}\n',
    );
    writeFileSync(
      join(project, 'no-cwd.jsonl'),
      `${JSON.stringify({ type: 'user', message: { content: 'hello' }, timestamp: iso(0) })}\n`,
    );
    const result = await index();
    expect(result.filesSkipped).toBe(2);
    expect(result.filesIndexed).toBe(1);
    expect(result.skippedReasons).toMatchObject({
      'no messages (nothing to show yet)': 2,
      'no cwd (kept without a project)': 1,
    });
    expect(sessions.list()).toMatchObject([
      { sessionId: 'no-cwd', projectPath: null, projectName: null, endTime: null },
    ]);
    // Neither is read again while unchanged.
    const again = await index();
    expect(again).toMatchObject({ filesUnchanged: 3, filesIndexed: 0, bytesRead: 0 });
  });

  it('leaves a half-written last line for the next run and picks it up once complete', async () => {
    const { project, index, sessions } = setup();
    const path = join(project, 's1.jsonl');
    const complete = `${user(0, 'go')}\n`;
    const last = assistant(3);
    writeFileSync(path, complete + last.slice(0, 40));
    const first = await index();
    expect(first.skippedReasons['half-written last line (read once complete)']).toBe(1);
    expect(sessions.list()).toMatchObject([{ messageCount: 1, endTime: null }]);

    appendFileSync(path, `${last.slice(40)}\n`);
    const second = await index();
    expect(second.filesIndexed).toBe(1);
    // Read from the start of the unfinished line, not from the start of the file.
    expect(second.bytesRead).toBe(Buffer.byteLength(`${last}\n`));
    expect(second.skippedReasons['half-written last line (read once complete)']).toBeUndefined();
    expect(sessions.list()).toMatchObject([{ messageCount: 2, startTime: T0, endTime: T0 + 3 * 60_000 }]);
  });

  it('reports a file deleted or swapped for a FIFO between the scan and the read, and indexes the others', async () => {
    // A FIFO must not be opened to wait for a writer that never comes (issue 15, H2).
    const cases = [
      ['deleted during the scan', (_path: string) => {}],
      ['not a regular file (a FIFO)', (path: string) => execFileSync('mkfifo', [path])],
    ] as const;
    for (const [reason, replace] of cases) {
      const { project, root, service } = setup();
      writeFileSync(join(project, 'keep.jsonl'), `${user(0, 'a')}\n`);
      const changed = join(project, 'changed.jsonl');
      writeFileSync(changed, `${user(0, 'b')}\n`);
      const scan = scanProjectRoots([root]);
      expect(scan.files).toHaveLength(2);
      unlinkSync(changed);
      replace(changed);
      const result = await runIndex(
        { db: service.db, now: Date.now, roots: [root], workerPath: WORKER, inProcessBelowBytes: 0 },
        scan,
      );
      expect(result).toMatchObject({ filesIndexed: 1, filesSkipped: 1, skippedReasons: { [reason]: 1 } });
      expect(result.problems).toContainEqual({ path: changed, reason });
    }
  });

  it('reports transcripts it cannot read as files (a folder, a FIFO) and carries on', async () => {
    // Tests run as root, which reads any file whatever its mode; these cannot be read by
    // anyone. A real EACCES is covered by tests/cli/sessions.test.ts, running tt as nobody.
    const { project, index, sessions } = setup();
    mkdirSync(join(project, 'folder.jsonl'));
    execFileSync('mkfifo', [join(project, 'pipe.jsonl')]);
    writeFileSync(join(project, 'ok.jsonl'), `${user(0, 'a')}\n`);
    const result = await index();
    expect(result).toMatchObject({
      filesIndexed: 1,
      filesSkipped: 2,
      skippedReasons: { 'not a regular file (a FIFO)': 1, 'not a regular file (a directory)': 1 },
    });
    expect(sessions.list().map((s) => s.sessionId)).toEqual(['ok']);
  });

  it('reads lines of several megabytes, and keeps the small fields of lines over the cap without buffering them', async () => {
    const { project, index, sessions } = setup({
      workerPath: WORKER,
      inProcessBelowBytes: 0,
      maxLineBytes: 4 << 20,
    });
    const big = 'x\\n"quoted" '.repeat(120_000); // 1.8 MB once JSON-escaped, twice in the line
    const tooBig = 'y'.repeat(5 << 20);
    writeFileSync(
      join(project, 's1.jsonl'),
      [user(0, 'start'), toolResult(1, big), toolResult(2, tooBig), assistant(4), ''].join('\n'),
    );
    const result = await index();
    expect(result.skippedReasons).toMatchObject({ 'line longer than 4 MB (its big values left out)': 1 });
    // The 5 MB tool result still counts as a message, with its time; it is not a prompt.
    expect(sessions.list()).toMatchObject([{ messageCount: 4, endTime: T0 + 4 * 60_000, promptCount: 1 }]);
    expect(sessions.repository.activity('s1')).toEqual([[T0, T0 + 4 * 60_000]]);
  });

  it('reads only what was appended, and does not read unchanged files at all', async () => {
    const { project, index, sessions } = setup();
    writeFileSync(join(project, 'a.jsonl'), `${user(0, 'a')}\n${assistant(1)}\n`);
    writeFileSync(join(project, 'b.jsonl'), `${user(0, 'b')}\n`);
    const first = await index();
    expect(first).toMatchObject({ filesIndexed: 2, filesUnchanged: 0 });
    expect(first.bytesRead).toBe(
      statSync(join(project, 'a.jsonl')).size + statSync(join(project, 'b.jsonl')).size,
    );

    const appended = `${assistant(2)}\n${user(20, 'later')}\n${assistant(21)}\n`;
    appendFileSync(join(project, 'a.jsonl'), appended);
    const second = await index();
    expect(second).toMatchObject({
      filesIndexed: 1,
      filesUnchanged: 1,
      bytesRead: Buffer.byteLength(appended),
    });
    const a = sessions.list().find((s) => s.sessionId === 'a')!;
    expect(a).toMatchObject({ messageCount: 5, startTime: T0, endTime: T0 + 21 * 60_000, promptCount: 2 });
    expect(sessions.repository.prompts('a')).toEqual([T0, T0 + 20 * 60_000]);
    // The span open at the end of the first run was extended, not duplicated.
    expect(sessions.repository.activity('a')).toEqual([
      [T0, T0 + 2 * 60_000],
      [T0 + 20 * 60_000, T0 + 21 * 60_000],
    ]);

    const third = await index();
    expect(third).toMatchObject({ filesIndexed: 0, filesUnchanged: 2, bytesRead: 0 });
  });

  it('re-reads a rewritten (shorter) file from the start without doubling its prompts', async () => {
    const { project, index, sessions } = setup();
    const path = join(project, 'a.jsonl');
    writeFileSync(path, `${user(0, 'one')}\n${user(1, 'two')}\n${assistant(2)}\n`);
    await index();
    writeFileSync(path, `${user(0, 'one')}\n`);
    await index();
    expect(sessions.list()).toMatchObject([{ messageCount: 1, promptCount: 1 }]);
    expect(sessions.repository.activity('a')).toEqual([[T0, T0]]);
  });

  it('re-reads a file replaced by another (a new inode) even when the bytes at both ends are the same', async () => {
    const { project, index, sessions } = setup();
    const path = join(project, 'a.jsonl');
    // Over 8 KiB of records, so that the middle lies outside the bytes the fingerprint hashes.
    const records = [
      user(0, 'start'),
      ...Array.from({ length: 200 }, (_, i) => assistant(1 + i / 100)),
      user(5, 'end'),
    ];
    writeFileSync(path, `${records.join('\n')}\n`);
    await index();
    expect(sessions.list()).toMatchObject([{ messageCount: 202 }]);
    // An editor's save: a new file renamed over the old one, one record in the middle no message.
    const middle = records[100]!;
    const system = JSON.stringify({ type: 'system', pad: '' });
    records[100] = JSON.stringify({ type: 'system', pad: 'x'.repeat(middle.length - system.length) });
    expect(records[100].length).toBe(middle.length);
    writeFileSync(`${path}.tmp`, `${records.join('\n')}\n`);
    renameSync(`${path}.tmp`, path);
    const again = await index();
    expect(again.skippedReasons).toMatchObject({ 'rewritten in place (read again from the start)': 1 });
    expect(sessions.list()).toMatchObject([{ messageCount: 201, promptCount: 2 }]);
  });

  it('a rewrite of one copy of a session found under two roots reads the other copy again, losing none of its prompts', async () => {
    const { project, root, sessions } = setup();
    const otherRoot = join(tempDir(), 'projects');
    mkdirSync(join(otherRoot, '-home-sam-app'), { recursive: true });
    const index = () => sessions.index({ roots: [root, otherRoot] });
    const records = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) =>
        i % 2 === 0 ? user(from + i, `p${from + i}`) : assistant(from + i),
      );
    writeFileSync(join(project, 'x.jsonl'), `${records(0, 4).join('\n')}\n`);
    writeFileSync(join(otherRoot, '-home-sam-app', 'x.jsonl'), `${records(0, 6).join('\n')}\n`);
    await index();
    expect(sessions.list()).toMatchObject([{ sessionId: 'x', messageCount: 6, promptCount: 3 }]);
    // The first copy is rewritten with later work; the second still holds minutes 0–5.
    writeFileSync(join(project, 'x.jsonl'), `${records(10, 8).join('\n')}\n`);
    await index();
    expect(sessions.list()).toMatchObject([{ sessionId: 'x', messageCount: 8, startTime: T0 }]);
    expect(sessions.repository.prompts('x')).toEqual([0, 2, 4, 10, 12, 14, 16].map((m) => T0 + m * 60_000));
    expect((await index()).filesUnchanged).toBe(2);
  });

  it('keeps a session whose transcript Claude Code deleted', async () => {
    const { project, index, sessions } = setup();
    writeFileSync(join(project, 'old.jsonl'), `${user(0, 'a')}\n${assistant(1)}\n`);
    await index();
    unlinkSync(join(project, 'old.jsonl'));
    await index();
    expect(sessions.list()).toMatchObject([
      { sessionId: 'old', messageCount: 2, fileExists: false, promptCount: 1 },
    ]);
  });

  it('finds subagents in both layouts, reads the meta sidecar, ignores other files, survives symlink loops', async () => {
    const { project, root, index, sessions } = setup();
    writeFileSync(join(project, 'main-1.jsonl'), `${user(0, 'go')}\n`);
    const agents = join(project, 'main-1', 'subagents');
    mkdirSync(agents, { recursive: true });
    writeFileSync(join(agents, 'agent-a1.jsonl'), `${assistant(1)}\n`);
    writeFileSync(
      join(agents, 'agent-a1.meta.json'),
      JSON.stringify({ agentType: 'Explore', model: 'haiku' }),
    );
    writeFileSync(
      join(project, 'agent-old.jsonl'),
      `${JSON.stringify({ type: 'user', isSidechain: true, sessionId: 'main-1', message: { content: 'task' }, timestamp: iso(2) })}\n`,
    );
    writeFileSync(join(project, 'notes.txt'), 'not a transcript');
    writeFileSync(join(project, 'main-1.json'), '{}');
    symlinkSync(root, join(project, 'loop')); // project → root → project …
    symlinkSync(project, join(root, 'alias')); // the same project twice
    const result = await index();
    expect(result.filesSeen).toBe(3);
    const list = sessions.list();
    expect(list.map((s) => [s.sessionId, s.parentSessionId, s.isSubagent, s.agentType ?? null])).toEqual([
      ['main-1', null, false, null],
      ['main-1/agent-a1', 'main-1', true, 'Explore'],
      ['main-1/agent-old', 'main-1', true, null],
    ]);
  });

  it('gives a summary that sits in another file to the session whose last message it names', async () => {
    for (const order of ['together', 'summary file first'] as const) {
      const { project, index, sessions } = setup();
      const described = [
        JSON.stringify({
          type: 'user',
          cwd: '/a',
          uuid: 'u1',
          message: { content: 'fix login' },
          timestamp: iso(0),
        }),
        JSON.stringify({
          type: 'assistant',
          cwd: '/a',
          uuid: 'leaf-a',
          message: { content: [] },
          timestamp: iso(1),
        }),
      ].join('\n');
      const resumed = [
        JSON.stringify({ type: 'summary', summary: 'Fixing the login bug', leafUuid: 'leaf-a' }),
        JSON.stringify({
          type: 'user',
          cwd: '/a',
          uuid: 'u9',
          message: { content: 'go on' },
          timestamp: iso(60),
        }),
      ].join('\n');
      writeFileSync(join(project, 'resumed.jsonl'), `${resumed}\n`);
      if (order === 'summary file first') await index();
      writeFileSync(join(project, 'described.jsonl'), `${described}\n`);
      await index();
      const bySession = Object.fromEntries(sessions.list().map((s) => [s.sessionId, s.summary]));
      // The file's own last summary record stays its summary too (the seed's rule).
      expect(bySession, order).toEqual({
        described: 'Fixing the login bug',
        resumed: 'Fixing the login bug',
      });
    }
  });

  it('two processes indexing the same database at once end with one consistent index', async () => {
    const { dataDir, project, root, sessions } = setup();
    // Another process: its own handle on the same database.
    const otherSessions = new SessionService(partContext(dataDir), {
      workerPath: WORKER,
      inProcessBelowBytes: 0,
    });
    const path = join(project, 'a.jsonl');
    writeFileSync(path, `${user(0, 'one')}\n${assistant(1)}\n`);
    await sessions.index({ roots: [root] });
    appendFileSync(path, `${user(30, 'two')}\n${assistant(31)}\n`);
    await Promise.all([sessions.index({ roots: [root] }), otherSessions.index({ roots: [root] })]);
    expect(sessions.list()).toMatchObject([{ messageCount: 4, promptCount: 2, endTime: T0 + 31 * 60_000 }]);
    expect(sessions.repository.activity('a')).toEqual([
      [T0, T0 + 60_000],
      [T0 + 30 * 60_000, T0 + 31 * 60_000],
    ]);
  });

  it('parses in-process when the worker script is missing, and says so', async () => {
    const { project, index, sessions } = setup({
      workerPath: '/nonexistent/session-worker.js',
      inProcessBelowBytes: 0,
    });
    writeFileSync(join(project, 'a.jsonl'), `${user(0, 'a')}\n${assistant(1)}\n`);
    const result = await index();
    expect(result.workerFallback).toContain('worker script not found');
    expect(result.workers).toBe(0);
    expect(sessions.list()).toMatchObject([{ sessionId: 'a', messageCount: 2 }]);
  });

  it('finishes in-process when a worker thread dies mid-run, and says so', async () => {
    const crashing = join(tempDir(), 'crashing-worker.mjs');
    writeFileSync(
      crashing,
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\n",
    );
    const { project, index, sessions } = setup({ workerPath: crashing, inProcessBelowBytes: 0 });
    for (let i = 0; i < 5; i++)
      writeFileSync(join(project, `s${i}.jsonl`), `${user(i, 'a')}\n${assistant(i + 1)}\n`);
    const result = await index();
    expect(result.workerFallback).toMatch(/a worker thread exited \(code 3\)/);
    expect(result.filesIndexed).toBe(5);
    expect(sessions.list().map((s) => s.messageCount)).toEqual([2, 2, 2, 2, 2]);
  });

  it('re-reads a file whose read failed, from where it was', async () => {
    const { project, index, sessions } = setup();
    const path = join(project, 'a.jsonl');
    writeFileSync(path, `${user(0, 'a')}\n`);
    await index();
    truncateSync(path, 0);
    appendFileSync(path, `${user(0, 'a')}\n${assistant(5)}\n`);
    const result = await index();
    expect(result.filesIndexed).toBe(1);
    expect(sessions.list()).toMatchObject([{ messageCount: 2, promptCount: 1 }]);
  });
});
