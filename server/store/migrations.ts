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
];
