import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// One day, one project, two agents: a Claude Code session in the morning and a Codex CLI
// session after it, both as files where the agents write them, indexed, inferred and reported
// through the real `tt` (issue 17). The same project makes one stream; --by agent splits it.
const MIN = 60_000;
const CWD = '/nonexistent/work/alpha';
const CLAUDE_ID = '5b2c9e1a-0d3f-4a7e-9c21-3f4e5d6a7b8c';
const CODEX_ID = '019c8bfe-ec25-79e0-97d7-000000000001';
const claudeStart = Date.UTC(2026, 10, 24, 9, 0);
const codexStart = Date.UTC(2026, 10, 24, 11, 0);
const iso = (ms: number) => new Date(ms).toISOString();

/** A prompt at `start`, then the agent's records every minute for `minutes` (no turn_duration). */
function writeClaude(projects: string): void {
  const folder = join(projects, CWD.replace(/[^a-zA-Z0-9]/g, '-'));
  mkdirSync(folder, { recursive: true });
  const base = { sessionId: CLAUDE_ID, cwd: CWD, gitBranch: 'main' };
  const lines = [
    {
      ...base,
      type: 'user',
      uuid: 'u0',
      timestamp: iso(claudeStart),
      message: { role: 'user', content: 'fix the parser' },
    },
  ];
  for (let i = 1; i <= 20; i++) {
    lines.push({
      ...base,
      type: 'assistant',
      uuid: `a${i}`,
      timestamp: iso(claudeStart + i * MIN),
      message: { role: 'assistant', content: [{ type: 'text', text: `step ${i}` }] } as never,
    });
  }
  writeFileSync(join(folder, `${CLAUDE_ID}.jsonl`), `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`);
}

/** A Codex rollout: one turn from task_started to task_complete 30 minutes later. */
function writeCodex(codexHome: string): void {
  const folder = join(codexHome, 'sessions', '2026', '11', '24');
  mkdirSync(folder, { recursive: true });
  const line = (at: number, type: string, payload: object) =>
    JSON.stringify({ timestamp: iso(at), type, payload });
  const lines = [
    line(codexStart, 'session_meta', {
      id: CODEX_ID,
      cwd: CWD,
      git: { branch: 'main' },
      cli_version: '0.104.0',
    }),
    line(codexStart, 'event_msg', { type: 'task_started', turn_id: 't1' }),
    line(codexStart, 'event_msg', { type: 'user_message', message: 'add the tests' }),
  ];
  for (let i = 1; i < 30; i++) {
    lines.push(
      line(codexStart + i * MIN, 'response_item', { type: 'function_call', name: 'shell', arguments: '{}' }),
    );
  }
  lines.push(line(codexStart + 30 * MIN, 'event_msg', { type: 'agent_message', message: 'done' }));
  lines.push(line(codexStart + 30 * MIN, 'event_msg', { type: 'task_complete', turn_id: 't1' }));
  writeFileSync(join(folder, `rollout-2026-11-24T11-00-00-${CODEX_ID}.jsonl`), `${lines.join('\n')}\n`);
}

describe('a day with a Claude Code session and a Codex CLI session in one project', () => {
  it('shows both, in one stream, and tt report --by agent splits their time', async () => {
    const root = tempDir();
    const claudeDir = join(root, 'claude');
    const codexHome = join(root, 'codex');
    writeClaude(join(claudeDir, 'projects'));
    writeCodex(codexHome);
    const env = {
      TT_DATA_DIR: join(root, 'data'),
      HOME: join(root, 'home'),
      CLAUDE_CONFIG_DIR: claudeDir,
      CODEX_HOME: codexHome,
      TZ: 'UTC',
    };
    const tt = async (args: string[]) => {
      const run = await runTt(args, { env });
      expect(run.exitCode, run.stderr).toBe(0);
      return run.stdout;
    };

    const indexed = await tt(['sessions', 'index']);
    expect(indexed).toMatch(/^2 indexed/);
    expect(indexed).toContain('Codex CLI: 1 indexed');
    const listed = JSON.parse(await tt(['sessions', 'list', '--json'])) as {
      sessionId: string;
      agent: string;
    }[];
    expect(listed.map((s) => [s.agent, s.sessionId])).toEqual([
      ['claude-code', CLAUDE_ID],
      ['codex', `codex:${CODEX_ID}`],
    ]);
    const table = await tt(['sessions', 'list']);
    expect(table).toMatch(/Claude Code/);
    expect(table).toMatch(/Codex CLI/);

    await tt(['infer', '--since', '2026-11-24T00:00', '--until', '2026-11-25T00:00']);
    const day = ['--day', '2026-11-24', '--json'];
    const byStream = JSON.parse(await tt(['report', '--by', 'stream', ...day]));
    expect(byStream.rows.map((r: { name: string; sessions: number }) => [r.name, r.sessions])).toEqual([
      ['alpha', 2],
    ]);

    const byAgent = JSON.parse(await tt(['report', '--by', 'agent', ...day]));
    expect(byAgent.by).toBe('agent');
    const rows = Object.fromEntries(
      byAgent.rows.map(
        (r: { key: string; name: string; delegatedMs: number; directMs: number; sessions: number }) => [
          r.key,
          { name: r.name, delegated: r.delegatedMs / MIN, sessions: r.sessions, direct: r.directMs > 0 },
        ],
      ),
    );
    expect(rows).toEqual({
      'claude-code': { name: 'Claude Code', delegated: 20, sessions: 1, direct: true },
      codex: { name: 'Codex CLI', delegated: 30, sessions: 1, direct: true },
    });
    // The split adds up to the stream's time: the same activity, grouped another way.
    expect(byAgent.total.delegatedMs).toBe(byStream.total.delegatedMs);
    expect(byAgent.total.directMs).toBe(byStream.total.directMs);

    const shown = await tt(['sessions', 'show', `codex:${CODEX_ID}`]);
    expect(shown).toContain('agent      Codex CLI');
    expect(shown).toContain('add the tests');
  });
});
