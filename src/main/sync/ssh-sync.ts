import type { Readable, Writable } from 'node:stream';
import { once } from 'node:events';
import { execa } from 'execa';
import { MACHINE_ID, SEGMENT_LIMITS, SEGMENT_NAME } from '../../core/sync/segment';
import type { SyncResult } from '../../shared/api';
import { TtError } from '../errors';
import type { ExportResult } from './exporter';
import type { HeldSegment, SyncService } from './sync-service';
import type { Holding } from './sync-state';

// `tt sync ssh HOST`: the system's ssh runs `tt sync serve` on HOST, both ways over one
// connection. With --receive, HOST first says which segments it holds (per machine, up to
// which number), this side sends what HOST lacks (its own segments and the other machines'
// it holds: a new machine learns a retired one's history this way), HOST writes them into its
// inbox and imports them like a folder's (same checks, same caps). Then HOST exports and sends
// back what this side lacks, which lands in this inbox and is imported. tt handles no password
// and no key: ssh does (its config, agent and prompts). Every argument goes to ssh as its own
// argv entry; the remote command's words are checked to be plain, because the remote shell
// reads them; what comes back is only ever parsed as JSON.

const HOST = /^[A-Za-z0-9_.@%:[\]-]+$/;
const REMOTE_COMMAND = /^[A-Za-z0-9_./~+-]+$/;

/** Seconds ssh waits for a host to answer, unless --connect-timeout says otherwise. */
export const SSH_CONNECT_TIMEOUT_S = 15;

/** The longest line either side reads: one segment of the largest size a reader accepts, base64. */
const LINE_LIMIT = Math.ceil((SEGMENT_LIMITS.bytes * 4) / 3) + 4096;

/** A segment line, both ways. */
export interface ServedSegment {
  machine: string;
  name: string;
  /** the segment file's bytes, base64 */
  data: string;
}

/** What the receiving side says it made of what it was sent. */
interface ReceivedLine {
  received: { segments: number; skipped: SyncResult['skipped'] };
}

/**
 * `--after` for serve (and what serve says it holds): per machine, `id:mark`, or
 * `id:mark+seq.seq…` with the segments held past a gap (at most MAX_ABOVE of them: more are
 * simply sent again, and the other side keeps what it has).
 */
export function afterArgument(held: ReadonlyMap<string, Holding>): string {
  return [...held]
    .map(([machine, { mark, above }]) =>
      above.length === 0 ? `${machine}:${mark}` : `${machine}:${mark}+${above.slice(0, MAX_ABOVE).join('.')}`,
    )
    .join(',');
}

const MAX_ABOVE = 200;

export function parseAfterArgument(text: string | undefined): Map<string, Holding> {
  const held = new Map<string, Holding>();
  for (const part of (text ?? '').split(',')) {
    const match = /^([^:]+):(\d+)(?:\+(\d+(?:\.\d+)*))?$/.exec(part);
    if (!match || !MACHINE_ID.test(match[1]!)) continue;
    const above = (match[3] ?? '').split('.').filter(Boolean).slice(0, MAX_ABOVE).map(Number);
    held.set(match[1]!, { mark: Number(match[2]), above });
  }
  return held;
}

/**
 * The lines of a stream, none longer than LINE_LIMIT: a longer one is dropped (said through
 * `tooLong`) and reading goes on with the next.
 */
async function* limitedLines(input: Readable, tooLong: () => void): AsyncGenerator<string> {
  let parts: Buffer[] = [];
  let size = 0;
  let dropping = false;
  for await (const chunk of input as AsyncIterable<Buffer>) {
    let from = 0;
    for (let newline = chunk.indexOf(10); newline !== -1; newline = chunk.indexOf(10, from)) {
      if (!dropping) {
        parts.push(chunk.subarray(from, newline));
        yield Buffer.concat(parts).toString('utf8');
      }
      parts = [];
      size = 0;
      dropping = false;
      from = newline + 1;
    }
    if (from < chunk.length && !dropping) {
      parts.push(chunk.subarray(from));
      size += chunk.length - from;
      if (size > LINE_LIMIT) {
        tooLong();
        parts = [];
        size = 0;
        dropping = true;
      }
    }
  }
  if (size > 0 && !dropping) yield Buffer.concat(parts).toString('utf8');
}

/** A segment line from the other side, or why it is not one. */
function parseSegmentLine(line: string): ServedSegment | string {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch {
    return 'a line of the other side is not JSON';
  }
  const served = value as Partial<ServedSegment> | null;
  if (
    typeof served !== 'object' ||
    served === null ||
    typeof served.machine !== 'string' ||
    !MACHINE_ID.test(served.machine) ||
    typeof served.name !== 'string' ||
    !SEGMENT_NAME.test(served.name) ||
    typeof served.data !== 'string' ||
    !/^[A-Za-z0-9+/]*={0,2}$/.test(served.data)
  ) {
    return 'a line of the other side is not a segment';
  }
  return served as ServedSegment;
}

/** What the host said it made of the segments sent (its words checked, control characters taken out). */
function parseReceived(line: string): ReceivedLine['received'] {
  const said = (JSON.parse(line) as Partial<ReceivedLine>).received;
  const clean = (text: unknown) =>
    String(text)
      .replace(/\p{Cc}/gu, ' ')
      .slice(0, 500);
  return {
    segments: typeof said?.segments === 'number' ? said.segments : 0,
    skipped: (Array.isArray(said?.skipped) ? said.skipped : []).slice(0, 1000).map((s) => ({
      machine: clean(s?.machine),
      segment: s?.segment === null ? null : clean(s?.segment),
      reason: clean(s?.reason),
    })),
  };
}

/** Writes one line, waiting while the pipe is full. */
async function writeLine(output: Writable, value: unknown): Promise<void> {
  if (!output.write(`${JSON.stringify(value)}\n`)) await once(output, 'drain');
}

async function sendSegments(output: Writable, segments: readonly HeldSegment[]): Promise<void> {
  for (const segment of segments) {
    await writeLine(output, {
      machine: segment.machine,
      name: segment.name,
      data: segment.bytes().toString('base64'),
    });
  }
}

/**
 * Reads segment lines into this data dir's inbox (never this machine's own id: nobody else
 * writes as it). Returns how many arrived and what was refused.
 */
async function receiveSegments(
  sync: SyncService,
  lines: AsyncIterator<string>,
  from: string,
  until?: (line: string) => boolean,
): Promise<{ segments: number; skipped: SyncResult['skipped']; stoppedAt: string | null }> {
  const skipped: SyncResult['skipped'] = [];
  let segments = 0;
  for (let next = await lines.next(); !next.done; next = await lines.next()) {
    const line = next.value;
    if (line.trim() === '') continue;
    if (until?.(line)) return { segments, skipped, stoppedAt: line };
    const served = parseSegmentLine(line);
    if (typeof served === 'string') {
      skipped.push({ machine: from, segment: null, reason: served });
      continue;
    }
    const refused = sync.receiveSegment(served.machine, served.name, Buffer.from(served.data, 'base64'));
    if (refused !== null) skipped.push({ machine: served.machine, segment: served.name, reason: refused });
    else segments += 1;
  }
  return { segments, skipped, stoppedAt: null };
}

/**
 * The remote side (`tt sync serve`): with `receive`, says what it holds, takes segments from
 * `input` and imports them; then, with `send`, exports and writes the segments the caller lacks.
 */
export async function serveOverSsh(
  sync: SyncService,
  options: { after: string | undefined; receive: boolean; send: boolean; input: Readable; output: Writable },
): Promise<void> {
  if (options.receive) {
    await writeLine(options.output, { marks: afterArgument(sync.holdings()) });
    const skipped: SyncResult['skipped'] = [];
    const lines = limitedLines(options.input, () =>
      skipped.push({ machine: 'caller', segment: null, reason: 'a line longer than any segment: not read' }),
    );
    const received = await receiveSegments(sync, lines, 'caller');
    const imported = await sync.importInbox(await sync.exportNew(false));
    const line: ReceivedLine = {
      received: {
        segments: imported.imported.segments,
        skipped: [...skipped, ...received.skipped, ...imported.skipped],
      },
    };
    await writeLine(options.output, line);
  }
  if (!options.send) return;
  await sync.exportNew(false);
  await sendSegments(options.output, sync.heldSegmentsAfter(parseAfterArgument(options.after)));
}

export interface SshSyncOptions {
  remoteTt: string;
  exported: ExportResult;
  push: boolean;
  pull: boolean;
  connectTimeoutS: number;
}

export async function syncOverSsh(
  sync: SyncService,
  host: string,
  options: SshSyncOptions,
): Promise<SyncResult> {
  if (!HOST.test(host) || host.startsWith('-'))
    throw new TtError('input', `not a host name: ${JSON.stringify(host)}`);
  if (!REMOTE_COMMAND.test(options.remoteTt)) {
    throw new TtError(
      'input',
      `--remote-tt must be a plain command or path: ${JSON.stringify(options.remoteTt)}`,
    );
  }
  if (
    !Number.isInteger(options.connectTimeoutS) ||
    options.connectTimeoutS < 1 ||
    options.connectTimeoutS > 3600
  ) {
    throw new TtError('input', '--connect-timeout is a whole number of seconds, 1 to 3600');
  }
  const after = options.pull ? afterArgument(sync.holdings()) : '';
  const remote = [
    options.remoteTt,
    'sync',
    'serve',
    ...(after ? ['--after', after] : []),
    ...(options.push ? ['--receive'] : []),
    ...(options.pull ? [] : ['--no-send']),
  ];
  // A host that does not answer fails after this long, instead of hanging.
  const child = execa('ssh', ['-o', `ConnectTimeout=${options.connectTimeoutS}`, '--', host, ...remote], {
    stdin: options.push ? 'pipe' : 'ignore',
    buffer: { stdout: false, stderr: true },
    reject: false,
  });
  // A host that goes away mid-send breaks the pipe: ssh's exit then says why.
  child.stdin?.on('error', () => {});
  const skipped: SyncResult['skipped'] = [];
  const lines = limitedLines(child.stdout!, () =>
    skipped.push({ machine: host, segment: null, reason: 'a line longer than any segment: not read' }),
  );
  let pushed = 0;
  let stopped: string | null = null;
  let pushSaid: ReceivedLine['received'] | null = null;
  let pulled: { segments: number; skipped: SyncResult['skipped']; stoppedAt: string | null } = {
    segments: 0,
    skipped: [],
    stoppedAt: null,
  };
  try {
    if (options.push) {
      const first = await lines.next();
      if (!first.done) {
        const marks = (JSON.parse(first.value) as { marks?: unknown } | null)?.marks;
        if (typeof marks !== 'string') throw new Error(`${host} did not say which segments it holds`);
        const sending = sync.heldSegmentsAfter(parseAfterArgument(marks));
        await sendSegments(child.stdin!, sending);
        pushed = sending.length;
      }
      child.stdin!.end();
    }
    pulled = await receiveSegments(sync, lines, host, (line) => line.startsWith('{"received":'));
    if (pulled.stoppedAt !== null) {
      pushSaid = parseReceived(pulled.stoppedAt);
      const rest = await receiveSegments(sync, lines, host);
      pulled = {
        ...rest,
        segments: pulled.segments + rest.segments,
        skipped: [...pulled.skipped, ...rest.skipped],
      };
    }
  } catch (error) {
    // The other side said something that is not this exchange (or went away mid-way): stop it
    // here, rather than wait on a host that waits on us; what arrived before is imported.
    stopped = (error as Error).message;
    child.kill();
  }
  const result = await child;
  const outcome = await sync.importInbox(options.exported);
  if (stopped !== null) {
    throw new TtError(
      'external',
      `the exchange with ${host} stopped: ${stopped}; imported ${outcome.imported.segments} segment(s) that arrived before`,
      'check that tt on HOST is as new as this one (`ssh HOST tt --version`)',
    );
  }
  if (result.exitCode !== 0) {
    const said = String(result.stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' / ');
    const arrived = `imported ${outcome.imported.segments} segment(s) that arrived before`;
    if (result.exitCode === 255 && /timed out/i.test(said)) {
      throw new TtError(
        'external',
        `${host} did not answer within ${options.connectTimeoutS} s (is it on and reachable?); nothing was sent; ${arrived}`,
        'check `ssh HOST true`, or give it longer with --connect-timeout SECONDS',
      );
    }
    throw new TtError(
      'external',
      `ssh ${host} failed (exit ${result.exitCode ?? 'signal'}): ${said || 'no message'}; ${arrived}`,
      'check that `ssh HOST tt --version` works',
    );
  }
  if (options.push && pushSaid === null) {
    skipped.push({
      machine: host,
      segment: null,
      reason: `${host} did not say it received this machine's segments (is its tt older than this one's?)`,
    });
  }
  return {
    ...outcome,
    published: pushSaid?.segments ?? 0,
    sent: pushed,
    skipped: [
      ...skipped,
      ...pulled.skipped,
      ...(pushSaid?.skipped ?? []).map((s) => ({ ...s, reason: `on ${host}: ${s.reason}` })),
      ...outcome.skipped,
    ],
  };
}
