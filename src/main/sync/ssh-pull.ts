import { createInterface } from 'node:readline';
import { execa } from 'execa';
import { MACHINE_ID, SEGMENT_NAME } from '../../core/sync/segment';
import type { SyncResult } from '../../shared/api';
import { TtError } from '../errors';
import type { ExportResult } from './exporter';
import { machineDir, writeSegmentFile } from './segment-files';
import type { SyncService } from './sync-service';
import { SYNC_SUBFOLDER } from './sync-service';
import { join } from 'node:path';

// `tt sync ssh HOST`: the system's ssh runs `tt sync serve` on HOST, which exports that
// machine's new rows and prints its segments, one JSON line each; they land in this data
// dir's inbox and are imported like a folder's. tt handles no password and no key: ssh does
// (its config, agent and prompts). Every argument goes to ssh as its own argv entry; the
// remote command's words are checked to be plain, because the remote shell reads them.

const HOST = /^[A-Za-z0-9_.@%:[\]-]+$/;
const REMOTE_COMMAND = /^[A-Za-z0-9_./~+-]+$/;

/** Seconds ssh waits for a host to answer. */
export const SSH_CONNECT_TIMEOUT_S = 15;

/** One line of `tt sync serve`'s output. */
export interface ServedSegment {
  machine: string;
  name: string;
  /** the segment file's bytes, base64 */
  data: string;
}

/** `--after` for serve: every machine's high-water mark, `id:seq,id:seq`. */
export function afterArgument(marks: ReadonlyMap<string, number>): string {
  return [...marks].map(([machine, seq]) => `${machine}:${seq}`).join(',');
}

export function parseAfterArgument(text: string | undefined): Map<string, number> {
  const marks = new Map<string, number>();
  for (const part of (text ?? '').split(',')) {
    const [machine, seq] = part.split(':');
    if (machine && MACHINE_ID.test(machine) && /^\d+$/.test(seq ?? '')) marks.set(machine, Number(seq));
  }
  return marks;
}

export async function pullOverSsh(
  sync: SyncService,
  host: string,
  options: { remoteTt: string; exported: ExportResult },
): Promise<SyncResult> {
  if (!HOST.test(host) || host.startsWith('-'))
    throw new TtError('input', `not a host name: ${JSON.stringify(host)}`);
  if (!REMOTE_COMMAND.test(options.remoteTt)) {
    throw new TtError(
      'input',
      `--remote-tt must be a plain command or path: ${JSON.stringify(options.remoteTt)}`,
    );
  }
  const after = afterArgument(sync.highWaterMarks());
  const remote = [options.remoteTt, 'sync', 'serve', ...(after ? ['--after', after] : [])];
  // A host that does not answer fails after this long, with ssh's own words, instead of hanging.
  const child = execa('ssh', ['-o', `ConnectTimeout=${SSH_CONNECT_TIMEOUT_S}`, '--', host, ...remote], {
    stdin: 'ignore',
    buffer: { stdout: false, stderr: true },
    reject: false,
  });
  const inbox = join(sync.inbox, SYNC_SUBFOLDER);
  const skipped: SyncResult['skipped'] = [];
  const lines = createInterface({ input: child.stdout!, crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim() === '') continue;
    let served: ServedSegment;
    try {
      served = JSON.parse(line) as ServedSegment;
    } catch {
      skipped.push({ machine: host, segment: null, reason: 'a line of the remote output is not JSON' });
      continue;
    }
    if (
      typeof served.machine !== 'string' ||
      !MACHINE_ID.test(served.machine) ||
      typeof served.name !== 'string' ||
      !SEGMENT_NAME.test(served.name) ||
      typeof served.data !== 'string'
    ) {
      skipped.push({ machine: host, segment: null, reason: 'a line of the remote output is not a segment' });
      continue;
    }
    writeSegmentFile(machineDir(inbox, served.machine), served.name, Buffer.from(served.data, 'base64'));
  }
  const result = await child;
  const outcome = await sync.importInbox(options.exported);
  if (result.exitCode !== 0) {
    const said = String(result.stderr ?? '')
      .trim()
      .split('\n')
      .slice(-3)
      .join(' / ');
    throw new TtError(
      'external',
      `ssh ${host} failed (exit ${result.exitCode ?? 'signal'}): ${said || 'no message'}; imported ${outcome.imported.segments} segment(s) that arrived before`,
      'check that `ssh HOST tt --version` works',
    );
  }
  return { ...outcome, skipped: [...skipped, ...outcome.skipped] };
}
