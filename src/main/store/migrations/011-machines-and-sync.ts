import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { Database } from 'better-sqlite3';
import type { Migration } from '../migration';

// One person, several machines (issue 18). Each data dir is a machine: a random id (UUIDv4)
// and a name a person may change (the host name at first). Sessions, events and edits carry
// the machine they come from; rows written before this version are this machine's, and rows
// written later without one get it by trigger (the indexer and the spool import need not know).
//
// Sync writes each machine's own rows as append-only segments and merges everyone else's:
// - sync_session_changes: a counter bumped whenever a session or what hangs off it changes,
//   so that export sends only what changed since the last segment (and sessions_origin_version
//   keeps the newest version of an imported session, whatever order segments arrive in);
// - person_ops: every person's edit, local or imported, as the writes it made, stamped by a
//   hybrid logical clock (wall ms, counter, machine); person_registers: per written key (a
//   stream's field, a session's or an event's assignment), the latest stamp and its value, so
//   that the latest decision on any machine wins (last writer wins, in clock order);
// - sync_segments: which segment of which machine was imported, exported or skipped, and why.
export const machinesAndSyncMigration: Migration = {
  version: 11,
  name: 'machines-and-sync',
  up: (db: Database) => {
    db.exec(`
      CREATE TABLE machines (
        id            TEXT PRIMARY KEY,
        name          TEXT NOT NULL,
        is_local      INTEGER NOT NULL DEFAULT 0,
        -- the writer of the segments first seen under this id: another one is a clash
        instance      TEXT,
        hlc_wall      INTEGER NOT NULL DEFAULT 0,
        hlc_counter   INTEGER NOT NULL DEFAULT 0,
        last_seen_at  INTEGER,
        first_seen_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX idx_machines_local ON machines(is_local) WHERE is_local = 1;

      ALTER TABLE sessions ADD COLUMN machine_id TEXT;
      ALTER TABLE sessions ADD COLUMN origin_version INTEGER;
      -- the project identity the session's own machine resolved (JSON): its folder may not exist here
      ALTER TABLE sessions ADD COLUMN origin_identity TEXT;
      ALTER TABLE events ADD COLUMN machine_id TEXT;
      ALTER TABLE edit_log ADD COLUMN machine_id TEXT;
      CREATE INDEX idx_events_machine ON events(machine_id);

      CREATE TABLE sync_session_changes (
        session_id TEXT PRIMARY KEY,
        change     INTEGER NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX idx_sync_session_changes_change ON sync_session_changes(change);

      CREATE TABLE person_ops (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        hlc         TEXT NOT NULL,
        machine_id  TEXT NOT NULL,
        description TEXT NOT NULL,
        writes      TEXT NOT NULL
      );
      CREATE INDEX idx_person_ops_machine ON person_ops(machine_id, seq);

      CREATE TABLE person_registers (
        key   TEXT PRIMARY KEY,
        hlc   TEXT NOT NULL,
        value TEXT
      ) WITHOUT ROWID;

      CREATE TABLE sync_segments (
        machine_id TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('imported', 'exported', 'skipped')),
        reason     TEXT,
        at         INTEGER NOT NULL,
        PRIMARY KEY (machine_id, seq)
      ) WITHOUT ROWID;

      -- What this machine has put into its segments so far.
      CREATE TABLE sync_export_state (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        session_change INTEGER NOT NULL DEFAULT 0,
        event_rowid    INTEGER NOT NULL DEFAULT 0,
        op_seq         INTEGER NOT NULL DEFAULT 0
      );
      INSERT INTO sync_export_state (id) VALUES (1);
    `);
    const id = randomUUID();
    db.prepare('INSERT INTO machines (id, name, is_local, first_seen_at) VALUES (?, ?, 1, ?)').run(
      id,
      hostname() || 'this machine',
      Date.now(),
    );
    db.prepare('UPDATE sessions SET machine_id = ?').run(id);
    db.prepare('UPDATE events SET machine_id = ?').run(id);
    db.prepare('UPDATE edit_log SET machine_id = ?').run(id);
    db.exec(`
      CREATE TRIGGER sessions_local_machine AFTER INSERT ON sessions WHEN NEW.machine_id IS NULL
      BEGIN UPDATE sessions SET machine_id = (SELECT id FROM machines WHERE is_local = 1)
            WHERE session_id = NEW.session_id; END;
      CREATE TRIGGER events_local_machine AFTER INSERT ON events WHEN NEW.machine_id IS NULL
      BEGIN UPDATE events SET machine_id = (SELECT id FROM machines WHERE is_local = 1) WHERE id = NEW.id; END;
      CREATE TRIGGER edit_log_local_machine AFTER INSERT ON edit_log WHEN NEW.machine_id IS NULL
      BEGIN UPDATE edit_log SET machine_id = (SELECT id FROM machines WHERE is_local = 1) WHERE id = NEW.id; END;
    `);
    // Every change to a session, or to its prompts and time, bumps its change number.
    const bump = (target: string) => `
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (${target}.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change;`;
    for (const table of ['sessions', 'session_prompts', 'session_activity', 'session_time_spans']) {
      db.exec(`
        CREATE TRIGGER ${table}_changed_insert AFTER INSERT ON ${table} BEGIN ${bump('NEW')} END;
        CREATE TRIGGER ${table}_changed_delete AFTER DELETE ON ${table} BEGIN ${bump('OLD')} END;`);
    }
    db.exec(`CREATE TRIGGER sessions_changed_update AFTER UPDATE ON sessions BEGIN ${bump('NEW')} END;
      CREATE TRIGGER session_prompts_changed_update AFTER UPDATE ON session_prompts BEGIN ${bump('NEW')} END;
      CREATE TRIGGER session_activity_changed_update AFTER UPDATE ON session_activity BEGIN ${bump('NEW')} END;
      INSERT INTO sync_session_changes (session_id, change)
        SELECT session_id, row_number() OVER (ORDER BY start_time, session_id) FROM sessions;`);
  },
};
