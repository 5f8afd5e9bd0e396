import {
  appendFileSync,
  copyFileSync,
  mkdirSync,
  readFileSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { SessionService } from '../../src/main/sessions/session-service';
import { CODEX_FIXTURE_HOME, codexExpected } from '../helpers/codex-fixtures';
import { partContext } from '../helpers/part-context';
import { tempDir } from '../helpers/temp';

// Codex CLI rollouts through the real indexer (worker threads, SQLite in a temp dir). Expected
// values come from tests/fixtures/codex/expected.json, derived with jq, not with tt's parser.
const WORKER = fileURLToPath(new URL('../../out/main/session-worker.js', import.meta.url));
const expected = codexExpected();
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

let service: TtService | null = null;
afterEach(() => {
  service?.close();
  service = null;
});

function open(codexHome: string, workerPath: string | null = WORKER): SessionService {
  // HOME is an empty folder: no Claude Code transcripts, only the Codex ones.
  const dataDir = tempDir();
  const env = { HOME: tempDir(), CODEX_HOME: codexHome };
  service = TtService.open({ dataDir, env });
  return new SessionService(partContext(dataDir, { env }), { workerPath, inProcessBelowBytes: 0 });
}

function agentRows(sessionId: string): { start: string; end: string }[] {
  const rows = service!.db
    .prepare(
      "SELECT start_ms, end_ms FROM session_time_spans WHERE session_id = ? AND kind = 'agent' ORDER BY start_ms",
    )
    .all(sessionId) as { start_ms: number; end_ms: number }[];
  return rows.map((r) => ({ start: iso(r.start_ms)!, end: iso(r.end_ms)! }));
}

describe('indexing real Codex CLI rollouts', () => {
  it('reads a rollout again when it was rewritten with its size and mtime kept: its ctime moved (issue 26, item 11)', async () => {
    const want = expected[1]!;
    const home = tempDir();
    const target = join(home, want.file.replace(/^codex-home\//, ''));
    mkdirSync(join(target, '..'), { recursive: true });
    const original = readFileSync(join(CODEX_FIXTURE_HOME, '..', want.file), 'utf8');
    writeFileSync(target, original);
    const sessions = open(home);
    await sessions.index();
    const before = statSync(target);
    // The same bytes but one: a cwd of the same length in session_meta (not the last 4 KiB).
    const moved = original.replace(
      want.cwd!,
      want.cwd!.replace(/.$/, (c) => (c === 'x' ? 'y' : 'x')),
    );
    expect(moved.length).toBe(original.length);
    await new Promise((resolve) => setTimeout(resolve, 20));
    writeFileSync(target, moved);
    utimesSync(target, before.atimeMs / 1000, before.mtimeMs / 1000);
    expect(Math.trunc(statSync(target).mtimeMs)).toBe(Math.trunc(before.mtimeMs));
    const again = await sessions.index();
    expect(again.otherSources?.find((s) => s.agent === 'codex')?.filesIndexed).toBe(1);
    const got = sessions.list().find((s) => s.sessionId === `codex:${want.id}`)!;
    expect(got.projectPath).not.toBe(want.cwd);
    expect(got.projectPath?.length).toBe(want.cwd!.length);
  });

  it('starts a session at its first prompt, not at session_meta written when Codex was launched 2 min 18 s earlier (issue 26, item 13)', async () => {
    const want = expected[1]!;
    const home = tempDir();
    const target = join(home, want.file.replace(/^codex-home\//, ''));
    mkdirSync(join(target, '..'), { recursive: true });
    const lines = readFileSync(join(CODEX_FIXTURE_HOME, '..', want.file), 'utf8').split('\n');
    // Launched, then left waiting 2 min 18 s before the first prompt: session_meta says so.
    const meta = JSON.parse(lines[0]!) as { timestamp: string };
    meta.timestamp = new Date(Date.parse(want.prompts[0]!.at) - 138_000).toISOString();
    writeFileSync(target, [JSON.stringify(meta), ...lines.slice(1)].join('\n'));
    const sessions = open(home);
    await sessions.index();
    const got = sessions.list().find((s) => s.sessionId === `codex:${want.id}`)!;
    // jq's start is the first user or agent record (the first prompt's task_started).
    expect(iso(got.startTime)).toBe(want.start);
    expect(Date.parse(want.start) - Date.parse(meta.timestamp)).toBeGreaterThanOrEqual(137_000);
    expect(iso(got.endTime)).toBe(want.end);
  });

  it('yields one session per rollout with the ids, cwd, times, counts, prompts and turns in the files', async () => {
    const sessions = open(CODEX_FIXTURE_HOME);
    const result = await sessions.index();

    expect(result.workerFallback).toBeNull();
    expect(result.filesSeen).toBe(expected.length);
    expect(result.filesIndexed).toBe(expected.length);
    expect(result.filesSkipped).toBe(0);
    expect(result.otherSources?.map((s) => [s.agent, s.filesIndexed])).toEqual([['codex', expected.length]]);

    const list = sessions.list();
    expect(list.map((s) => s.sessionId).sort()).toEqual(expected.map((e) => `codex:${e.id}`).sort());
    for (const want of expected) {
      const id = `codex:${want.id}`;
      const got = list.find((s) => s.sessionId === id)!;
      expect(got.agent).toBe('codex');
      expect(got.projectPath, id).toBe(want.cwd);
      expect(got.projectName, id).toBe(basename(want.cwd));
      expect(iso(got.startTime), id).toBe(want.start);
      expect(iso(got.endTime), id).toBe(want.end);
      expect(got.messageCount, id).toBe(want.messages);
      expect(got.isSubagent).toBe(false);
      expect(sessions.repository.gitBranch(id)).toBe(want.branch);
      expect(
        sessions.repository.promptTexts(id).map((p) => ({ at: iso(p.ts), text: p.text })),
        id,
      ).toEqual(want.prompts);
      expect(got.firstPrompt, id).toBe(want.prompts[0]?.text ?? null);
      expect(agentRows(id), id).toEqual(want.turns);
    }
  });

  it('reads a grown rollout from where it stopped, and does not open unchanged ones', async () => {
    const home = tempDir();
    const dir = join(home, 'sessions', '2026', '02', '23');
    mkdirSync(dir, { recursive: true });
    const want = expected.find((e) => e.turns.length > 5)!;
    const text = readFileSync(join(CODEX_FIXTURE_HOME, '..', want.file), 'utf8');
    const lines = text.split('\n');
    const half = Math.floor(lines.length / 2);
    const path = join(dir, basename(want.file));
    // The first half, and half of the next line (Codex still writing it).
    const head = `${lines.slice(0, half).join('\n')}\n`;
    const partial = lines[half]!.slice(0, 20);
    writeFileSync(path, head + partial);
    const sessions = open(home, null);

    const first = await sessions.index();
    expect(first.filesIndexed).toBe(1);
    expect(first.skippedReasons['half-written last line (read once complete)']).toBe(1);
    const id = `codex:${want.id}`;
    const early = sessions.list().find((s) => s.sessionId === id)!;
    expect(iso(early.endTime)).not.toBe(want.end);

    // The rest arrives. The first prompt's words are also changed in place (same length): a
    // read that resumes at its offset never sees that, a read from the start would.
    const firstText = want.prompts[0]!.text;
    const changed = firstText.replace(/[0-9a-f]/g, 'x');
    expect(head.includes(firstText) && changed !== firstText).toBe(true);
    writeFileSync(path, head.replace(firstText, changed) + partial);
    appendFileSync(path, text.slice(head.length + partial.length));
    const second = await sessions.index();
    expect(second.filesIndexed).toBe(1);
    const got = sessions.list().find((s) => s.sessionId === id)!;
    expect(iso(got.endTime)).toBe(want.end);
    expect(got.messageCount).toBe(want.messages);
    expect(sessions.repository.promptTexts(id).map((p) => ({ at: iso(p.ts), text: p.text }))).toEqual(
      want.prompts,
    );
    expect(agentRows(id)).toEqual(want.turns);

    const third = await sessions.index();
    expect([third.filesUnchanged, third.filesIndexed, third.bytesRead]).toEqual([1, 0, 0]);
  });

  it('reads a rollout rewritten in place again from the start', async () => {
    const home = tempDir();
    const dir = join(home, 'sessions', '2026', '02', '23');
    mkdirSync(dir, { recursive: true });
    const sizeOf = (e: (typeof expected)[number]) =>
      readFileSync(join(CODEX_FIXTURE_HOME, '..', e.file)).length;
    const [small, large] = [...expected].sort((a, b) => sizeOf(a) - sizeOf(b));
    const path = join(dir, 'rollout-rewritten.jsonl');
    copyFileSync(join(CODEX_FIXTURE_HOME, '..', small!.file), path);
    const sessions = open(home, null);
    await sessions.index();
    // Another rollout now in the same file, longer: not an append, though the file grew.
    copyFileSync(join(CODEX_FIXTURE_HOME, '..', large!.file), path);
    const result = await sessions.index();
    expect(result.skippedReasons['rewritten in place (read again from the start)']).toBe(1);
    const got = sessions.list().find((s) => s.sessionId === `codex:${large!.id}`)!;
    expect(got.messageCount).toBe(large!.messages);
    expect(agentRows(got.sessionId)).toEqual(large!.turns);
    // What the file held before stays indexed: tt keeps the history.
    expect(sessions.list().map((s) => s.sessionId)).toContain(`codex:${small!.id}`);
  });

  it('reads archived rollouts too', async () => {
    const home = tempDir();
    mkdirSync(join(home, 'archived_sessions'));
    const want = expected[0]!;
    copyFileSync(
      join(CODEX_FIXTURE_HOME, '..', want.file),
      join(home, 'archived_sessions', basename(want.file)),
    );
    const sessions = open(home, null);
    await sessions.index();
    expect(sessions.list().map((s) => s.sessionId)).toEqual([`codex:${want.id}`]);
  });

  it('skips bad lines and unknown formats with a counted reason, and keeps everything else', async () => {
    const home = tempDir();
    const dir = join(home, 'sessions', '2026', '03', '01');
    mkdirSync(dir, { recursive: true });
    const good = expected.find((e) => e.turns.length === 1 && e.messages > 2)!;
    const lines = readFileSync(join(CODEX_FIXTURE_HOME, '..', good.file), 'utf8')
      .trimEnd()
      .split('\n');
    const damaged = [
      lines[0],
      '{"timestamp":"2026-02-23T19:34:27.000Z","type":"event_msg","payload":{"type":"user_mess',
      '{"timestamp":"2026-02-23T19:34:27.000Z","type":"something_new","payload":{}}',
      ...lines.slice(1),
    ];
    writeFileSync(join(dir, 'rollout-damaged.jsonl'), `${damaged.join('\n')}\n`);
    // A rollout of the older format: the first line is the session itself, not session_meta.
    writeFileSync(
      join(dir, 'rollout-old.jsonl'),
      '{"id":"0a1b","timestamp":"2025-04-01T10:00:00.000Z","instructions":null}\n' +
        '{"type":"message","role":"user","content":[{"type":"input_text","text":"hi"}]}\n',
    );
    writeFileSync(join(dir, 'rollout-empty.jsonl'), '');
    const sessions = open(home, null);

    const result = await sessions.index();
    expect(result.skippedReasons).toMatchObject({
      'malformed line (not JSON)': 1,
      'unknown record type': 1,
      'unknown Codex rollout format (the first line is not session_meta)': 1,
      'no messages (nothing to show yet)': 1,
    });
    expect(result.filesIndexed).toBe(1);
    expect(result.filesSkipped).toBe(2);
    const got = sessions.list();
    expect(got.map((s) => s.sessionId)).toEqual([`codex:${good.id}`]);
    expect(got[0]!.messageCount).toBe(good.messages);
    expect(iso(got[0]!.endTime)).toBe(good.end);
  });

  it('reads no Codex session when the source is turned off in settings', async () => {
    const sessions = open(CODEX_FIXTURE_HOME, null);
    await service!.updateSettings({ disabledSources: ['codex'] });
    const settings = await service!.getSettings();
    expect(settings.sessionSources.find((s) => s.name === 'codex')).toMatchObject({
      label: 'Codex CLI',
      found: true,
      enabled: false,
      overrideVariable: 'CODEX_HOME',
      roots: [join(CODEX_FIXTURE_HOME, 'sessions'), join(CODEX_FIXTURE_HOME, 'archived_sessions')],
    });
    const result = await sessions.index();
    expect(result.filesSeen).toBe(0);
    expect(sessions.list()).toEqual([]);
  });
});
