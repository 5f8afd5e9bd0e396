// Gemini CLI and OpenCode sources (issue 17): the cost of a first read, of a read with nothing
// new, and of a read after one new message, through each source's `read` on synthetic data of
// the real shapes: an opencode.db of 1,000 sessions (50 messages each, a 2 KiB tool output per
// answer) in WAL mode, and one Gemini CLI JSONL chat of 20,000 messages.
import BetterSqlite3 from 'better-sqlite3';
import {
  appendFileSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { geminiSource } from '../../src/main/sessions/sources/gemini';
import { openCodeSource } from '../../src/main/sessions/sources/opencode';

const SCHEMA = fileURLToPath(new URL('../../tests/fixtures/opencode/schema.sql', import.meta.url));
const T0 = Date.UTC(2026, 5, 1);

async function timed<T>(label: string, fn: () => Promise<T>): Promise<T> {
  const start = process.hrtime.bigint();
  const result = await fn();
  console.log(`- ${label}: ${(Number(process.hrtime.bigint() - start) / 1e6).toFixed(0)} ms`);
  return result;
}

function openCodeDb(path: string, sessions: number, perSession: number): void {
  const db = new BetterSqlite3(path);
  db.exec(readFileSync(SCHEMA, 'utf8'));
  db.pragma('journal_mode = WAL');
  db.prepare("INSERT INTO project VALUES ('p', '/w', NULL, NULL, NULL, NULL, 0, 0, NULL, '[]')").run();
  const output = 'x'.repeat(2048);
  const session = db.prepare(
    'INSERT INTO session (id, project_id, slug, directory, title, version, time_created, time_updated) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  );
  const message = db.prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)');
  const part = db.prepare('INSERT INTO part VALUES (?, ?, ?, ?, ?, ?)');
  db.transaction(() => {
    for (let s = 0; s < sessions; s++) {
      const base = T0 + s * 100_000;
      session.run(
        `ses_${s}`,
        'p',
        's',
        `/w/p${s % 20}`,
        `Session ${s}`,
        '1.0',
        base,
        base + perSession * 1000,
      );
      for (let m = 0; m < perSession; m++) {
        const at = base + m * 1000;
        const user = m % 5 === 0;
        const data = user
          ? { role: 'user', time: { created: at } }
          : { role: 'assistant', time: { created: at, completed: at + 900 } };
        message.run(`msg_${s}_${m}`, `ses_${s}`, at, at + 900, JSON.stringify(data));
        const content = user
          ? { type: 'text', text: `please do step ${m}` }
          : { type: 'tool', tool: 'bash', state: { output } };
        part.run(`prt_${s}_${m}`, `msg_${s}_${m}`, `ses_${s}`, at, at, JSON.stringify(content));
      }
    }
  })();
  db.close();
}

function geminiChat(path: string, messages: number): void {
  const lines = [
    JSON.stringify({ sessionId: 'bench-0001', projectHash: 'h', startTime: new Date(T0).toISOString() }),
  ];
  for (let i = 0; i < messages; i++) {
    const timestamp = new Date(T0 + i * 1000).toISOString();
    lines.push(
      JSON.stringify(
        i % 4 === 0
          ? { id: `m${i}`, timestamp, type: 'user', content: [{ text: `prompt ${i} `.repeat(20) }] }
          : {
              id: `m${i}`,
              timestamp,
              type: 'gemini',
              content: 'x'.repeat(2000),
              toolCalls: [{ id: 't', timestamp, result: 'y'.repeat(4000) }],
            },
      ),
      JSON.stringify({ $set: { lastUpdated: timestamp } }),
    );
  }
  writeFileSync(path, `${lines.join('\n')}\n`);
}

export async function run(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'tt-bench-agents-'));
  try {
    const db = join(dir, 'opencode', 'opencode.db');
    mkdirSync(join(dir, 'opencode'));
    openCodeDb(db, 1000, 50);
    console.log(
      `opencode.db: 1,000 sessions, 50,000 messages, 50,000 parts, ${(statSync(db).size / (1 << 20)).toFixed(0)} MB (WAL)`,
    );
    const first = await timed('first read', () => openCodeSource.read(db, null));
    const unchanged = await timed('nothing new, read by cursor', () => openCodeSource.read(db, first.cursor));
    const writer = new BetterSqlite3(db);
    writer
      .prepare('INSERT INTO message VALUES (?, ?, ?, ?, ?)')
      .run(
        'msg_new',
        'ses_7',
        T0 + 10 ** 9,
        T0 + 10 ** 9,
        JSON.stringify({ role: 'user', time: { created: T0 + 10 ** 9 } }),
      );
    writer.close();
    const one = await timed('one new message, read by cursor', () =>
      openCodeSource.read(db, unchanged.cursor),
    );
    console.log(
      `  (sessions returned: ${first.result.sessions.length}, ${unchanged.result.sessions.length}, ${one.result.sessions.length})`,
    );

    const chats = join(dir, 'gemini', 'tmp', 'p', 'chats');
    mkdirSync(chats, { recursive: true });
    const chat = join(chats, 'session-2026-06-01T00-00-bench000.jsonl');
    geminiChat(chat, 20_000);
    console.log(`Gemini CLI JSONL chat: 20,000 messages, ${(statSync(chat).size / (1 << 20)).toFixed(0)} MB`);
    const g1 = await timed('first read', () => geminiSource.read(chat, null));
    appendFileSync(
      chat,
      `${JSON.stringify({ id: 'last', timestamp: new Date(T0 + 10 ** 9).toISOString(), type: 'gemini', content: 'done' })}\n`,
    );
    await timed('one appended message, read by cursor', () => geminiSource.read(chat, g1.cursor));
    console.log(`  (cursor carried: ${(g1.cursor!.length / (1 << 20)).toFixed(1)} MB)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
