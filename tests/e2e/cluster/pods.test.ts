/**
 * Pods through their lifecycle as kubectl shows it: run, logs (follow, previous, of a Deployment),
 * CrashLoopBackOff, ImagePullBackOff, FailedScheduling, Completed job pods, DaemonSet pods on every node,
 * and the endpoints of a Service. (exec/attach/port-forward are another suite's.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';
import { eventLines, normCell, normTable } from './normalize.ts';

let cluster: RunningCluster;
const NODES = 2;
const ok = (args: string[]) => {
  const r = cluster.kubectl(args, { timeoutMs: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
const field = (what: string[], expr: string) => cluster.kubectl(['get', ...what, '-o', `jsonpath=${expr}`]).stdout;
const statusOf = (pod: string) => cluster.kubectl(['get', 'pod', pod, '--no-headers']).stdout.trim().split(/\s{2,}/)[2];

beforeAll(async () => {
  cluster = await clusterUp({ nodes: NODES });
});
afterAll(() => cluster?.destroy());

describe('run and logs', () => {
  it('runs a pod and prints what its container wrote', async () => {
    expect(ok(['run', 'counter', '--image=busybox:1.37', '--', 'sh', '-c', 'i=0; while true; do echo "tick $i"; i=$((i+1)); sleep 1; done'])).toBe('pod/counter created\n');
    expect(cluster.kubectl(['run', 'counter', '--image=busybox']).stderr).toBe('Error from server (AlreadyExists): pods "counter" already exists\n');
    await eventually(() => cluster.kubectl(['logs', 'counter']).stdout.includes('tick 2'), 30_000);
    const lines = ok(['logs', 'counter']).trimEnd().split('\n');
    expect(lines.slice(0, 3)).toEqual(['tick 0', 'tick 1', 'tick 2']);
    expect(ok(['logs', 'counter', '--tail=1'])).toMatch(/^tick \d+\n$/);
    expect(ok(['logs', 'counter', '--timestamps', '--tail=1'])).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z tick \d+\n$/);
  });

  it('attaches kubectl run -i to the shell it starts, and the pod ends with the status that shell exits with', () => {
    const r = cluster.kubectl(['run', 'shell', '--rm', '-i', '--image=busybox:1.37', '--restart=Never', '--', 'sh'], { input: 'echo "hello from $(hostname)"\nexit 3\n', timeoutMs: 60_000 });
    expect([r.stdout, r.code]).toEqual(['hello from shell\npod "shell" deleted\n', 3]);
    expect(r.stderr).toBe("If you don't see a command prompt, try pressing enter.\npod default/shell terminated (Error)\n");
  });

  it('debugs a running pod with an ephemeral container that shares its network', async () => {
    ok(['run', 'target', '--image=nginx:1.27']);
    await eventually(() => statusOf('target') === 'Running', 60_000);
    const r = cluster.kubectl(['debug', '-i', 'target', '--image=busybox:1.37', '--target=target', '--container=dbg'], { input: 'echo "in $(hostname)"\nwget -qO- localhost | head -1\nexit\n', timeoutMs: 60_000 });
    expect([r.stdout.split('\n').slice(1).join('\n'), r.code]).toEqual(['in target\n<!DOCTYPE html>\n', 0]);
    expect(r.stdout).toMatch(/^Targeting container "target"\./);
    expect(field(['pod', 'target'], '{.spec.ephemeralContainers[0].name} {.status.ephemeralContainerStatuses[0].state.terminated.reason}')).toBe('dbg Completed');
    // The pod itself is untouched: still Running and ready, no restart.
    expect(cluster.kubectl(['get', 'pod', 'target', '--no-headers']).stdout).toMatch(/^target\s+1\/1\s+Running\s+0\s/);
  });

  it('follows a log until stopped', async () => {
    const follow = cluster.kubectlAsync(['logs', '-f', 'counter', '--tail=1']);
    let out = '';
    follow.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await eventually(() => out.split('\n').filter(Boolean).length >= 3, 20_000, 100);
    } finally {
      follow.kill();
    }
    const ticks = out.split('\n').filter(Boolean).map((l) => Number(/^tick (\d+)$/.exec(l)![1]));
    expect(ticks.slice(1)).toEqual(ticks.slice(1).map((_, i) => ticks[0]! + i + 1));
  });

  it('reads a Deployment through one of its pods', async () => {
    ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
    await eventually(() => field(['deploy', 'web'], '{.status.availableReplicas}') === '2', 60_000);
    const r = cluster.kubectl(['logs', 'deploy/web']);
    expect(r.stderr).toMatch(/^Found 2 pods, using pod\/web-[a-z0-9]+-[a-z0-9]{5}\n$/);
    const lines = r.stdout.split('\n');
    expect(lines[0]).toBe('/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
    expect(lines).toContain('/docker-entrypoint.sh: Configuration complete; ready for start up');
    expect(lines.some((l) => /^\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d \[notice\] 1#1: nginx\/1\.27\.\d+$/.test(l))).toBe(true);
  });

  it('has no previous container log until a container restarts', () => {
    expect(cluster.kubectl(['logs', 'counter', '--previous']).stderr).toBe(
      'Error from server (BadRequest): previous terminated container "counter" in pod "counter" not found\n',
    );
    expect(cluster.kubectl(['logs', 'nope']).stderr).toBe('error: error from server (NotFound): pods "nope" not found in namespace "default"\n');
    expect(cluster.kubectl(['logs', 'counter', '-c', 'other']).stderr).toBe(
      'error: container other is not valid for pod counter\n',
    );
  });
});

describe('failing pods', () => {
  it('goes into CrashLoopBackOff and keeps the previous log', async () => {
    ok(['run', 'crash', '--image=busybox:1.37', '--', 'sh', '-c', 'echo boom; exit 1']);
    await eventually(() => statusOf('crash') === 'CrashLoopBackOff' && field(['pod', 'crash'], '{.status.containerStatuses[0].restartCount}') !== '0', 60_000);
    const row = cluster.kubectl(['get', 'pod', 'crash', '--no-headers']).stdout.trim().split(/\s{2,}/).map(normCell);
    expect(row).toEqual(['crash', '0/1', 'CrashLoopBackOff', expect.stringMatching(/^\d+ \(<age> ago\)$/), '<age>']);
    expect(ok(['logs', 'crash', '--previous'])).toBe('boom\n');
    // eventLines() normalises the pod's UID in the message.
    const backOff = 'Warning BackOff kubelet: Back-off restarting failed container crash in pod crash_default(<uid>)';
    await eventually(() => eventLines(ok(['describe', 'pod', 'crash'])).includes(backOff), 30_000);
    const text = ok(['describe', 'pod', 'crash']);
    expect(text).toContain('    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n');
    expect(eventLines(text)).toEqual(expect.arrayContaining(['Normal Created kubelet: Created container crash', 'Normal Started kubelet: Started container crash', backOff]));
  });

  it('reports an image that does not exist', async () => {
    ok(['run', 'bad-image', '--image=nginx:no-such-tag']);
    await eventually(() => ['ErrImagePull', 'ImagePullBackOff'].includes(statusOf('bad-image')!), 60_000);
    await eventually(() => eventLines(ok(['describe', 'pod', 'bad-image'])).includes('Warning Failed kubelet: Error: ImagePullBackOff'), 60_000);
    const events = eventLines(ok(['describe', 'pod', 'bad-image']));
    expect(events).toEqual(
      expect.arrayContaining([
        'Normal Pulling kubelet: Pulling image "nginx:no-such-tag"',
        'Warning Failed kubelet: Failed to pull image "nginx:no-such-tag": rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:no-such-tag": failed to resolve reference "docker.io/library/nginx:no-such-tag": docker.io/library/nginx:no-such-tag: not found',
        'Warning Failed kubelet: Error: ErrImagePull',
        'Normal BackOff kubelet: Back-off pulling image "nginx:no-such-tag"',
        'Warning Failed kubelet: Error: ImagePullBackOff',
      ]),
    );
    expect(cluster.kubectl(['logs', 'bad-image']).stderr).toMatch(
      /^Error from server \(BadRequest\): container "bad-image" in pod "bad-image" is waiting to start: (trying and failing to pull image|image can't be pulled)\n$/,
    );
  });

  it('stays Pending when no node has room', async () => {
    ok(['run', 'huge', '--image=nginx', '--overrides={"spec":{"containers":[{"name":"huge","image":"nginx","resources":{"requests":{"cpu":"64"}}}]}}']);
    await eventually(() => eventLines(ok(['describe', 'pod', 'huge'])).length > 0, 30_000);
    expect(eventLines(ok(['describe', 'pod', 'huge']))).toEqual([
      `Warning FailedScheduling default-scheduler: 0/${NODES} nodes are available: ${NODES} Insufficient cpu. preemption: 0/${NODES} nodes are available: ${NODES} No preemption victims found for incoming pod.`,
    ]);
    expect(normTable(ok(['get', 'pod', 'huge', '-o', 'wide']))).toBe(`NAME   READY   STATUS    RESTARTS   AGE     IP       NODE     NOMINATED NODE   READINESS GATES
huge   0/1     Pending   0          <age>   <none>   <none>   <none>           <none>`);
    expect(ok(['logs', 'huge'])).toBe('');
  });
});

describe('jobs and daemon sets', () => {
  it('runs a job to completion', async () => {
    ok(['create', 'job', 'hello', '--image=busybox:1.37', '--', 'echo', 'hello from a job']);
    expect(ok(['wait', '--for=condition=complete', 'job/hello', '--timeout=60s'])).toBe('job.batch/hello condition met\n');
    expect(normTable(ok(['get', 'job', 'hello']))).toBe(`NAME    STATUS     COMPLETIONS   DURATION   AGE
hello   Complete   1/1           <age>      <age>`);
    expect(normTable(ok(['get', 'pods', '-l', 'job-name=hello']))).toBe(`NAME         READY   STATUS      RESTARTS   AGE
hello-<id>   0/1     Completed   0          <age>`);
    expect(ok(['logs', 'job/hello'])).toBe('hello from a job\n');
  });

  it('starts a job from a CronJob template', async () => {
    ok(['create', 'cronjob', 'nightly', '--image=busybox:1.37', '--schedule=0 3 * * *', '--', 'echo', 'nightly']);
    expect(ok(['create', 'job', 'manual', '--from=cronjob/nightly'])).toBe('job.batch/manual created\n');
    expect(field(['job', 'manual'], '{.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name} {.metadata.annotations.cronjob\\.kubernetes\\.io/instantiate}')).toBe(
      'CronJob/nightly manual',
    );
    expect(ok(['wait', '--for=condition=complete', 'job/manual', '--timeout=60s'])).toBe('job.batch/manual condition met\n');
  });

  it('runs a DaemonSet pod on every node', async () => {
    const ds = `apiVersion: apps/v1
kind: DaemonSet
metadata:
  name: agent
spec:
  selector:
    matchLabels: {app: agent}
  template:
    metadata:
      labels: {app: agent}
    spec:
      containers:
      - name: agent
        image: busybox:1.37
        command: [sleep, "3600"]
`;
    const r = cluster.kubectl(['apply', '-f', '-'], { input: ds });
    expect([r.stdout, r.stderr]).toEqual(['daemonset.apps/agent created\n', '']);
    await eventually(() => field(['ds', 'agent'], '{.status.numberReady}') === String(NODES), 60_000);
    expect(normTable(ok(['get', 'ds', 'agent']))).toBe(`NAME    DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
agent   ${NODES}         ${NODES}         ${NODES}       ${NODES}            ${NODES}           <none>          <age>`);
    const nodes = field(['pods', '-l', 'app=agent'], '{range .items[*]}{.spec.nodeName}{"\\n"}{end}').trim().split('\n');
    expect(new Set(nodes).size).toBe(NODES);
    expect(nodes.sort()).toEqual(field(['nodes'], '{range .items[*]}{.metadata.name}{"\\n"}{end}').trim().split('\n').sort());
  });
});

describe('services', () => {
  it('lists the ready pods of a Service as endpoints and endpoint slices', async () => {
    expect(ok(['expose', 'deployment', 'web', '--port=80', '--target-port=80'])).toBe('service/web exposed\n');
    await eventually(() => field(['endpoints', 'web'], '{.subsets[0].addresses[1].ip}') !== '', 30_000);
    const ips = field(['pods', '-l', 'app=web'], '{.items[*].status.podIP}').split(' ').sort();
    const endpoints = cluster.kubectl(['get', 'endpoints', 'web', '--no-headers']).stdout.trim().split(/\s{2,}/);
    expect(endpoints[1]!.split(',').sort()).toEqual(ips.map((ip) => `${ip}:80`));
    expect(normTable(ok(['get', 'endpointslices', '-l', 'kubernetes.io/service-name=web']))).toBe(`NAME       ADDRESSTYPE   PORTS   ENDPOINTS   AGE
web-<id>   IPv4          80      <ip>,<ip>   <age>`);
    // A pod that is not ready leaves the endpoints.
    ok(['scale', 'deployment', 'web', '--replicas=1']);
    await eventually(() => field(['endpoints', 'web'], '{.subsets[0].addresses[*].ip}').split(' ').length === 1, 30_000);
  });

  it("are reached from a one-off pod's own command, whose output kubectl run --rm shows", () => {
    const r = cluster.kubectl(['run', 'probe', '--rm', '-i', '--image=busybox:1.37', '--restart=Never', '--', 'wget', '-qO-', 'web'], { timeoutMs: 60_000 });
    expect(r.stdout).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>[^]*<\/html>\npod "probe" deleted\n$/);
    expect(r.code).toBe(0);
    ok(['run', 'lookup', '--image=busybox:1.37', '--restart=Never', '--', 'sh', '-c', 'nslookup web; wget -qO- nope; echo "status $?"']);
    return eventually(() => {
      const log = cluster.kubectl(['logs', 'lookup']).stdout;
      return /Name:\tweb\.default\.svc\.cluster\.local\nAddress: [\d.]+\n/.test(log) && log.endsWith("wget: bad address 'nope'\nstatus 1\n");
    }, 30_000);
  });

  it('are reached through the API server proxy, by get --raw and by kubectl proxy', async () => {
    const page = ok(['get', '--raw', '/api/v1/namespaces/default/services/web:80/proxy/']);
    expect(page).toMatch(/^<!DOCTYPE html>\n<html>\n<head>\n<title>Welcome to nginx!<\/title>/);
    const pod = field(['pods', '-l', 'app=web'], '{.items[0].metadata.name}');
    expect(ok(['get', '--raw', `/api/v1/namespaces/default/pods/${pod}/proxy/`])).toBe(page);
    const wrongPort = cluster.kubectl(['get', '--raw', `/api/v1/namespaces/default/pods/${pod}:8080/proxy/`]);
    expect(wrongPort.stderr).toMatch(/^Error from server \(ServiceUnavailable\): error trying to reach service: dial tcp [\d.]+:8080: connect: connection refused\n$/);
    const proxy = cluster.kubectlAsync(['proxy', '--port=0']);
    let out = '';
    proxy.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await eventually(() => /Starting to serve on 127\.0\.0\.1:\d+/.test(out), 15_000);
      const port = /127\.0\.0\.1:(\d+)/.exec(out)![1];
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/namespaces/default/services/web:80/proxy/`);
      expect([res.status, res.headers.get('content-type'), await res.text()]).toEqual([200, 'text/html', page]);
    } finally {
      proxy.kill();
    }
  });
});
