import { beforeEach, describe, expect, test } from 'vitest';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { ServedRequest } from '../network/routing.ts';
import { NGINX_INDEX } from './web-files.ts';
import { add, runningPod, service, testWorld } from '../testing.ts';
import type { World } from './world.ts';
import { createProcessNetwork } from './process-network.ts';

let world: World;
let store: ObjectStore;
let served: ServedRequest[];

beforeEach(() => {
  ({ world, store } = testWorld());
  served = [];
  world.onServed = (e) => served.push(e);
  add(store, runningPod({ name: 'web-1', ip: '192.168.20.15', labels: { app: 'web' } }));
  add(store, runningPod({ name: 'client', image: 'busybox:1.37', ip: '192.168.20.40', labels: { app: 'client' }, container: { command: ['sleep', '3600'] } }));
  add(store, runningPod({ name: 'distroless', image: 'gcr.io/distroless/static:nonroot', ip: '192.168.20.41', labels: { app: 'x' } }));
  add(store, service('web', '10.100.12.34', [{ name: 'http', port: 80, targetPort: 80, protocol: 'TCP' }]));
});

const client = () => world.reader.pod('default', 'client')!;

describe("the network of a container's own process", () => {
  test('runs wget, curl and nslookup as kubectl exec does, at once and without side effects', () => {
    const run = createProcessNetwork(world);
    expect(run(client(), 'app', ['wget', '-qO-', 'web'])).toEqual({ stdout: NGINX_INDEX, stderr: '', code: 0, ms: 3 });
    expect(run(client(), 'app', ['nslookup', 'web'])?.stdout).toContain('Name:\tweb.default.svc.cluster.local\nAddress: 10.100.12.34\n');
    expect(run(client(), 'app', ['wget', '-qO-', 'nope'])).toMatchObject({ stdout: '', stderr: "wget: bad address 'nope'\n", code: 1 });
    expect(served).toEqual([]);
  });

  test('counts a connection timeout as time taken instead of waiting for it', () => {
    const run = createProcessNetwork(world);
    const r = run(client(), 'app', ['wget', '-qO-', '-T', '2', 'web:8080']);
    expect(r).toMatchObject({ stderr: 'wget: download timed out\n', code: 1 });
    expect(r!.ms).toBe(Math.min(2000, world.connectTimeoutMs) + 3);
  });

  test('leaves other programs, and images without the program, to the kubelet', () => {
    const run = createProcessNetwork(world);
    expect(run(client(), 'app', ['echo', 'hi'])).toBeUndefined();
    expect(run(world.reader.pod('default', 'distroless')!, 'app', ['wget', 'web'])).toBeUndefined();
  });
});
