/** Schema changes, applied in order once each. Never edit a released one: add another. */
export const migrations: { version: number; sql: string }[] = [
  {
    version: 1,
    sql: `
      CREATE TABLE settings (
        key TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );
      CREATE TABLE clusters (
        id TEXT PRIMARY KEY,
        owner TEXT,
        name TEXT NOT NULL,
        spec TEXT NOT NULL,
        secrets TEXT NOT NULL,
        rv INTEGER NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX clusters_owner ON clusters (owner);
      CREATE TABLE cluster_objects (
        cluster_id TEXT NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
        resource TEXT NOT NULL,
        namespace TEXT NOT NULL,
        name TEXT NOT NULL,
        object TEXT NOT NULL,
        PRIMARY KEY (cluster_id, resource, namespace, name)
      ) WITHOUT ROWID;
    `,
  },
  {
    version: 2,
    sql: `
      CREATE TABLE workshops (
        code TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE learners (
        id TEXT PRIMARY KEY,
        workshop TEXT NOT NULL REFERENCES workshops (code),
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        seat_code TEXT NOT NULL,
        uid INTEGER NOT NULL UNIQUE,
        created_at INTEGER NOT NULL,
        last_seen INTEGER,
        UNIQUE (workshop, name_key)
      );
      CREATE TABLE lab_progress (
        learner TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        phase TEXT NOT NULL,
        error TEXT,
        started_at INTEGER,
        completed_at INTEGER,
        PRIMARY KEY (learner, lab)
      );
      CREATE TABLE step_progress (
        learner TEXT NOT NULL REFERENCES learners (id) ON DELETE CASCADE,
        lab TEXT NOT NULL,
        step TEXT NOT NULL,
        status TEXT NOT NULL,
        hints_shown INTEGER NOT NULL DEFAULT 0,
        solution_shown INTEGER NOT NULL DEFAULT 0,
        results TEXT,
        checked_at INTEGER,
        completed_at INTEGER,
        PRIMARY KEY (learner, lab, step)
      );
      CREATE TABLE kubectl_commands (
        id INTEGER PRIMARY KEY,
        learner TEXT NOT NULL,
        cluster TEXT NOT NULL,
        command TEXT NOT NULL,
        session TEXT,
        at INTEGER NOT NULL
      );
      CREATE INDEX kubectl_commands_learner ON kubectl_commands (learner, at);
      CREATE TABLE terminal_screens (
        learner TEXT NOT NULL,
        lab TEXT NOT NULL,
        screen TEXT NOT NULL,
        saved_at INTEGER NOT NULL,
        PRIMARY KEY (learner, lab)
      );
    `,
  },
  {
    // Each kubectl request looks up the learner's last command on that cluster (CommandLogStore.record):
    // an index on (learner, cluster) answers it, rows in id order, without sorting all their commands.
    // Nothing reads commands by time any more.
    version: 3,
    sql: `
      DROP INDEX kubectl_commands_learner;
      CREATE INDEX kubectl_commands_cluster ON kubectl_commands (learner, cluster);
    `,
  },
];
