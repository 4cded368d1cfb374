/**
 * kubectl inside a sandbox reaches the learner's cluster through the forwarder (127.0.0.1:6443 →
 * the learner's API socket), and nothing else. First against a tiny HTTPS stand-in on a Unix
 * socket; then, when the embedded backend offers per-learner sockets, against the real thing.
 */
import { chownSync, mkdirSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCertificateAuthority, issueServingCertificate } from '../../../server/cluster/tls/pki.ts';
import { renderKubeconfig } from '../../../server/cluster/kubeconfig.ts';
import { plantFile, sandboxWorld, skipReason, type LearnerSpec, type SandboxWorld } from './harness.ts';

const UID_A = 20_301;
const UID_B = 20_302;

/** An HTTPS "API server" on a Unix socket that only knows /clusters/<id>/version. */
async function standIn(socket: string, uid: number, clusterId: string) {
  const ca = await createCertificateAuthority('podium-e2e');
  const cert = await issueServingCertificate(ca, { dns: ['localhost'], ips: ['127.0.0.1'] });
  const seen: string[] = [];
  const server: Server = createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://x');
    seen.push(`${req.method} ${url.pathname}`);
    res.setHeader('content-type', 'application/json');
    if (url.pathname === `/clusters/${clusterId}/version`) {
      res.end(JSON.stringify({ major: '1', minor: '32', gitVersion: 'v1.32.0-standin', platform: 'linux/amd64' }));
    } else {
      res.statusCode = 404;
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404 }));
    }
  });
  mkdirSync(path.dirname(socket), { recursive: true, mode: 0o700 });
  rmSync(socket, { force: true });
  await new Promise<void>((resolve) => server.listen(socket, resolve));
  chownSync(path.dirname(socket), uid, uid);
  chownSync(socket, uid, uid);
  return { ca, seen, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

describe.skipIf(skipReason)('the cluster API from inside a sandbox', () => {
  let world: SandboxWorld;
  let a: LearnerSpec;
  let b: LearnerSpec;
  let api: Awaited<ReturnType<typeof standIn>>;
  let apiB: Awaited<ReturnType<typeof standIn>>;

  beforeAll(async () => {
    world = await sandboxWorld();
    a = world.learner('erin', UID_A);
    b = world.learner('frank', UID_B);
    api = await standIn(a.apiSocket, UID_A, 'c-erin');
    apiB = await standIn(b.apiSocket, UID_B, 'c-frank');
    await world.driver.exec(a, 'true');
    plantFile(
      a,
      '.kube/config',
      renderKubeconfig([{ name: 'workshop', server: 'https://127.0.0.1:6443/clusters/c-erin', caPem: api.ca.certPem, user: { token: 'erin-token' } }]),
    );
  });

  afterAll(async () => {
    await api?.close();
    await apiB?.close();
    await world?.destroy();
  });

  it('kubectl (the host dispatcher picking a version) talks to the stand-in through the forwarder', async () => {
    const r = await world.driver.exec(a, 'kubectl version -o json', { timeoutMs: 30_000 });
    expect(r.stderr).toBe('');
    expect(JSON.parse(r.stdout).serverVersion.gitVersion).toBe('v1.32.0-standin');
    expect(api.seen).toContain('GET /clusters/c-erin/version');
    expect(apiB.seen).toEqual([]);
  });

  it('only the forwarder listens, only on loopback, and only the own socket is there', async () => {
    const r = await world.driver.exec(a, 'cat /proc/net/tcp /proc/net/tcp6 | awk \'$4 == "0A" {print $2}\'; ls -la /run/podium; ps -eo comm=');
    expect(r.stdout).toMatch(/^0100007F:192B\n/);
    expect(r.stdout.match(/:[0-9A-F]{4}\n/g)).toHaveLength(1);
    expect(r.stdout).toMatch(/api\.sock/);
    expect(r.stdout).not.toContain(b.apiSocket);
    expect(r.stdout).toMatch(/socat/);
  });

  it("cannot reach another learner's API: that socket is not in the sandbox", async () => {
    const r = await world.driver.exec(a, `ls ${b.apiSocket} 2>&1; curl -sk --unix-socket ${b.apiSocket} https://x/clusters/c-frank/version 2>&1; true`);
    expect(r.stdout).toMatch(/No such file or directory/);
    expect(apiB.seen).toEqual([]);
  });

  it('keeps a learner shell on the forwarder after Ctrl-C and Ctrl-Z at the prompt', async () => {
    const shell = await world.driver.start({ ...a, cols: 100, rows: 30 });
    let out = '';
    shell.onData((d) => (out += d));
    const waitFor = async (re: RegExp, ms = 20_000) => {
      const until = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > until) throw new Error(`timed out waiting for ${re} in ${JSON.stringify(out.slice(-500))}`);
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    };
    const prompts = () => out.split('learner@escape-lab:~$ ').length - 1;
    await waitFor(/learner@escape-lab:~\$ /);
    shell.write('\x03');
    await waitFor(/\^C[\s\S]*learner@escape-lab:~\$ /);
    // A foreground job stopped with Ctrl-Z, then killed: job control works and spares the forwarder.
    shell.write('sleep 30\r');
    await waitFor(/sleep 30/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    shell.write('\x1a');
    await waitFor(/Stopped\s+sleep 30/);
    const before = prompts();
    shell.write('kill %1; kubectl version -o json | grep -c standin\r');
    await waitFor(/^1\r?$/m);
    expect(prompts()).toBeGreaterThan(before);
    await shell.kill();
  });
});

describe.skipIf(skipReason)('the embedded cluster from inside a sandbox', async () => {
  const embedded = await import('../../../server/cluster/embedded/index.ts');
  type Backend = Awaited<ReturnType<typeof embedded.startEmbeddedBackend>>;
  const hasOwnerSockets = 'openOwnerSocket' in embedded.EmbeddedBackend.prototype;
  let world: SandboxWorld;
  let backend: Backend;
  let a: LearnerSpec;
  let othersCluster: string;
  let othersToken: string;
  let ownCluster: string;

  beforeAll(async () => {
    if (!hasOwnerSockets) return;
    world = await sandboxWorld();
    a = world.learner('grace', 20_303);
    backend = await embedded.startEmbeddedBackend({ dataDir: path.join(world.dataDir, 'store'), port: 0 });
    const handle = await backend.provision(a.learnerId, { name: 'workshop', nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 2 }] });
    await (backend as Backend & { openOwnerSocket(o: string, s: string, opts: { uid: number }): Promise<void> }).openOwnerSocket(a.learnerId, a.apiSocket, { uid: a.uid });
    const others = await backend.provision('heidi', { name: 'workshop' });
    othersCluster = others.id;
    othersToken = /token: (\S+)/.exec(await backend.kubeconfig(others))![1]!;
    ownCluster = handle.id;
    await world.driver.exec(a, 'true');
    // As EKS names an API server: no path. The learner's socket finds the cluster by the token.
    plantFile(a, '.kube/config', await backend.kubeconfig(handle, { server: 'https://127.0.0.1:6443' }));
  });

  afterAll(async () => {
    await backend?.close();
    await world?.destroy();
  });

  it.skipIf(!hasOwnerSockets)('kubectl get nodes works with no flags', async () => {
    const r = await world.driver.exec(a, 'kubectl get nodes --no-headers | wc -l', { timeoutMs: 60_000 });
    expect(r.stderr).toBe('');
    expect(r.stdout).toBe('2\n');
  });

  it.skipIf(!hasOwnerSockets)('reaches absolute paths, which kubectl get --raw sends without the server URL\'s path', async () => {
    const r = await world.driver.exec(a, 'kubectl get --raw /readyz; echo; kubectl get --raw /api/v1/namespaces/kube-system | grep -c \'"name":"kube-system"\'');
    expect([r.stderr, r.stdout]).toEqual(['', 'ok\n1\n']);
    const prefixed = await world.driver.exec(a, `kubectl --server https://127.0.0.1:6443/clusters/${ownCluster} get ns kube-system -o name`);
    expect(prefixed.stdout).toBe('namespace/kube-system\n');
  });

  it.skipIf(!hasOwnerSockets)("the learner's socket serves no one else's cluster", async () => {
    const r = await world.driver.exec(a, `curl -sk -o /dev/null -w '%{http_code}' https://127.0.0.1:6443/clusters/${othersCluster}/version`);
    expect(r.stdout).toBe('404');
    // Another learner's token at the root reaches nothing of theirs: no cluster here accepts it.
    const stolen = await world.driver.exec(a, `curl -sk -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer ${othersToken}' https://127.0.0.1:6443/api/v1/namespaces`);
    expect(stolen.stdout).toBe('401');
  });
});
