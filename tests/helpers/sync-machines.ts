// Several "machines" on one computer, for the sync tests: each is a data dir with its own
// Claude Code transcripts and focus spool, driven through the real `tt` CLI, with its clock
// shifted by TT_CLOCK_OFFSET_MS (the way machines' clocks disagree).
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { runTt, type CliResult } from './cli';
import { tempDir } from './temp';
import { writeTranscript, type TranscriptMessage } from './transcripts';
import { seededRandom, testSeed } from './seeded-random';

export const MINUTE = 60_000;

export interface Machine {
  label: string;
  dataDir: string;
  claudeRoot: string;
  tt: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
  /** runs tt and expects exit 0 */
  ok: (args: string[], env?: Record<string, string>) => Promise<CliResult>;
}

export function makeMachine(
  label: string,
  clockOffsetMs: number,
  extraEnv: Record<string, string> = {},
): Machine {
  const home = tempDir(`tt-sync-${label}-`);
  const dataDir = join(home, 'data');
  const claudeRoot = join(home, 'claude', 'projects');
  mkdirSync(claudeRoot, { recursive: true });
  const env = { TT_DATA_DIR: dataDir, TZ: 'UTC', TT_CLOCK_OFFSET_MS: String(clockOffsetMs), ...extraEnv };
  const tt = (args: string[], more: Record<string, string> = {}) =>
    runTt(args, { env: { ...env, ...more }, timeoutMs: 120_000 });
  const ok = async (args: string[], more: Record<string, string> = {}) => {
    const result = await tt(args, more);
    expect(result.exitCode, `${label}: tt ${args.join(' ')}\n${result.stderr}`).toBe(0);
    return result;
  };
  return { label, dataDir, claudeRoot, tt, ok };
}

/** A session of `prompts` prompts a minute apart in `cwd`, on the machine's disk. */
export function addSession(
  machine: Machine,
  sessionId: string,
  cwd: string,
  start: number,
  prompts = 5,
): void {
  const messages: TranscriptMessage[] = Array.from({ length: prompts }, (_, i) => ({
    at: start + i * MINUTE,
    branch: 'main',
    prompt: `${sessionId.slice(0, 4)} step ${i}`,
  }));
  writeTranscript(machine.claudeRoot, { sessionId, cwd, messages });
}

/** Focus events as the tmux hook appends them to the spool (`tt ingest pane-focus`). */
export function addFocus(machine: Machine, cwd: string, times: readonly number[], pane = '%1'): void {
  mkdirSync(machine.dataDir, { recursive: true });
  for (const ts of times) {
    const date = new Date(ts);
    const month = String(date.getUTCMonth() + 1).padStart(2, '0');
    const line = JSON.stringify({ ts, type: 'pane-focus', pane, cwd, session: 'main', window: 0 });
    appendFileSync(join(machine.dataDir, `events-${date.getUTCFullYear()}-${month}.jsonl`), `${line}\n`);
  }
}

/** Indexes the machine's transcripts, imports its spool, and infers streams offline. */
export async function indexAndInfer(machine: Machine, range: { start: number; end: number }): Promise<void> {
  await machine.ok(['sessions', 'index', '--root', machine.claudeRoot]);
  await machine.ok(['events', '--since', iso(range.start), '--until', iso(range.end)]);
  await machine.ok(['infer', '--start', iso(range.start), '--end', iso(range.end)]);
}

/** This machine's id, as `tt sync machines` says. */
export async function localMachineId(machine: Machine): Promise<string> {
  const machines = JSON.parse((await machine.ok(['sync', 'machines', '--json'])).stdout) as {
    id: string;
    isLocal: boolean;
  }[];
  return machines.find((m) => m.isLocal)!.id;
}

/** The ids of the sessions `tt sessions list` shows, sorted. */
export async function sessionIdsOf(machine: Machine): Promise<string[]> {
  const list = JSON.parse((await machine.ok(['sessions', 'list', '--json'])).stdout) as {
    sessionId: string;
  }[];
  return list.map((s) => s.sessionId).sort();
}

export function iso(ms: number): string {
  return new Date(ms).toISOString();
}

/** `tt streams list` as a person reads it, and as JSON: what must agree across machines. */
export async function streamsSeen(machine: Machine): Promise<{ table: string; json: unknown }> {
  const table = (await machine.ok(['streams', 'list'])).stdout;
  const json = JSON.parse((await machine.ok(['streams', 'list', '--json'])).stdout) as unknown;
  return { table, json };
}

/** `tt report --json` totals and rows over the range. */
export async function reportSeen(machine: Machine, range: { start: number; end: number }, by = 'stream') {
  const report = await machine.ok([
    'report',
    '--json',
    '--by',
    by,
    '--since',
    iso(range.start),
    '--until',
    iso(range.end),
  ]);
  return JSON.parse(report.stdout) as unknown;
}

/** A clock warning of `tt sync`: another machine's clock runs ahead of this one's (by the seeds' offsets). */
export const CLOCK_WARNING =
  /^tt: .+'s clock is \d+ min ahead of this machine's \(edits keep their order; set the clocks right\)$/;

/** Stderr of a sync that went well: nothing, or only clock warnings. */
export function expectCleanSync(stderr: string, what: string): void {
  const lines = stderr.split('\n').filter((line) => line !== '');
  expect(
    lines.filter((line) => !CLOCK_WARNING.test(line)),
    what,
  ).toEqual([]);
}

/** A random order of the items (Fisher–Yates), from `random`. */
export function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [result[i], result[j]] = [result[j]!, result[i]!];
  }
  return result;
}

// ------------------------------------------------------------------ three machines, one person

export const SYNC_DAY = Date.UTC(2026, 10, 2, 9, 0); // a Monday, well in the past
export const SYNC_RANGE = { start: SYNC_DAY - 60 * MINUTE, end: SYNC_DAY + 12 * 60 * MINUTE };
/** Session n of machine m: ids that sort by machine. */
export const syncSession = (machine: number, n: number) =>
  `${machine}${n}aaaaaa-1111-4222-8333-44445555666${n}`;

/**
 * M0's clock is right, M1's ten minutes slow, M2's ten minutes fast. shop is worked on
 * everywhere, blog on M0 and M1, docs on M2; each session has focus events, as the tmux hook spools them.
 */
export function seedThreeMachines(extraEnv: Record<string, string> = {}): [Machine, Machine, Machine] {
  const machines: [Machine, Machine, Machine] = [
    makeMachine('m0', 0, extraEnv),
    makeMachine('m1', -10 * MINUTE, extraEnv),
    makeMachine('m2', 10 * MINUTE, extraEnv),
  ];
  const work: [number, number, string][] = [
    [0, 1, '/work/shop'],
    [0, 2, '/work/blog'],
    [1, 1, '/work/shop'],
    [1, 2, '/work/blog'],
    [2, 1, '/work/docs'],
    [2, 2, '/work/shop'],
  ];
  work.forEach(([machine, n, cwd], i) => {
    const start = SYNC_DAY + i * 60 * MINUTE;
    addSession(machines[machine]!, syncSession(machine, n), cwd, start);
    addFocus(
      machines[machine]!,
      cwd,
      [0, 2, 4, 6].map((m) => start + m * MINUTE + 30_000),
    );
  });
  return machines;
}

export async function streamIdByName(machine: Machine, name: string): Promise<string> {
  const list = JSON.parse((await machine.ok(['streams', 'list', '--json'])).stdout) as {
    id: string;
    name: string;
  }[];
  const found = list.find((s) => s.name === name);
  expect(found, `${machine.label} has a stream "${name}"`).toBeDefined();
  return found!.id;
}

/**
 * The edits that meet: the same stream renamed on two machines (M0's clock is later than
 * M1's: M0's name wins); blog merged into shop on M1 while M2 (its clock later still) moves
 * one blog session to docs; and on M2 a rename taken back by undo (an undo is an edit too).
 */
export async function makeMeetingEdits([m0, m1, m2]: readonly Machine[]): Promise<void> {
  const shop = await streamIdByName(m0!, 'shop');
  const blog = await streamIdByName(m1!, 'blog');
  const docs = await streamIdByName(m2!, 'docs');
  await m0!.ok(['streams', 'rename', shop, 'Shop (laptop)']);
  await m1!.ok(['streams', 'rename', shop, 'Shop (desk)']);
  await m1!.ok(['streams', 'merge', blog, shop]);
  await m2!.ok(['streams', 'move', syncSession(0, 2), docs]);
  await m2!.ok(['streams', 'rename', docs, 'Docs?']);
  await m2!.ok(['streams', 'undo']);
}

type SeenStream = { id: string; name: string; sessionIds: string[]; directMs: number; source: string };

/** Every machine shows the same `tt streams list` (table and JSON) and `tt report` (by stream and project). */
export async function expectConverged(
  machines: readonly Machine[],
  order: string,
  range = SYNC_RANGE,
): Promise<SeenStream[]> {
  const seen = await Promise.all(machines.map((m) => streamsSeen(m)));
  const reports = await Promise.all(machines.map((m) => reportSeen(m, range)));
  const projects = await Promise.all(machines.map((m) => reportSeen(m, range, 'project')));
  const byMachine = await Promise.all(machines.map((m) => reportSeen(m, range, 'machine')));
  for (let i = 1; i < machines.length; i++) {
    expect(seen[i]!.table, `streams of ${machines[i]!.label} vs m0 (order ${order})`).toBe(seen[0]!.table);
    expect(seen[i]!.json).toEqual(seen[0]!.json);
    expect(reports[i], `report of ${machines[i]!.label} vs m0 (order ${order})`).toEqual(reports[0]);
    expect(projects[i], `report by project of ${machines[i]!.label} vs m0 (order ${order})`).toEqual(
      projects[0],
    );
    expect(byMachine[i], `report by machine of ${machines[i]!.label} vs m0 (order ${order})`).toEqual(
      byMachine[0],
    );
  }
  // Every machine's work is there, on its own row of `tt report --by machine`.
  const rows = (byMachine[0] as { rows: { key: string; directMs: number }[] }).rows;
  expect(rows.filter((row) => row.key !== '' && row.directMs > 0)).toHaveLength(machines.length);
  return seen[0]!.json as SeenStream[];
}

/** What the meeting edits leave, wherever they were made and merged. */
export function expectMeetingEditsOutcome(streams: readonly SeenStream[]): void {
  const byName = new Map(streams.map((s) => [s.name, s]));
  expect([...byName.keys()].sort()).toEqual(['Shop (laptop)', 'docs']);
  expect([...byName.get('docs')!.sessionIds].sort()).toEqual([syncSession(0, 2), syncSession(2, 1)].sort());
  expect([...byName.get('Shop (laptop)')!.sessionIds].sort()).toEqual(
    [syncSession(0, 1), syncSession(1, 1), syncSession(1, 2), syncSession(2, 2)].sort(),
  );
  expect(byName.get('Shop (laptop)')!.source).toBe('user');
}

export { seededRandom, testSeed };
