import { gzipSync } from 'node:zlib';
import {
  SEGMENT_FORMAT_VERSION,
  SEGMENT_WRITE_LIMITS,
  segmentName,
  serializeSegment,
  type SegmentRecord,
  type SessionRecord,
} from '../../core/sync/segment';
import { EventSyncRows } from '../events/event-sync-rows';
import { SessionSyncRows } from '../sessions/session-sync-rows';
import type { ServiceContext } from '../service-context';
import { MachineRepo } from './machine-repo';
import { PersonOps } from './person-ops';
import { listSegments, machineDir, removeLeftoverTemps, writeSegmentFile } from './segment-files';
import { SyncState } from './sync-state';
import { sealSegment } from './segment-crypto';

// Writes this machine's new rows (sessions that changed, new events, the person's edits) as
// the next segment of its own log, in its outbox: `<data dir>/sync-outbox/<machine id>/`.
// Every way of syncing (a folder, ssh) carries these same files, so each machine has one
// numbered log whatever the route.

/** The test-only switch that kills the export halfway through writing its segment. */
export const KILL_DURING_EXPORT_ENV = 'TT_TEST_KILL_DURING_SYNC_EXPORT';

export interface ExportResult {
  segment: string | null;
  sessions: number;
  events: number;
  edits: number;
  /** the sessions and events the exported edits wrote, for inference to look at again */
  edited: { sessions: string[]; events: string[] };
  /** the time the exported sessions and events cover */
  span: { start: number; end: number } | null;
}

function spanOf(records: readonly SegmentRecord[]): { start: number; end: number } | null {
  let start = Infinity;
  let end = -Infinity;
  for (const record of records) {
    if (record.kind === 'session') {
      start = Math.min(start, record.row.start_time);
      end = Math.max(end, record.row.end_time ?? record.row.start_time);
    } else if (record.kind === 'event') {
      start = Math.min(start, record.row.ts);
      end = Math.max(end, record.row.ts);
    }
  }
  return start <= end ? { start, end } : null;
}

/** The records in runs that each fit one segment (SEGMENT_WRITE_LIMITS). */
function* withinWriteLimits(records: readonly SegmentRecord[]): Generator<SegmentRecord[]> {
  let part: SegmentRecord[] = [];
  let bytes = 0;
  for (const record of records) {
    const size = JSON.stringify(record).length;
    if (
      part.length > 0 &&
      (part.length >= SEGMENT_WRITE_LIMITS.records || bytes + size > SEGMENT_WRITE_LIMITS.bytes)
    ) {
      yield part;
      part = [];
      bytes = 0;
    }
    part.push(record);
    bytes += size;
  }
  if (part.length > 0) yield part;
}

export function exportNewRows(
  ctx: ServiceContext,
  outbox: string,
  options: {
    gzip: boolean;
    /** when set, segments are encrypted with it (segment-crypto) */
    passphrase: string | null;
    newId: () => string;
    /** the identity this machine resolves for each folder of a changed session */
    identities: ReadonlyMap<string, SessionRecord['identity']>;
  },
): ExportResult {
  const machines = new MachineRepo(ctx.db);
  const state = new SyncState(ctx.db);
  const sessions = new SessionSyncRows(ctx.db);
  const events = new EventSyncRows(ctx.db);
  const ops = new PersonOps(ctx.db);
  const withPromptTexts = ctx.settings.configured().syncPromptTexts;
  // IMMEDIATE: two exports at once (the app and the CLI) would both take the same number.
  return ctx.db
    .transaction((): ExportResult => {
      const local = machines.local();
      const instance = machines.localInstance(options.newId);
      const dir = machineDir(outbox, local.id);
      removeLeftoverTemps(dir);
      const marks = state.exportMarks();
      const upTo = { session_change: sessions.latestChange(), event_rowid: events.latestRowid() };
      const sessionRecords = sessions.changedSince(
        local.id,
        marks.session_change,
        upTo.session_change,
        withPromptTexts,
        options.identities,
      );
      const eventRecords = events.since(local.id, marks.event_rowid, upTo.event_rowid);
      const opRecords = ops.localSince(local.id, marks.op_seq, Number.MAX_SAFE_INTEGER);
      const records: SegmentRecord[] = [
        ...sessionRecords,
        ...eventRecords,
        ...opRecords.map((op) => ({
          kind: 'op' as const,
          id: op.id,
          hlc: op.hlc,
          description: op.description,
          writes: op.writes,
          ...(op.seen === undefined ? {} : { seen: op.seen }),
        })),
      ];
      const nextMarks = { ...upTo, op_seq: opRecords.at(-1)?.seq ?? marks.op_seq };
      if (records.length === 0) {
        state.saveExportMarks(nextMarks);
        return {
          segment: null,
          sessions: 0,
          events: 0,
          edits: 0,
          edited: { sessions: [], events: [] },
          span: null,
        };
      }
      // After the last number on disk too: a segment written by an export killed before it
      // could record it is never overwritten (its rows come again in this one; import skips them).
      let seq = Math.max(state.lastSeq(local.id), listSegments(dir).at(-1)?.seq ?? 0);
      let name = '';
      const kill =
        ctx.env[KILL_DURING_EXPORT_ENV] === '1'
          ? () => process.kill(process.pid, 'SIGKILL') as never
          : undefined;
      // A large first export is several segments, each well inside what a reader takes.
      for (const part of withinWriteLimits(records)) {
        seq += 1;
        const text = serializeSegment(
          {
            tt: 'sync-segment',
            version: SEGMENT_FORMAT_VERSION,
            machine: local.id,
            machineName: local.name,
            instance,
            seq,
            createdAt: ctx.now(),
          },
          part,
        );
        name = segmentName(seq, options.passphrase !== null ? 'encrypted' : options.gzip ? 'gzip' : 'plain');
        const bytes =
          options.passphrase !== null
            ? sealSegment(text, options.passphrase, local.id, seq)
            : options.gzip
              ? gzipSync(text)
              : Buffer.from(text, 'utf8');
        writeSegmentFile(dir, name, bytes, kill);
        state.mark(local.id, seq, 'exported', null, ctx.now());
      }
      state.saveExportMarks(nextMarks);
      return {
        segment: name,
        sessions: sessionRecords.length,
        events: eventRecords.length,
        edits: opRecords.length,
        edited: {
          sessions: opRecords.flatMap((op) => op.writes.sessions.map((s) => s.id)),
          events: opRecords.flatMap((op) => op.writes.events.map((e) => e.id)),
        },
        span: spanOf(records),
      };
    })
    .immediate();
}
