import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { rmSync, statSync } from 'node:fs';
import type { AwayMark } from '../../core/time/away';
import type { EventQuery, EventRecord, ImportResult } from '../../shared/api';
import type { ServiceContext } from '../service-context';
import {
  IdentityResolver,
  type IdentityAnswer,
  type IdentityResolverOptions,
} from '../identity/identity-resolver';
import { spoolPath } from './spool';
import { parseSpoolLine } from './spool-line';
import { fileErrorReason, isFileSystemError } from '../file-error-reason';
import { countLines, listSpoolFiles, readSpoolBatch, spoolSize } from './spool-reader';

export const TMUX_EVENTS_SOURCE = 'tmux-events';
/** How long a past month's spool file must have been quiet before it is deleted. */
const RETIRE_AFTER_MS = 24 * 60 * 60_000;

interface EventRow {
  id: string;
  ts: number;
  type: EventRecord['type'];
  pane_id: string | null;
  tmux_session: string | null;
  window_index: number | null;
  cwd: string | null;
  project_name: string | null;
  workspace_name: string | null;
  identity_source: EventRecord['identitySource'];
  stream_id: string | null;
  detail: string | null;
}

/** A tmux client detaching is the only away period the hooks report. */
const TMUX_AWAY_DETAIL = 'tmux-detached';

/** Importing appended focus events into the store, with project identity, and reading them. */
export class EventService {
  /** Also for stream inference: resolves a session's directory the same way as an event's. */
  readonly identities: IdentityResolver;

  constructor(
    private readonly ctx: ServiceContext,
    resolverOptions: IdentityResolverOptions = {},
  ) {
    this.identities = new IdentityResolver({ env: ctx.env, now: ctx.now, ...resolverOptions });
  }

  /**
   * Moves what `tt ingest` appended into the events table. Safe to run from the app and the CLI
   * at once: both may read the same lines, but ids come from the lines, inserts ignore what is
   * there, and the offset only moves forward, in the same transaction as the rows.
   */
  async import(): Promise<ImportResult> {
    const result: ImportResult = { imported: 0, duplicates: 0, skipped: {}, warnings: [] };
    const current = spoolPath(this.ctx.dataDir, this.ctx.now());
    const unreadable: string[] = [];
    const unexamined = new UnexaminedDirectories();
    for (const path of listSpoolFiles(this.ctx.dataDir)) {
      let endOffset: number;
      try {
        endOffset = await this.importFile(path, result, unexamined);
      } catch (error) {
        // One file the file system refuses must not stop the others; its lines stay in it.
        if (!isFileSystemError(error)) throw error;
        unreadable.push(
          `could not read ${path} (${fileErrorReason(error)}); its events wait there until it can be read`,
        );
        continue;
      }
      if (path < current) this.retireIfDone(path, endOffset);
    }

    result.warnings = [...unreadable, ...unexamined.warnings(), ...this.identities.takeWarnings()];
    const skipped = Object.values(result.skipped).reduce((sum, n) => sum + n, 0);
    this.ctx.sources.markIndexed(
      TMUX_EVENTS_SOURCE,
      this.ctx.now(),
      `${result.imported} imported` + (skipped > 0 ? `, ${skipped} skipped` : ''),
    );
    if (result.imported > 0) this.ctx.emit({ type: 'changed', topics: ['events'] });
    return result;
  }

  /** Imports one spool file from where the last import stopped; returns where it stopped now. */
  private async importFile(
    path: string,
    result: ImportResult,
    unexamined: UnexaminedDirectories,
  ): Promise<number> {
    let offset = this.readOffset(path);
    const size = spoolSize(path);
    if (size < offset) {
      // A spool shorter than what was read is a new file (deleted or moved away): read it all;
      // the ids keep lines that were imported before from coming in twice.
      this.ctx.db
        .prepare('UPDATE event_spool_state SET read_offset = 0 WHERE path = ? AND read_offset > ?')
        .run(path, size);
      offset = 0;
    }
    // Line numbers, only for messages: the lines before `offset` are counted when one is needed.
    const startOffset = offset;
    let linesBefore: number | undefined;
    let linesRead = 0;
    const lineNumber = (index: number) =>
      (linesBefore ??= countLines(path, startOffset)) + linesRead + index + 1;
    for (let batch = readSpoolBatch(path, offset); batch; batch = readSpoolBatch(path, offset)) {
      if (batch.oversized > 0) count(result.skipped, 'line too long', batch.oversized);
      const parsed = [];
      const lineOf = new Map<string, number>(); // directory → its first line's index in the batch
      for (const [index, line] of batch.lines.entries()) {
        if (line.trim() === '') continue;
        const entry = parseSpoolLine(line);
        if (!entry.ok) {
          count(result.skipped, entry.reason);
          continue;
        }
        parsed.push(entry);
        if (entry.event.cwd !== null && !lineOf.has(entry.event.cwd)) lineOf.set(entry.event.cwd, index);
      }
      const identities = await this.resolveAll(parsed.map((entry) => entry.event.cwd));
      for (const [dir, identity] of identities) {
        if (identity.unexamined !== undefined)
          unexamined.add(identity.unexamined, `${basename(path)} line ${lineNumber(lineOf.get(dir)!)}`);
      }
      const branches = await this.branchesOf(parsed.map((entry) => entry.event.cwd));
      const { inserted, ignored } = this.store(path, batch.endOffset, parsed, identities, branches);
      result.imported += inserted;
      result.duplicates += ignored;
      offset = batch.endOffset;
      linesRead += batch.lines.length + batch.oversized;
    }
    return offset;
  }

  /**
   * Deletes a past month's spool file once all of it is in the database and nothing has been
   * appended to it for a day (a hook that started just before midnight UTC may still write).
   */
  private retireIfDone(path: string, endOffset: number): void {
    const stat = statSync(path, { throwIfNoEntry: false });
    if (!stat || stat.size !== endOffset || this.ctx.now() - stat.mtimeMs < RETIRE_AFTER_MS) return;
    rmSync(path, { force: true });
    this.ctx.db.prepare('DELETE FROM event_spool_state WHERE path = ?').run(path);
  }

  /**
   * Away periods the desktop app observed (see main/away), stored as idle-start / idle-end
   * events beside the focus events, so that allocation ends attention there.
   */
  recordAway(marks: readonly AwayMark[]): void {
    const insert = this.ctx.db.prepare(
      'INSERT OR IGNORE INTO events (id, ts, type, detail, imported_at) VALUES (?, ?, ?, ?, ?)',
    );
    const now = this.ctx.now();
    let inserted = 0;
    this.ctx.db.transaction(() => {
      for (const mark of marks) {
        const id = createHash('sha256').update(`away:${mark.type}:${mark.ts}:${mark.detail}`).digest('hex');
        inserted += insert.run(id.slice(0, 32), mark.ts, mark.type, mark.detail, now).changes;
      }
    })();
    if (inserted > 0) this.ctx.emit({ type: 'changed', topics: ['events'] });
  }

  list(query: EventQuery = {}): EventRecord[] {
    const conditions: string[] = [];
    const params: (string | number)[] = [];
    if (query.since !== undefined) {
      conditions.push('e.ts >= ?');
      params.push(query.since);
    }
    if (query.until !== undefined) {
      conditions.push('e.ts < ?');
      params.push(query.until);
    }
    if (query.type !== undefined) {
      conditions.push('e.type = ?');
      params.push(query.type);
    }
    const where = conditions.length > 0 ? `WHERE ${conditions.join(' AND ')}` : '';
    const limit = query.limit !== undefined ? `LIMIT ${Math.max(0, Math.trunc(query.limit))}` : '';
    const rows = this.ctx.db
      .prepare(
        `SELECT e.*, es.stream_id FROM events e LEFT JOIN event_streams es ON es.event_id = e.id
         ${where} ORDER BY e.ts, e.id ${limit}`,
      )
      // eslint-disable-next-line no-restricted-syntax -- at most three query parameters
      .all(...params) as EventRow[];
    return rows.map(toRecord);
  }

  private readOffset(path: string): number {
    const row = this.ctx.db.prepare('SELECT read_offset FROM event_spool_state WHERE path = ?').get(path) as
      { read_offset: number } | undefined;
    return row?.read_offset ?? 0;
  }

  /** One identity per distinct directory, asked one after another (the resolver caches per repository). */
  private async resolveAll(dirs: (string | null)[]): Promise<Map<string, IdentityAnswer>> {
    const identities = new Map<string, IdentityAnswer>();
    for (const dir of new Set(dirs)) {
      if (dir !== null && !identities.has(dir))
        identities.set(dir, await this.identities.resolveIdentity(dir));
    }
    return identities;
  }

  /** The branch each distinct directory is on now (git; null where unknown): streams follow branches. */
  private async branchesOf(dirs: (string | null)[]): Promise<Map<string, string | null>> {
    const branches = new Map<string, string | null>();
    for (const dir of new Set(dirs)) {
      if (dir !== null) branches.set(dir, await this.identities.resolveBranch(dir));
    }
    return branches;
  }

  private store(
    path: string,
    endOffset: number,
    parsed: Extract<ReturnType<typeof parseSpoolLine>, { ok: true }>[],
    identities: Map<string, IdentityAnswer>,
    branches: Map<string, string | null>,
  ): { inserted: number; ignored: number } {
    const db = this.ctx.db;
    const insert = db.prepare(
      `INSERT OR IGNORE INTO events
         (id, ts, type, pane_id, tmux_session, window_index, cwd, project_name, workspace_name, identity_source,
          imported_at, detail)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    const setBranch = db.prepare('UPDATE events SET git_branch = ? WHERE id = ?');
    const advance = db.prepare(
      `INSERT INTO event_spool_state (path, read_offset, updated_at) VALUES (?, ?, ?)
       ON CONFLICT(path) DO UPDATE SET read_offset = max(read_offset, excluded.read_offset), updated_at = excluded.updated_at`,
    );
    const now = this.ctx.now();
    const write = db.transaction(() => {
      let inserted = 0;
      for (const { id, event } of parsed) {
        const identity = event.cwd === null ? undefined : identities.get(event.cwd);
        const info = insert.run(
          id,
          event.ts,
          event.type,
          event.pane,
          event.session,
          event.window,
          event.cwd,
          identity?.projectName ?? null,
          identity?.workspaceName ?? null,
          identity?.source ?? null,
          now,
          event.type === 'idle-start' ? TMUX_AWAY_DETAIL : null,
        );
        inserted += info.changes;
        const branch = event.cwd === null ? null : (branches.get(event.cwd) ?? null);
        if (info.changes > 0 && branch !== null) setBranch.run(branch, id);
      }
      advance.run(path, endOffset, now);
      return inserted;
    });
    const inserted = write.immediate();
    return { inserted, ignored: parsed.length - inserted };
  }
}

/**
 * Events whose directory the file system would not let us examine: they are kept, named from
 * their path, and reported once per reason, at the first line it concerned.
 */
class UnexaminedDirectories {
  private readonly byReason = new Map<string, { line: string; directories: number }>();

  add(reason: string, line: string): void {
    const seen = this.byReason.get(reason);
    if (seen) seen.directories += 1;
    else this.byReason.set(reason, { line, directories: 1 });
  }

  warnings(): string[] {
    return [...this.byReason].map(
      ([reason, { line, directories }]) =>
        `${line}: could not examine the event's directory (${reason}); kept the event, named from its folder name` +
        (directories > 1 ? ` (and ${directories - 1} more directories like it)` : ''),
    );
  }
}

function count(counts: Record<string, number>, reason: string, n = 1): void {
  counts[reason] = (counts[reason] ?? 0) + n;
}

function toRecord(row: EventRow): EventRecord {
  return {
    id: row.id,
    ts: row.ts,
    type: row.type,
    paneId: row.pane_id,
    tmuxSession: row.tmux_session,
    windowIndex: row.window_index,
    cwd: row.cwd,
    projectName: row.project_name,
    workspaceName: row.workspace_name,
    identitySource: row.identity_source,
    streamId: row.stream_id,
    detail: row.detail,
  };
}
