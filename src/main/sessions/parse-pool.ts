import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { AgentReadJob, AgentReadOutcome } from './agent-read-job';
import type { ParseJob, ParseOutcome } from './transcript-reader';
import { runWorkerJob, type WorkerJob } from './worker-job';

// Parses transcripts in a pool of worker threads, one file per message. When the worker
// script is missing or a worker dies, the pool stops using workers and parses in-process,
// so indexing always completes; `fallbackReason` says why it fell back.

/**
 * out/main/session-worker.js, found relative to the built module that holds this code: the
 * bundler may place it in out/main or in out/main/chunks. In the packaged app it is taken from
 * outside the asar archive (see `outsideAsar`).
 */
export function defaultWorkerPath(): string {
  const candidates = ['./session-worker.js', '../session-worker.js'].map((relative) =>
    outsideAsar(fileURLToPath(new URL(relative, import.meta.url))),
  );
  return candidates.find((path) => existsSync(path)) ?? candidates[0]!;
}

/**
 * A file inside the packaged app's `app.asar` that the installers keep unpacked (package.json,
 * build.asarUnpack: the worker, its chunks and better-sqlite3), as its path in
 * `app.asar.unpacked`: a worker thread loads it, and what it imports, from the real file system.
 * Any other path is returned as it is.
 */
export function outsideAsar(path: string, exists: (path: string) => boolean = existsSync): string {
  const unpacked = path.replace(/\.asar(?=[\\/])/, '.asar.unpacked');
  return unpacked !== path && exists(unpacked) ? unpacked : path;
}

/** One worker per core: the main thread only stats files and writes SQLite. */
export function defaultPoolSize(): number {
  return Math.max(1, Math.min(availableParallelism(), 8));
}

interface Pending {
  work: WorkerJob;
  resolve: (outcome: unknown) => void;
}

interface Slot {
  worker: Worker;
  busy: { id: number; pending: Pending } | null;
}

export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Pending[] = [];
  private nextId = 0;
  private closed = false;
  /** why parsing runs in-process although workers were asked for, or null */
  fallbackReason: string | null = null;

  constructor(options: { workerPath?: string | null; size?: number } = {}) {
    const workerPath = options.workerPath === undefined ? defaultWorkerPath() : options.workerPath;
    if (workerPath === null) return;
    if (!existsSync(workerPath)) {
      this.fallbackReason = `worker script not found (${workerPath})`;
      return;
    }
    const size = options.size ?? defaultPoolSize();
    try {
      for (let i = 0; i < size; i++) this.slots.push(this.spawn(workerPath));
    } catch (error) {
      this.fail(`worker threads could not start: ${(error as Error).message}`);
    }
  }

  get workerCount(): number {
    return this.slots.length;
  }

  parse(job: ParseJob): Promise<ParseOutcome> {
    return this.run({ kind: 'claude', job }) as Promise<ParseOutcome>;
  }

  /** Reads what is new in another agent's file. */
  readAgent(job: AgentReadJob): Promise<AgentReadOutcome> {
    return this.run({ kind: 'agent', job }) as Promise<AgentReadOutcome>;
  }

  private run(work: WorkerJob): Promise<unknown> {
    return new Promise((resolve) => {
      this.queue.push({ work, resolve });
      this.pump();
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  private spawn(workerPath: string): Slot {
    const slot: Slot = { worker: new Worker(workerPath), busy: null };
    slot.worker.on('message', (message: { id: number; outcome: unknown }) => {
      const busy = slot.busy;
      if (busy === null || busy.id !== message.id) return;
      slot.busy = null;
      slot.worker.unref();
      busy.pending.resolve(message.outcome);
      this.pump();
    });
    const die = (reason: string): void => {
      if (this.closed) return;
      const busy = slot.busy;
      slot.busy = null;
      if (busy) this.queue.unshift(busy.pending);
      this.fail(reason);
    };
    slot.worker.on('error', (error) => die(`a worker thread failed: ${error.message}`));
    slot.worker.on('exit', (code) => die(`a worker thread exited (code ${code})`));
    // Idle workers must not keep a CLI process alive.
    slot.worker.unref();
    return slot;
  }

  /** Stops using workers; queued and in-flight jobs are parsed in-process instead. */
  private fail(reason: string): void {
    this.fallbackReason ??= reason;
    const slots = this.slots.splice(0);
    for (const slot of slots) {
      if (slot.busy) this.queue.unshift(slot.busy.pending);
      slot.busy = null;
      slot.worker.removeAllListeners();
      void slot.worker.terminate();
    }
    this.pump();
  }

  private pump(): void {
    if (this.slots.length === 0) {
      // In-process: one job per macrotask so that progress and other callbacks still run.
      const pending = this.queue.shift();
      if (pending === undefined) return;
      setImmediate(() => {
        void Promise.resolve(runWorkerJob(pending.work)).then((outcome) => {
          pending.resolve(outcome);
          this.pump();
        });
      });
      return;
    }
    for (const slot of this.slots) {
      if (slot.busy !== null) continue;
      const pending = this.queue.shift();
      if (pending === undefined) return;
      const id = this.nextId++;
      slot.busy = { id, pending };
      slot.worker.ref();
      slot.worker.postMessage({ id, work: pending.work });
    }
  }
}
