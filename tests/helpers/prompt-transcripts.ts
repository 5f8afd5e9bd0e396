import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

// Claude Code transcripts written as files, the shape the real ones have (a `user` prompt, an
// `assistant` answer, a `turn_duration`), for tests that index them with `tt sessions index`.

export interface PromptTranscriptSpec {
  sessionId: string;
  /** the working directory: its folder name is the project */
  cwd: string;
  /** each prompt: when the person sent it and what it said; the agent answers after `workMs` */
  prompts: { at: number; text: string; workMs: number }[];
  /** the git branch each record says it was written on (Claude Code's gitBranch field) */
  gitBranch?: string;
}

/** Writes `<root>/<encoded cwd>/<sessionId>.jsonl`; returns its path. */
export function writePromptTranscript(root: string, spec: PromptTranscriptSpec): string {
  const dir = join(root, spec.cwd.replace(/[^a-zA-Z0-9]/g, '-'));
  mkdirSync(dir, { recursive: true });
  const base = {
    cwd: spec.cwd,
    sessionId: spec.sessionId,
    version: '2.1.38',
    userType: 'external',
    ...(spec.gitBranch ? { gitBranch: spec.gitBranch } : {}),
  };
  const lines: string[] = [];
  let n = 0;
  for (const prompt of spec.prompts) {
    const at = (ms: number) => new Date(ms).toISOString();
    lines.push(
      JSON.stringify({
        ...base,
        type: 'user',
        uuid: `${spec.sessionId}-${n++}`,
        timestamp: at(prompt.at),
        message: { role: 'user', content: prompt.text },
      }),
      JSON.stringify({
        ...base,
        type: 'assistant',
        uuid: `${spec.sessionId}-${n++}`,
        timestamp: at(prompt.at + prompt.workMs),
        message: { role: 'assistant', model: 'claude-opus-4-6', content: [{ type: 'text', text: 'Done.' }] },
      }),
      JSON.stringify({
        ...base,
        type: 'system',
        subtype: 'turn_duration',
        durationMs: prompt.workMs,
        uuid: `${spec.sessionId}-${n++}`,
        timestamp: at(prompt.at + prompt.workMs),
      }),
    );
  }
  const path = join(dir, `${spec.sessionId}.jsonl`);
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}
