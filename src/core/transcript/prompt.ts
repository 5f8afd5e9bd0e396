// Which user records are the person's own prompts. Claude Code writes many `user` records
// that nobody typed: tool results, meta records (caveats, injected context), the model's
// compaction summary, sidechain (subagent) turns, background-task notifications and the
// echo of a local command's output. Only what is left counts as a prompt: its timestamp is
// a direct-time signal, and the first one names the session in review.

import { cutText } from '../text-cut';
import type { TranscriptRecord } from './record';

export const FIRST_PROMPT_MAX_CHARS = 300;
/** A prompt's words as kept for details and search: enough to recognise it, bounded for pasted logs. */
export const PROMPT_TEXT_MAX_CHARS = 2000;

/** Text that Claude Code itself puts into a user record. */
const GENERATED_PREFIXES = [
  '<task-notification>',
  '<local-command-stdout>',
  '<local-command-stderr>',
  '<local-command-caveat>',
  '[Request interrupted by user',
];

/** A slash command the person typed (`/compact`, `/model`): a prompt, but a poor title. */
const COMMAND_PREFIXES = ['<command-name>', '<command-message>'];

export function isPersonPrompt(record: TranscriptRecord): boolean {
  if (record.type !== 'user') return false;
  if (record.isToolResult || record.isMeta || record.isCompactSummary || record.isSidechain) return false;
  if (record.text === null) return false;
  const text = record.text.trimStart();
  return !GENERATED_PREFIXES.some((prefix) => text.startsWith(prefix));
}

/** The prompt's text as a one-line title, or null for a slash command. */
export function promptTitle(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0 || COMMAND_PREFIXES.some((prefix) => trimmed.startsWith(prefix))) return null;
  const oneLine = trimmed.replace(/\s+/g, ' ');
  return cutText(oneLine, FIRST_PROMPT_MAX_CHARS);
}

/** The prompt's words as stored: trimmed, at most PROMPT_TEXT_MAX_CHARS (null when empty). */
export function promptText(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.length === 0) return null;
  return cutText(trimmed, PROMPT_TEXT_MAX_CHARS);
}
