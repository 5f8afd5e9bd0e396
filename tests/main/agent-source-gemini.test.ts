import { execa } from 'execa';
import { appendFileSync, cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { AgentSession } from '../../src/core/agents/agent-session';
import { geminiSource } from '../../src/main/sessions/sources/gemini';
import { tempDir } from '../helpers/temp';

// The Gemini CLI source read through its AgentSource on copies of tests/fixtures/gemini (a real
// chat file, and the JSONL log built from it; see the README there). Expected values come from
// the files themselves with jq, never from tt's parser.

const FIXTURES = fileURLToPath(new URL('../fixtures/gemini', import.meta.url));
const HASH = '2d33ff9193c39ffa4b8352af23f3b106d1ceaff756665e12408cb64657965d22';
const NAME = 'session-2025-10-21T20-04-0b23371a';
const DIRECTORY = '/Users/yoavfarhi/dev/pomodoro/gemini';

/** jq: a session's figures from a legacy-shaped object {sessionId, summary, messages}. */
const EXPECT = `
  def text: (.displayContent // .content)
    | if type == "string" then . elif type == "array"
      then map(if type == "string" then . else (.text // "") end) | join("") else "" end;
  def times: .timestamp, (.toolCalls[]?.timestamp), (.thoughts[]?.timestamp);
  .messages as $m
  | [range(0; $m | length) | select($m[.].type == "user")] as $u
  | { id: .sessionId,
      title: .summary,
      messageCount: ([$m[] | select(.type == "user" or .type == "gemini")] | length),
      start: ([$m[].timestamp] | min),
      end: ([$m[] | times] | max),
      prompts: [$m[] | select(.type == "user") | {at: .timestamp, text: (text | gsub("^\\\\s+|\\\\s+$"; ""))}],
      turns: [range(0; $u | length) as $i
        | (if $i + 1 < ($u | length) then $u[$i + 1] else ($m | length) end) as $to
        | [$m[$u[$i] + 1:$to][] | select(.type == "gemini" or .type == "error") | times] as $t
        | select($t | length > 0)
        | {start: $m[$u[$i]].timestamp, end: ($t | max)}] }`;

interface Expected {
  id: string;
  title: string | null;
  messageCount: number;
  start: string;
  end: string;
  prompts: { at: string; text: string }[];
  turns: { start: string; end: string }[];
}

async function jq(args: string[], input?: string): Promise<string> {
  return (await execa('jq', args, { input })).stdout;
}

async function expectedFromJson(file: string): Promise<Expected> {
  return JSON.parse(await jq([EXPECT, file])) as Expected;
}

async function expectedFromJsonl(file: string): Promise<Expected> {
  const legacyShaped = await jq([
    '-s',
    '{sessionId: .[0].sessionId, summary: .[0].summary, messages: [.[] | select(.id != null)]}',
    file,
  ]);
  return JSON.parse(await jq([EXPECT], legacyShaped)) as Expected;
}

function asIso(session: AgentSession) {
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    id: session.id,
    title: session.title,
    messageCount: session.messageCount,
    start: iso(session.start),
    end: iso(session.end),
    prompts: session.prompts.map((p) => ({ at: iso(p.at), text: p.text })),
    turns: session.turns.map((t) => ({ start: iso(t.start), end: iso(t.end) })),
  };
}

/** A copy of one fixture tree as a ~/.gemini, returning its tmp root. */
function copyTree(tree: 'legacy' | 'current'): { gemini: string; root: string } {
  const gemini = join(tempDir('tt-gemini-'), '.gemini');
  cpSync(join(FIXTURES, tree), gemini, { recursive: true });
  return { gemini, root: join(gemini, 'tmp') };
}

async function readAll(path: string, cursor: string | null = null) {
  return geminiSource.read(path, cursor);
}

describe('Gemini CLI source on real chat files', () => {
  it('reads the real JSON chat exactly, and finds its directory by hashing the registry', async () => {
    const { gemini, root } = copyTree('legacy');
    const file = join(root, HASH, 'chats', `${NAME}.json`);
    expect(await geminiSource.listFiles(root)).toEqual([file]);
    const expected = await expectedFromJson(file);
    expect(expected.messageCount).toBe(19);
    expect(expected.turns).toHaveLength(5);

    const alone = await readAll(file);
    expect(alone.result.skipped).toEqual([]);
    expect(alone.result.sessions).toHaveLength(1);
    const session = alone.result.sessions[0]!;
    expect(asIso(session)).toEqual(expected);
    expect(session).toMatchObject({ agent: 'gemini', parentId: null, cwd: null, gitBranch: null });

    // Newer Gemini CLI keeps a registry of project directories; an older hash folder is the
    // SHA-256 of one of them.
    writeFileSync(join(gemini, 'projects.json'), JSON.stringify({ projects: { [DIRECTORY]: 'gemini' } }));
    expect((await readAll(file)).result.sessions[0]!.cwd).toBe(DIRECTORY);
  });

  it('reads the JSONL log built from it the same, with the directory from .project_root', async () => {
    const { root } = copyTree('current');
    const file = join(root, 'gemini', 'chats', `${NAME}.jsonl`);
    expect(await geminiSource.listFiles(root)).toEqual([file]);
    const expected = await expectedFromJsonl(file);
    expect(expected).toEqual(
      await expectedFromJson(join(FIXTURES, 'legacy', 'tmp', HASH, 'chats', `${NAME}.json`)),
    );

    const { result, cursor } = await readAll(file);
    expect(result.skipped).toEqual([]);
    expect(result.sessions.map(asIso)).toEqual([expected]);
    expect(result.sessions[0]!.cwd).toBe(DIRECTORY);
    expect(cursor).not.toBeNull();
  });

  it('reads a growing log from where it stopped, waits for a half-written line, and returns the whole session', async () => {
    const { root } = copyTree('current');
    const file = join(root, 'gemini', 'chats', `${NAME}.jsonl`);
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const expected = await expectedFromJsonl(file);

    // The first four lines, a malformed one, and half of the fifth.
    writeFileSync(file, `${lines.slice(0, 4).join('\n')}\nnot json\n${lines[4]!.slice(0, 40)}`);
    const first = await readAll(file);
    expect(first.result.skipped).toEqual([{ reason: 'Gemini CLI: malformed JSON line', count: 1 }]);
    expect(first.result.sessions[0]!.messageCount).toBe(3);

    writeFileSync(
      file,
      `${lines.slice(0, 4).join('\n')}\nnot json\n${lines.join('\n').slice(lines.slice(0, 4).join('\n').length + 1)}\n`,
    );
    const second = await readAll(file, first.cursor);
    // The malformed line was before the offset: not read (nor counted) again.
    expect(second.result.skipped).toEqual([]);
    expect(second.result.sessions.map(asIso)).toEqual([expected]);
  });

  it('reads a rewritten log again from the start', async () => {
    const { root } = copyTree('current');
    const file = join(root, 'gemini', 'chats', `${NAME}.jsonl`);
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter((l) => l !== '');
    const first = await readAll(file);
    // Gemini CLI rewrites a log it could not read: fewer bytes now.
    writeFileSync(file, `${lines.slice(0, 3).join('\n')}\n`);
    const again = await readAll(file, first.cursor);
    expect(again.result.sessions[0]!.messageCount).toBe(2);

    // As long as before, but other bytes just before where the last read stopped.
    writeFileSync(file, `${lines.join('\n')}\n`);
    const whole = await readAll(file, again.cursor);
    expect(whole.result.sessions[0]!.messageCount).toBe(19);
    const last = lines.length - 2;
    const edited = lines.map((l, i) => (i === last ? l.replace('"type":"gemini"', '"type":"error" ') : l));
    expect(edited[last]).not.toBe(lines[last]);
    writeFileSync(file, `${edited.join('\n')}\n`);
    const reread = await readAll(file, whole.cursor);
    expect(reread.result.sessions[0]!.messageCount).toBe(18);
  });

  it('skips a truncated JSON chat with a counted reason and keeps the other files', async () => {
    const { root } = copyTree('legacy');
    const file = join(root, HASH, 'chats', `${NAME}.json`);
    const text = readFileSync(file, 'utf8');
    const truncated = join(root, HASH, 'chats', 'session-2025-10-21T20-09-deadbeef.json');
    writeFileSync(truncated, text.slice(0, Math.floor(text.length / 2)));
    const unknown = join(root, HASH, 'chats', 'session-2025-10-21T20-10-feedface.json');
    writeFileSync(unknown, JSON.stringify({ version: 9, turns: [] }));

    expect(await geminiSource.listFiles(root)).toEqual([file, truncated, unknown]);
    const bad = await readAll(truncated);
    expect(bad.result).toEqual({
      sessions: [],
      skipped: [{ reason: 'Gemini CLI: truncated or malformed JSON session file', count: 1 }],
    });
    expect((await readAll(unknown)).result.skipped).toEqual([
      { reason: 'Gemini CLI: JSON file in an unknown format (no sessionId)', count: 1 },
    ]);
    expect((await readAll(file)).result.sessions).toHaveLength(1);
  });

  it('skips a FIFO named like a chat file without opening it', async () => {
    const { root } = copyTree('current');
    const fifo = join(root, 'gemini', 'chats', 'session-2026-01-01T00-00-fifo0000.jsonl');
    await execa('mkfifo', [fifo]);
    expect((await readAll(fifo)).result).toEqual({
      sessions: [],
      skipped: [
        { reason: 'Gemini CLI: chat file not a regular file (a FIFO; skipped, never waited on)', count: 1 },
      ],
    });
  });

  it('lists only the .jsonl when Gemini CLI left the .json it moved from beside it', async () => {
    const { root } = copyTree('current');
    const chats = join(root, 'gemini', 'chats');
    cpSync(join(FIXTURES, 'legacy', 'tmp', HASH, 'chats', `${NAME}.json`), join(chats, `${NAME}.json`));
    expect(await geminiSource.listFiles(root)).toEqual([join(chats, `${NAME}.jsonl`)]);
  });
});

describe('Gemini CLI records without a real sample (written from chatRecordingService.ts)', () => {
  const at = (s: number) => `2026-07-01T10:00:${String(s).padStart(2, '0')}.000Z`;
  const ms = (s: number) => Date.parse(at(s));

  it('applies rewinds, rewritten messages and checkpoints; counts unknown records; keeps the rest', async () => {
    const { root } = copyTree('current');
    const file = join(root, 'gemini', 'chats', 'session-2026-07-01T10-00-abcdef12.jsonl');
    const records = [
      { sessionId: 'abcdef12-0000', projectHash: 'h', startTime: at(0), lastUpdated: at(0), kind: 'main' },
      {
        id: 'ctx',
        timestamp: at(0),
        type: 'user',
        content: [{ text: '<session_context>\nThis is the Gemini CLI.' }],
      },
      { id: 'u1', timestamp: at(1), type: 'user', content: [{ text: 'first question' }] },
      { id: 'a1', timestamp: at(2), type: 'gemini', content: 'wrong answer' },
      { $rewindTo: 'a1' },
      { id: 'a2', timestamp: at(5), type: 'gemini', content: '' },
      // The same message written again once its tool call ran.
      { id: 'a2', timestamp: at(5), type: 'gemini', content: '', toolCalls: [{ id: 't', timestamp: at(9) }] },
      {
        id: 'u2',
        timestamp: at(20),
        type: 'user',
        content: 'next',
        displayContent: [{ text: '  second, as typed ' }],
      },
      { id: 'x', timestamp: at(21), type: 'telemetry' },
      { $unknown: true },
      {
        id: 'a3',
        timestamp: at(30),
        type: 'gemini',
        content: 'done',
        thoughts: [{ subject: 's', timestamp: at(25) }],
      },
      { $set: { summary: 'Answer two questions' } },
    ];
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);

    const { result } = await readAll(file);
    expect(result.skipped).toEqual([
      { reason: 'Gemini CLI: message of an unknown type', count: 1 },
      { reason: 'Gemini CLI: record of an unknown kind', count: 1 },
    ]);
    expect(result.sessions).toEqual([
      {
        agent: 'gemini',
        id: 'abcdef12-0000',
        parentId: null,
        cwd: DIRECTORY,
        gitBranch: null,
        start: ms(0),
        end: ms(30),
        messageCount: 5,
        title: 'Answer two questions',
        prompts: [
          { at: ms(1), text: 'first question' },
          { at: ms(20), text: 'second, as typed' },
        ],
        turns: [
          { start: ms(1), end: ms(9) },
          { start: ms(20), end: ms(30) },
        ],
      },
    ]);

    // A checkpoint replaces every message.
    appendFileSync(
      file,
      `${JSON.stringify({ $set: { messages: [{ id: 'u9', timestamp: at(40), type: 'user', content: 'only' }] } })}\n`,
    );
    const after = (await readAll(file)).result.sessions[0]!;
    expect(after.messageCount).toBe(1);
    expect(after.turns).toEqual([]);
  });

  it("reads a subagent's chat: its parent from the folder, no prompts of the person, its turns", async () => {
    const { root } = copyTree('current');
    const folder = join(root, 'gemini', 'chats', 'parent-session-1');
    mkdirSync(folder);
    const file = join(folder, 'sub-1.jsonl');
    const records = [
      { sessionId: 'sub-1', projectHash: 'h', startTime: at(0), lastUpdated: at(0), kind: 'subagent' },
      { id: 'task', timestamp: at(1), type: 'user', content: [{ text: 'Investigate the codebase' }] },
      { id: 'g', timestamp: at(3), type: 'gemini', content: 'found it' },
    ];
    writeFileSync(file, `${records.map((r) => JSON.stringify(r)).join('\n')}\n`);
    expect(await geminiSource.listFiles(root)).toContain(file);
    const session = (await readAll(file)).result.sessions[0]!;
    expect(session).toMatchObject({
      id: 'sub-1',
      parentId: 'parent-session-1',
      prompts: [],
      messageCount: 2,
    });
    expect(session.turns).toEqual([{ start: ms(1), end: ms(3) }]);
  });

  it('finds its files under GEMINI_CLI_HOME when it is set', () => {
    expect(geminiSource.defaultRoots({}, '/home/me')).toEqual(['/home/me/.gemini/tmp']);
    expect(geminiSource.defaultRoots({ GEMINI_CLI_HOME: '/srv/g' }, '/home/me')).toEqual([
      '/srv/g/.gemini/tmp',
    ]);
  });
});
