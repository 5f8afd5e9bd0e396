import type { IndexOptions, SessionQuery, SessionSummary } from '../../shared/api';
import { indexRunSummary } from '../../shared/wording';
import type { ServiceContext } from '../service-context';
import { addAgentRun } from './add-agent-run';
import { runAgentIndex } from './agent-indexer';
import { existsSync } from 'node:fs';
import { transcriptRoot } from '../../core/transcript/transcript-root';
import { runIndex, type IndexProgress, type IndexRun } from './session-indexer';
import { enabledAgentSources } from './sources/source-list';
import { SessionRepo } from './session-repo';

export interface SessionServiceOptions {
  /** the worker script; null parses in-process; default: session-worker.js beside the built module */
  workerPath?: string | null;
  poolSize?: number;
  maxLineBytes?: number;
  /** runs with less to read than this parse in-process (default 16 MB); 0 always uses workers */
  inProcessBelowBytes?: number;
}

/** Indexing Claude Code transcripts and other agents' sessions into the store, and reading sessions back. */
export class SessionService {
  private readonly repo: SessionRepo;
  private running: Promise<IndexRun> | null = null;
  private runningQuietly = false;

  constructor(
    private readonly ctx: ServiceContext,
    private readonly options: SessionServiceOptions = {},
  ) {
    this.repo = new SessionRepo(ctx.db, ctx.now);
  }

  /** Indexes the configured roots (or `options.roots`), emitting progress; one run at a time. */
  index(options: IndexOptions = {}): Promise<IndexRun> {
    // A person asked, while a background run is going: let it finish, then run where they can
    // see it (everything read in the background is unchanged by then, so this is quick).
    if (this.running && this.runningQuietly) return this.running.then(() => this.index(options));
    // A second "Index now" while one runs joins it instead of reading everything twice.
    return this.start(() => this.run(options, true), false);
  }

  /**
   * Brings the index up to date without announcing it, for the app's and the dashboard's
   * background refresh: no progress, no "finished" toast; views hear only of new sessions.
   */
  indexQuietly(): Promise<IndexRun> {
    return this.start(() => this.run({}, false), true);
  }

  private start(run: () => Promise<IndexRun>, quietly: boolean): Promise<IndexRun> {
    if (!this.running) {
      this.runningQuietly = quietly;
      this.running = run().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private async run(options: IndexOptions, announce: boolean): Promise<IndexRun> {
    const configured = this.ctx.settings.configured();
    const disabled = configured.disabledSources;
    // Roots named for this run are Claude Code's, and only they are read then.
    const claudeOff = !options.roots?.length && disabled.includes('claude-code');
    const roots = options.roots?.length ? options.roots : claudeOff ? [] : configured.effectiveProjectRoots;
    const onProgress = !announce
      ? undefined
      : (progress: IndexProgress) =>
          this.ctx.emit({
            type: 'progress',
            task: 'index',
            done: progress.bytesDone,
            total: progress.bytesTotal,
            unit: 'bytes',
            detail: `${progress.filesDone} of ${progress.filesTotal} files`,
            filesDone: progress.filesDone,
            filesTotal: progress.filesTotal,
          });
    const indexing = {
      db: this.ctx.db,
      now: this.ctx.now,
      workerPath: this.options.workerPath,
      poolSize: this.options.poolSize,
      inProcessBelowBytes: this.options.inProcessBelowBytes,
      onProgress,
    };
    const result = await runIndex({ ...indexing, roots, maxLineBytes: this.options.maxLineBytes });
    if (result.filesSeen === 0 && !options.roots?.length) result.rootsElsewhere = this.rootsElsewhere(roots);
    if (!options.roots?.length) {
      const started = performance.now();
      const agents = await runAgentIndex({
        ...indexing,
        sources: enabledAgentSources(this.ctx.env, disabled),
      });
      addAgentRun(result, agents, Math.round(performance.now() - started));
      for (const source of agents.bySource) {
        if (source.roots.length > 0) this.ctx.sources.markIndexed(`${source.agent}-sessions`, this.ctx.now());
      }
    }
    if (!claudeOff) this.ctx.sources.markIndexed('claude-sessions', this.ctx.now(), indexRunSummary(result));
    if (announce || result.sessionsWritten > 0) this.ctx.emit({ type: 'changed', topics: ['sessions'] });
    if (announce) {
      this.ctx.emit({ type: 'task-finished', task: 'index', ok: true, summary: indexRunSummary(result) });
    }
    return result;
  }

  /** The roots, other than `roots`, that indexed transcripts came from and that still exist. */
  private rootsElsewhere(roots: string[]): string[] {
    const known = new Set(roots.map((root) => root.replace(/\/+$/, '')));
    const found = new Set(this.repo.claudeTranscriptPaths().map(transcriptRoot));
    return [...found].filter((root) => !known.has(root) && existsSync(root)).sort();
  }

  list(query: SessionQuery = {}): SessionSummary[] {
    return this.repo.list(query);
  }

  /** The subagents of a session. */
  children(sessionId: string): SessionSummary[] {
    return this.repo.children(sessionId);
  }

  get repository(): SessionRepo {
    return this.repo;
  }
}
