// Which project a directory belongs to, asked of jj (first) or git, else guessed from the
// path. Subprocesses are the cost, so answers are cached per repository root (found with
// stat calls) and per directory, and refreshed after a while; every failure degrades to the
// path heuristic and is reported once per batch as a warning, never once per event.
import { existsSync } from 'node:fs';
import {
  identityFromGit,
  identityFromJj,
  identityFromPath,
  type ProjectIdentity,
  type ResolvedIdentity,
} from '../../core/identity';
import { findRepositoryRoot, type RepositoryRoot, type RootLookup } from './repository-root';

export type { ResolvedIdentity } from '../../core/identity';

/** An identity, and why the directory could not be examined when it was named from its path alone. */
export type IdentityAnswer = ResolvedIdentity & { unexamined?: string };

export interface IdentityResolverOptions {
  /** The environment the commands run in; its PATH finds jj and git. Defaults to process.env. */
  env?: NodeJS.ProcessEnv;
  /** The jj and git executables: names looked up on PATH, or paths. */
  jjCommand?: string;
  gitCommand?: string;
  /** A command that takes longer is killed and the path heuristic used. */
  timeoutMs?: number;
  /** How long a cached answer is trusted before asking again (remotes and worktrees change rarely). */
  refreshMs?: number;
  now?: () => number;
}

export const DEFAULT_IDENTITY_TIMEOUT_MS = 2_000;
export const DEFAULT_IDENTITY_REFRESH_MS = 10 * 60_000;
/** Branches change often: asked again after this long (the app imports every half minute). */
const BRANCH_REFRESH_MS = 20_000;
/** Bounds the caches of a long-running app; clearing them only costs a few subprocesses. */
const MAX_CACHED_DIRECTORIES = 10_000;

interface Cached<T> {
  value: T;
  at: number;
}

type CommandOutcome =
  { ok: true; stdout: string } | { ok: false; problem: 'not-found' | 'timeout' | 'failed'; detail: string };

export class IdentityResolver {
  private readonly env: NodeJS.ProcessEnv;
  private readonly jjCommand: string;
  private readonly gitCommand: string;
  private readonly timeoutMs: number;
  private readonly refreshMs: number;
  private readonly now: () => number;
  private readonly roots = new Map<string, Cached<RootLookup>>();
  private readonly identities = new Map<string, Cached<Promise<ResolvedIdentity>>>();
  private readonly branches = new Map<string, Cached<Promise<string | null>>>();
  /** warning text → the directories or repositories it concerns, until takeWarnings() */
  private readonly warnings = new Map<string, Set<string>>();

  constructor(options: IdentityResolverOptions = {}) {
    this.env = options.env ?? process.env;
    this.jjCommand = options.jjCommand ?? 'jj';
    this.gitCommand = options.gitCommand ?? 'git';
    this.timeoutMs = options.timeoutMs ?? DEFAULT_IDENTITY_TIMEOUT_MS;
    this.refreshMs = options.refreshMs ?? DEFAULT_IDENTITY_REFRESH_MS;
    this.now = options.now ?? Date.now;
  }

  /**
   * The project and workspace a directory belongs to, and whether jj, git or the path said so.
   * A directory the file system will not let us look at is named from its path, and the answer
   * says why (`unexamined`), for the caller to report with its own context.
   */
  async resolveIdentity(dir: string): Promise<IdentityAnswer> {
    const lookup = this.cached(this.roots, dir, () => findRepositoryRoot(dir));
    switch (lookup.kind) {
      case 'unreadable':
        return { ...fromPath(dir), unexamined: lookup.reason };
      case 'missing':
        this.warn('directories that no longer exist were named from their path', dir);
        return fromPath(dir);
      case 'plain':
        return fromPath(dir);
      case 'repository':
        return this.cached(this.identities, lookup.root.path, () =>
          this.resolveRepository(lookup.root).catch((error: unknown) => {
            // Never let one repository fail an import: name it by its path and say why.
            this.warn(`could not ask jj or git (${String(error)}); used the path instead`, lookup.root.path);
            return fromPath(lookup.root.path);
          }),
        );
    }
  }

  /**
   * The branch checked out in `dir` now ("HEAD" when detached), as git names it; null for a
   * plain folder, a jj workspace (jj keeps git's HEAD detached, so git would say "detached" for
   * every one) or when git cannot say. Cached per checkout for a few seconds only.
   */
  async resolveBranch(dir: string): Promise<string | null> {
    const lookup = this.cached(this.roots, dir, () => findRepositoryRoot(dir));
    if (lookup.kind !== 'repository' || lookup.root.jj || !lookup.root.git) return null;
    const root = lookup.root.path;
    const ask = async (): Promise<string | null> => {
      const outcome = await this.run(this.gitCommand, ['rev-parse', '--abbrev-ref', 'HEAD'], root);
      return outcome.ok ? outcome.stdout.trim() || null : null;
    };
    return this.cached(this.branches, root, ask, BRANCH_REFRESH_MS);
  }

  /** The problems met since the last call, one line each with how many places they concerned. */
  takeWarnings(): string[] {
    const lines = [...this.warnings].map(([text, places]) => {
      const [first] = places;
      return places.size === 1 ? `${text}: ${first}` : `${text}: ${first} and ${places.size - 1} more`;
    });
    this.warnings.clear();
    return lines;
  }

  private cached<T>(
    cache: Map<string, Cached<T>>,
    key: string,
    compute: () => T,
    refreshMs = this.refreshMs,
  ): T {
    const now = this.now();
    const hit = cache.get(key);
    if (hit && now - hit.at < refreshMs && now >= hit.at) return hit.value;
    if (cache.size >= MAX_CACHED_DIRECTORIES) cache.clear();
    const value = compute();
    cache.set(key, { value, at: now });
    return value;
  }

  private async resolveRepository(root: RepositoryRoot): Promise<ResolvedIdentity> {
    if (root.jj) {
      const identity = await this.fromJj(root.path);
      if (identity) return { ...identity, source: 'jj' };
    }
    // A jj repo that is not colocated has no .git at its root; asking git there could find an
    // unrelated repository further up, so git is asked only where .git is.
    if (root.git) {
      const identity = await this.fromGit(root.path);
      if (identity) return { ...identity, source: 'git' };
    }
    return fromPath(root.path);
  }

  private async fromJj(root: string): Promise<ProjectIdentity | null> {
    const [remoteList, workspaceList, jjRoot] = await Promise.all([
      this.run(this.jjCommand, ['git', 'remote', 'list', '--ignore-working-copy'], root),
      this.run(this.jjCommand, ['workspace', 'list', '--ignore-working-copy'], root),
      this.run(this.jjCommand, ['root', '--ignore-working-copy'], root),
    ]);
    if (!remoteList.ok || !workspaceList.ok || !jjRoot.ok) {
      const failed = [remoteList, workspaceList, jjRoot].find((outcome) => !outcome.ok);
      this.warnAbout('jj', failed!, root);
      return null;
    }
    return identityFromJj({
      remoteList: remoteList.stdout,
      workspaceList: workspaceList.stdout,
      root: jjRoot.stdout,
    });
  }

  private async fromGit(root: string): Promise<ProjectIdentity | null> {
    const [toplevel, origin, worktrees] = await Promise.all([
      this.run(this.gitCommand, ['rev-parse', '--show-toplevel'], root),
      this.run(this.gitCommand, ['remote', 'get-url', 'origin'], root),
      this.run(this.gitCommand, ['worktree', 'list', '--porcelain'], root),
    ]);
    if (!toplevel.ok) {
      this.warnAbout('git', toplevel, root);
      return null;
    }
    // No origin is normal (git exits 2); a worktree list git cannot give only loses the link
    // from a worktree to its main repository.
    return identityFromGit({
      toplevel: toplevel.stdout,
      originUrl: origin.ok ? origin.stdout : null,
      worktreeList: worktrees.ok ? worktrees.stdout : '',
    });
  }

  private warnAbout(tool: 'jj' | 'git', outcome: CommandOutcome & { ok: false }, root: string): void {
    const instead = tool === 'jj' ? 'used git or the path instead' : 'used the path instead';
    const text = {
      'not-found': `${tool} is not installed or not on PATH; ${instead}`,
      timeout: `${tool} did not answer within ${this.timeoutMs} ms; ${instead}`,
      failed: `${tool} failed (${outcome.detail}); ${instead}`,
    }[outcome.problem];
    this.warn(text, root);
  }

  private warn(text: string, place: string): void {
    const places = this.warnings.get(text) ?? new Set<string>();
    places.add(place);
    this.warnings.set(text, places);
  }

  private async run(command: string, args: string[], cwd: string): Promise<CommandOutcome> {
    const { execa } = await import('execa');
    const env = { ...this.env };
    // Inherited from a git hook, these would point every command at the wrong repository.
    for (const name of ['GIT_DIR', 'GIT_WORK_TREE', 'GIT_INDEX_FILE', 'GIT_COMMON_DIR']) delete env[name];
    // Its own process group, so that a hung command is killed with whatever it started: a
    // child left holding the output pipe would otherwise keep us waiting until it exits.
    const subprocess = execa(command, args, {
      cwd,
      env,
      extendEnv: false,
      reject: false,
      detached: true,
      stdin: 'ignore',
      maxBuffer: 1_000_000,
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      killGroup(subprocess.pid);
    }, this.timeoutMs);
    const result = await subprocess;
    clearTimeout(timer);
    if (timedOut) return { ok: false, problem: 'timeout', detail: 'timed out' };
    if ((result as { code?: string }).code === 'ENOENT') {
      // ENOENT is also what spawning in a directory deleted a moment ago gives.
      if (!existsSync(cwd)) return { ok: false, problem: 'failed', detail: 'the directory was deleted' };
      return { ok: false, problem: 'not-found', detail: 'not found' };
    }
    if (result.failed) {
      const firstLine =
        String(result.stderr ?? '')
          .trim()
          .split('\n')[0] || `exit code ${result.exitCode}`;
      return { ok: false, problem: 'failed', detail: firstLine.slice(0, 200) };
    }
    return { ok: true, stdout: String(result.stdout) };
  }
}

function fromPath(path: string): ResolvedIdentity {
  return { ...identityFromPath(path), source: 'path' };
}

function killGroup(pid: number | undefined): void {
  if (pid === undefined) return;
  try {
    process.kill(-pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
