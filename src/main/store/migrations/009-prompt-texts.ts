import type { Migration } from '../migration';

/** indexed_files.error of a transcript this migration asks to be read again from its start. */
export const REREAD_FOR_PROMPTS_MARK = 'reread: prompts';

// The person's prompts with their words, so that session details can answer "what was this?"
// and search can find a session by what was asked in it. Prompts indexed before this version
// have only their time: their transcripts are read once more from the start (size -1 never
// matches a file, no parser state means no resume), which replaces the session's prompt rows
// as a whole, so no prompt is counted twice. A deleted transcript keeps its prompts, textless.
export const promptTextsMigration: Migration = {
  version: 9,
  name: 'prompt-texts',
  up: `
    ALTER TABLE session_prompts ADD COLUMN text TEXT;
    -- A re-read an earlier migration asked for (turns) keeps its own words: it reads the words too.
    UPDATE indexed_files
       SET size = -1, read_offset = 0, parser_state = NULL, error = coalesce(error, '${REREAD_FOR_PROMPTS_MARK}')
     WHERE status IN ('ok', 'no-messages');
  `,
};
