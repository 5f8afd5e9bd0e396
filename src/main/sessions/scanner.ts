import { readdirSync, statSync, type Dirent, type Stats } from 'node:fs';
import { join, resolve } from 'node:path';
import { subagentSessionId } from '../../shared/session-id';
import { describeFileError, notRegularFile } from './transcript-file-errors';

// Finds Claude Code transcripts under projects roots. The layout is fixed and shallow:
//   <root>/<project>/<id>.jsonl                          a main session
//   <root>/<project>/<id>/subagents/agent-<a>.jsonl      a subagent of <id> (+ agent-<a>.meta.json)
//   <root>/<project>/agent-<a>.jsonl                     an older subagent; its parent is the
//                                                        sessionId inside
// so the walk never recurses further than that; symlinked folders are followed once each
// (by device and inode), which rules out loops and double counting.

export interface TranscriptFile {
  path: string;
  /**
   * The session id the path gives: the file name without .jsonl, under its parent's id for a
   * subagents/ transcript (`<parent>/agent-a5f3c21`). The indexer settles the final id: an
   * older agent file's parent is inside it, and another conversation may have the same id.
   */
  sessionId: string;
  /** from the folder for subagents/ transcripts; null for main sessions and old agent files */
  parentSessionId: string | null;
  isSubagent: boolean;
  /** agent-<a>.meta.json beside a subagent transcript, when present */
  metaPath: string | null;
  size: number;
  mtimeMs: number;
  ctimeMs: number;
}

export interface ScanResult {
  files: TranscriptFile[];
  /** roots that exist (resolved) */
  roots: string[];
  missingRoots: string[];
  /** .jsonl entries that could not be used, by reason */
  skipped: Record<string, number>;
  /** path → reason, for --verbose style reporting */
  skippedPaths: { path: string; reason: string }[];
}

const JSONL = '.jsonl';

export function scanProjectRoots(roots: readonly string[]): ScanResult {
  const result: ScanResult = { files: [], roots: [], missingRoots: [], skipped: {}, skippedPaths: [] };
  const seen = new Set<string>();
  const skip = (path: string, reason: string): void => {
    result.skipped[reason] = (result.skipped[reason] ?? 0) + 1;
    result.skippedPaths.push({ path, reason });
  };
  const identity = (stats: Stats): string => `${stats.dev}:${stats.ino}`;
  const firstVisit = (stats: Stats): boolean => {
    const key = identity(stats);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  };

  for (const rawRoot of roots) {
    const root = resolve(rawRoot);
    const rootStats = statOrNull(root);
    if (!rootStats?.isDirectory()) {
      result.missingRoots.push(root);
      continue;
    }
    result.roots.push(root);
    if (!firstVisit(rootStats)) continue;
    for (const project of listDir(root, skip)) {
      const projectPath = join(root, project.name);
      const projectStats = statOrNull(projectPath);
      if (!projectStats?.isDirectory() || !firstVisit(projectStats)) continue;
      for (const entry of listDir(projectPath, skip)) {
        const path = join(projectPath, entry.name);
        if (entry.name.endsWith(JSONL)) {
          const sessionId = entry.name.slice(0, -JSONL.length);
          addTranscript(path, {
            sessionId,
            parentSessionId: null,
            isSubagent: sessionId.startsWith('agent-'),
            metaPath: null,
          });
        } else if (entry.isDirectory() || entry.isSymbolicLink()) {
          scanSubagents(path, entry.name);
        }
      }
    }
  }
  return result;

  function scanSubagents(sessionDir: string, parentSessionId: string): void {
    const dir = join(sessionDir, 'subagents');
    const stats = statOrNull(dir);
    if (!stats?.isDirectory() || !firstVisit(stats)) return;
    const names = new Set(listDir(dir, skip).map((entry) => entry.name));
    for (const name of names) {
      if (!name.endsWith(JSONL)) continue;
      const agentId = name.slice(0, -JSONL.length);
      const meta = `${agentId}.meta.json`;
      addTranscript(join(dir, name), {
        sessionId: agentId.length === 0 ? '' : subagentSessionId(parentSessionId, agentId),
        parentSessionId,
        isSubagent: true,
        metaPath: names.has(meta) ? join(dir, meta) : null,
      });
    }
  }

  function addTranscript(
    path: string,
    info: Omit<TranscriptFile, 'path' | 'size' | 'mtimeMs' | 'ctimeMs'>,
  ): void {
    let stats: Stats;
    try {
      stats = statSync(path);
    } catch (error) {
      skip(path, describeFileError(error));
      return;
    }
    if (!stats.isFile()) {
      skip(path, notRegularFile(stats));
      return;
    }
    if (!firstVisit(stats)) return;
    if (info.sessionId.length === 0) {
      skip(path, 'no session id in the file name');
      return;
    }
    result.files.push({
      path,
      ...info,
      size: stats.size,
      mtimeMs: Math.trunc(stats.mtimeMs),
      ctimeMs: Math.trunc(stats.ctimeMs),
    });
  }
}

function statOrNull(path: string): Stats | null {
  try {
    return statSync(path);
  } catch {
    return null;
  }
}

function listDir(dir: string, skip: (path: string, reason: string) => void): Dirent[] {
  try {
    return readdirSync(dir, { withFileTypes: true });
  } catch (error) {
    skip(dir, `folder unreadable: ${describeFileError(error)}`);
    return [];
  }
}
