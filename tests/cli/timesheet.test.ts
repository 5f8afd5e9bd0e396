import { describe, expect, it } from 'vitest';
import { writeTranscript } from '../helpers/transcripts';
import {
  MINUTE,
  addFocus,
  addSession,
  indexAndInfer,
  iso,
  makeMachine,
  reportSeen,
  type Machine,
} from '../helpers/sync-machines';

// `tt timesheet` cut from the same allocation as `tt report`: a project's rows add up to the
// report's figure for it, to the minute, whatever the measure; options and bad input.

const DAY = 24 * 60 * MINUTE;
const MONDAY = Date.UTC(2026, 9, 5, 8, 0); // 5 October 2026, 08:00 UTC
const RANGE = { start: Date.UTC(2026, 9, 1), end: Date.UTC(2026, 10, 1) };
const PROJECTS = ['/work/shop', '/work/blog', '/work/docs'];
const AWS_KEY = 'AKIAIOSFODNN7EXAMPLE';

/** Three projects over ten days of October, with focus events, indexed and inferred for real. */
async function seededMonth(): Promise<Machine> {
  const machine = makeMachine('sheet', 0);
  let n = 0;
  for (let day = 0; day < 10; day++) {
    PROJECTS.forEach((cwd, p) => {
      if ((day + p) % 3 === 2) return; // not every project every day
      const start = MONDAY + day * DAY + p * 95 * MINUTE + (day % 4) * 7 * MINUTE;
      const id = `${String(n++).padStart(8, '0')}-1111-4222-8333-444455556666`;
      addSession(machine, id, cwd, start, 6 + ((day * 3 + p) % 5));
      addFocus(
        machine,
        cwd,
        [1, 3, 9, 14].map((m) => start + m * MINUTE + 20_000),
      );
    });
  }
  // A session titled with a secret: the timesheet's description must not carry it.
  writeTranscript(machine.claudeRoot, {
    sessionId: 'ffffffff-1111-4222-8333-444455556666',
    cwd: '/work/shop',
    messages: [
      { at: MONDAY + 12 * DAY, branch: 'main', prompt: `deploy with key ${AWS_KEY} to staging` },
      { at: MONDAY + 12 * DAY + 4 * MINUTE, branch: 'main', prompt: 'and check it' },
    ],
  });
  await indexAndInfer(machine, RANGE);
  return machine;
}

type Row = { date: string; project: string; ms: number; hours: number; description: string };
type Sheet = {
  rows: Row[];
  projects: { project: string; hours: number; ms: number; amount: number | null }[];
};

/** `tt timesheet` over October, as printed. */
function timesheetOut(machine: Machine, args: string[]) {
  return machine.ok(['timesheet', '--since', iso(RANGE.start), '--until', iso(RANGE.end), ...args]);
}

async function sheet(machine: Machine, args: string[] = []): Promise<Sheet> {
  const out = await timesheetOut(machine, ['--format', 'json', ...args]);
  return JSON.parse(out.stdout) as Sheet;
}

async function reportByProject(machine: Machine) {
  return (await reportSeen(machine, RANGE, 'project')) as {
    rows: { key: string; name: string; directMs: number; delegatedMs: number }[];
  };
}

function sumBy(rows: readonly Row[], pick: (row: Row) => number): Map<string, number> {
  const sums = new Map<string, number>();
  for (const row of rows) sums.set(row.project, (sums.get(row.project) ?? 0) + pick(row));
  return sums;
}

describe('tt timesheet', { timeout: 300_000 }, () => {
  it('adds up to tt report --by project to the minute, per measure, with descriptions redacted', async () => {
    const machine = await seededMonth();
    const report = await reportByProject(machine);
    const direct = await sheet(machine);
    expect(new Set(direct.rows.map((r) => r.project))).toEqual(new Set(['shop', 'blog', 'docs']));
    // one row per day and project: ten days, two of three projects a day, plus the secret day
    expect(direct.rows.length).toBeGreaterThanOrEqual(20);
    const hours = sumBy(direct.rows, (r) => r.hours);
    const ms = sumBy(direct.rows, (r) => r.ms);
    for (const row of report.rows.filter((r) => r.directMs > 0)) {
      expect(ms.get(row.name), row.name).toBe(row.directMs);
      expect(Math.abs(hours.get(row.name)! * 60 - row.directMs / MINUTE), row.name).toBeLessThan(1);
    }
    const delegated = await sheet(machine, ['--measure', 'delegated']);
    const delegatedMs = sumBy(delegated.rows, (r) => r.ms);
    for (const row of report.rows.filter((r) => r.delegatedMs > 0)) {
      expect(delegatedMs.get(row.name), row.name).toBe(row.delegatedMs);
    }
    // active: you or an agent, never less than either
    const active = sumBy((await sheet(machine, ['--measure', 'active'])).rows, (r) => r.ms);
    for (const row of report.rows) {
      expect(active.get(row.name) ?? 0).toBeGreaterThanOrEqual(Math.max(row.directMs, row.delegatedMs) - 0);
    }

    const secretDay = direct.rows.find((r) => r.date === '2026-10-17');
    expect(secretDay?.description).toContain('[redacted:');
    const csv = await timesheetOut(machine, ['--format', 'csv']);
    expect(csv.stdout).not.toContain(AWS_KEY);
    expect(csv.stdout.split('\r\n')[0]).toBe('date,project,hours,description');
    expect(csv.stderr).toContain('redacted');
  });

  it('rounds rows up when asked, filters projects by glob, and prices them with rates', async () => {
    const machine = await seededMonth();
    const exact = await sheet(machine);
    const rounded = await sheet(machine, ['--round', '15m']);
    expect(rounded.rows.length).toBe(exact.rows.length);
    rounded.rows.forEach((row, i) => {
      expect((row.hours * 4) % 1).toBe(0);
      expect(row.hours * 60).toBeGreaterThanOrEqual(exact.rows[i]!.ms / MINUTE);
    });
    const table = await timesheetOut(machine, ['--round', '15m']);
    expect(table.stdout).toContain('rounded up to 15 minutes');

    const onlyShop = await sheet(machine, ['--project', 'sh*']);
    expect(new Set(onlyShop.rows.map((r) => r.project))).toEqual(new Set(['shop']));
    const two = await sheet(machine, ['--project', 'shop', '--project', 'docs']);
    expect(new Set(two.rows.map((r) => r.project))).toEqual(new Set(['shop', 'docs']));

    await machine.ok(['settings', 'set', 'rate.shop', '120']);
    const priced = await sheet(machine, ['--by', 'stream']);
    const shopTotal = priced.projects.find((p) => p.project === 'shop')!;
    expect(shopTotal.amount).toBeCloseTo(shopTotal.hours * 120, 2);
    expect(priced.projects.find((p) => p.project === 'blog')!.amount).toBeNull();
    const csv = await timesheetOut(machine, ['--format', 'csv', '--by', 'stream']);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toBe('date,project,stream,hours,description,rate,amount');
    expect(lines.at(-1)).toMatch(/^Total,,,[\d.]+,.*,,[\d.]+$/);
    const md = await timesheetOut(machine, ['--format', 'md']);
    expect(md.stdout).toContain('| date | project | hours | description | rate | amount |');
  });

  it('refuses bad input with exit 2 and writes nothing', async () => {
    const machine = await seededMonth();
    const refused = async (args: string[], words: RegExp) => {
      const result = await machine.tt(args);
      expect(result.exitCode, `tt ${args.join(' ')}: ${result.stderr}`).toBe(2);
      expect(result.stderr).toMatch(words);
      expect(result.stdout).toBe('');
    };
    await refused(['timesheet', '--since', '2020-01-01', '--until', '2026-10-01'], /two years/);
    await refused(
      ['timesheet', '--since', iso(RANGE.start), '--until', iso(RANGE.end), '--project', 'nope'],
      /no project "nope"/,
    );
    await refused(['timesheet', '--since', '2026-10-10', '--until', '2026-10-01'], /after/);
    await refused(['timesheet', '--round', '7m'], /--round/);
    await refused(['timesheet', '--measure', 'wall'], /--measure/);
    await refused(['settings', 'set', 'rate.shop', 'lots'], /not a number/);
    const settings = JSON.parse((await machine.ok(['settings', '--json'])).stdout) as { rates: object };
    expect(settings.rates).toEqual({});
  });

  it('exports one row per session as well as per stream, with the project in both', async () => {
    const machine = await seededMonth();
    const range = ['--since', iso(RANGE.start), '--until', iso(RANGE.end)];
    const perSession = (await machine.ok(['report', '--sessions', '--csv', ...range])).stdout
      .trim()
      .split('\r\n');
    expect(perSession[0]).toBe(
      'session_id,agent,project,branch,stream,start,end,direct_minutes,delegated_minutes,waiting_minutes,title',
    );
    // every top-level session of the month: 21 of the seeded month, and the one with a secret
    expect(perSession.length - 1).toBeGreaterThanOrEqual(20);
    expect(
      perSession.slice(1).every((line) => /^[0-9a-f-]{36},claude-code,(shop|blog|docs),main,/.test(line)),
    ).toBe(true);
    const rows = JSON.parse((await machine.ok(['report', '--sessions', '--json', ...range])).stdout) as {
      project: string;
      directMs: number;
      delegatedMs: number;
    }[];
    const report = await reportByProject(machine);
    for (const project of ['shop', 'blog', 'docs']) {
      const mine = rows.filter((r) => r.project === project);
      const reported = report.rows.find((r) => r.name === project)!;
      // a session's direct time is its share of its stream's: together never more than the stream's
      expect(mine.reduce((n, r) => n + r.directMs, 0)).toBeLessThanOrEqual(reported.directMs);
      expect(mine.reduce((n, r) => n + r.delegatedMs, 0)).toBe(reported.delegatedMs);
    }
    const perStream = (await machine.ok(['report', '--csv', ...range])).stdout.split('\r\n');
    expect(perStream[0]!.endsWith(',attention_share,project')).toBe(true);
    expect(perStream.filter((line) => /,(shop|blog|docs)$/.test(line))).toHaveLength(3);
  });
});
