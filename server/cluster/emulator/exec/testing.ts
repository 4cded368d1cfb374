/** Test support: a store with a running pod and friends, and a way to run commands in its containers. */
import { ManualClock, realClock, type Clock } from '../clock.ts';
import type { KubeObject } from '../meta/types.ts';
import { ObjectStore } from '../storage/object-store.ts';
import { storeReader } from './container/cluster-reader.ts';
import { containerView } from './container/container-system.ts';
import { LayerStore } from './container/layers.ts';
import type { World } from './container/world.ts';
import { defaultImageSource } from './container/image.ts';
import { unsignedToken } from './container/token.ts';
import { Capture, StreamInput } from './shell/io.ts';
import { runProcess, type ProcessOutcome } from './session/run-process.ts';

export const T0 = Date.parse('2026-03-02T09:00:00Z');

/** Time stands at T0 (for stable dates), while sleeps still take real time. */
export const fixedClock: Clock = { now: () => T0, setTimeout: realClock.setTimeout };

export function testWorld(clock: Clock = fixedClock) {
  const store = new ObjectStore(new ManualClock(T0 - 3600_000));
  const world: World = {
    reader: storeReader(store),
    images: defaultImageSource,
    layers: new LayerStore(),
    clock,
    dns: { clusterDns: '10.100.0.10', clusterDomain: 'cluster.local', region: 'us-west-2', vpcResolver: '192.168.0.2' },
    token: (req) => unsignedToken(req, T0, 'us-west-2'),
    connectTimeoutMs: 50,
    turns: new Map(),
  };
  return { store, world };
}

const core = (resource: string) => ({ group: '', resource });

export interface PodOptions {
  name?: string;
  namespace?: string;
  image?: string;
  labels?: Record<string, string>;
  ip?: string;
  container?: Record<string, unknown>;
  spec?: Record<string, unknown>;
  containers?: Record<string, unknown>[];
  phase?: string;
}

/** A running pod on node ip-192-168-12-34 with one container `app` (or the given ones). */
export function runningPod(o: PodOptions = {}): KubeObject {
  const containers = o.containers ?? [{ name: 'app', image: o.image ?? 'nginx:1.27', ...o.container }];
  const started = new Date(T0 - 600_000).toISOString().replace('.000Z', 'Z');
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: o.name ?? 'web-7d4b9c6d8-x2vqp', namespace: o.namespace ?? 'default', uid: `uid-${o.name ?? 'web'}`, labels: o.labels ?? { app: 'web' }, creationTimestamp: started },
    spec: { nodeName: 'ip-192-168-12-34.us-west-2.compute.internal', serviceAccountName: 'default', containers, ...o.spec },
    status: {
      phase: o.phase ?? 'Running',
      podIP: o.ip ?? '192.168.20.15',
      hostIP: '192.168.12.34',
      startTime: started,
      conditions: [{ type: 'Ready', status: 'True' }],
      containerStatuses: containers.map((c) => ({ name: c.name, ready: true, restartCount: 0, state: { running: { startedAt: started } }, image: c.image, containerID: `containerd://${'a'.repeat(64)}` })),
    },
  };
}

export function service(name: string, clusterIP: string, ports: Record<string, unknown>[], selector: Record<string, string> = { app: name }, namespace = 'default'): KubeObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace, creationTimestamp: new Date(T0 - 7200_000).toISOString() }, spec: { type: 'ClusterIP', clusterIP, clusterIPs: [clusterIP], selector, ports } };
}

export function add(store: ObjectStore, obj: KubeObject): void {
  const resource = { Pod: 'pods', Service: 'services', ConfigMap: 'configmaps', Secret: 'secrets', Node: 'nodes' }[obj.kind]!;
  store.create(core(resource), obj);
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number | string;
}

/** Runs argv in a container of a stored pod (non-interactive), with optional stdin text. */
export async function run(world: World, pod: string, argv: string[], opts: { container?: string; stdin?: string; namespace?: string } = {}): Promise<RunResult> {
  const obj = world.reader.pod(opts.namespace ?? 'default', pod);
  if (!obj) throw new Error(`no pod ${pod}`);
  const view = containerView(world, obj, opts.container ?? 'app', argv);
  if (!view) throw new Error('no container');
  const out = new Capture();
  const err = new Capture();
  let stdin: StreamInput | undefined;
  if (opts.stdin !== undefined) {
    stdin = new StreamInput();
    stdin.push(opts.stdin);
    stdin.end();
  }
  const outcome: ProcessOutcome = await runProcess(view.sys, argv, { ...(stdin ? { stdin } : {}), stdout: out, stderr: err, signal: new AbortController().signal });
  return { stdout: out.text(), stderr: err.text(), code: outcome.kind === 'exited' ? outcome.code : outcome.reason };
}
