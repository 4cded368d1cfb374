import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { WebSocket } from 'ws';
import { startTestApiServer, type TestApiServer } from '../e2e-server.ts';
import { runningPod } from '../testing.ts';

let server: TestApiServer;

beforeAll(async () => {
  server = await startTestApiServer();
  server.cluster.store.create({ group: '', resource: 'pods' }, runningPod({ name: 'web' }));
});
afterAll(() => server.close());

/** Opens the kubelet-style WebSocket port-forward and collects frames until the server closes or `until` holds. */
function forward(ports: string, protocol: string, send: (ws: WebSocket) => void, until: (frames: Buffer[]) => boolean): Promise<{ frames: Buffer[]; protocol: string }> {
  return new Promise((resolve, reject) => {
    const url = `${server.url.replace('https', 'wss')}/api/v1/namespaces/default/pods/web/portforward?${ports}`;
    const ws = new WebSocket(url, [protocol], { ca: server.caPem, headers: { Authorization: 'Bearer test-token' } });
    const frames: Buffer[] = [];
    const timer = setTimeout(() => {
      ws.terminate();
      reject(new Error(`timed out with ${frames.length} frames`));
    }, 5000);
    const done = () => {
      clearTimeout(timer);
      ws.close();
      resolve({ frames, protocol: ws.protocol });
    };
    ws.on('open', () => send(ws));
    ws.on('message', (d: Buffer) => {
      frames.push(d);
      if (until(frames)) done();
    });
    ws.on('close', done);
    ws.on('error', reject);
  });
}

describe('the kubelet’s WebSocket port-forward (v4.channel.k8s.io)', () => {
  test('each port opens its data and error channels with the port number, then carries the connection', async () => {
    const { frames, protocol } = await forward(
      'port=80',
      'v4.channel.k8s.io',
      (ws) => ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n')])),
      (f) => f.some((x) => x[0] === 0 && x.includes('</html>')),
    );
    expect(protocol).toBe('v4.channel.k8s.io');
    expect(frames[0]).toEqual(Buffer.from([0, 80, 0]));
    expect(frames[1]).toEqual(Buffer.from([1, 80, 0]));
    const data = Buffer.concat(frames.slice(2).filter((f) => f[0] === 0).map((f) => f.subarray(1))).toString();
    expect(data).toMatch(/^HTTP\/1\.1 200 OK\r\nServer: nginx\/1\.27\.5\r\n/);
  });

  test('a port nothing listens on: the runtime’s message on the error channel', async () => {
    const { frames } = await forward('port=81', 'v4.channel.k8s.io', () => undefined, (f) => f.some((x) => x[0] === 1 && x.length > 3));
    const error = frames.filter((f) => f[0] === 1 && f.length > 3).map((f) => f.subarray(1).toString()).join('');
    expect(error).toMatch(/^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[0-9a-f-]+": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused $/);
  });
});
