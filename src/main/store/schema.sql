-- tt's schema at version 15, generated from the migrations by `npm run schema`.
-- Do not edit: change a migration (src/main/store/migrations/) and run it again.

CREATE TABLE edit_log (
      id          INTEGER PRIMARY KEY AUTOINCREMENT,
      at          INTEGER NOT NULL,
      description TEXT NOT NULL,
      undo        TEXT NOT NULL,
      undone      INTEGER NOT NULL DEFAULT 0
    , redo TEXT, machine_id TEXT, kind TEXT NOT NULL DEFAULT 'person');

CREATE TRIGGER edit_log_local_machine AFTER INSERT ON edit_log WHEN NEW.machine_id IS NULL
      BEGIN UPDATE edit_log SET machine_id = (SELECT id FROM machines WHERE is_local = 1) WHERE id = NEW.id; END;

CREATE TABLE event_spool_state (
      path        TEXT PRIMARY KEY,
      read_offset INTEGER NOT NULL,
      updated_at  INTEGER NOT NULL
    );

CREATE TABLE event_streams (
      event_id    TEXT PRIMARY KEY,
      stream_id   TEXT NOT NULL REFERENCES streams(id),
      assigned_by TEXT NOT NULL CHECK (assigned_by IN ('directory', 'llm', 'user'))
    , reason TEXT);

CREATE INDEX idx_event_streams_stream ON event_streams(stream_id);

CREATE TABLE events (
      id              TEXT PRIMARY KEY,
      ts              INTEGER NOT NULL,
      type            TEXT NOT NULL,
      pane_id         TEXT,
      tmux_session    TEXT,
      window_index    INTEGER,
      cwd             TEXT,
      project_name    TEXT,
      workspace_name  TEXT,
      identity_source TEXT,
      imported_at     INTEGER NOT NULL
    , detail TEXT, git_branch TEXT, machine_id TEXT);

CREATE INDEX idx_events_machine ON events(machine_id);

CREATE INDEX idx_events_ts ON events(ts);

CREATE TRIGGER events_local_machine AFTER INSERT ON events WHEN NEW.machine_id IS NULL
      BEGIN UPDATE events SET machine_id = (SELECT id FROM machines WHERE is_local = 1) WHERE id = NEW.id; END;

CREATE TABLE indexed_files (
      path        TEXT PRIMARY KEY,
      session_id  TEXT,
      size        INTEGER NOT NULL,
      mtime_ms    INTEGER NOT NULL,
      read_offset INTEGER NOT NULL,
      parser_state TEXT,
      status      TEXT NOT NULL,
      error       TEXT,
      indexed_at  INTEGER NOT NULL
    , inode INTEGER, fingerprint TEXT, agent TEXT NOT NULL DEFAULT 'claude-code', ctime_ms INTEGER);

CREATE INDEX idx_indexed_files_agent ON indexed_files(agent);

CREATE INDEX idx_indexed_files_session ON indexed_files(session_id);

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
      , hlc_offset INTEGER NOT NULL DEFAULT 0, clock_ahead_ms INTEGER, data_dir_identity TEXT);

CREATE UNIQUE INDEX idx_machines_local ON machines(is_local) WHERE is_local = 1;

CREATE TABLE manual_entries (
      id         TEXT PRIMARY KEY,
      stream_id  TEXT NOT NULL,
      start_ms   INTEGER NOT NULL,
      end_ms     INTEGER NOT NULL CHECK (end_ms > start_ms),
      note       TEXT NOT NULL DEFAULT '',
      machine_id TEXT,
      created_at INTEGER NOT NULL
    );

CREATE INDEX idx_manual_entries_time ON manual_entries(start_ms, end_ms);

CREATE TABLE person_ops (
        seq         INTEGER PRIMARY KEY AUTOINCREMENT,
        id          TEXT NOT NULL UNIQUE,
        hlc         TEXT NOT NULL,
        machine_id  TEXT NOT NULL,
        description TEXT NOT NULL,
        writes      TEXT NOT NULL
      , seen TEXT);

CREATE INDEX idx_person_ops_machine ON person_ops(machine_id, seq);

CREATE TABLE person_registers (
        key   TEXT PRIMARY KEY,
        hlc   TEXT NOT NULL,
        value TEXT
      ) WITHOUT ROWID;

CREATE TABLE session_activity (
      session_id TEXT NOT NULL,
      start_ms   INTEGER NOT NULL,
      end_ms     INTEGER NOT NULL,
      PRIMARY KEY (session_id, start_ms)
    ) WITHOUT ROWID;

CREATE INDEX idx_session_activity_end ON session_activity(end_ms);

CREATE TRIGGER session_activity_changed_delete AFTER DELETE ON session_activity BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (OLD.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER session_activity_changed_insert AFTER INSERT ON session_activity BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (NEW.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER session_activity_changed_update AFTER UPDATE ON session_activity BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (NEW.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TABLE session_prompts (
      session_id TEXT NOT NULL,
      ts         INTEGER NOT NULL, text TEXT,
      PRIMARY KEY (session_id, ts)
    ) WITHOUT ROWID;

CREATE INDEX idx_session_prompts_ts ON session_prompts(ts);

CREATE TRIGGER session_prompts_changed_delete AFTER DELETE ON session_prompts BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (OLD.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER session_prompts_changed_insert AFTER INSERT ON session_prompts BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (NEW.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER session_prompts_changed_update AFTER UPDATE ON session_prompts BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (NEW.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TABLE session_streams (
      session_id  TEXT PRIMARY KEY,
      stream_id   TEXT NOT NULL REFERENCES streams(id),
      assigned_by TEXT NOT NULL CHECK (assigned_by IN ('directory', 'llm', 'user')),
      confidence  REAL NOT NULL DEFAULT 1.0
    , reason TEXT);

CREATE INDEX idx_session_streams_stream ON session_streams(stream_id);

CREATE TABLE session_time_spans (
      session_id TEXT NOT NULL,
      kind       TEXT NOT NULL CHECK (kind IN ('agent', 'handback', 'pending')),
      turn_start INTEGER NOT NULL,
      join_key   INTEGER NOT NULL,
      start_ms   INTEGER NOT NULL,
      end_ms     INTEGER NOT NULL,
      PRIMARY KEY (session_id, kind, start_ms)
    ) WITHOUT ROWID;

CREATE INDEX idx_session_time_spans_start ON session_time_spans(start_ms);

CREATE INDEX idx_session_time_spans_turn ON session_time_spans(session_id, turn_start);

CREATE TRIGGER session_time_spans_changed_delete AFTER DELETE ON session_time_spans BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (OLD.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER session_time_spans_changed_insert AFTER INSERT ON session_time_spans BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (NEW.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TABLE sessions (
      session_id        TEXT PRIMARY KEY,
      parent_session_id TEXT,
      project_path      TEXT,
      project_name      TEXT,
      start_time        INTEGER NOT NULL,
      end_time          INTEGER,
      message_count     INTEGER NOT NULL DEFAULT 0,
      summary           TEXT,
      custom_title      TEXT,
      first_prompt      TEXT,
      is_subagent       INTEGER NOT NULL DEFAULT 0,
      source_path       TEXT,
      indexed_at        INTEGER NOT NULL
    , agent_type TEXT, last_message_uuid TEXT, git_branch TEXT, git_branch_share REAL, agent TEXT NOT NULL DEFAULT 'claude-code', machine_id TEXT, origin_version INTEGER, origin_identity TEXT);

CREATE INDEX idx_sessions_end_time ON sessions(end_time);

CREATE INDEX idx_sessions_last_message_uuid ON sessions(last_message_uuid);

CREATE INDEX idx_sessions_parent ON sessions(parent_session_id);

CREATE INDEX idx_sessions_project_path ON sessions(project_path);

CREATE INDEX idx_sessions_start_time ON sessions(start_time);

CREATE TRIGGER sessions_changed_delete AFTER DELETE ON sessions BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (OLD.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER sessions_changed_insert AFTER INSERT ON sessions BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (NEW.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER sessions_changed_update AFTER UPDATE ON sessions BEGIN 
      INSERT INTO sync_session_changes (session_id, change)
        VALUES (NEW.session_id, (SELECT coalesce(max(change), 0) + 1 FROM sync_session_changes))
        ON CONFLICT(session_id) DO UPDATE SET change = excluded.change; END;

CREATE TRIGGER sessions_local_machine AFTER INSERT ON sessions WHEN NEW.machine_id IS NULL
      BEGIN UPDATE sessions SET machine_id = (SELECT id FROM machines WHERE is_local = 1)
            WHERE session_id = NEW.session_id; END;

CREATE TABLE settings (
      key   TEXT PRIMARY KEY,
      value TEXT NOT NULL
    );

CREATE TABLE sources (
      name            TEXT PRIMARY KEY,
      last_indexed_at INTEGER,
      detail          TEXT
    );

CREATE TABLE stream_proposals (
      session_id  TEXT NOT NULL,
      source      TEXT NOT NULL CHECK (source IN ('directory', 'llm')),
      stream_id   TEXT NOT NULL,
      proposed_at INTEGER NOT NULL,
      PRIMARY KEY (session_id, source)
    ) WITHOUT ROWID;

CREATE TABLE streams (
      id             TEXT PRIMARY KEY,
      name           TEXT NOT NULL,
      confidence     REAL NOT NULL,
      source         TEXT NOT NULL CHECK (source IN ('directory', 'llm', 'user')),
      reviewed       INTEGER NOT NULL DEFAULT 0,
      name_locked    INTEGER NOT NULL DEFAULT 0,
      project_key    TEXT,
      first_activity INTEGER,
      last_activity  INTEGER,
      created_at     INTEGER NOT NULL,
      updated_at     INTEGER NOT NULL,
      merged_into    TEXT REFERENCES streams(id)
    );

CREATE INDEX idx_streams_project_key ON streams(project_key);

CREATE TABLE summary_leaves (
      leaf_uuid         TEXT PRIMARY KEY,
      summary           TEXT NOT NULL,
      source_session_id TEXT NOT NULL
    );

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

CREATE TABLE sync_export_state (
        id             INTEGER PRIMARY KEY CHECK (id = 1),
        session_change INTEGER NOT NULL DEFAULT 0,
        event_rowid    INTEGER NOT NULL DEFAULT 0,
        op_seq         INTEGER NOT NULL DEFAULT 0
      );

CREATE TABLE sync_segments (
        machine_id TEXT NOT NULL,
        seq        INTEGER NOT NULL,
        status     TEXT NOT NULL CHECK (status IN ('imported', 'exported', 'skipped')),
        reason     TEXT,
        at         INTEGER NOT NULL,
        PRIMARY KEY (machine_id, seq)
      ) WITHOUT ROWID;

CREATE TABLE sync_session_changes (
        session_id TEXT PRIMARY KEY,
        change     INTEGER NOT NULL
      ) WITHOUT ROWID;

CREATE INDEX idx_sync_session_changes_change ON sync_session_changes(change);
