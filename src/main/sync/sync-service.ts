import { randomUUID } from 'node:crypto';
import {
  closeSync,
  openSync,
  readdirSync,
  readFileSync,
  readSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { MachineSummary, SyncResult, SyncStatus } from '../../shared/api';
import { formatSkew } from '../../shared/wording';
import { MACHINE_ID, SEGMENT_LIMITS } from '../../core/sync/segment';
import { EventSyncRows } from '../events/event-sync-rows';
import { PersonOps } from './person-ops';
import { TtError } from '../errors';
import { fileErrorReason } from '../file-error-reason';
import { makePrivateDirectory } from '../paths';
import type { ServiceContext } from '../service-context';
import type { StreamService } from '../streams/stream-service';
import { StreamRepo } from '../streams/stream-repo';
import { exportNewRows, type ExportResult } from './exporter';
import { SegmentImporter, type ImportOutcome } from './importer';
import { MachineRepo } from './machine-repo';
import {
  listSegments,
  machineDir,
  ownFolderProblem,
  removeLeftoverTemps,
  writeSegmentFile,
} from './segment-files';
import { SyncState, type Holding } from './sync-state';
import { SyncPassphrase } from './sync-passphrase';
import { SessionSyncRows } from '../sessions/session-sync-rows';

// One person, several machines: each machine writes its own numbered log of segments, an
// existing engine carries them (a synced folder, or ssh), and every machine merges all it
// sees. Nothing here opens a network connection of its own.

/** The folder inside a sync folder that tt owns: `<folder>/tt/<machine id>/seg-….jsonl`. */
export const SYNC_SUBFOLDER = 'tt';

/** How long `tt sync status` and Settings show a conflict. */
const CONFLICTS_SHOWN_MS = 7 * 24 * 3600_000;

/** A segment this data dir holds and can pass on over ssh. */
export interface HeldSegment {
  machine: string;
  name: string;
  seq: number;
  bytes: () => Buffer;
}

/** Another machine's clock this far ahead of this one's is said. */
export const CLOCK_WARNING_MS = 60_000;

export class SyncService {
  private readonly machines: MachineRepo;
  readonly passphrase: SyncPassphrase;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly streams: StreamService,
  ) {
    this.machines = new MachineRepo(ctx.db);
    this.passphrase = new SyncPassphrase(ctx.env);
  }

  /** This machine's own log: every route carries these files. */
  get outbox(): string {
    return join(this.ctx.dataDir, 'sync-outbox');
  }

  /** Segments brought over ssh, imported like a folder's. */
  get inbox(): string {
    return join(this.ctx.dataDir, 'sync-inbox');
  }

  /**
   * Other machines' segments imported from the inbox: kept (out of the inbox) so that `tt sync
   * ssh` can pass them on to a machine that never met their writer.
   */
  get relayStore(): string {
    return join(this.ctx.dataDir, 'sync-relay');
  }

  /** The machines retired with `tt sync forget`, with the last segment seen of each then. */
  private get forgottenFile(): string {
    return join(this.ctx.dataDir, 'sync-forgotten.json');
  }

  /**
   * Forgotten machines (id → its last segment when forgotten). One that wrote a segment since
   * is back: it counts as forgotten no longer.
   */
  forgotten(): Map<string, number> {
    let entries: [string, number][] = [];
    try {
      const parsed = JSON.parse(readFileSync(this.forgottenFile, 'utf8')) as unknown;
      if (Array.isArray(parsed)) {
        entries = parsed.filter(
          (e): e is [string, number] =>
            Array.isArray(e) && typeof e[0] === 'string' && MACHINE_ID.test(e[0]) && typeof e[1] === 'number',
        );
      }
    } catch {
      // none forgotten yet (or an unreadable list: nobody is forgotten, nothing is lost)
    }
    const state = new SyncState(this.ctx.db);
    return new Map(entries.filter(([id, seq]) => state.lastSeq(id) <= seq));
  }

  /**
   * `tt sync forget MACHINE` (an id, an id's prefix, or a name): a retired machine is no
   * longer listed as active nor expected to write. Its rows stay here, and its segments are
   * still passed on, so its history is lost nowhere.
   */
  forgetMachine(which: string): MachineSummary {
    const wanted = which.trim();
    const rows = this.machines.list();
    const exact = rows.filter((m) => m.id === wanted || m.name === wanted);
    const matches =
      exact.length > 0 ? exact : rows.filter((m) => wanted.length >= 4 && m.id.startsWith(wanted));
    if (matches.length === 0) {
      throw new TtError(
        'not-found',
        `no machine ${JSON.stringify(wanted)} here`,
        'see `tt sync machines --all`',
      );
    }
    if (matches.length > 1) {
      throw new TtError(
        'input',
        `${JSON.stringify(wanted)} names ${matches.length} machines: ${matches.map((m) => `${m.id} (${m.name})`).join(', ')}`,
        'give more of the id',
      );
    }
    const machine = matches[0]!;
    if (machine.is_local === 1) {
      throw new TtError('input', `${machine.name} is this machine: it cannot be forgotten here`);
    }
    const forgotten = this.forgotten();
    forgotten.set(machine.id, new SyncState(this.ctx.db).lastSeq(machine.id));
    writeSegmentFile(this.ctx.dataDir, 'sync-forgotten.json', Buffer.from(JSON.stringify([...forgotten])));
    return {
      id: machine.id,
      name: machine.name,
      isLocal: false,
      lastSeenAt: machine.last_seen_at,
      forgotten: true,
    };
  }

  /** The sync folder setting, with a leading ~ as the home folder; null when none is set. */
  configuredFolder(): string | null {
    const folder = this.ctx.settings.configured().syncFolder;
    if (folder === null) return null;
    return folder.replace(/^~(?=$|\/)/, this.ctx.env.HOME ?? homedir());
  }

  /** The machines whose data is here; the forgotten ones only with `all`. */
  machinesList(all = false): MachineSummary[] {
    const forgotten = this.forgotten();
    return this.machines
      .list()
      .filter((row) => all || !forgotten.has(row.id))
      .map((row) => ({
        id: row.id,
        name: row.name,
        isLocal: row.is_local === 1,
        lastSeenAt: row.is_local === 1 ? null : row.last_seen_at,
        ...(forgotten.has(row.id) ? { forgotten: true } : {}),
      }));
  }

  renameLocalMachine(name: string): MachineSummary {
    const trimmed = name.trim();
    if (trimmed.length === 0 || trimmed.length > 200 || /\p{Cc}/u.test(trimmed)) {
      throw new TtError('input', 'a machine name is 1 to 200 characters, without control characters');
    }
    this.machines.rename(this.machines.local().id, trimmed);
    return this.machinesList().find((m) => m.isLocal)!;
  }

  /** Writes this machine's new rows as its next segment (in the outbox). */
  async exportNew(gzip: boolean): Promise<ExportResult> {
    const local = this.machines.local().id;
    const since = new SyncState(this.ctx.db).exportMarks().session_change;
    const paths = new SessionSyncRows(this.ctx.db).changedPaths(local, since);
    const identities = await this.streams.identitiesOf(paths);
    try {
      const passphrase = await this.passphrase.get();
      return exportNewRows(this.ctx, this.outbox, { gzip, passphrase, newId: randomUUID, identities });
    } catch (error) {
      if (error instanceof TtError) throw error;
      throw new TtError(
        'storage',
        `cannot write this machine's sync segment: ${fileErrorReason(error)}`,
        undefined,
        {
          cause: error,
        },
      );
    }
  }

  /** `tt sync --folder DIR`: export, publish this machine's segments there, import everyone else's. */
  async syncFolder(folder: string, options: { gzip?: boolean } = {}): Promise<SyncResult> {
    const stats = statSync(folder, { throwIfNoEntry: false });
    if (!stats?.isDirectory()) {
      throw new TtError(
        'input',
        `the sync folder ${folder} does not exist (or is not a folder)`,
        'create it, or check that the synced drive is mounted',
      );
    }
    const exported = await this.exportNew(options.gzip ?? false);
    const root = join(folder, SYNC_SUBFOLDER);
    const skipped: SyncResult['skipped'] = [];
    const published = this.publish(root, skipped);
    const started = this.ctx.now();
    const imported = await new SegmentImporter(this.ctx).importRoot(root, await this.passphrase.get());
    return this.finish(exported, published, imported, skipped, started);
  }

  /** Imports what ssh brought into the inbox, prunes it, and settles streams like a folder sync. */
  async importInbox(exported: ExportResult): Promise<SyncResult> {
    const started = this.ctx.now();
    const inbox = join(this.inbox, SYNC_SUBFOLDER);
    const imported = await new SegmentImporter(this.ctx).importRoot(inbox, await this.passphrase.get());
    const skipped: SyncResult['skipped'] = [];
    this.pruneInbox(inbox, skipped);
    return this.finish(exported, 0, imported, skipped, started);
  }

  /**
   * A segment that came over ssh, put into the inbox to be imported like a folder's (the same
   * checks and caps). Returns why it was refused, or null. One already imported is not kept.
   */
  receiveSegment(machine: string, name: string, bytes: Buffer): string | null {
    if (machine === this.machines.local().id) return "it claims to be this machine's own: not taken";
    if (bytes.length > SEGMENT_LIMITS.bytes)
      return `more than ${SEGMENT_LIMITS.bytes / 1024 / 1024} MB: not taken`;
    const seq = Number(/^seg-(\d+)/.exec(name)?.[1]);
    if (new SyncState(this.ctx.db).isDone(machine, seq)) return null;
    try {
      writeSegmentFile(machineDir(join(this.inbox, SYNC_SUBFOLDER), machine), name, bytes);
      return null;
    } catch (error) {
      return `cannot write it into the inbox: ${fileErrorReason(error)}`;
    }
  }

  /**
   * The inbox holds only what waits to be imported: an imported segment moves to the relay
   * store (or goes, when a copy is there already); half-written files of a killed pull go.
   * One that was skipped stays, to be tried again, and is said in `tt sync status`.
   */
  private pruneInbox(inbox: string, skipped: SyncResult['skipped']): void {
    const state = new SyncState(this.ctx.db);
    let machines: string[];
    try {
      machines = readdirSync(inbox).filter((name) => MACHINE_ID.test(name));
    } catch {
      return; // no inbox yet
    }
    for (const machine of machines) {
      const dir = machineDir(inbox, machine);
      try {
        removeLeftoverTemps(dir);
        for (const file of listSegments(dir)) {
          if (!state.isDone(machine, file.seq)) continue;
          const kept = machineDir(this.relayStore, machine);
          if (listSegments(kept).some((held) => held.seq === file.seq)) rmSync(file.path, { force: true });
          else {
            makePrivateDirectory(kept);
            renameSync(file.path, join(kept, file.name));
          }
        }
      } catch (error) {
        skipped.push({ machine, segment: null, reason: `cannot prune the inbox: ${fileErrorReason(error)}` });
      }
    }
  }

  /**
   * Every segment this data dir holds (its own, and the other machines' it imported over ssh)
   * that the other side does not, oldest first per machine.
   */
  heldSegmentsAfter(marks: ReadonlyMap<string, Holding>): HeldSegment[] {
    const local = this.machines.local().id;
    const held: HeldSegment[] = [];
    const add = (machine: string, dir: string) => {
      for (const file of listSegments(dir)) {
        const there = marks.get(machine);
        if (there && (file.seq <= there.mark || there.above.includes(file.seq))) continue;
        held.push({ machine, name: file.name, seq: file.seq, bytes: () => readFileSync(file.path) });
      }
    };
    add(local, machineDir(this.outbox, local));
    let others: string[] = [];
    try {
      others = readdirSync(this.relayStore).filter((name) => MACHINE_ID.test(name) && name !== local);
    } catch {
      // nothing relayed yet
    }
    for (const machine of others.sort()) add(machine, machineDir(this.relayStore, machine));
    return held;
  }

  /**
   * Copies this machine's segments that the folder lacks (new ones, or ones it lost) into
   * `<root>/<machine id>/`. A segment there that this machine did not write means another
   * data dir uses the same machine id: said, and left alone.
   */
  private publish(root: string, skipped: SyncResult['skipped']): number {
    const local = this.machines.local();
    const target = machineDir(root, local.id);
    let published = 0;
    const refused = ownFolderProblem(target);
    if (refused !== null) {
      skipped.push({ machine: local.id, segment: null, reason: refused });
      return 0;
    }
    try {
      const there = new Map(listSegments(target).map((f) => [f.seq, f]));
      const own = new Map(listSegments(machineDir(this.outbox, local.id)).map((f) => [f.seq, f]));
      for (const [seq, file] of own) {
        if (there.has(seq)) continue;
        writeSegmentFile(target, file.name, readFileSync(file.path));
        published += 1;
      }
      // A segment there that is not this machine's own (another number, or other bytes under
      // one of its numbers): another data dir writes under this machine's id.
      for (const [seq, file] of there) {
        const mine = own.get(seq);
        if (mine !== undefined && sameSegment(mine.path, file.path)) continue;
        skipped.push({
          machine: local.id,
          segment: file.name,
          reason:
            'another tt writes as this machine (a copied data dir?): its segment was left alone; use a fresh data dir on one of them',
        });
      }
    } catch (error) {
      skipped.push({
        machine: local.id,
        segment: null,
        reason: `cannot write to ${target}: ${fileErrorReason(error)}`,
      });
    }
    return published;
  }

  /** Settles streams around what changed, and says what happened. */
  private async finish(
    exported: ExportResult,
    published: number,
    imported: ImportOutcome,
    skipped: SyncResult['skipped'],
    started: number,
  ): Promise<SyncResult> {
    // Where things are placed must be a function of the merged data alone, whatever arrived
    // when: a focus event follows the nearest session of its project, however far away, so
    // anything new (rows or edits, from here or elsewhere) has inference look at everything
    // again. Sessions no stream covers are placed first, as on every machine.
    const changed =
      imported.touched !== null || imported.edits > 0 || exported.span !== null || exported.edits > 0;
    await this.streams.inferNewSessions();
    await this.streams.reconcile(changed ? new StreamRepo(this.ctx.db, this.ctx.now).wholeSpan() : null);
    const local = this.machines.local();
    this.ctx.emit({ type: 'changed', topics: ['streams'] });
    return {
      machine: { id: local.id, name: local.name },
      exported: {
        segment: exported.segment,
        sessions: exported.sessions,
        events: exported.events,
        edits: exported.edits,
      },
      published,
      imported: {
        segments: imported.segments,
        sessions: imported.sessions,
        events: imported.events,
        edits: imported.edits,
      },
      skipped: [...skipped, ...imported.skipped],
      warnings: this.clockWarnings(),
      conflicts: this.conflictsSince(started - 1),
    };
  }

  /**
   * Edits of one field on two machines that did not see each other, met here since `after`:
   * "laptop and desk both renamed a stream; kept desk's …", with the command that switches.
   */
  conflictsSince(after: number): string[] {
    const name = (id: string) => this.machines.get(id)?.name ?? id.slice(0, 8);
    return new PersonOps(this.ctx.db).conflictsSince(after).map(({ streamId, field, kept, other }) => {
      const [a, b] = [name(kept.machine), name(other.machine)];
      if (field === 'name') {
        return `${b} and ${a} both renamed stream ${streamId.slice(0, 8)}: kept ${a}'s "${String(kept.value)}" over ${b}'s "${String(other.value)}" (to switch: tt streams rename ${streamId} "${String(other.value)}")`;
      }
      const into = (value: unknown) =>
        value === null ? 'not merged' : `merged into ${String(value).slice(0, 8)}`;
      return `${b} and ${a} both changed whether stream ${streamId.slice(0, 8)} is merged: kept ${a}'s (${into(kept.value)}) over ${b}'s (${into(other.value)})`;
    });
  }

  /** "desktop's clock is 1 day ahead of this machine's": said while it is more than a minute. */
  clockWarnings(): string[] {
    return this.machines
      .aheadBy(CLOCK_WARNING_MS)
      .map(
        ({ name, aheadMs }) =>
          `${name}'s clock is ${formatSkew(aheadMs)} ahead of this machine's (edits keep their order; set the clocks right)`,
      );
  }

  /**
   * Where sync stands: per machine, its last segment, what waits in `folder` to be imported,
   * how far its clock runs ahead, what was skipped and why; and what this machine has to send.
   */
  status(folder: string | null): SyncStatus {
    const local = this.machines.local();
    const state = new SyncState(this.ctx.db);
    const marks = state.exportMarks();
    const segments = state.perMachine();
    const root = folder === null ? null : join(folder, SYNC_SUBFOLDER);
    const inFolder = (id: string): number | null => {
      if (root === null || id === local.id) return null;
      try {
        return listSegments(machineDir(root, id)).filter((file) => !state.isDone(id, file.seq)).length;
      } catch {
        return null;
      }
    };
    const forgotten = this.forgotten();
    const known = this.machines.list().filter((m) => !forgotten.has(m.id));
    let folderIds: string[] = [];
    try {
      folderIds = root === null ? [] : readdirSync(root).filter((name) => MACHINE_ID.test(name));
    } catch {
      // no folder yet, or unreadable: nothing waits there
    }
    const ids = [
      ...known.map((m) => m.id),
      ...folderIds.filter((id) => !forgotten.has(id) && !known.some((m) => m.id === id)),
    ];
    return {
      folder,
      pendingExport: {
        sessions: new SessionSyncRows(this.ctx.db).countChangedSince(local.id, marks.session_change),
        events: new EventSyncRows(this.ctx.db).countSince(local.id, marks.event_rowid),
        edits: new PersonOps(this.ctx.db).countLocalSince(local.id, marks.op_seq),
      },
      machines: ids.map((id) => {
        const row = known.find((m) => m.id === id);
        const seen = segments.get(id);
        return {
          id,
          name: row?.name ?? id.slice(0, 8),
          isLocal: id === local.id,
          lastSeenAt: row && row.is_local !== 1 ? row.last_seen_at : null,
          lastSegment: seen?.last ?? null,
          pendingImport: inFolder(id),
          clockAheadMs: row?.clock_ahead_ms ?? null,
          skipped: seen?.skipped ?? [],
        };
      }),
      warnings: this.clockWarnings(),
      conflicts: this.conflictsSince(this.ctx.now() - CONFLICTS_SHOWN_MS),
    };
  }

  /** Per machine, which of its segments are here. */
  holdings(): Map<string, Holding> {
    return new SyncState(this.ctx.db).holdings();
  }
}

/**
 * Whether two files hold the same segment: the same size and the same first 4 KB, where the
 * header (writer, number, time of writing) is. Cheap enough to check every segment on every sync.
 */
function sameSegment(a: string, b: string): boolean {
  if (statSync(a).size !== statSync(b).size) return false;
  const head = (path: string) => {
    const fd = openSync(path, 'r');
    try {
      const buffer = Buffer.alloc(4096);
      return buffer.subarray(0, readSync(fd, buffer, 0, buffer.length, 0));
    } finally {
      closeSync(fd);
    }
  };
  return head(a).equals(head(b));
}
