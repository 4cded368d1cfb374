import type { Db } from './database.ts';
import type { ResourceKey, Snapshot } from '../cluster/emulator/storage/object-store.ts';
import type { StoredObject } from '../cluster/emulator/meta/types.ts';

/** A cluster as the store keeps it: who owns it, what it was created from, and its secrets (tokens, keys). */
export interface ClusterRecord {
  id: string;
  owner: string | null;
  name: string;
  spec: unknown;
  secrets: unknown;
  createdAt: number;
}

/** One change to write: an object stored (or `null`: removed). */
export interface ObjectChange {
  key: ResourceKey;
  namespace: string;
  name: string;
  object: StoredObject | null;
}

/** Emulated clusters in SQLite: one row per cluster, one row per object. */
export class ClusterRecords {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare(
        'INSERT INTO clusters (id, owner, name, spec, secrets, rv, created_at) VALUES (@id, @owner, @name, @spec, @secrets, 1, @createdAt)',
      ),
      get: db.prepare('SELECT id, owner, name, spec, secrets, created_at AS createdAt FROM clusters WHERE id = ?'),
      list: db.prepare('SELECT id, owner, name, spec, secrets, created_at AS createdAt FROM clusters ORDER BY created_at'),
      listByOwner: db.prepare('SELECT id, owner, name, spec, secrets, created_at AS createdAt FROM clusters WHERE owner = ? ORDER BY created_at'),
      remove: db.prepare('DELETE FROM clusters WHERE id = ?'),
      rv: db.prepare('SELECT rv FROM clusters WHERE id = ?').pluck(),
      setRv: db.prepare('UPDATE clusters SET rv = ? WHERE id = ?'),
      objects: db.prepare('SELECT resource, object FROM cluster_objects WHERE cluster_id = ?'),
      upsert: db.prepare(
        `INSERT INTO cluster_objects (cluster_id, resource, namespace, name, object) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (cluster_id, resource, namespace, name) DO UPDATE SET object = excluded.object`,
      ),
      deleteObject: db.prepare('DELETE FROM cluster_objects WHERE cluster_id = ? AND resource = ? AND namespace = ? AND name = ?'),
    };
  }

  create(record: ClusterRecord): void {
    this.stmts.insert.run({ ...record, spec: JSON.stringify(record.spec), secrets: JSON.stringify(record.secrets) });
  }

  get(id: string): ClusterRecord | undefined {
    const row = this.stmts.get.get(id) as RawRecord | undefined;
    return row && parse(row);
  }

  list(owner?: string): ClusterRecord[] {
    const rows = (owner === undefined ? this.stmts.list.all() : this.stmts.listByOwner.all(owner)) as RawRecord[];
    return rows.map(parse);
  }

  remove(id: string): void {
    this.stmts.remove.run(id);
  }

  /** Everything needed to bring the cluster back: its objects and resourceVersion. */
  loadSnapshot(id: string): Snapshot {
    const rv = (this.stmts.rv.get(id) as number | undefined) ?? 1;
    const objects = (this.stmts.objects.all(id) as { resource: string; object: string }[]).map((row) => {
      const slash = row.resource.indexOf('/');
      return {
        key: { group: row.resource.slice(0, slash), resource: row.resource.slice(slash + 1) },
        object: JSON.parse(row.object) as StoredObject,
      };
    });
    return { rv, objects };
  }

  /** Writes a batch of changes and the cluster's resourceVersion in one transaction. */
  applyChanges(id: string, rv: number, changes: ObjectChange[]): void {
    this.db.transaction(() => {
      for (const c of changes) {
        const resource = `${c.key.group}/${c.key.resource}`;
        if (c.object) this.stmts.upsert.run(id, resource, c.namespace, c.name, JSON.stringify(c.object));
        else this.stmts.deleteObject.run(id, resource, c.namespace, c.name);
      }
      this.stmts.setRv.run(rv, id);
    })();
  }
}

interface RawRecord {
  id: string;
  owner: string | null;
  name: string;
  spec: string;
  secrets: string;
  createdAt: number;
}

function parse(row: RawRecord): ClusterRecord {
  return { ...row, spec: JSON.parse(row.spec), secrets: JSON.parse(row.secrets) };
}
