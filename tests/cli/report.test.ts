import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { TtService } from '../../src/main/service';
import { runTt } from '../helpers/cli';
import { tempDir } from '../helpers/temp';
import { seedStream, seedWorkedExample } from '../helpers/time-seed';

// Local-time behaviour is the point of these tests: every run pins the zone.
const TZ = 'Europe/Berlin';
const MIN = 60_000;
const HOUR_MS = 60 * MIN;
// 14:00 UTC is 15:00 in Berlin in November.
const BASE = Date.UTC(2026, 10, 24, 14, 0);

function seededDataDir(seed: (service: TtService) => void = (s) => seedWorkedExample(s.db, BASE)): string {
  const dataDir = tempDir();
  const service = TtService.open({ dataDir, env: {} });
  seed(service);
  service.close();
  return dataDir;
}

async function report(dataDir: string, args: string[]) {
  const result = await runTt(['report', ...args], { env: { TT_DATA_DIR: dataDir, TZ } });
  return result;
}

async function reportJson(dataDir: string, args: string[]) {
  const result = await report(dataDir, [...args, '--json']);
  expect(result.stderr).toBe('');
  expect(result.exitCode).toBe(0);
  return JSON.parse(result.stdout);
}

/** Wall-clock parts of an instant in Berlin. */
function berlin(iso: string): { weekday: string; time: string } {
  const date = new Date(iso);
  return {
    weekday: date.toLocaleDateString('en-GB', { timeZone: TZ, weekday: 'long' }),
    time: date.toLocaleTimeString('en-GB', { timeZone: TZ, hour: '2-digit', minute: '2-digit' }),
  };
}

describe('tt report', () => {
  it('gives the same totals as the service’s timeline for the same range', async () => {
    const dataDir = seededDataDir();
    const json = await reportJson(dataDir, ['--from', '2026-11-24T15:00', '--to', '2026-11-24T16:00']);
    expect(json.start).toBe(new Date(BASE).toISOString());
    expect(json.end).toBe(new Date(BASE + HOUR_MS).toISOString());

    const service = TtService.open({ dataDir: join(dataDir), env: {} });
    const timeline = await service.timeline({ start: BASE, end: BASE + HOUR_MS });
    service.close();
    expect(json.total.directMs).toBe(timeline.totals.directMs);
    expect(json.total.delegatedMs).toBe(timeline.totals.delegatedMs);
    const fromReport = Object.fromEntries(
      json.rows.map((r: { key: string; directMs: number; delegatedMs: number }) => [
        r.key,
        [r.directMs, r.delegatedMs],
      ]),
    );
    const fromTimeline = Object.fromEntries(
      timeline.lanes.map((l) => [l.streamId ?? '', [l.directMs, l.delegatedMs]]),
    );
    expect(fromReport).toEqual(fromTimeline);
    // and those totals are the worked example's
    expect(json.total.directMs).toBe(45 * MIN);
    expect(json.total.delegatedMs).toBe(180 * MIN);
  });

  it('prints direct, delegated, ratio, sessions and share of attention per stream, and a total line', async () => {
    const dataDir = seededDataDir();
    const result = await report(dataDir, ['--day', '2026-11-24']);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split('\n').map((line) => line.split(/\s{2,}/));
    expect(result.stdout).toContain('Tuesday 24 November 2026 (Europe/Berlin)');
    expect(lines).toContainEqual([
      'stream',
      'direct',
      'delegated',
      'waiting',
      'ratio',
      'sessions',
      'attention',
    ]);
    expect(lines).toContainEqual(['Alpha API', '20m', '1h 00m', '0m', '3.0×', '1', '44%']);
    expect(lines).toContainEqual(['Alpha docs', '15m', '1h 00m', '0m', '4.0×', '1', '33%']);
    expect(lines).toContainEqual(['Beta', '10m', '1h 00m', '0m', '6.0×', '1', '22%']);
    expect(lines).toContainEqual(['Total', '45m', '3h 00m', '0m', '4.0×', '3', '100%']);
  });

  it('rolls streams up by project', async () => {
    const dataDir = seededDataDir();
    const json = await reportJson(dataDir, ['--day', '2026-11-24', '--by', 'project']);
    expect(json.by).toBe('project');
    expect(json.rows.map((r: { name: string; directMs: number }) => [r.name, r.directMs / MIN])).toEqual([
      ['alpha', 35],
      ['beta', 10],
    ]);
  });

  it('writes CSV with proper quoting for names with commas, quotes and line breaks', async () => {
    const dataDir = seededDataDir((service) => {
      seedWorkedExample(service.db, BASE);
      service.db.prepare('UPDATE streams SET name = ? WHERE id = ?').run('Alpha, "the" API', 'A');
      service.db.prepare('UPDATE streams SET name = ? WHERE id = ?').run('docs\nand more', 'B');
    });
    const result = await report(dataDir, ['--day', '2026-11-24', '--csv']);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toBe(
      [
        'stream,name,direct_minutes,delegated_minutes,waiting_minutes,delegation_ratio,sessions,attention_share,project',
        'A,"Alpha, ""the"" API",20,60,0,3,1,0.4444,alpha',
        'B,"docs\nand more",15,60,0,4,1,0.3333,alpha',
        'C,Beta,10,60,0,6,1,0.2222,beta',
        'total,Total,45,180,0,4,3,1,', // execa strips the final CRLF
      ].join('\r\n'),
    );
  });

  it('keeps a spreadsheet from running a name as a formula in --csv', async () => {
    const dataDir = seededDataDir((service) => {
      seedWorkedExample(service.db, BASE);
      service.db.prepare('UPDATE streams SET name = ? WHERE id = ?').run('=HYPERLINK("http://x","go")', 'A');
      service.db.prepare('UPDATE streams SET name = ? WHERE id = ?').run('@SUM(1)', 'B');
      service.db.prepare('UPDATE streams SET name = ? WHERE id = ?').run('+1', 'C');
    });
    const result = await report(dataDir, ['--day', '2026-11-24', '--csv']);
    expect(result.exitCode).toBe(0);
    const names = result.stdout.split('\r\n').slice(1, 4);
    expect(names).toEqual([
      `A,"'=HYPERLINK(""http://x"",""go"")",20,60,0,3,1,0.4444,alpha`,
      "B,'@SUM(1),15,60,0,4,1,0.3333,alpha",
      "C,'+1,10,60,0,6,1,0.2222,beta",
    ]);
  });

  it('reads --day and --week in local time, including a week with a daylight-saving change', async () => {
    const dataDir = seededDataDir(() => {});
    const day = await reportJson(dataDir, ['--day', '2026-11-24']);
    expect([day.start, day.end]).toEqual(['2026-11-23T23:00:00.000Z', '2026-11-24T23:00:00.000Z']);
    // clocks go forward on Sunday 29 March 2026: that day has 23 hours, its week 167
    const dstDay = await reportJson(dataDir, ['--day', '2026-03-29']);
    expect([dstDay.start, dstDay.end]).toEqual(['2026-03-28T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    const dstWeek = await reportJson(dataDir, ['--week', '2026-03-25']);
    expect([dstWeek.start, dstWeek.end]).toEqual(['2026-03-22T23:00:00.000Z', '2026-03-29T22:00:00.000Z']);
    expect(dstWeek.timeZone).toBe(TZ);
  });

  it('covers this week by default, Monday to Monday, and --last-week the one before', async () => {
    const dataDir = seededDataDir(() => {});
    const before = Date.now();
    const week = await reportJson(dataDir, []);
    const lastWeek = await reportJson(dataDir, ['--last-week']);
    expect(berlin(week.start)).toEqual({ weekday: 'Monday', time: '00:00' });
    expect(berlin(week.end)).toEqual({ weekday: 'Monday', time: '00:00' });
    expect(Date.parse(week.start)).toBeLessThanOrEqual(before);
    expect(Date.parse(week.end)).toBeGreaterThan(before);
    expect([167, 168, 169]).toContain((Date.parse(week.end) - Date.parse(week.start)) / HOUR_MS);
    expect(lastWeek.end).toBe(week.start);
    expect(berlin(lastWeek.start)).toEqual({ weekday: 'Monday', time: '00:00' });
  });

  it('reports activity with no stream as unassigned', async () => {
    const dataDir = seededDataDir((service) => {
      seedStream(service.db, { id: 'A' });
      service.db
        .prepare("INSERT INTO events (id, ts, type, imported_at) VALUES ('e1', ?, 'pane-focus', 0)")
        .run(BASE);
    });
    const json = await reportJson(dataDir, ['--day', '2026-11-24']);
    expect(json.rows).toEqual([
      expect.objectContaining({ key: '', name: 'Unassigned', directMs: 5 * MIN, attentionShare: 1 }),
    ]);
  });

  it('explains conflicting or malformed options and exits 2', async () => {
    const dataDir = tempDir();
    const both = await report(dataDir, ['--day', '--last-week']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toContain('choose one of --day, --last-week');
    const bad = await report(dataDir, ['--from', 'yesterday-ish']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--from "yesterday-ish" is not a time');
    const backwards = await report(dataDir, ['--from', '2026-11-24', '--to', '2026-11-23']);
    expect(backwards.exitCode).toBe(2);
    expect(backwards.stderr).toContain('--to must be after --from');
    const by = await report(dataDir, ['--by', 'team']);
    expect(by.exitCode).toBe(2);
    expect(by.stderr).toContain('--by must be one of "stream", "project", "agent", "machine"');
  });
});
