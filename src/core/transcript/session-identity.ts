// A session's id must not collide. A subagent's includes its parent's (src/shared/session-id.ts),
// and the same session id can sit under two projects roots (~/.claude/projects and
// ~/.config/claude/projects): copies of one conversation become one session, and a second
// conversation that reuses an id gets a numbered one.

import type { SessionEntry } from './session-state';

/**
 * The id for a different conversation whose file carries an id that another one already has:
 * `<id>~2`, `<id>~3`, … (the first free one). `~` appears in no id Claude Code makes.
 */
export function clashSessionId(baseId: string, isTaken: (id: string) => boolean): string {
  for (let n = 2; ; n++) {
    const id = `${baseId}~${n}`;
    if (!isTaken(id)) return id;
  }
}

/**
 * One session read from several copies of its transcript (the same conversation under two
 * roots): the span of all of them, the message count of the fullest, and its titles.
 */
export function mergeSessionEntries(entries: readonly SessionEntry[]): SessionEntry {
  let fullest = entries[0]!;
  let start = fullest.startTime;
  let end = fullest.endTime ?? fullest.startTime;
  for (const entry of entries) {
    if (entry.messageCount > fullest.messageCount) fullest = entry;
    start = Math.min(start, entry.startTime);
    end = Math.max(end, entry.endTime ?? entry.startTime);
  }
  return { ...fullest, startTime: start, endTime: end === start ? null : end };
}
