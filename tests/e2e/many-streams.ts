// A heavy user's week, built through the real paths: one Claude Code transcript per session in
// a projects root (one project folder per stream), then `tt sessions index` and `tt infer`.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runTt } from '../helpers/cli';
import { TEST_TZ } from './harness';

const MIN = 60_000;
/** Monday 9 February 2026. */
export const BUSY_WEEK_START = Date.UTC(2026, 1, 9);

/** Project names as people make them: several share a long beginning and differ at the end. */
export function projectName(i: number): string {
  if (i % 4 === 0)
    return `write-weekly-status-report-for-team-${['billing', 'search', 'growth', 'infra'][(i / 4) % 4]}-${i}`;
  return `project-${String(i).padStart(3, '0')}`;
}

function transcript(sessionId: string, cwd: string, start: number, prompts: number): string {
  const lines: string[] = [];
  let t = start;
  for (let p = 0; p < prompts; p++) {
    const base = { sessionId, cwd, isSidechain: false, userType: 'external', version: '2.1.38' };
    lines.push(
      JSON.stringify({
        ...base,
        type: 'user',
        uuid: `${sessionId}-u${p}`,
        timestamp: new Date(t).toISOString(),
        message: { role: 'user', content: `Step ${p + 1} of the work in ${cwd}` },
      }),
    );
    t += 4 * MIN;
    lines.push(
      JSON.stringify({
        ...base,
        type: 'assistant',
        uuid: `${sessionId}-a${p}`,
        timestamp: new Date(t).toISOString(),
        message: { role: 'assistant', content: [{ type: 'text', text: 'Done.' }] },
      }),
    );
    t += 2 * MIN;
  }
  return `${lines.join('\n')}\n`;
}

/** The project of the marathon session (see buildBusyWeek): a long name, as people make them. */
export const MARATHON_PROJECT = 'long-haul-migration-of-the-billing-warehouse';

/**
 * `streams` projects, each with two sessions on two days of the week (the earlier projects
 * busier, so attention orders them), indexed and inferred by project into `dataDir`. With
 * `marathonHours`, one more session prompts every four minutes for that many hours from
 * Tuesday 06:00: days with double-digit hours of direct and delegated time, the widest figures.
 */
export async function buildBusyWeek(
  root: string,
  dataDir: string,
  streams: number,
  options: { marathonHours?: number } = {},
): Promise<void> {
  const projects = join(root, 'projects');
  if (options.marathonHours) {
    const cwd = `/home/user/work/${MARATHON_PROJECT}`;
    const folder = join(projects, cwd.replace(/[^a-zA-Z0-9]/g, '-'));
    mkdirSync(folder, { recursive: true });
    const id = '00000000-0000-4000-9000-000000000001';
    const start = BUSY_WEEK_START + 1440 * MIN + 6 * 60 * MIN;
    writeFileSync(join(folder, `${id}.jsonl`), transcript(id, cwd, start, (options.marathonHours * 60) / 6));
  }
  for (let i = 0; i < streams; i++) {
    const cwd = `/home/user/work/${projectName(i)}`;
    const folder = join(projects, cwd.replace(/[^a-zA-Z0-9]/g, '-'));
    mkdirSync(folder, { recursive: true });
    for (let k = 0; k < 2; k++) {
      const day = (i + k * 3) % 7;
      const start = BUSY_WEEK_START + day * 1440 * MIN + (8 * 60 + ((i * 7) % 600)) * MIN;
      const id = `00000000-0000-4000-8000-${String(i * 10 + k).padStart(12, '0')}`;
      writeFileSync(
        join(folder, `${id}.jsonl`),
        transcript(id, cwd, start, Math.max(1, 6 - Math.floor(i / 20))),
      );
    }
  }
  const tt = (args: string[]) => runTt(['--data-dir', dataDir, ...args], { env: { TZ: TEST_TZ } });
  for (const args of [
    ['sessions', 'index', '--root', projects, '--json'],
    ['infer', '--start', '2026-02-01T00:00:00Z', '--end', '2026-03-01T00:00:00Z', '--json'],
  ]) {
    const result = await tt(args);
    if (result.exitCode !== 0) throw new Error(`tt ${args.join(' ')}: ${result.stderr}`);
  }
}
