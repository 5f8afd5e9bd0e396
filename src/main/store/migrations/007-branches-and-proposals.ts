import type { Migration } from '../migration';

// Branch-aware streams and measured inference quality.
// - sessions keep the git branch most of their messages were written on (and its share), and
//   focus events the branch their directory was on when they were imported;
// - transcripts read before this version were read without tallying branches, so they are
//   read once more from the start (size -1 never matches a file's size);
// - stream_proposals keeps, per session, the stream the latest offline run and the latest LLM
//   run proposed for it, so that `tt streams quality` can compare them with a person's word.
export const branchesAndProposalsMigration: Migration = {
  version: 7,
  name: 'branches-and-proposals',
  up: `
    ALTER TABLE sessions ADD COLUMN git_branch TEXT;
    ALTER TABLE sessions ADD COLUMN git_branch_share REAL;
    ALTER TABLE events ADD COLUMN git_branch TEXT;
    UPDATE indexed_files SET size = -1 WHERE status = 'ok';

    CREATE TABLE stream_proposals (
      session_id  TEXT NOT NULL,
      source      TEXT NOT NULL CHECK (source IN ('directory', 'llm')),
      stream_id   TEXT NOT NULL,
      proposed_at INTEGER NOT NULL,
      PRIMARY KEY (session_id, source)
    ) WITHOUT ROWID;
  `,
};
