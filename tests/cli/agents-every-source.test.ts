import Database from 'better-sqlite3';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// Every agent source in one `tt sessions index`, each from where the agent writes its files
// (the real fixtures, copied under the override variables), and OpenCode's database taking new
// rows in its WAL while OpenCode still has it open: the next index must see them (issue 17).
const FIXTURES = join(__dirname, '..', 'fixtures');
const OPENCODE_SESSION = 'ses_f78f36bd6ffeTXo4UWv9dIETyI';

interface Listed {
  sessionId: string;
  agent: string;
  messageCount: number;
}

describe('tt sessions index over every agent source', () => {
  it('indexes Codex, Gemini CLI and OpenCode in one run, and sees rows still in OpenCode’s WAL', async () => {
    const root = tempDir();
    const geminiHome = join(root, 'gemini-home');
    cpSync(join(FIXTURES, 'gemini', 'current', 'tmp'), join(geminiHome, '.gemini', 'tmp'), {
      recursive: true,
    });
    const openCodeDir = join(root, 'xdg', 'opencode');
    mkdirSync(openCodeDir, { recursive: true });
    const openCodeDb = join(openCodeDir, 'opencode.db');
    copyFileSync(join(FIXTURES, 'opencode', 'data', 'opencode.db'), openCodeDb);
    // OpenCode keeps its database in WAL mode (a setting stored in the file).
    const setUp = new Database(openCodeDb);
    setUp.pragma('journal_mode = WAL');
    setUp.close();
    const env = {
      TT_DATA_DIR: join(root, 'data'),
      HOME: join(root, 'home'),
      CLAUDE_CONFIG_DIR: join(root, 'no-claude'),
      CODEX_HOME: join(FIXTURES, 'codex', 'codex-home'),
      GEMINI_CLI_HOME: geminiHome,
      XDG_DATA_HOME: join(root, 'xdg'),
      TZ: 'UTC',
    };
    const tt = async (args: string[]) => {
      const run = await runTt(args, { env });
      expect(run.exitCode, run.stderr).toBe(0);
      return run.stdout;
    };
    const listed = async () =>
      JSON.parse(await tt(['sessions', 'list', '--json', '--limit', '1000'])) as Listed[];
    const counter = new Database(openCodeDb, { readonly: true });
    const expectedOpenCode = (counter.prepare('SELECT count(*) AS n FROM session').get() as { n: number }).n;
    counter.close();

    const first = await tt(['sessions', 'index']);
    expect(first).toMatch(/Codex CLI: \d+ indexed/);
    expect(first).toMatch(/Gemini CLI: 1 indexed/);
    expect(first).toMatch(new RegExp(`OpenCode: 1 indexed`));
    const agents = new Map<string, number>();
    for (const session of await listed()) agents.set(session.agent, (agents.get(session.agent) ?? 0) + 1);
    expect(agents.get('opencode')).toBe(expectedOpenCode);
    expect(agents.get('gemini')).toBeGreaterThan(0);
    expect(agents.get('codex')).toBeGreaterThan(0);
    const before = (await listed()).find((s) => s.sessionId.endsWith(OPENCODE_SESSION))!;
    expect(before).toBeDefined();

    // OpenCode writes one more prompt while it holds the database open in WAL mode: the new
    // rows sit in opencode.db-wal, and opencode.db itself keeps its size.
    const open = new Database(openCodeDb);
    try {
      open.pragma('wal_autocheckpoint = 0');
      const later = 1_788_972_900_000;
      open
        .prepare(
          'INSERT INTO message (id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?)',
        )
        .run(
          'msg_tt_test_later_prompt',
          OPENCODE_SESSION,
          later,
          later,
          JSON.stringify({ role: 'user', time: { created: later }, agent: 'build' }),
        );
      open
        .prepare(
          'INSERT INTO part (id, message_id, session_id, time_created, time_updated, data) VALUES (?, ?, ?, ?, ?, ?)',
        )
        .run(
          'prt_tt_test_later_prompt',
          'msg_tt_test_later_prompt',
          OPENCODE_SESSION,
          later,
          later,
          JSON.stringify({ type: 'text', text: 'one more thing' }),
        );
      open.prepare('UPDATE session SET time_updated = ? WHERE id = ?').run(later, OPENCODE_SESSION);

      const second = await tt(['sessions', 'index']);
      expect(second).toMatch(/OpenCode: 1 indexed/);
      const after = (await listed()).find((s) => s.sessionId.endsWith(OPENCODE_SESSION))!;
      expect(after.messageCount).toBe(before.messageCount + 1);
    } finally {
      open.close();
    }
  });
});
