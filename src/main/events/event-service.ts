import { createHash } from 'node:crypto';
import { basename } from 'node:path';
import { rmSync, statSync } from 'node:fs';
import type { AwayMark } from '../../core/time/away';
import type { EventQuery, EventRecord, ImportResult } from '../../shared/api';
import { EventRepo } from './event-repo';
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

/** A tmux client detaching is the only away period the hooks report. */
const TMUX_AWAY_DETAIL = 'tmux-detached';

/** Importing appended focus events into the store, with project identity, and reading them. */
export class EventService {
  /** Also for stream inference: resolves a session's directory the same way as an event's. */
  readonly identities: IdentityResolver;
  /** The events table's SQL; stream inference reads events through it too. */
  readonly repository: EventRepo;

  constructor(
    private readonly ctx: ServiceContext,
    resolverOptions: IdentityResolverOptions = {},
  ) {
    this.identities = new IdentityResolver({ env: ctx.env, now: ctx.now, ...resolverOptions });
    this.repository = new EventRepo(ctx.db, ctx.now);
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
    let offset = this.repository.readOffset(path);
    const size = spoolSize(path);
    if (size < offset) {
      // A spool shorter than what was read is a new file (deleted or moved away): read it all;
      // the ids keep lines that were imported before from coming in twice.
      this.repository.rewindIfShorter(path, size);
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
    this.repository.forgetSpool(path);
  }

  /**
   * Away periods the desktop app observed (see main/away), stored as idle-start / idle-end
   * events beside the focus events, so that allocation ends attention there.
   */
  recordAway(marks: readonly AwayMark[]): void {
    const inserted = this.repository.insertAway(
      marks.map((mark) => ({
        ...mark,
        id: createHash('sha256')
          .update(`away:${mark.type}:${mark.ts}:${mark.detail}`)
          .digest('hex')
          .slice(0, 32),
      })),
    );
    if (inserted > 0) this.ctx.emit({ type: 'changed', topics: ['events'] });
  }

  list(query: EventQuery = {}): EventRecord[] {
    return this.repository.list(query);
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
    const inserted = this.repository.insertBatch(
      path,
      endOffset,
      parsed.map(({ id, event }) => {
        const identity = event.cwd === null ? undefined : identities.get(event.cwd);
        return {
          id,
          ts: event.ts,
          type: event.type,
          pane: event.pane,
          session: event.session,
          window: event.window,
          cwd: event.cwd,
          projectName: identity?.projectName ?? null,
          workspaceName: identity?.workspaceName ?? null,
          identitySource: identity?.source ?? null,
          detail: event.type === 'idle-start' ? TMUX_AWAY_DETAIL : null,
          branch: event.cwd === null ? null : (branches.get(event.cwd) ?? null),
        };
      }),
    );
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
