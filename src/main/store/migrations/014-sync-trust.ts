import type { Migration } from '../migration';

// Sync you can trust across machines (issue 25):
// - machines.hlc_offset: the largest clock skew this machine has seen in another machine's
//   stamps, added to its own wall clock so that edits keep their physical order between
//   machines whose clocks disagree;
// - machines.clock_ahead_ms: how far ahead of this machine's clock another machine's clock was
//   when its latest segment was written (said when more than a minute);
// - machines.data_dir_identity: the data dir's identity on disk (device and inode) when this
//   machine last opened it; another one means a copied data dir, which becomes a new machine;
// - person_ops.seen: per stream field an edit wrote, the register stamp its machine held then,
//   so that two machines' edits of one field that did not see each other are told apart;
// - sync_conflicts: such edits met here, with the value kept and the other one.
export const syncTrustMigration: Migration = {
  version: 14,
  name: 'sync-trust',
  up: `
    ALTER TABLE machines ADD COLUMN hlc_offset INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE machines ADD COLUMN clock_ahead_ms INTEGER;
    ALTER TABLE machines ADD COLUMN data_dir_identity TEXT;
    ALTER TABLE person_ops ADD COLUMN seen TEXT;
    CREATE TABLE sync_conflicts (
      id            INTEGER PRIMARY KEY AUTOINCREMENT,
      stream_id     TEXT NOT NULL,
      field         TEXT NOT NULL,
      kept_value    TEXT,
      kept_machine  TEXT NOT NULL,
      other_value   TEXT,
      other_machine TEXT NOT NULL,
      at            INTEGER NOT NULL
    );
  `,
};
