import { beforeEach, describe, expect, test } from 'vitest';
import type { ObjectStore } from '../../storage/object-store.ts';
import { add, run, runningPod, service, testWorld } from '../testing.ts';
import type { World } from '../container/world.ts';
import { NGINX_INDEX } from '../container/web-files.ts';

let world: World;
let store: ObjectStore;

beforeEach(() => {
  ({ world, store } = testWorld());
  add(store, runningPod({ name: 'web-1', ip: '192.168.20.15', labels: { app: 'web' } }));
  add(store, runningPod({ name: 'client', image: 'busybox:1.37', ip: '192.168.20.40', labels: { app: 'client' }, container: { command: ['sleep', '3600'] } }));
  add(store, runningPod({ name: 'tools', image: 'nginx:1.27', ip: '192.168.20.41', labels: { app: 'tools' } }));
  add(store, runningPod({ name: 'echo', image: 'hashicorp/http-echo', ip: '192.168.20.42', labels: { app: 'echo' }, container: { args: ['-text=hello from echo', '-listen=:8080'] } }));
  add(store, runningPod({ name: 'srv', image: 'kicbase/echo-server:1.0', ip: '192.168.20.43', labels: { app: 'srv' } }));
  add(store, runningPod({ name: 'apache', image: 'httpd:2.4', ip: '192.168.20.44', labels: { app: 'apache' } }));
  add(store, service('web', '10.100.12.34', [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }]));
  add(store, service('echo', '10.100.40.40', [{ port: 80, targetPort: 8080, protocol: 'TCP' }]));
  add(store, service('srv', '10.100.40.41', [{ port: 8080, targetPort: 8080, protocol: 'TCP' }]));
  add(store, service('apache', '10.100.40.42', [{ port: 80, targetPort: 80, protocol: 'TCP' }]));
  add(store, service('empty', '10.100.40.43', [{ port: 80, targetPort: 80, protocol: 'TCP' }], { app: 'nobody' }));
  add(store, service('kubernetes', '10.100.0.1', [{ name: 'https', port: 443, targetPort: 443, protocol: 'TCP' }], {}));
});

describe('curl and wget to services and pods', () => {
  test('curl a Service by name: the nginx welcome page', async () => {
    expect(await run(world, 'tools', ['curl', '-s', 'http://web'])).toEqual({ stdout: NGINX_INDEX, stderr: '', code: 0 });
    expect((await run(world, 'tools', ['curl', '-s', 'web.default.svc.cluster.local/nope', '-o', '/dev/null', '-w', '%{http_code}\n'])).stdout).toBe('404\n');
  });

  test('response headers as nginx sends them', async () => {
    const head = (await run(world, 'tools', ['curl', '-sI', 'web'])).stdout;
    expect(head).toBe(
      'HTTP/1.1 200 OK\r\nServer: nginx/1.27.5\r\nDate: Mon, 02 Mar 2026 09:00:00 GMT\r\nContent-Type: text/html\r\nContent-Length: 615\r\nLast-Modified: Mon, 28 Apr 2025 00:00:00 GMT\r\nConnection: keep-alive\r\nETag: "680ec500-267"\r\nAccept-Ranges: bytes\r\n\r\n',
    );
  });

  test('without -s the progress meter goes to stderr (stdout is not a terminal)', async () => {
    const r = await run(world, 'tools', ['curl', 'web']);
    expect(r.stdout).toBe(NGINX_INDEX);
    expect(r.stderr).toContain('% Total    % Received % Xferd');
  });

  test('http-echo, echo-server and httpd answer as those images do', async () => {
    expect((await run(world, 'tools', ['curl', '-s', 'echo'])).stdout).toBe('hello from echo\n');
    expect((await run(world, 'tools', ['curl', '-s', 'srv:8080/path?q=1'])).stdout).toBe('Request served by srv\n\nHTTP/1.1 GET /path?q=1\n\nHost: srv:8080\nAccept: */*\nUser-Agent: curl/7.88.1\n');
    expect((await run(world, 'tools', ['curl', '-s', 'apache'])).stdout).toBe('<html><body><h1>It works!</h1></body></html>\n');
  });

  test('a pod IP directly; a port nobody listens on is refused', async () => {
    expect((await run(world, 'tools', ['curl', '-s', '192.168.20.15'])).stdout).toBe(NGINX_INDEX);
    expect(await run(world, 'tools', ['curl', '-sS', '192.168.20.15:8080'])).toEqual({ stdout: '', stderr: "curl: (7) Failed to connect to 192.168.20.15 port 8080 after 2 ms: Couldn't connect to server\n", code: 7 });
  });

  test('a Service without ready endpoints refuses; an unknown name does not resolve; a port the Service lacks times out', async () => {
    expect(await run(world, 'tools', ['curl', 'empty'])).toEqual({ stdout: '', stderr: "curl: (7) Failed to connect to empty port 80 after 2 ms: Couldn't connect to server\n", code: 7 });
    expect(await run(world, 'tools', ['curl', 'nope'])).toEqual({ stdout: '', stderr: 'curl: (6) Could not resolve host: nope\n', code: 6 });
    expect(await run(world, 'tools', ['curl', '-m', '0.02', 'web:8080'])).toEqual({ stdout: '', stderr: 'curl: (28) Connection timed out after 21 milliseconds\n', code: 28 });
  });

  test('the API server: TLS verification fails without the cluster CA; anonymous is 401', async () => {
    expect((await run(world, 'tools', ['curl', '-s', 'https://kubernetes.default.svc/api'])).code).toBe(60);
    const r = await run(world, 'tools', ['curl', '-sk', 'https://kubernetes.default.svc/api']);
    expect(JSON.parse(r.stdout)).toMatchObject({ kind: 'Status', reason: 'Unauthorized', code: 401 });
  });

  test('busybox wget -qO- and its messages', async () => {
    expect(await run(world, 'client', ['wget', '-qO-', 'web'])).toEqual({ stdout: NGINX_INDEX, stderr: '', code: 0 });
    expect(await run(world, 'client', ['wget', '-O-', 'web'])).toEqual({
      stdout: NGINX_INDEX,
      stderr: 'Connecting to web (10.100.12.34:80)\nwriting to stdout\n-                    100% |********************************|   615  0:00:00 ETA\nwritten to stdout\n',
      code: 0,
    });
    expect(await run(world, 'client', ['wget', '-qO-', 'web/missing'])).toEqual({ stdout: '', stderr: 'wget: server returned error: HTTP/1.1 404 Not Found\n', code: 1 });
    expect(await run(world, 'client', ['wget', '-qO-', 'empty'])).toEqual({ stdout: '', stderr: "wget: can't connect to remote host (10.100.40.43): Connection refused\n", code: 1 });
    expect(await run(world, 'client', ['wget', '-qO-', 'nope'])).toEqual({ stdout: '', stderr: "wget: bad address 'nope'\n", code: 1 });
  });

  test('curl is not in busybox', async () => {
    expect((await run(world, 'client', ['sh', '-c', 'curl web'])).stderr).toBe('sh: curl: not found\n');
  });
});

describe('names', () => {
  test('nslookup and getent hosts', async () => {
    expect((await run(world, 'client', ['nslookup', 'web'])).stdout).toBe('Server:\t\t10.100.0.10\nAddress:\t10.100.0.10:53\n\nName:\tweb.default.svc.cluster.local\nAddress: 10.100.12.34\n\n');
    expect((await run(world, 'tools', ['getent', 'hosts', 'kubernetes.default'])).stdout).toBe('10.100.0.1      kubernetes.default.svc.cluster.local\n');
    expect((await run(world, 'client', ['nslookup', 'nope'])).code).toBe(1);
  });

  test('Services round-robin over their ready pods', async () => {
    add(store, runningPod({ name: 'srv-2', image: 'kicbase/echo-server:1.0', ip: '192.168.20.45', labels: { app: 'srv' } }));
    const served = [];
    for (let i = 0; i < 4; i++) served.push((await run(world, 'tools', ['curl', '-s', 'srv:8080'])).stdout.split('\n')[0]);
    expect(new Set(served)).toEqual(new Set(['Request served by srv', 'Request served by srv-2']));
  });
});
