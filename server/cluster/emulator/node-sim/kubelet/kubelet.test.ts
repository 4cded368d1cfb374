import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../meta/types.ts';
import { simulate, type SimHarness } from '../sim-harness.ts';
import { pod, T0 } from '../test-harness.ts';

type Json = Record<string, any>;
const cs = (s: SimHarness, name: string, i = 0): Json => (s.status(name).containerStatuses ?? [])[i] as Json;
const cond = (s: SimHarness, name: string, type: string): Json => (s.status(name).conditions ?? []).find((c) => c.type === type) as Json;
const at = (s: SimHarness) => (s.h.clock.now() - T0) / 1000;

/** Steps through time and returns the first moment (s since T0) `check` holds. */
function until(s: SimHarness, check: () => boolean, limitSeconds = 600, step = 250): number {
  for (let t = 0; t < limitSeconds * 1000; t += step) {
    if (check()) return at(s);
    s.h.run(step, step);
  }
  throw new Error('condition never held');
}

describe('kubelet: a healthy pod', () => {
  it('pulls, creates and starts nginx, then reports it ready with realistic timings', () => {
    const s = simulate();
    s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    expect(cs(s, 'web')?.state ?? { waiting: { reason: 'ContainerCreating' } }).toEqual({ waiting: { reason: 'ContainerCreating' } });
    const readyAt = until(s, () => cs(s, 'web')?.ready === true);
    expect(readyAt).toBeGreaterThan(1);
    expect(readyAt).toBeLessThan(5);
    const events = s.h.events('web');
    expect(events[0]).toMatch(/^Normal Scheduled Successfully assigned default\/web to ip-192-168-/);
    expect(events[1]).toBe('Normal Pulling Pulling image "nginx:1.27"');
    expect(events[2]).toMatch(/^Normal Pulled Successfully pulled image "nginx:1\.27" in \d\.\d+s \(\d\.\d+s including waiting\)\. Image size: \d{8} bytes\.$/);
    expect(events.slice(3)).toEqual(['Normal Created Created container app', 'Normal Started Started container app']);
    const st = s.status('web');
    expect(st.phase).toBe('Running');
    expect(st).toMatchObject({ qosClass: 'BestEffort', hostIP: expect.stringMatching(/^192\.168\./), podIP: expect.stringMatching(/^192\.168\./) });
    expect(cs(s, 'web')).toMatchObject({
      image: 'docker.io/library/nginx:1.27',
      imageID: expect.stringMatching(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/),
      containerID: expect.stringMatching(/^containerd:\/\/[0-9a-f]{64}$/),
      ready: true,
      started: true,
      restartCount: 0,
      state: { running: { startedAt: expect.any(String) } },
    });
    expect((st.conditions ?? []).map((c) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
  });

  it('reuses an image already on the node when the policy allows', () => {
    const s = simulate();
    s.h.create(pod('a', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    s.h.run(10_000);
    s.h.create(pod('b', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    s.h.run(5_000);
    expect(s.h.events('b')[1]).toBe('Normal Pulled Container image "nginx:1.27" already present on machine');
    // The node reports what it pulled.
    const node = s.h.get('Node', undefined, s.nodes[0]!)!;
    const names = ((node.status as Json).images as Json[]).flatMap((i) => i.names);
    expect(names).toContain('docker.io/library/nginx:1.27');
  });

  it('becomes ready only after the readiness probe passes, and logs the probe requests', () => {
    const s = simulate();
    s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 10, periodSeconds: 5 } }] }));
    const started = until(s, () => cs(s, 'web')?.state?.running !== undefined);
    expect(cs(s, 'web').ready).toBe(false);
    expect(cond(s, 'web', 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady', message: 'containers with unready status: [app]' });
    const ready = until(s, () => cs(s, 'web').ready === true);
    expect(ready - started).toBeGreaterThanOrEqual(9);
    expect(ready - started).toBeLessThanOrEqual(15.5);
    expect(s.logs.read('default', 'web', {})).toContain('"GET / HTTP/1.1" 200 615 "-" "kube-probe/1.32" "-"');
  });

  it('reports a failing readiness probe as Unhealthy and never becomes ready', () => {
    const s = simulate();
    s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx', readinessProbe: { httpGet: { path: '/healthz', port: 8080 }, periodSeconds: 10 } }] }));
    s.h.run(60_000);
    expect(cs(s, 'web').ready).toBe(false);
    const unhealthy = s.h.events('web').find((e) => e.includes('Unhealthy'))!;
    expect(unhealthy).toMatch(/^Warning Unhealthy Readiness probe failed: Get "http:\/\/192\.168\.\d+\.\d+:8080\/healthz": dial tcp 192\.168\.\d+\.\d+:8080: connect: connection refused$/);
  });
});

describe('kubelet: images that cannot be pulled', () => {
  it('alternates ErrImagePull and ImagePullBackOff with the kubelet and containerd texts', () => {
    const s = simulate();
    s.h.create(pod('bad', { containers: [{ name: 'app', image: 'nginx:1.999' }] }));
    const err =
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:1.999": failed to resolve reference "docker.io/library/nginx:1.999": docker.io/library/nginx:1.999: not found';
    until(s, () => cs(s, 'bad')?.state?.waiting?.reason === 'ErrImagePull');
    expect(cs(s, 'bad').state.waiting.message).toBe(err);
    until(s, () => cs(s, 'bad')?.state?.waiting?.reason === 'ImagePullBackOff', 120);
    expect(cs(s, 'bad').state.waiting.message).toBe(`Back-off pulling image "nginx:1.999": ErrImagePull: ${err}`);
    expect(s.status('bad').phase).toBe('Pending');
    expect(s.h.events('bad').slice(1, 6)).toEqual([
      'Normal Pulling Pulling image "nginx:1.999"',
      `Warning Failed Failed to pull image "nginx:1.999": ${err}`,
      'Warning Failed Error: ErrImagePull',
      'Normal BackOff Back-off pulling image "nginx:1.999"',
      'Warning Failed Error: ImagePullBackOff',
    ]);
    expect(() => s.logs.read('default', 'bad', {})).toThrow('container "app" in pod "bad" is waiting to start: trying and failing to pull image');
  });

  it('names a misspelt repository as Docker Hub answers it', () => {
    const s = simulate();
    s.h.create(pod('typo', { containers: [{ name: 'app', image: 'ngnix' }] }));
    until(s, () => cs(s, 'typo')?.state?.waiting?.reason === 'ErrImagePull');
    expect(cs(s, 'typo').state.waiting.message).toBe(
      'rpc error: code = Unknown desc = failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed',
    );
    expect(() => s.logs.read('default', 'typo', {})).toThrow('is waiting to start: image can\'t be pulled');
  });

  it('pulls from the account ECR only what was pushed', () => {
    const s = simulate({}, { ecr: { shop: { tags: ['v1'], like: 'nginx' } } });
    const repo = '111122223333.dkr.ecr.us-west-2.amazonaws.com/shop';
    s.h.create(pod('ok', { containers: [{ name: 'app', image: `${repo}:v1` }] }));
    s.h.create(pod('missing', { containers: [{ name: 'app', image: `${repo}:v2` }] }));
    s.h.run(10_000);
    expect(cs(s, 'ok').ready).toBe(true);
    expect(cs(s, 'missing').state.waiting.message).toBe(`rpc error: code = NotFound desc = failed to pull and unpack image "${repo}:v2": failed to resolve reference "${repo}:v2": ${repo}:v2: not found`);
  });
});

describe('kubelet: containers that fail', () => {
  it('backs off 10s, 20s, 40s … with restart counts, last state and BackOff events', () => {
    const s = simulate();
    s.h.create(pod('crash', { containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; exit 1'] }] }));
    const seen: string[] = [];
    let last = '';
    for (let i = 0; i < 240; i++) {
      s.h.run(1000);
      const c = cs(s, 'crash');
      const w = c?.state?.waiting;
      const key = w?.reason === 'CrashLoopBackOff' ? `${c.restartCount}:${w.message.split(' ')[1]}` : '';
      if (key && key !== last) seen.push(key);
      last = key;
    }
    expect(seen.slice(0, 4)).toEqual(['1:10s', '2:20s', '3:40s', '4:1m20s']);
    const c = cs(s, 'crash');
    const uid = s.pod('crash').metadata.uid;
    expect(c.lastState.terminated).toMatchObject({ exitCode: 1, reason: 'Error', containerID: expect.stringMatching(/^containerd:\/\//) });
    expect(s.h.events('crash')).toContain(`Warning BackOff Back-off restarting failed container app in pod crash_default(${uid})`);
    expect(s.status('crash').phase).toBe('Running');
    expect(s.logs.read('default', 'crash', {})).toBe('starting\n');
    expect(s.logs.read('default', 'crash', { previous: true })).toBe('starting\n');
  });

  it('reports a missing executable as RunContainerError with runc\'s message', () => {
    const s = simulate();
    s.h.create(pod('nocmd', { containers: [{ name: 'app', image: 'nginx:1.27', command: ['foo'] }] }));
    const runc = 'failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create failed: unable to start container process: exec: "foo": executable file not found in $PATH: unknown';
    until(s, () => cs(s, 'nocmd')?.state?.waiting?.reason === 'RunContainerError');
    expect(cs(s, 'nocmd').state.waiting.message).toBe(runc);
    expect(cs(s, 'nocmd').lastState.terminated).toMatchObject({ exitCode: 128, reason: 'StartError', message: runc, startedAt: '1970-01-01T00:00:00Z' });
    expect(s.h.events('nocmd')).toContain(`Warning Failed Error: ${runc}`);
    until(s, () => cs(s, 'nocmd')?.state?.waiting?.reason === 'CrashLoopBackOff');
  });

  it('crash-loops postgres without a password, printing what its entrypoint prints', () => {
    const s = simulate();
    s.h.create(pod('db', { containers: [{ name: 'postgres', image: 'postgres:16' }] }));
    until(s, () => cs(s, 'db')?.state?.waiting?.reason === 'CrashLoopBackOff', 120);
    const logs = s.logs.read('default', 'db', {});
    expect(logs.split('\n')[0]).toBe('Error: Database is uninitialized and superuser password is not specified.');
    expect(logs).toContain('You must specify POSTGRES_PASSWORD to a non-empty value for the');
    s.h.create(pod('db2', { containers: [{ name: 'postgres', image: 'postgres:16', env: [{ name: 'POSTGRES_PASSWORD', value: 'secret' }] }] }));
    s.h.run(15_000);
    expect(cs(s, 'db2').ready).toBe(true);
    expect(s.logs.read('default', 'db2', { tailLines: 1 })).toMatch(/LOG: {2}database system is ready to accept connections\n$/);
  });

  it('kills a container over its memory limit (OOMKilled)', () => {
    const s = simulate();
    s.h.create(
      pod('stress', {
        containers: [{ name: 'memory-demo', image: 'polinux/stress', command: ['stress'], args: ['--vm', '1', '--vm-bytes', '250M', '--vm-hang', '1'], resources: { limits: { memory: '100Mi' }, requests: { memory: '50Mi' } } }],
      }),
    );
    until(s, () => cs(s, 'stress')?.lastState?.terminated?.reason === 'OOMKilled' || cs(s, 'stress')?.state?.terminated?.reason === 'OOMKilled');
    expect(s.status('stress').qosClass).toBe('Burstable');
  });

  it('does not start a container whose ConfigMap is missing, and starts it once it exists', () => {
    const s = simulate();
    s.h.create(pod('cfg', { containers: [{ name: 'app', image: 'nginx:1.27', env: [{ name: 'MODE', valueFrom: { configMapKeyRef: { name: 'app-config', key: 'mode' } } }] }] }));
    until(s, () => cs(s, 'cfg')?.state?.waiting?.reason === 'CreateContainerConfigError');
    expect(cs(s, 'cfg').state.waiting.message).toBe('configmap "app-config" not found');
    expect(s.h.events('cfg')).toContain('Warning Failed Error: configmap "app-config" not found');
    s.h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'app-config', namespace: 'default' }, data: { mode: 'prod' } });
    until(s, () => cs(s, 'cfg')?.ready === true, 60);
  });
});

describe('kubelet: pods that finish', () => {
  it('completes a job pod: Succeeded, Completed, PodCompleted conditions, logs kept', () => {
    const s = simulate();
    s.h.create(pod('job-x', { restartPolicy: 'Never', containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }] }));
    until(s, () => s.status('job-x').phase === 'Succeeded', 60);
    expect(cs(s, 'job-x').state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(cond(s, 'job-x', 'Ready')).toMatchObject({ status: 'False', reason: 'PodCompleted' });
    expect(cond(s, 'job-x', 'Initialized')).toMatchObject({ status: 'True', reason: 'PodCompleted' });
    const out = s.logs.read('default', 'job-x', {});
    expect(out.startsWith('3.14159265358979323846')).toBe(true);
    expect(out.trimEnd().endsWith('59958133904780275901')).toBe(true);
    s.h.run(5000);
    expect(cond(s, 'job-x', 'PodReadyToStartContainers').status).toBe('False');
  });

  it('fails a Never pod whose command fails', () => {
    const s = simulate();
    s.h.create(pod('once', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox', command: ['sh', '-c', 'sleep 5; exit 2'] }] }));
    const done = until(s, () => s.status('once').phase === 'Failed', 60);
    expect(done).toBeGreaterThan(5);
    expect(cs(s, 'once').state.terminated).toMatchObject({ exitCode: 2, reason: 'Error' });
    expect(cond(s, 'once', 'Ready')).toMatchObject({ reason: 'PodFailed' });
  });

  it('runs init containers in order before the app container', () => {
    const s = simulate();
    s.h.create(
      pod('init', {
        initContainers: [
          { name: 'wait', image: 'busybox:1.36', command: ['sh', '-c', 'echo waiting; sleep 3'] },
          { name: 'migrate', image: 'busybox:1.36', command: ['sh', '-c', 'echo migrated'] },
        ],
        containers: [{ name: 'app', image: 'nginx:1.27' }],
      }),
    );
    until(s, () => (s.status('init').initContainerStatuses as Json[] | undefined)?.[0]?.state?.running !== undefined);
    expect(cs(s, 'init').state).toEqual({ waiting: { reason: 'PodInitializing' } });
    expect(cond(s, 'init', 'Initialized')).toMatchObject({ status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [wait migrate]' });
    expect((s.status('init').initContainerStatuses as Json[])[1]!.state).toEqual({ waiting: { reason: 'PodInitializing' } });
    until(s, () => cs(s, 'init').ready === true, 60);
    const inits = s.status('init').initContainerStatuses as Json[];
    expect(inits.map((c) => c.state.terminated?.reason)).toEqual(['Completed', 'Completed']);
    expect(s.logs.read('default', 'init', { container: 'wait' })).toBe('waiting\n');
    const events = s.h.events('init').map((e) => e.replace(/ in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: \d+ bytes\./, ''));
    expect(events.indexOf('Normal Started Started container wait')).toBeLessThan(events.indexOf('Normal Started Started container migrate'));
    expect(events.indexOf('Normal Started Started container migrate')).toBeLessThan(events.indexOf('Normal Started Started container app'));
  });
});

describe('kubelet: graceful deletion', () => {
  it('stops the containers, then removes the pod within about a second', () => {
    const s = simulate();
    s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    s.h.run(10_000);
    s.h.cluster.api.delete(s.h.def('Pod'), 'default', 'web');
    s.h.defer.settle();
    expect(s.pod('web').metadata.deletionTimestamp).toBeDefined();
    const events = s.h.events('web');
    expect(events.at(-1)).toBe('Normal Killing Stopping container app');
    const gone = until(s, () => s.h.get('Pod', 'default', 'web') === undefined, 10, 100);
    expect(gone - 10).toBeLessThanOrEqual(2);
  });

  it('drops a pod that never started at once', () => {
    const s = simulate();
    s.h.create(pod('bad', { containers: [{ name: 'app', image: 'nginx:1.999' }] }));
    s.h.run(20_000);
    s.h.cluster.api.delete(s.h.def('Pod'), 'default', 'bad');
    s.h.run(2000);
    expect(s.h.get('Pod', 'default', 'bad')).toBeUndefined();
  });
});

describe('kubelet: probes and restarts', () => {
  it('restarts a container whose liveness probe fails (the touch/rm example)', () => {
    const s = simulate();
    s.h.create(
      pod('liveness', {
        containers: [
          {
            name: 'liveness',
            image: 'registry.k8s.io/busybox',
            args: ['/bin/sh', '-c', 'touch /tmp/healthy; sleep 30; rm -f /tmp/healthy; sleep 600'],
            livenessProbe: { exec: { command: ['cat', '/tmp/healthy'] }, initialDelaySeconds: 5, periodSeconds: 5 },
          },
        ],
      }),
    );
    until(s, () => cs(s, 'liveness')?.restartCount === 1, 120);
    const events = s.h.events('liveness');
    expect(events).toContain("Warning Unhealthy Liveness probe failed: cat: can't open '/tmp/healthy': No such file or directory");
    expect(events).toContain('Normal Killing Container liveness failed liveness probe, will be restarted');
    expect(cs(s, 'liveness').lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
  });
});

describe('kubelet: node failure', () => {
  it('marks a stopped node NotReady, taints it and evicts its pods after their toleration', () => {
    const s = simulate();
    s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    s.h.run(10_000);
    const node = s.nodes[0]!;
    s.sim.stopNode(node);
    s.h.run(45_000, 1000);
    const n = s.h.get('Node', undefined, node) as StoredObject & Json;
    expect(n.status.conditions.find((c: Json) => c.type === 'Ready')).toMatchObject({ status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' });
    expect(n.spec.taints).toEqual([
      { key: 'node.kubernetes.io/unreachable', effect: 'NoSchedule' },
      { key: 'node.kubernetes.io/unreachable', effect: 'NoExecute', timeAdded: expect.any(String) },
    ]);
    expect(cond(s, 'web', 'Ready').status).toBe('False');
    s.h.run(300_000, 5000);
    expect(s.pod('web').metadata.deletionTimestamp).toBeDefined();
    s.sim.startNode(node);
    s.h.run(5000);
    expect(s.h.get('Pod', 'default', 'web')).toBeUndefined();
    const back = s.h.get('Node', undefined, node) as StoredObject & Json;
    expect(back.spec.taints).toBeUndefined();
    expect(back.status.conditions.find((c: Json) => c.type === 'Ready').status).toBe('True');
  });

  it('renews node leases on the clock', () => {
    const s = simulate();
    const lease = () => s.h.get('Lease', 'kube-node-lease', s.nodes[0]!) as (StoredObject & Json) | undefined;
    expect(lease()?.spec).toMatchObject({ holderIdentity: s.nodes[0], leaseDurationSeconds: 40 });
    const first = lease()!.spec.renewTime;
    s.h.run(35_000, 1000);
    expect(lease()!.spec.renewTime).not.toBe(first);
  });
});
