import type { Migration } from '../migration';

// Redo: when an edit is undone, the rows it had changed are kept as they were just before the
// undo, so that redo can put them back exactly. A new edit clears them (redo only follows undo).
export const editRedoMigration: Migration = {
  version: 8,
  name: 'edit-redo',
  up: `ALTER TABLE edit_log ADD COLUMN redo TEXT;`,
};
