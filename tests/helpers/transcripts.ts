// Claude Code transcripts written to a projects root, for tests that index them for real: each
// message is a `user` record with the checkout's cwd and gitBranch, as Claude Code writes them.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface TranscriptMessage {
  /** epoch ms */
  at: number;
  /** the branch Claude Code saw; undefined leaves the field out (not a git checkout) */
  branch?: string;
  prompt?: string;
}

export interface TranscriptSpec {
  sessionId: string;
  cwd: string | null;
  messages: TranscriptMessage[];
}

/** Writes `<root>/<encoded cwd>/<sessionId>.jsonl`; returns its path. */
export function writeTranscript(root: string, spec: TranscriptSpec): string {
  const folder = join(root, (spec.cwd ?? 'no-cwd').replace(/[^a-zA-Z0-9]/g, '-'));
  mkdirSync(folder, { recursive: true });
  const lines = spec.messages.map((m, i) =>
    JSON.stringify({
      type: 'user',
      uuid: `${spec.sessionId}-${i}`,
      sessionId: spec.sessionId,
      ...(spec.cwd === null ? {} : { cwd: spec.cwd }),
      ...(m.branch === undefined ? {} : { gitBranch: m.branch }),
      message: { role: 'user', content: m.prompt ?? `step ${i}` },
      timestamp: new Date(m.at).toISOString(),
    }),
  );
  const path = join(folder, `${spec.sessionId}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

/** `count` messages a minute apart from `start`, all on `branch`. */
export function messagesOn(branch: string | undefined, start: number, count: number): TranscriptMessage[] {
  return Array.from({ length: count }, (_, i) => ({ at: start + i * 60_000, branch }));
}
