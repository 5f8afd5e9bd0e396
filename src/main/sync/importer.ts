import { lstatSync, readdirSync } from 'node:fs';
import { MACHINE_ID, type SegmentHeader, type SegmentRecord } from '../../core/sync/segment';
import { EventSyncRows } from '../events/event-sync-rows';
import { fileErrorReason } from '../file-error-reason';
import { SessionSyncRows } from '../sessions/session-sync-rows';
import type { ServiceContext } from '../service-context';
import { translateSqliteError } from '../store/database';
import { StreamRepo } from '../streams/stream-repo';
import { MachineRepo } from './machine-repo';
import { OpApplier } from './op-apply';
import { PersonOps } from './person-ops';
import { listSegments, machineDir, readSegment, type SegmentFile } from './segment-files';
import { SyncState } from './sync-state';

// Reads every other machine's segments under a sync root (`<folder>/tt`, or the ssh inbox)
// that this machine has not imported, each in one transaction: sessions (the newest version
// wins), events (a set union) and the person's edits (last writer wins, by clock stamp). A
// segment that cannot be read is skipped with its reason; the rest are imported.

export interface ImportTotals {
  segments: number;
  sessions: number;
  events: number;
  edits: number;
}

export interface SkippedSegment {
  machine: string;
  segment: string | null;
  reason: string;
}

export interface ImportOutcome extends ImportTotals {
  skipped: SkippedSegment[];
  /** the time span the imported rows and edits touch, for inference to look at again */
  touched: { start: number; end: number } | null;
}

export class SegmentImporter {
  private readonly machines: MachineRepo;
  private readonly state: SyncState;
  private readonly sessions: SessionSyncRows;
  private readonly events: EventSyncRows;
  private readonly applier: OpApplier;
  private readonly repo: StreamRepo;
  /** The edits of the segment being imported that were refused, by line, and why. */
  private refusedOps: { id: string; reason: string }[] = [];
  private passphrase: string | null = null;

  constructor(private readonly ctx: ServiceContext) {
    this.machines = new MachineRepo(ctx.db);
    this.state = new SyncState(ctx.db);
    this.sessions = new SessionSyncRows(ctx.db);
    this.events = new EventSyncRows(ctx.db);
    this.repo = new StreamRepo(ctx.db, ctx.now);
    this.applier = new OpApplier(this.repo, new PersonOps(ctx.db), this.machines, ctx.now);
  }

  /** Imports every other machine's new segments under `root`; encrypted ones need `passphrase`. */
  async importRoot(root: string, passphrase: string | null = null): Promise<ImportOutcome> {
    this.passphrase = passphrase;
    const outcome: ImportOutcome = {
      segments: 0,
      sessions: 0,
      events: 0,
      edits: 0,
      skipped: [],
      touched: null,
    };
    const local = this.machines.local().id;
    let names: string[];
    try {
      names = readdirSync(root);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return outcome;
      outcome.skipped.push({
        machine: '',
        segment: null,
        reason: `cannot read ${root}: ${fileErrorReason(error)}`,
      });
      return outcome;
    }
    for (const name of names.sort()) {
      if (name === local || !MACHINE_ID.test(name)) continue;
      let files: SegmentFile[];
      try {
        if (lstatSync(machineDir(root, name)).isSymbolicLink()) {
          outcome.skipped.push({
            machine: name,
            segment: null,
            reason: 'its folder is a symbolic link: not followed',
          });
          continue;
        }
        files = listSegments(machineDir(root, name));
      } catch (error) {
        outcome.skipped.push({
          machine: name,
          segment: null,
          reason: `cannot read its folder: ${fileErrorReason(error)}`,
        });
        continue;
      }
      for (const file of files) {
        if (this.state.isDone(name, file.seq)) continue;
        await this.importFile(name, file, outcome);
      }
    }
    return outcome;
  }

  private async importFile(machine: string, file: SegmentFile, outcome: ImportOutcome): Promise<void> {
    const skip = (reason: string) => {
      outcome.skipped.push({ machine, segment: file.name, reason });
      // Kept as skipped (with why) but tried again next time: the file may yet be completed.
      this.state.mark(machine, file.seq, 'skipped', reason, this.ctx.now());
    };
    const parsed = await readSegment(file.path, { machine, seq: file.seq, passphrase: this.passphrase });
    if (!parsed.ok) return skip(parsed.reason);
    const { header } = parsed;
    if (header.machine !== machine) {
      return skip(`it says it is from machine ${header.machine}, but lies in ${machine}'s folder`);
    }
    if (header.seq !== file.seq) return skip(`its header says segment ${header.seq}`);
    const known = this.machines.get(machine);
    if (known?.is_local) return skip('it claims to be this machine');
    if (known?.instance != null && known.instance !== header.instance) {
      return skip(
        `two machines claim the id ${machine} (a copied data dir?): this segment is from another writer than the earlier ones`,
      );
    }
    try {
      this.ctx.db.transaction(() => this.apply(header, parsed.records, outcome)).immediate();
    } catch (error) {
      const translated = translateSqliteError(error, 'the database');
      return skip(`not imported: ${(translated as Error).message}`);
    }
    for (const { line, reason } of parsed.skippedLines) {
      outcome.skipped.push({ machine, segment: `${file.name}:${line}`, reason });
    }
    for (const { id, reason } of this.refusedOps) {
      outcome.skipped.push({
        machine,
        segment: file.name,
        reason: `edit ${id.slice(0, 8)} refused: ${reason}`,
      });
    }
    outcome.segments += 1;
  }

  private apply(header: SegmentHeader, records: readonly SegmentRecord[], outcome: ImportOutcome): void {
    const now = this.ctx.now();
    const machine = header.machine;
    const claims = new Map<string, number>();
    const touch = (start: number, end: number) => {
      outcome.touched = outcome.touched
        ? { start: Math.min(outcome.touched.start, start), end: Math.max(outcome.touched.end, end) }
        : { start, end };
    };
    for (const record of records) {
      if (record.kind === 'session') {
        if (this.sessions.importSession(machine, record, now) === 'imported') {
          outcome.sessions += 1;
          touch(record.row.start_time, record.row.end_time ?? record.row.start_time);
        }
      } else if (record.kind === 'event') {
        const result = this.events.importEvent(machine, record, now);
        if (result === 'imported') {
          outcome.events += 1;
          touch(record.row.ts, record.row.ts);
        } else if (result !== 'known') claims.set(result.claimedBy, (claims.get(result.claimedBy) ?? 0) + 1);
      }
    }
    // Edits in clock order (last writer wins would agree in any order; this reads naturally).
    const ops = records.filter((r) => r.kind === 'op').sort((a, b) => (a.hlc < b.hlc ? -1 : 1));
    this.refusedOps = [];
    for (const op of ops) {
      const applied = this.applier.apply(machine, op);
      if (applied !== 'applied') {
        if (applied !== 'known') this.refusedOps.push({ id: op.id, reason: applied.refused });
        continue;
      }
      outcome.edits += 1;
      const span = this.repo.spanOf(
        op.writes.sessions.map((s) => s.id),
        op.writes.events.map((e) => e.id),
      );
      if (span) touch(span.start, span.end);
    }
    for (const [other, count] of claims) {
      outcome.skipped.push({
        machine,
        segment: `seg ${header.seq}`,
        reason: `${count} row${count === 1 ? '' : 's'} kept as they were: machine ${other} holds the same id${count === 1 ? '' : 's'}`,
      });
    }
    this.machines.noteSeen(
      { id: machine, name: header.machineName, instance: header.instance },
      header.createdAt,
      now,
    );
    this.state.mark(machine, header.seq, 'imported', null, now);
  }
}
