import type { Server } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '../emulator/apiserver/http/api-server.ts';
import type { ClusterBackend, ClusterHandle, ClusterSpec } from '../backend.ts';
import { renderKubeconfig } from '../kubeconfig.ts';
import { createCertificateAuthority, issueServingCertificate, type CertificateAuthority } from '../tls/pki.ts';
import type { ClusterRecord, ClusterRecords } from '../../store/cluster-records.ts';
import type { Settings } from '../../store/settings.ts';
import type { ClusterSecrets } from './cluster-secrets.ts';
import { ClusterHost, type ClusterFactory } from './cluster-host.ts';
import type { ClusterServices } from './runtime.ts';

export interface EmbeddedBackendOptions {
  records: ClusterRecords;
  settings: Settings;
  /** Builds clusters; receives the CA their API serves with (published in every namespace). */
  factory: (caPem: string) => ClusterFactory;
  services: ClusterServices;
  /** Interface the API listens on (default 127.0.0.1). */
  host?: string;
  /** TCP port of the API (default 6443; 0 picks a free one). */
  port?: number;
  /** Serve this cluster at `/` as well as under `/clusters/<id>` (the standalone `podium cluster up`). */
  rootClusterId?: () => string | undefined;
}

/**
 * The default cluster backend: emulated clusters in this process behind one HTTPS listener, each at
 * `https://<host>:<port>/clusters/<id>`, signed by a CA the store keeps across restarts.
 */
export class EmbeddedBackend implements ClusterBackend {
  readonly kind = 'embedded' as const;

  private constructor(
    readonly host: ClusterHost,
    private readonly server: Server,
    private readonly ca: CertificateAuthority,
    private readonly address: string,
  ) {}

  static async start(opts: EmbeddedBackendOptions): Promise<EmbeddedBackend> {
    const ca = await opts.settings.getOrCreate<CertificateAuthority>('clusters.ca', () => createCertificateAuthority('kubernetes'));
    const listenHost = opts.host ?? '127.0.0.1';
    const serving = await issueServingCertificate(ca, {
      dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
      ips: ['127.0.0.1', '::1', ...(listenHost !== '0.0.0.0' && listenHost !== '127.0.0.1' && /^[\d.]+$/.test(listenHost) ? [listenHost] : [])],
    });
    const host = new ClusterHost(opts.records, opts.factory(ca.certPem), opts.services);
    const server = createApiServer({
      cert: serving.certPem,
      key: serving.keyPem,
      resolver: {
        byId: (id) => host.runtime(id),
        root: () => {
          const id = opts.rootClusterId?.();
          return id ? host.runtime(id) : undefined;
        },
      },
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(opts.port ?? 6443, listenHost, () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const shown = listenHost === '0.0.0.0' ? '127.0.0.1' : listenHost;
    return new EmbeddedBackend(host, server, ca, `${shown}:${port}`);
  }

  /** `https://127.0.0.1:6443`, the API's base URL. */
  get url(): string {
    return `https://${this.address}`;
  }

  get caPem(): string {
    return this.ca.certPem;
  }

  async provision(owner: string, spec: ClusterSpec): Promise<ClusterHandle> {
    return this.handle(this.host.provision(owner, spec));
  }

  async get(owner: string, name: string): Promise<ClusterHandle | undefined> {
    const record = this.recordsOf(owner).find((r) => r.name === name);
    return record && this.handle(record);
  }

  async list(owner: string): Promise<ClusterHandle[]> {
    return this.recordsOf(owner).map((r) => this.handle(r));
  }

  async remove(owner: string, name: string): Promise<void> {
    const record = this.recordsOf(owner).find((r) => r.name === name);
    if (record) this.host.remove(record.id);
  }

  async kubeconfig(handle: ClusterHandle, opts: { namespace?: string; server?: string } = {}): Promise<string> {
    return this.render(handle, this.secrets(handle).ownerToken, opts);
  }

  async adminKubeconfig(handle: ClusterHandle): Promise<string> {
    return this.render(handle, this.secrets(handle).adminToken, {});
  }

  async close(): Promise<void> {
    this.host.close();
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private recordsOf(owner: string): ClusterRecord[] {
    return this.host.list(owner);
  }

  private secrets(handle: ClusterHandle): ClusterSecrets {
    const record = this.host.record(handle.id);
    if (!record) throw new Error(`no cluster ${handle.id}`);
    return record.secrets as ClusterSecrets;
  }

  private render(handle: ClusterHandle, token: string, opts: { namespace?: string; server?: string }): string {
    return renderKubeconfig([
      {
        name: handle.name,
        server: opts.server ?? handle.server,
        caPem: this.ca.certPem,
        user: { token },
        ...(opts.namespace ? { namespace: opts.namespace } : {}),
      },
    ]);
  }

  private handle(record: ClusterRecord): ClusterHandle {
    return {
      id: record.id,
      owner: record.owner ?? '',
      name: record.name,
      server: `${this.url}/clusters/${record.id}`,
      spec: record.spec as ClusterSpec,
    };
  }
}
