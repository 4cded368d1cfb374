/**
 * The real kubectl 1.32 against the HTTPS API server with this package's upgrade handler: exec over
 * `v5.channel.k8s.io` (exit codes, stdin with the close signal) and port-forward over the SPDY-in-WebSocket tunnel.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startTestApiServer, type TestApiServer } from './e2e-server.ts';
import { NGINX_INDEX } from './container/web-files.ts';
import { runningPod } from './testing.ts';

const KUBECTL = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
/** kubectl 1.29 still runs exec over SPDY/3.1 (WebSockets came with 1.30). */
const KUBECTL_SPDY = '/usr/lib/google-cloud-sdk/bin/kubectl.1.29';
const present = existsSync(KUBECTL);
const title = present ? 'kubectl 1.32 end to end' : `kubectl 1.32 end to end (skipped: ${KUBECTL} is not installed)`;

let server: TestApiServer;
let dir: string;

function kubectl(args: string[], stdin?: string, timeoutMs = 15_000, binary = KUBECTL): Promise<{ stdout: string; stderr: string; code: number | null }> {
  return new Promise((resolve) => {
    const child = spawn(binary, ['--kubeconfig', join(dir, 'config'), ...args], { env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECACHEDIR: join(dir, 'cache') } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code });
    });
    if (stdin !== undefined) child.stdin.end(stdin);
    else child.stdin.end();
  });
}

function httpGet(port: number): Promise<{ status: number; server: string; body: string }> {
  return new Promise((resolve, reject) => {
    const req = get({ host: '127.0.0.1', port, path: '/', timeout: 5000 }, (res) => {
      let body = '';
      res.on('data', (d: Buffer) => (body += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, server: String(res.headers.server), body }));
    });
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
  });
}

describe.skipIf(!present)(title, () => {
  beforeAll(async () => {
    server = await startTestApiServer({ connectTimeoutMs: 1000 });
    dir = mkdtempSync(join(tmpdir(), 'podium-exec-'));
    writeFileSync(join(dir, 'config'), server.kubeconfig);
    server.cluster.store.create({ group: '', resource: 'pods' }, runningPod({ name: 'web' }));
    const creating = runningPod({ name: 'creating' });
    creating.status = { phase: 'Pending', containerStatuses: [{ name: 'app', ready: false, restartCount: 0, state: { waiting: { reason: 'ContainerCreating' } } }] };
    server.cluster.store.create({ group: '', resource: 'pods' }, creating);
  });

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test('exec web -- cat /etc/hostname', async () => {
    expect(await kubectl(['exec', 'web', '--', 'cat', '/etc/hostname'])).toEqual({ stdout: 'web\n', stderr: '', code: 0 });
  });

  test("exec web -- sh -c 'exit 3' exits 3", async () => {
    expect(await kubectl(['exec', 'web', '--', 'sh', '-c', 'exit 3'])).toEqual({ stdout: '', stderr: 'command terminated with exit code 3\n', code: 3 });
  });

  test('exec -i web -- sh reads commands from stdin until it closes', async () => {
    expect(await kubectl(['exec', '-i', 'web', '--', 'sh'], 'echo "from stdin: $(hostname)"\ncat /etc/os-release | head -1\n')).toEqual({
      stdout: 'from stdin: web\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n',
      stderr: '',
      code: 0,
    });
  });

  test('a missing executable is the runtime’s error; a wrong container is a 400', async () => {
    const missing = await kubectl(['exec', 'web', '--', 'foo']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "foo": executable file not found in \$PATH: unknown\n$/);
    expect(await kubectl(['exec', 'web', '-c', 'nope', '--', 'ls'])).toEqual({ stdout: '', stderr: 'Error from server (BadRequest): container nope is not valid for pod web\n', code: 1 });
  });

  test('a container that has not started: the kubelet’s answer, wrapped by the stream translator', async () => {
    expect(await kubectl(['exec', 'creating', '--', 'ls'])).toEqual({ stdout: '', stderr: 'error: Internal error occurred: unable to upgrade connection: container not found ("app")\n', code: 1 });
  });

  test.skipIf(!existsSync(KUBECTL_SPDY))('exec over SPDY/3.1 (kubectl 1.29): output, exit code, the kubelet’s own refusal', async () => {
    expect(await kubectl(['exec', 'web', '--', 'sh', '-c', 'echo out; exit 5'], undefined, 15_000, KUBECTL_SPDY)).toEqual({ stdout: 'out\n', stderr: 'command terminated with exit code 5\n', code: 5 });
    expect(await kubectl(['exec', '-i', 'web', '--', 'wc', '-l'], 'a\nb\n', 15_000, KUBECTL_SPDY)).toEqual({ stdout: '2\n', stderr: '', code: 0 });
    expect(await kubectl(['exec', 'creating', '--', 'ls'], undefined, 15_000, KUBECTL_SPDY)).toEqual({ stdout: '', stderr: 'error: unable to upgrade connection: container not found ("app")\n', code: 1 });
  });

  test('port-forward pod/web 0:80 serves the nginx welcome page', async () => {
    const child = spawn(KUBECTL, ['--kubeconfig', join(dir, 'config'), 'port-forward', 'pod/web', '0:80'], { env: { PATH: process.env.PATH ?? '', HOME: dir, KUBECACHEDIR: join(dir, 'cache') } });
    try {
      let out = '';
      child.stdout.on('data', (d: Buffer) => (out += d.toString()));
      let port = 0;
      for (let i = 0; i < 100 && !port; i++) {
        port = Number(/Forwarding from 127\.0\.0\.1:(\d+) -> 80/.exec(out)?.[1] ?? 0);
        if (!port) await new Promise((r) => setTimeout(r, 100));
      }
      expect(port).toBeGreaterThan(0);
      const res = await httpGet(port);
      expect(res).toEqual({ status: 200, server: 'nginx/1.27.5', body: NGINX_INDEX });
      expect((await httpGet(port)).status).toBe(200);
      expect(out).toContain('Handling connection for');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => (child.exitCode !== null ? r(undefined) : child.on('close', r)));
    }
  });
});
