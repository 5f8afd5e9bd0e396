import type { Migration } from '../migration';

// What tells a file changed: besides its size and mtime (which anyone can set back, `touch -d`),
// its ctime, which only the system sets. Files indexed before have none (NULL): they are
// judged by size and mtime until their next read records it.
export const changeTimeMigration: Migration = {
  version: 13,
  name: 'change-time',
  up: `
    ALTER TABLE indexed_files ADD COLUMN ctime_ms INTEGER;
  `,
};
