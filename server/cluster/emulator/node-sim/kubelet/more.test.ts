import { describe, expect, it } from 'vitest';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseCidr, ipToInt } from '../../bootstrap/network.ts';
import { simulate } from '../sim-harness.ts';
import { pod } from '../test-harness.ts';
import { CONTAINER_ACTIONS, CONTAINER_FACTS } from './container-subject.ts';
import { containerStages, podStages } from './kubelet.ts';
import { loadStageSet } from './stage-set.ts';
import { nodeSubnet } from './pod-ips.ts';

type Json = Record<string, any>;
const cs = (s: ReturnType<typeof simulate>, name: string): Json => (s.status(name).containerStatuses ?? [])[0] as Json;

describe('stage data', () => {
  it('loads the shipped stage sets', () => {
    expect(podStages().stages.map((s) => s.name)).toContain('sandbox');
    const names = containerStages().stages.map((s) => s.name);
    expect(names).toEqual(expect.arrayContaining(['pull-start', 'pull-backoff', 'start', 'exit', 'crash-loop', 'readiness-probe', 'kill']));
  });

  it('rejects a stage that names an unknown fact, saying where', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stages-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(file, 'stages:\n  - name: oops\n    when: { phase: New, imagePresent: true }\n    next: Pulled\n');
    expect(() => loadStageSet([pathToFileURL(file)], CONTAINER_FACTS, CONTAINER_ACTIONS)).toThrow(/bad\.yaml: stages\[0\] \(oops\): unknown fact "imagePresent" in when/);
  });
});

describe('kubelet details', () => {
  it('gives pods addresses from their node subnet and is deterministic for a seed', () => {
    const a = simulate();
    const b = simulate();
    for (const s of [a, b]) {
      s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
      s.h.run(10_000);
    }
    const sa = a.status('web') as Json;
    const sb = b.status('web') as Json;
    expect(sa.podIP).toBe(sb.podIP);
    expect(cs(a, 'web').containerID).toBe(cs(b, 'web').containerID);
    const { base, size } = parseCidr(nodeSubnet(sa.hostIP));
    expect(ipToInt(sa.podIP) - base).toBeGreaterThanOrEqual(4);
    expect(ipToInt(sa.podIP) - base).toBeLessThan(size - 1);
    expect(sa.podIP).not.toBe(sa.hostIP);
  });

  it('holds readiness and liveness until the startup probe passes', () => {
    const s = simulate();
    s.h.create(pod('slow', { containers: [{ name: 'app', image: 'nginx:1.27', startupProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 8, periodSeconds: 2 } }] }));
    s.h.run(6_000);
    expect(cs(s, 'slow')).toMatchObject({ started: false, ready: false, state: { running: expect.anything() } });
    s.h.run(10_000);
    expect(cs(s, 'slow')).toMatchObject({ started: true, ready: true });
  });

  it('expands env from ConfigMaps, Secrets, the downward API and $(VAR) references', () => {
    const s = simulate();
    s.h.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { COLOR: 'blue' } });
    s.h.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'creds', namespace: 'default' }, data: { password: Buffer.from('s3cr3t').toString('base64') } });
    s.h.create(
      pod('env', {
        restartPolicy: 'Never',
        containers: [
          {
            name: 'app',
            image: 'busybox:1.36',
            command: ['sh', '-c', 'echo "$COLOR $PASSWORD $MY_POD $GREETING" && printenv HOSTNAME'],
            envFrom: [{ configMapRef: { name: 'cfg' } }],
            env: [
              { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'creds', key: 'password' } } },
              { name: 'MY_POD', valueFrom: { fieldRef: { fieldPath: 'metadata.name' } } },
              { name: 'GREETING', value: 'hello $(MY_POD)' },
            ],
          },
        ],
      }),
    );
    s.h.run(10_000);
    expect(s.logs.read('default', 'env', {})).toBe('blue s3cr3t env hello env\nenv\n');
  });

  it('keeps new pods off a node that stopped answering', () => {
    const s = simulate({ nodeGroups: [{ name: 'ng-1', instanceType: 't3.medium', desired: 1 }] });
    s.sim.stopNode(s.nodes[0]!);
    s.h.run(45_000, 1000);
    s.h.create(pod('late', { containers: [{ name: 'app', image: 'nginx' }] }));
    const scheduled = (s.status('late').conditions ?? []).find((c) => c.type === 'PodScheduled') as Json;
    expect(scheduled.message).toBe(
      '0/1 nodes are available: 1 node(s) had untolerated taint {node.kubernetes.io/unreachable: }. preemption: 0/1 nodes are available: 1 Preemption is not helpful for scheduling.',
    );
  });

  it('runs the kubelet delays faster with a time scale, keeping program time', () => {
    const s = simulate({}, { timeScale: 0.01 });
    s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.27' }] }));
    s.h.create(pod('sleepy', { restartPolicy: 'Never', containers: [{ name: 'app', image: 'busybox:1.36', command: ['sleep', '5'] }] }));
    s.h.run(1000, 50);
    expect(cs(s, 'web').ready).toBe(true);
    expect(s.status('sleepy').phase).toBe('Running');
    s.h.run(5000, 50);
    expect(s.status('sleepy').phase).toBe('Succeeded');
  });

  it('restarts a container when its image is changed', () => {
    const s = simulate();
    s.h.create(pod('web', { containers: [{ name: 'app', image: 'nginx:1.26' }] }));
    s.h.run(10_000);
    const current = s.pod('web');
    s.h.cluster.api.update(s.h.def('Pod'), 'default', 'web', { ...current, spec: { ...(current.spec as Json), containers: [{ name: 'app', image: 'nginx:1.27' }] } });
    s.h.run(10_000);
    expect(cs(s, 'web')).toMatchObject({ image: 'docker.io/library/nginx:1.27', restartCount: 1, ready: true });
    expect(s.h.events('web')).toContain('Normal Killing Container app definition changed, will be restarted');
  });
});

describe('an interactive shell', () => {
  const shellPod = (name: string, restartPolicy: string) =>
    pod(name, { restartPolicy, containers: [{ name: 'sh', image: 'busybox:1.37', command: ['sh'], stdin: true, tty: true }] });

  it('keeps running with stdin open, and ends with the status it exits with once attached to', () => {
    const s = simulate();
    s.h.create(shellPod('once', 'Never'));
    s.h.create(pod('closed', { restartPolicy: 'Never', containers: [{ name: 'sh', image: 'busybox:1.37', command: ['sh'] }] }));
    s.h.run(30_000);
    expect([s.status('once').phase, s.status('closed').phase]).toEqual(['Running', 'Succeeded']);
    s.sim.mainProcessExited('default', 'once', 'sh', 3);
    s.h.run(5_000);
    expect(s.status('once').phase).toBe('Failed');
    expect(cs(s, 'once').state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
  });

  it('restarts under restartPolicy Always', () => {
    const s = simulate();
    s.h.create(shellPod('again', 'Always'));
    s.h.run(30_000);
    s.sim.mainProcessExited('default', 'again', 'sh', 0);
    s.h.run(15_000);
    expect([s.status('again').phase, cs(s, 'again').restartCount, cs(s, 'again').state.running !== undefined]).toEqual(['Running', 1, true]);
  });
});
