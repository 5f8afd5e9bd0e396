import { appendFileSync, cpSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { runTt } from '../helpers/cli';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

// Delegated time on the real transcripts agrees with what Claude Code itself measured: the
// turn_duration records, read here with plain JSON.parse, independently of tt's parser.

const WORKTREES = ['gqc', '4te', 'dov'];
const WEEK = ['--from', '2026-02-09T00:00:00Z', '--to', '2026-02-16T00:00:00Z'];

interface Line {
  type?: string;
  subtype?: string;
  durationMs?: number;
  timestamp?: string;
  message?: { content?: unknown };
}

function linesOf(worktree: string, root = CLAUDE_FIXTURE_ROOT): Line[] {
  const dir = join(root, `-home-USER-projects-spotter-worktrees-spotter-${worktree}`);
  return readdirSync(dir)
    .filter((name) => name.endsWith('.jsonl'))
    .flatMap((name) =>
      readFileSync(join(dir, name), 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '')
        .map((line) => JSON.parse(line) as Line),
    );
}

/** Σ durationMs of the session's turn_duration records. */
function measuredMs(lines: Line[]): number {
  return lines
    .filter((l) => l.type === 'system' && l.subtype === 'turn_duration')
    .reduce((sum, l) => sum + l.durationMs!, 0);
}

/**
 * Turns the person interrupted (Esc) get no turn_duration record, yet the agent worked in
 * them: from the person's prompt to the interruption.
 */
function interruptedMs(lines: Line[]): number {
  let promptAt: number | null = null;
  let total = 0;
  for (const line of lines) {
    if (line.type !== 'user' || !line.timestamp) continue;
    const content = line.message?.content;
    const text =
      typeof content === 'string'
        ? content
        : Array.isArray(content)
          ? ((content as { type?: string; text?: string }[]).find((b) => b.type === 'text')?.text ?? null)
          : null;
    if (text === null) continue;
    const ts = Date.parse(line.timestamp);
    if (text.startsWith('[Request interrupted by user') && promptAt !== null) {
      total += ts - promptAt;
      promptAt = null;
    } else if (!text.startsWith('<') && !text.startsWith('[')) promptAt = ts;
  }
  return total;
}

describe('delegated time on the real transcripts', () => {
  it('agrees with the turn_duration records within 5 %, in tt report --json and on the timeline', async () => {
    const dataDir = tempDir();
    const env = { TT_DATA_DIR: dataDir };
    const index = await runTt(['sessions', 'index', '--root', CLAUDE_FIXTURE_ROOT], { env });
    expect(index.exitCode, index.stderr).toBe(0);
    const infer = await runTt(['infer', '--start', '2026-02-01', '--end', '2026-02-20'], { env });
    expect(infer.exitCode, infer.stderr).toBe(0);
    const report = await runTt(['report', ...WEEK, '--json'], { env });
    expect(report.exitCode, report.stderr).toBe(0);
    const rows = (
      JSON.parse(report.stdout) as { rows: { name: string; delegatedMs: number; waitingMs: number }[] }
    ).rows;

    const service = TtService.open({ dataDir, env: {}, now: () => Date.UTC(2026, 1, 20) });
    const timeline = await service.timeline({
      start: Date.UTC(2026, 1, 9),
      end: Date.UTC(2026, 1, 16),
    });
    service.close();

    for (const worktree of WORKTREES) {
      const lines = linesOf(worktree);
      const measured = measuredMs(lines);
      const expected = measured + interruptedMs(lines);
      const row = rows.find((r) => r.name === `spotter · ${worktree}`);
      const lane = timeline.lanes.find((l) => l.name === `spotter · ${worktree}`);
      expect(row, worktree).toBeDefined();
      expect(lane?.delegatedMs).toBe(row!.delegatedMs);
      expect(Math.abs(row!.delegatedMs - expected) / expected, worktree).toBeLessThanOrEqual(0.05);
      // Waiting is its own figure: never part of delegated time.
      expect(row!.waitingMs, worktree).toBeGreaterThanOrEqual(0);
    }
    // gqc: the one interrupted turn is the difference; without it, the records alone agree.
    expect(interruptedMs(linesOf('gqc'))).toBeGreaterThan(10 * 60_000);
    expect(interruptedMs(linesOf('4te')) + interruptedMs(linesOf('dov'))).toBe(0);
    // dov: the 19 minutes an AskUserQuestion waited for an answer are waiting, not work.
    const dov = rows.find((r) => r.name === 'spotter · dov')!;
    expect(dov.waitingMs).toBeGreaterThan(18 * 60_000);
  });

  it('re-reads transcripts indexed by a tt without turns once, says so, and then resumes as before', async () => {
    const dataDir = tempDir();
    const env = { TT_DATA_DIR: dataDir };
    const index = () => runTt(['sessions', 'index', '--root', CLAUDE_FIXTURE_ROOT], { env });
    expect((await index()).exitCode).toBe(0);
    await runTt(['infer', '--start', '2026-02-01', '--end', '2026-02-20'], { env });
    const before = await runTt(['report', ...WEEK, '--json'], { env });

    // The database as the version before turns left it: schema 5, every file indexed.
    const db = new BetterSqlite3(join(dataDir, 'tt.db'));
    const promptsBefore = db.prepare('SELECT session_id, ts, text FROM session_prompts ORDER BY 1, 2').all();
    expect((promptsBefore as { text: string | null }[]).filter((p) => p.text === null)).toEqual([]);
    // Migration 011's machines and sync go first: its triggers sit on the tables below.
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").pluck().all();
    for (const trigger of triggers as string[]) db.exec(`DROP TRIGGER ${trigger}`);
    db.exec(`
      DROP TABLE machines; DROP TABLE sync_session_changes; DROP TABLE person_ops;
      DROP TABLE person_registers; DROP TABLE sync_segments; DROP TABLE sync_export_state;
      DROP TABLE sync_conflicts; DROP TABLE manual_entries;
      DROP INDEX idx_events_machine; ALTER TABLE events DROP COLUMN machine_id;
      ALTER TABLE sessions DROP COLUMN machine_id; ALTER TABLE sessions DROP COLUMN origin_version;
      ALTER TABLE sessions DROP COLUMN origin_identity; ALTER TABLE edit_log DROP COLUMN machine_id;
      ALTER TABLE session_streams DROP COLUMN reason; ALTER TABLE event_streams DROP COLUMN reason;
      ALTER TABLE edit_log DROP COLUMN kind;`);
    db.exec(`
      DROP TABLE session_time_spans; ALTER TABLE events DROP COLUMN detail;
      DROP TABLE stream_proposals; ALTER TABLE events DROP COLUMN git_branch;
      ALTER TABLE sessions DROP COLUMN git_branch; ALTER TABLE sessions DROP COLUMN git_branch_share;
      ALTER TABLE edit_log DROP COLUMN redo; ALTER TABLE session_prompts DROP COLUMN text;
      DROP INDEX idx_indexed_files_agent; ALTER TABLE indexed_files DROP COLUMN agent;
      ALTER TABLE sessions DROP COLUMN agent; ALTER TABLE indexed_files DROP COLUMN ctime_ms;
      PRAGMA user_version = 5;`);
    db.close();

    const rerun = await index();
    expect(rerun.exitCode, rerun.stderr).toBe(0);
    expect(rerun.stdout).toContain('12 indexed, 0 unchanged');
    expect(rerun.stdout).toMatch(/12 × re-read from the start to count agent turns/);
    const after = await runTt(['report', ...WEEK, '--json'], { env });
    expect(JSON.parse(after.stdout).rows).toEqual(JSON.parse(before.stdout).rows);
    // The prompts come back with their words, each once (migration 009's re-read replaces them).
    const reopened = new BetterSqlite3(join(dataDir, 'tt.db'), { readonly: true });
    expect(reopened.prepare('SELECT session_id, ts, text FROM session_prompts ORDER BY 1, 2').all()).toEqual(
      promptsBefore,
    );
    // Sessions from before migration 010 were all Claude Code's: they say so.
    expect(reopened.prepare('SELECT DISTINCT agent FROM sessions').pluck().all()).toEqual(['claude-code']);
    reopened.close();
    // …and only once: the next run reads nothing again.
    expect((await index()).stdout).toContain('0 indexed, 12 unchanged');
  });

  it('resumes a grown transcript from where it stopped, with a turn still open there', async () => {
    const name = '4d5611e5-241a-462a-8d15-5122611a9569.jsonl';
    const folder = '-home-USER-projects-spotter-worktrees-spotter-dov';
    const whole = readFileSync(join(CLAUDE_FIXTURE_ROOT, folder, name), 'utf8');
    const lines = whole.split('\n');
    // Cut inside the 25-minute turn, before its AskUserQuestion is answered.
    const cut = lines.findIndex((line) => line.includes('"AskUserQuestion"'));
    expect(cut).toBeGreaterThan(0);
    const head = `${lines.slice(0, cut + 1).join('\n')}\n`;

    const grownRoot = tempDir();
    mkdirSync(join(grownRoot, folder));
    const grownFile = join(grownRoot, folder, name);
    writeFileSync(grownFile, head);
    const grown = { TT_DATA_DIR: tempDir() };
    expect((await runTt(['sessions', 'index', '--root', grownRoot], { env: grown })).exitCode).toBe(0);
    appendFileSync(grownFile, whole.slice(head.length));
    const resumed = await runTt(['sessions', 'index', '--root', grownRoot, '--json'], { env: grown });
    expect(resumed.exitCode, resumed.stderr).toBe(0);
    // Only what was appended was read.
    expect(JSON.parse(resumed.stdout).bytesRead).toBe(Buffer.byteLength(whole) - Buffer.byteLength(head));

    const freshRoot = tempDir();
    mkdirSync(join(freshRoot, folder));
    writeFileSync(join(freshRoot, folder, name), whole);
    const fresh = { TT_DATA_DIR: tempDir() };
    expect((await runTt(['sessions', 'index', '--root', freshRoot], { env: fresh })).exitCode).toBe(0);

    const reportOf = async (env: Record<string, string>) =>
      (JSON.parse((await runTt(['report', ...WEEK, '--json'], { env })).stdout) as { total: object }).total;
    const total = await reportOf(grown);
    expect(total).toEqual(await reportOf(fresh));
    expect(total).toMatchObject({ delegatedMs: expect.any(Number), waitingMs: expect.any(Number) });
    expect((total as { waitingMs: number }).waitingMs).toBeGreaterThan(18 * 60_000);
  });

  it("counts a subagent's wait for the person's permission as waiting, not work (issue 26, item 12)", async () => {
    // The real 4te session, with its subagent kept waiting 20 minutes on a permission prompt
    // before its first tool result: every record of the session and the subagent from then on
    // comes 20 minutes later, and Claude Code's turn_duration (which leaves the wait out) is as
    // it was. Delegated time must still be what the turn_duration records say.
    const folder = '-home-USER-projects-spotter-worktrees-spotter-4te';
    const root = tempDir();
    cpSync(join(CLAUDE_FIXTURE_ROOT, folder), join(root, folder), { recursive: true });
    const subagent = join(
      root,
      folder,
      'ae4a77f8-aedd-4bc1-888f-c94edc91af04',
      'subagents',
      'agent-aac57f5.jsonl',
    );
    const firstResult = (
      readFileSync(subagent, 'utf8')
        .split('\n')
        .map((l) => (l ? JSON.parse(l) : null)) as (
        | (Line & {
            message?: { content?: { type?: string }[] };
          })
        | null
      )[]
    ).find(
      (l) =>
        l?.type === 'user' &&
        Array.isArray(l.message?.content) &&
        l.message.content.some((b) => b.type === 'tool_result'),
    )!;
    const cut = Date.parse(firstResult.timestamp!);
    const WAIT = 20 * 60_000;
    for (const file of [join(root, folder, 'ae4a77f8-aedd-4bc1-888f-c94edc91af04.jsonl'), subagent]) {
      const shifted = readFileSync(file, 'utf8')
        .split('\n')
        .map((line) => {
          if (line.trim() === '') return line;
          const record = JSON.parse(line) as { timestamp?: string };
          if (record.timestamp && Date.parse(record.timestamp) >= cut) {
            record.timestamp = new Date(Date.parse(record.timestamp) + WAIT).toISOString();
          }
          return JSON.stringify(record);
        });
      writeFileSync(file, shifted.join('\n'));
    }
    const env = { TT_DATA_DIR: tempDir() };
    expect((await runTt(['sessions', 'index', '--root', root], { env })).exitCode).toBe(0);
    expect((await runTt(['infer', '--start', '2026-02-01', '--end', '2026-02-20'], { env })).exitCode).toBe(
      0,
    );
    const report = await runTt(['report', ...WEEK, '--json'], { env });
    const row = (
      JSON.parse(report.stdout) as { rows: { name: string; delegatedMs: number; waitingMs: number }[] }
    ).rows.find((r) => r.name === 'spotter · 4te')!;
    const lines = linesOf('4te', root);
    const expected = measuredMs(lines) + interruptedMs(lines);
    expect(Math.abs(row.delegatedMs - expected) / expected).toBeLessThanOrEqual(0.05);
    // The 20 minutes are waiting.
    expect(row.waitingMs).toBeGreaterThanOrEqual(WAIT);
  });
});
