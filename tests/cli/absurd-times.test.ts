import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { end, header, sessionLine } from '../helpers/sync-attacks';
import { describe, expect, it } from 'vitest';
import { spoolPath } from '../../src/main/events/spool';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';

// Issue 26, item 5: one rule for every agent and every imported row. A time before 2000 or
// after 2199 is ignored; the record still counts.
const ABSURD = '+275760-09-13T00:00:00.000Z';
const T0 = Date.parse('2026-02-10T08:00:00Z');
const MIN = 60_000;
const iso = (ms: number) => new Date(ms).toISOString();

interface Listed {
  sessionId: string;
  startTime: string;
  endTime: string;
  messageCount: number;
}

describe('absurd times (item 5)', { timeout: 120_000 }, () => {
  it('a Codex record stamped +275760 counts as a message; its time is ignored, so the session and the report stay in 2026', async () => {
    const home = tempDir();
    const day = join(home, '.codex', 'sessions', '2026', '02', '10');
    mkdirSync(day, { recursive: true });
    writeFileSync(
      join(day, 'rollout-2026-02-10T08-00-00-absurd.jsonl'),
      [
        { timestamp: iso(T0), type: 'session_meta', payload: { id: 'absurd-1', cwd: '/work/app' } },
        { timestamp: iso(T0 + MIN), type: 'event_msg', payload: { type: 'task_started' } },
        { timestamp: iso(T0 + MIN), type: 'event_msg', payload: { type: 'user_message', message: 'go' } },
        { timestamp: ABSURD, type: 'event_msg', payload: { type: 'agent_message', message: 'done?' } },
        {
          timestamp: iso(T0 + 10 * MIN),
          type: 'event_msg',
          payload: { type: 'agent_message', message: 'done' },
        },
        { timestamp: iso(T0 + 10 * MIN), type: 'event_msg', payload: { type: 'task_complete' } },
      ]
        .map((r) => `${JSON.stringify(r)}\n`)
        .join(''),
    );
    const dataDir = tempDir();
    // A focus event with the same date, through the spool the tmux hook writes.
    writeFileSync(
      spoolPath(dataDir, Date.now()),
      `${JSON.stringify({ type: 'pane-focus', ts: Date.parse(ABSURD), pane: '%1', cwd: '/work/app' })}\n` +
        `${JSON.stringify({ type: 'pane-focus', ts: T0 + 2 * MIN, pane: '%1', cwd: '/work/app' })}\n`,
    );
    const env = { HOME: home, TT_DATA_DIR: dataDir, TZ: 'UTC' };
    const index = await runTt(['sessions', 'index', '--json'], { env });
    expect(index.exitCode, index.stderr).toBe(0);
    expect(JSON.parse(index.stdout).skippedReasons).toMatchObject({
      'timestamp before 2000 or after 2199 (its time ignored)': 1,
    });
    const [session] = JSON.parse((await runTt(['sessions', 'list', '--json'], { env })).stdout) as Listed[];
    expect(session).toMatchObject({
      sessionId: 'codex:absurd-1',
      startTime: iso(T0 + MIN),
      endTime: iso(T0 + 10 * MIN),
      messageCount: 3,
    });
    const events = await runTt(['events', '--json', '--since', '2000-01-01'], { env });
    expect(events.exitCode, events.stderr).toBe(0);
    expect(JSON.parse(events.stdout)).toHaveLength(1);
    expect(events.stdout + events.stderr).toMatch(/timestamp before 2000 or after 2199/);

    const report = await runTt(['report', '--since', '2026-02-10', '--until', '2026-02-11'], { env });
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).not.toMatch(/\d{1,3},\d{3},\d{3}/);
  });

  // A row another machine's segment carries is refused whole with its reason (sync's rule for
  // rows from outside: issue 25, item 8); the rest of the segment goes through.
  it("another machine's segment with a session ending in +275760 is refused with its reason; the report stays sane", async () => {
    const folder = tempDir();
    const machine = '0b0b0b0b-1111-4222-8333-444455556666';
    const dir = join(folder, 'tt', machine);
    mkdirSync(dir, { recursive: true });
    const absurd = Date.parse(ABSURD);
    const lines = [
      header(machine, 1),
      sessionLine('c0000000-1111-4222-8333-444455556661', T0, {
        end: absurd,
        prompts: [
          [T0, 'hello'],
          [absurd, 'later'],
        ],
        spans: [['agent', T0, 1, T0, absurd]],
      }),
      end(1),
    ];
    writeFileSync(join(dir, 'seg-00000001.jsonl'), `${lines.join('\n')}\n`);
    const env = { HOME: tempDir(), TT_DATA_DIR: tempDir(), TZ: 'UTC' };
    const sync = await runTt(['sync', '--folder', folder], { env });
    expect(sync.exitCode, sync.stderr).toBe(0);
    expect(sync.stderr).toContain('invalid session: a time outside 2000–2199');
    const sessions = JSON.parse((await runTt(['sessions', 'list', '--json'], { env })).stdout) as Listed[];
    expect(sessions).toEqual([]);
    const report = await runTt(
      ['report', '--since', '2026-02-10', '--until', '2026-02-11', '--by', 'machine'],
      { env },
    );
    expect(report.exitCode, report.stderr).toBe(0);
    expect(report.stdout).not.toMatch(/\d{1,3},\d{3},\d{3}/);
  });
});
