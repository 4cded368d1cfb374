import type { Server } from 'node:https';
import { chmod, chown, mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { createApiServer } from '../emulator/apiserver/http/api-server.ts';
import type { ClusterBackend, ClusterHandle, ClusterSpec } from '../backend.ts';
import { renderKubeconfig } from '../kubeconfig.ts';
import { createCertificateAuthority, issueServingCertificate, type CertificateAuthority } from '../tls/pki.ts';
import type { ClusterRecord, ClusterRecords } from '../../store/cluster-records.ts';
import type { Settings } from '../../store/settings.ts';
import { generateServiceAccountKey, type ClusterSecrets } from './cluster-secrets.ts';
import type { SigningKey } from '../emulator/auth/signing-key.ts';
import { ClusterHost, type ClusterFactory } from './cluster-host.ts';
import { createCredentialRouter } from './credential-router.ts';
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

  private readonly learnerServers = new Map<string, Server>();

  private constructor(
    readonly host: ClusterHost,
    private readonly server: Server,
    private readonly ca: CertificateAuthority,
    private readonly address: string,
    private readonly serving: { certPem: string; keyPem: string },
  ) {}

  static async start(opts: EmbeddedBackendOptions): Promise<EmbeddedBackend> {
    const ca = await opts.settings.getOrCreate<CertificateAuthority>('clusters.ca', () => createCertificateAuthority('kubernetes'));
    const listenHost = opts.host ?? '127.0.0.1';
    const serving = await issueServingCertificate(ca, {
      dns: ['localhost', 'kubernetes', 'kubernetes.default', 'kubernetes.default.svc', 'kubernetes.default.svc.cluster.local'],
      ips: ['127.0.0.1', '::1', ...(listenHost !== '0.0.0.0' && listenHost !== '127.0.0.1' && /^[\d.]+$/.test(listenHost) ? [listenHost] : [])],
    });
    const serviceAccountKey = await opts.settings.getOrCreate<SigningKey>('clusters.service-account-key', generateServiceAccountKey);
    const host = new ClusterHost(opts.records, opts.factory(ca.certPem), opts.services, serviceAccountKey);
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
    return new EmbeddedBackend(host, server, ca, `${shown}:${port}`, serving);
  }

  /**
   * A listener on a Unix socket that serves only `owner`'s clusters: the one a learner's sandbox is
   * given. Even with another learner's token, nothing but the owner's clusters can be reached through it.
   * Each cluster is served under `/clusters/<id>`, and at the root for the credentials it accepts.
   */
  async openOwnerSocket(owner: string, socketPath: string, opts: { uid?: number } = {}): Promise<void> {
    if (this.learnerServers.has(socketPath)) return;
    const server = createApiServer({
      cert: this.serving.certPem,
      key: this.serving.keyPem,
      resolver: {
        byId: (id) => {
          const record = this.host.record(id);
          return record && record.owner === owner ? this.host.runtime(id) : undefined;
        },
        root: createCredentialRouter(
          () => this.recordsOf(owner).map((r) => r.id),
          (id) => this.host.runtime(id),
        ),
      },
    });
    await mkdir(path.dirname(socketPath), { recursive: true, mode: 0o700 });
    // The folder of all sockets may be walked through, not listed.
    await chmod(path.dirname(path.dirname(socketPath)), 0o711);
    await rm(socketPath, { force: true });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(socketPath, () => resolve());
    });
    // Only the learner's Unix user may connect (their sandbox runs as it).
    if (opts.uid !== undefined) {
      await chown(path.dirname(socketPath), opts.uid, opts.uid);
      await chown(socketPath, opts.uid, opts.uid);
      await chmod(socketPath, 0o600);
    } else {
      await chmod(socketPath, 0o666);
    }
    this.learnerServers.set(socketPath, server);
  }

  async closeOwnerSocket(socketPath: string): Promise<void> {
    const server = this.learnerServers.get(socketPath);
    if (!server) return;
    this.learnerServers.delete(socketPath);
    await closeServer(server);
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
    await Promise.all([this.server, ...this.learnerServers.values()].map(closeServer));
    this.learnerServers.clear();
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

function closeServer(server: Server): Promise<void> {
  return new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}
