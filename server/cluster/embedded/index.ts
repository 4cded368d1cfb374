import path from 'node:path';
import { ClusterRecords } from '../../store/cluster-records.ts';
import { openDatabase, type Db } from '../../store/database.ts';
import { Settings } from '../../store/settings.ts';
import { createClusterFactory } from './cluster-factory.ts';
import { EmbeddedBackend } from './embedded-backend.ts';
import { createClusterServices } from './services.ts';
import type { ClusterServices } from './runtime.ts';

export { EmbeddedBackend } from './embedded-backend.ts';

export interface StartEmbeddedOptions {
  /** The store; opened from `dataDir` when not given. */
  db?: Db;
  dataDir?: string;
  host?: string;
  port?: number;
  rootClusterId?: () => string | undefined;
  onRequest?: ClusterServices['onRequest'];
}

/** Opens the store and starts the embedded clusters' API listener with every service wired in. */
export async function startEmbeddedBackend(opts: StartEmbeddedOptions): Promise<EmbeddedBackend> {
  const dataDir = opts.dataDir ?? '.podium';
  const db = opts.db ?? openDatabase(path.join(dataDir, 'podium.db'));
  return EmbeddedBackend.start({
    records: new ClusterRecords(db),
    settings: new Settings(db),
    factory: (caPem) => createClusterFactory({ caPem }),
    services: await createClusterServices({ cacheDir: path.join(dataDir, 'cache'), ...(opts.onRequest ? { onRequest: opts.onRequest } : {}) }),
    ...(opts.host ? { host: opts.host } : {}),
    ...(opts.port !== undefined ? { port: opts.port } : {}),
    ...(opts.rootClusterId ? { rootClusterId: opts.rootClusterId } : {}),
  });
}
