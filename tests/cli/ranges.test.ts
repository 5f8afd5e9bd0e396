// One way to name a range on every command (--since/--until), the older spellings still
// accepted, and no range so long that tt would work through it for minutes.
import { writeFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { spoolPath } from '../../src/main/events/spool';
import { spoolLine } from '../../src/main/events/spool-writer';
import { runTt } from '../helpers/cli';
import { CLAUDE_FIXTURE_ROOT } from '../helpers/fixtures';
import { tempDir } from '../helpers/temp';

const FROM = '2026-02-11T00:00Z';
const TO = '2026-02-13T00:00Z';
const SPELLINGS = [
  ['--since', '--until'],
  ['--from', '--to'], // report's, before
  ['--start', '--end'], // infer's, before
] as const;

let dataDir = '';
const tt = (...args: string[]) => runTt(['--data-dir', dataDir, ...args]);

beforeAll(async () => {
  dataDir = tempDir();
  // The real transcripts (February 2026), and focus events through the spool, as the hook writes them.
  expect((await tt('sessions', 'index', '--root', CLAUDE_FIXTURE_ROOT)).exitCode).toBe(0);
  const focus = (iso: string, pane: string) =>
    spoolLine({ type: 'pane-focus', pane, cwd: '/work/app', session: 's', window: 0 }, Date.parse(iso));
  writeFileSync(
    spoolPath(dataDir, Date.now()),
    [focus('2026-02-10T12:00Z', '%1'), focus('2026-02-12T12:00Z', '%2'), focus('2026-02-14T12:00Z', '%3')]
      .map((line) => `${line}\n`)
      .join(''),
  );
}, 120_000);

describe('ranges', () => {
  it('every command takes --since/--until, and the older spellings mean the same', async () => {
    const outputs = async (command: string[], strip: (json: unknown) => unknown = (json) => json) => {
      const results = [];
      for (const [since, until] of SPELLINGS) {
        const result = await tt(...command, since, FROM, until, TO, '--json');
        expect(result.exitCode, `${command.join(' ')} ${since}`).toBe(0);
        results.push(strip(JSON.parse(result.stdout)));
      }
      expect(results[1]).toEqual(results[0]);
      expect(results[2]).toEqual(results[0]);
      return results[0];
    };
    const sessions = (await outputs(['sessions', 'list'])) as unknown[];
    expect(sessions.length).toBeGreaterThan(0);
    const events = (await outputs(['events'])) as { paneId: string }[];
    expect(events.map((e) => e.paneId)).toEqual(['%2']);
    const report = (await outputs(['report'])) as { start: string; end: string };
    expect([report.start, report.end]).toEqual(['2026-02-11T00:00:00.000Z', '2026-02-13T00:00:00.000Z']);
    const inferred = (await outputs(['infer', '--dry-run'], (json) => ({
      ...(json as object),
      durationMs: 0,
    }))) as { sessionsAssigned: number };
    expect(inferred.sessionsAssigned).toBeGreaterThan(0);
  });

  it('refuses two spellings of one end, and names the spelling typed when a time is wrong', async () => {
    const both = await tt('events', '--since', '2d', '--from', '3d');
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('--since and --from say the same thing; give one of them');
    const bad = await tt('infer', '--start', 'yesterday-ish');
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--start "yesterday-ish" is not a time');
  });

  it('documents the rule once in tt --help, and lists only --since/--until on each command', async () => {
    const help = await tt('--help');
    expect(help.stdout).toContain('Ranges: every command that takes one says --since TIME and --until TIME');
    for (const command of [['events'], ['sessions', 'list'], ['infer'], ['report']]) {
      const usage = (await tt(...command, '--help')).stdout;
      expect(usage).toContain('--since <time>');
      expect(usage).toContain('--until <time>');
      expect(usage).not.toMatch(/--(from|to|start|end) </);
    }
  });

  it('refuses a range of centuries at once, with exit 2 and the reason, instead of working through it', async () => {
    for (const args of [
      ['infer', '--llm', '--dry-run', '--start', '0001-01-01', '--end', '9999-12-31'],
      ['infer', '--dry-run', '--since', '0026-02-01'], // a mistyped year, until now
      ['report', '--from', '0001-01-01', '--to', '9999-12-31'],
      ['report', '--since', '2020-01-01', '--until', '2026-01-01'],
    ]) {
      const result = await tt(...args);
      expect(result.exitCode, args.join(' ')).toBe(2);
      expect(result.stderr).toMatch(/spans \d+ years; tt works through at most two years at a time/);
    }
    expect((await tt('report', '--since', '2025-02-01', '--until', '2026-02-01', '--json')).exitCode).toBe(0);
  });

  it('answers a range that starts in the future: empty, or exit 2 saying why, never a crash (issue 26, item 6)', async () => {
    const future = new Date(Date.now() + 400 * 86_400_000).toISOString().slice(0, 10);
    const later = new Date(Date.now() + 402 * 86_400_000).toISOString().slice(0, 10);
    for (const command of [['report'], ['report', '--json'], ['infer'], ['infer', '--llm', '--dry-run']]) {
      const result = await tt(...command, '--since', future);
      expect(result.exitCode, `${command.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toContain(`--since ${future} is in the future and the range ends now`);
      expect(result.stderr).not.toContain('unexpected');
    }
    // With an end after it, an empty future range is an empty answer.
    const report = await tt('report', '--since', future, '--until', later, '--json');
    expect(report.exitCode, report.stderr).toBe(0);
    expect(JSON.parse(report.stdout)).toMatchObject({ rows: [] });
    for (const command of [['events'], ['sessions', 'list']]) {
      const result = await tt(...command, '--since', future, '--json');
      expect(result.exitCode, result.stderr).toBe(0);
      expect(JSON.parse(result.stdout)).toEqual([]);
    }
  });
});
