import { randomBytes } from 'node:crypto';
import type { ClusterRuntime } from '../emulator/apiserver/http/runtime.ts';
import type { EmulatedCluster } from '../emulator/cluster.ts';
import { ClusterPersistence } from '../../store/cluster-persistence.ts';
import type { ClusterRecord, ClusterRecords } from '../../store/cluster-records.ts';
import type { ClusterSpec } from '../backend.ts';
import { accountIdFor, type BuiltCluster, type ClusterFactory, type StoredClusterSpec } from './cluster-factory.ts';
import { createClusterSecrets, type ClusterSecrets } from './cluster-secrets.ts';
import type { SigningKey } from '../emulator/auth/signing-key.ts';
import { buildRuntime, type ClusterServices } from './runtime.ts';

export type { ClusterFactory } from './cluster-factory.ts';

interface Loaded {
  record: ClusterRecord;
  built: BuiltCluster;
  runtime: ClusterRuntime;
  persistence: ClusterPersistence;
}

export const DEFAULT_REGION = 'us-west-2';

/**
 * The emulated clusters of this process: created on demand, persisted as they change, loaded back
 * from the store on first use after a restart.
 */
export class ClusterHost {
  private readonly loaded = new Map<string, Loaded>();

  constructor(
    private readonly records: ClusterRecords,
    private readonly factory: ClusterFactory,
    private readonly services: ClusterServices,
    private readonly serviceAccountKey: SigningKey,
  ) {}

  /** Creates a cluster for `owner` (or returns the existing one of that name). */
  provision(owner: string | null, spec: ClusterSpec): ClusterRecord {
    const existing = this.records.list(owner ?? undefined).find((r) => r.name === spec.name && r.owner === owner);
    if (existing) return existing;
    const id = newClusterId();
    const stored: StoredClusterSpec = {
      region: DEFAULT_REGION,
      version: '1.32',
      ...spec,
      accountId: accountIdFor(owner ?? 'standalone'),
      seed: id,
    };
    const record: ClusterRecord = { id, owner, name: spec.name, spec: stored, secrets: createClusterSecrets(this.serviceAccountKey), createdAt: Date.now() };
    this.records.create(record);
    const built = this.factory.create(stored);
    const persistence = new ClusterPersistence(this.records, record.id, built.cluster.store);
    this.factory.bootstrap(built, stored);
    built.cluster.start();
    this.loaded.set(record.id, { record, built, runtime: this.runtimeFor(record, built), persistence });
    return record;
  }

  list(owner: string | undefined): ClusterRecord[] {
    return this.records.list(owner);
  }

  record(id: string): ClusterRecord | undefined {
    return this.loaded.get(id)?.record ?? this.records.get(id);
  }

  /** The running cluster, loading it from the store if needed; undefined if there is none. */
  runtime(id: string): ClusterRuntime | undefined {
    return this.load(id)?.runtime;
  }

  cluster(id: string): EmulatedCluster | undefined {
    return this.load(id)?.built.cluster;
  }

  built(id: string): BuiltCluster | undefined {
    return this.load(id)?.built;
  }

  remove(id: string): void {
    const loaded = this.loaded.get(id);
    if (loaded) {
      loaded.built.cluster.stop();
      loaded.persistence.close();
      this.loaded.delete(id);
    }
    this.records.remove(id);
  }

  /** Stops every cluster after writing what is pending. */
  close(): void {
    for (const { built, persistence } of this.loaded.values()) {
      built.cluster.stop();
      persistence.close();
    }
    this.loaded.clear();
  }

  get loadedCount(): number {
    return this.loaded.size;
  }

  private load(id: string): Loaded | undefined {
    const hit = this.loaded.get(id);
    if (hit) return hit;
    const record = this.records.get(id);
    if (!record) return undefined;
    const built = this.factory.create(record.spec as StoredClusterSpec, this.records.loadSnapshot(id));
    const persistence = new ClusterPersistence(this.records, id, built.cluster.store);
    built.cluster.start();
    const loaded = { record, built, runtime: this.runtimeFor(record, built), persistence };
    this.loaded.set(id, loaded);
    return loaded;
  }

  private runtimeFor(record: ClusterRecord, built: BuiltCluster): ClusterRuntime {
    const spec = record.spec as ClusterSpec;
    return buildRuntime({
      id: record.id,
      cluster: built.cluster,
      logs: built.logs,
      upgrade: built.upgrade,
      proxy: built.proxy,
      secrets: record.secrets as ClusterSecrets,
      region: spec.region ?? DEFAULT_REGION,
      minor: (spec.version ?? '1.32').split('.')[1] ?? '32',
      services: this.services,
    });
  }
}

/** Cluster ids appear in URLs and kubeconfigs: short, lower case, unguessable enough to not collide. */
function newClusterId(): string {
  return `c${randomBytes(6).toString('hex')}`;
}
