/** Test support: the real HTTPS API server around a minimal runtime with this package's upgrade handler, and a kubeconfig for it. */
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:https';
import { createApiServer } from '../apiserver/http/api-server.ts';
import { Discovery } from '../apiserver/discovery.ts';
import type { ClusterRuntime } from '../apiserver/http/runtime.ts';
import { EmulatedCluster } from '../cluster.ts';
import { printerFor } from '../printers/index.ts';
import { eksVersion } from '../version.ts';
import { createCertificateAuthority, issueServingCertificate } from '../../tls/pki.ts';
import { renderKubeconfig } from '../../kubeconfig.ts';
import { createExecUpgradeHandler } from './handler.ts';
import type { ExecDeps } from './deps.ts';

export interface TestApiServer {
  cluster: EmulatedCluster;
  server: Server;
  kubeconfig: string;
  url: string;
  caPem: string;
  close(): Promise<void>;
}

export async function startTestApiServer(deps: Partial<ExecDeps> = {}): Promise<TestApiServer> {
  const cluster = new EmulatedCluster();
  const ca = await createCertificateAuthority();
  const cert = await issueServingCertificate(ca, { dns: ['localhost'], ips: ['127.0.0.1'] });
  const runtime: ClusterRuntime = {
    id: 'test',
    cluster,
    discovery: new Discovery(cluster.registry, '127.0.0.1:443'),
    version: eksVersion('32'),
    authenticate: (req) => (req.headers.authorization === 'Bearer test-token' ? { username: 'kubernetes-admin', groups: ['system:masters', 'system:authenticated'] } : { username: 'system:anonymous', groups: ['system:unauthenticated'] }),
    authorize: () => undefined,
    printer: (def) => printerFor(def.group, def.kind),
    virtual: new Map(),
    upgrade: createExecUpgradeHandler({ store: cluster.store, ...deps }),
  };
  const server = createApiServer({ cert: cert.certPem, key: cert.keyPem, resolver: { byId: () => undefined, root: () => runtime } });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const kubeconfig = renderKubeconfig([{ name: 'test', server: url, caPem: ca.certPem, user: { token: 'test-token' }, namespace: 'default' }]);
  return {
    cluster,
    server,
    kubeconfig,
    url,
    caPem: ca.certPem,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
