// Segments as another machine (or an attacker with write access to the synced folder) could
// leave them: hand-built lines for the fault tests, and the attacks of issue 25 (items 5, 6
// and 8), each in a machine folder of its own so that one skipped machine shows the others go on.
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import { createGzip, gzipSync } from 'node:zlib';

const MINUTE = 60_000;

export const INSTANCE = '1c1c1c1c-1111-4222-8333-444455556666';

/** A machine id whose first hex digits say what it is for (readable in skip messages). */
export const attackerId = (tag: string) => `${tag.padEnd(8, '0')}-1111-4222-8333-444455556666`;

export function header(machine: string, seq: number, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    tt: 'sync-segment',
    version: 1,
    machine,
    machineName: `box-${machine.slice(0, 4)}`,
    instance: INSTANCE,
    seq,
    createdAt: Date.UTC(2026, 10, 3, 9, 0),
    ...extra,
  });
}

export const end = (records: number) => JSON.stringify({ kind: 'end', records });

export function sessionLine(
  id: string,
  start: number,
  overrides: { end?: number; prompts?: [number, string][]; spans?: unknown[] } = {},
): string {
  const endTime = overrides.end ?? start + 5 * MINUTE;
  return JSON.stringify({
    kind: 'session',
    id,
    version: 1,
    row: {
      parent_session_id: null,
      project_path: '/work/box',
      project_name: 'box',
      start_time: start,
      end_time: endTime,
      message_count: 2,
      summary: null,
      custom_title: null,
      first_prompt: 'hello',
      is_subagent: 0,
      agent_type: null,
      last_message_uuid: null,
      git_branch: 'main',
      git_branch_share: 1,
    },
    prompts: overrides.prompts ?? [[start, 'hello']],
    activity: [[start, Math.max(start, endTime)]],
    spans: overrides.spans ?? [['agent', start, 0, start, endTime]],
  });
}

/** An edit as another machine records it: stream writes with a clock stamp. */
export function opLine(
  id: string,
  hlc: string,
  streams: { id: string; fields: Record<string, unknown>; base?: Record<string, unknown> | null }[],
  sessions: { id: string; row: Record<string, unknown> | null }[] = [],
): string {
  return JSON.stringify({
    kind: 'op',
    id,
    hlc,
    description: 'an edit',
    writes: {
      streams: streams.map((s) => ({ base: null, ...s })),
      sessions,
      events: [],
    },
  });
}

/** A stream as an edit's base (what another machine makes where it is missing). */
export function streamBase(id: string, name: string): Record<string, unknown> {
  return {
    id,
    name,
    confidence: 1,
    source: 'user',
    reviewed: 0,
    name_locked: 1,
    project_key: null,
    created_at: Date.UTC(2026, 10, 3),
    merged_into: null,
  };
}

export function segmentPath(folder: string, machine: string, seq: number, gz = false): string {
  const dir = join(folder, 'tt', machine);
  mkdirSync(dir, { recursive: true });
  return join(dir, `seg-${String(seq).padStart(8, '0')}.jsonl${gz ? '.gz' : ''}`);
}

export function writeSegment(folder: string, machine: string, seq: number, lines: string[]): void {
  writeFileSync(segmentPath(folder, machine, seq), `${lines.join('\n')}\n`);
}

/** The attacks, by machine folder, with the reason tt must give for each. */
export const ATTACKS = {
  /** item 5: an edit stamped far in the future, which would win every later edit */
  futureStamp: attackerId('f5'),
  /** item 5: an edit whose counter is the largest the format holds */
  fullCounter: attackerId('c5'),
  /** item 6: a gzip of a valid header and 150 MB of newlines */
  newlines: attackerId('a6'),
  /** item 6: a 1 GB gzip bomb of zeros (a few MB on disk) */
  zeros: attackerId('b6'),
  /** item 6: a segment that is a symbolic link to /dev/zero */
  devZero: attackerId('d6'),
  /** item 6: a segment that is a FIFO nobody writes to */
  fifo: attackerId('e6'),
  /** item 6: a machine folder that is a symbolic link */
  linkedFolder: attackerId('f6'),
  /** item 8: sessions whose end is before their start, or dated in 2400 */
  badTimes: attackerId('a8'),
  /** item 8: a merge into itself, and a merge that closes a cycle */
  badMerges: attackerId('b8'),
} as const;

/** Session ids the attacks carry: none of them may land. */
export const ATTACK_SESSIONS = {
  reversed: 'a8000000-1111-4222-8333-444455556661',
  year2400: 'a8000000-1111-4222-8333-444455556662',
  overHeadOfNewlines: 'a6000000-1111-4222-8333-444455556661',
};

/** Streams the merge attacks make (both land; their merges into each other must not). */
export const ATTACK_STREAMS = {
  a: 'b8000000-aaaa-4222-8333-444455556666',
  b: 'b8000000-bbbb-4222-8333-444455556666',
};

const hlc = (wall: number, counter: number, machine: string) =>
  `${String(wall).padStart(15, '0')}.${String(counter).padStart(8, '0')}.${machine}`;

/**
 * Writes every attack into `folder` (the synced folder: `<folder>/tt/<machine>/…`). `day` is a
 * day of work the forged rows claim; `now` the importer's clock (stamps are placed around it).
 * `targetStream` is a stream the forged-stamp edit renames.
 */
export async function writeSyncAttacks(
  folder: string,
  options: { day: number; now: number; targetStream: string },
): Promise<void> {
  const { day, now, targetStream } = options;
  // 5: a rename stamped 999999999999999.99999999, and one with a counter at the format's end.
  writeSegment(folder, ATTACKS.futureStamp, 1, [
    header(ATTACKS.futureStamp, 1),
    opLine('f5000000-0000-4000-8000-000000000001', `999999999999999.99999999.${ATTACKS.futureStamp}`, [
      { id: targetStream, fields: { name: 'FORGED', name_locked: 1 } },
    ]),
    opLine('f5000000-0000-4000-8000-000000000002', hlc(now + 30 * 24 * 60 * MINUTE, 0, ATTACKS.futureStamp), [
      { id: targetStream, fields: { name: 'FORGED LATER', name_locked: 1 } },
    ]),
    end(2),
  ]);
  writeSegment(folder, ATTACKS.fullCounter, 1, [
    header(ATTACKS.fullCounter, 1),
    opLine('c5000000-0000-4000-8000-000000000001', hlc(now - MINUTE, 99_999_999, ATTACKS.fullCounter), [
      {
        id: 'c5000000-aaaa-4222-8333-444455556666',
        fields: { name: 'counted' },
        base: streamBase('c5000000-aaaa-4222-8333-444455556666', 'counted'),
      },
    ]),
    end(1),
  ]);

  // 6: a valid header, then 150 MB of newlines, gzipped (about 150 KB).
  const newlinesHead = `${header(ATTACKS.newlines, 1)}\n${sessionLine(ATTACK_SESSIONS.overHeadOfNewlines, day)}\n`;
  writeFileSync(
    segmentPath(folder, ATTACKS.newlines, 1, true),
    gzipSync(Buffer.concat([Buffer.from(newlinesHead), Buffer.alloc(150 * 1024 * 1024, 10)]), { level: 9 }),
  );
  // 6: a valid header, then 1 GB of zeros, gzipped as it streams (about 1 MB on disk).
  const zeros = Buffer.alloc(1024 * 1024);
  async function* bomb() {
    yield Buffer.from(`${header(ATTACKS.zeros, 1)}\n`);
    for (let i = 0; i < 1024; i++) yield zeros;
  }
  await pipeline(
    Readable.from(bomb()),
    createGzip({ level: 9 }),
    createWriteStream(segmentPath(folder, ATTACKS.zeros, 1, true)),
  );
  // 6: a link to /dev/zero, and a FIFO, where segments should be.
  symlinkSync('/dev/zero', segmentPath(folder, ATTACKS.devZero, 1));
  execFileSync('mkfifo', [segmentPath(folder, ATTACKS.fifo, 1)]);
  // 6: a machine folder that is a link to another (whose segment is otherwise fine).
  const elsewhere = join(folder, 'elsewhere');
  mkdirSync(elsewhere, { recursive: true });
  writeFileSync(
    join(elsewhere, 'seg-00000001.jsonl'),
    `${[header(ATTACKS.linkedFolder, 1), sessionLine('f6000000-1111-4222-8333-444455556661', day), end(1)].join('\n')}\n`,
  );
  symlinkSync(elsewhere, join(folder, 'tt', ATTACKS.linkedFolder));

  // 8: a session that ends 50 minutes before it starts, one that ends in 2400.
  writeSegment(folder, ATTACKS.badTimes, 1, [
    header(ATTACKS.badTimes, 1),
    sessionLine(ATTACK_SESSIONS.reversed, day, { end: day - 50 * MINUTE, spans: [] }),
    sessionLine(ATTACK_SESSIONS.year2400, day, { end: Date.UTC(2400, 0, 1) }),
    end(2),
  ]);
  // 8: two streams; A merged into B (fine); then B into A (a cycle), and A into itself.
  const { a, b } = ATTACK_STREAMS;
  writeSegment(folder, ATTACKS.badMerges, 1, [
    header(ATTACKS.badMerges, 1),
    opLine('b8000000-0000-4000-8000-000000000001', hlc(now - 3 * MINUTE, 0, ATTACKS.badMerges), [
      { id: a, fields: { name: 'merge A' }, base: streamBase(a, 'merge A') },
      { id: b, fields: { name: 'merge B' }, base: streamBase(b, 'merge B') },
    ]),
    opLine('b8000000-0000-4000-8000-000000000002', hlc(now - 2 * MINUTE, 0, ATTACKS.badMerges), [
      { id: a, fields: { merged_into: b } },
    ]),
    opLine('b8000000-0000-4000-8000-000000000003', hlc(now - MINUTE, 0, ATTACKS.badMerges), [
      { id: b, fields: { merged_into: a } },
    ]),
    opLine('b8000000-0000-4000-8000-000000000004', hlc(now - MINUTE, 1, ATTACKS.badMerges), [
      { id: b, fields: { merged_into: b } },
    ]),
    end(4),
  ]);
}
