/**
 * Deployment rollouts as kubectl drives and watches them: a rolling update that keeps to maxSurge and
 * maxUnavailable (observed through the ReplicaSets), rollout status/history/undo/pause/resume/restart,
 * and `kubectl wait` on conditions.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';
import { normValues } from './normalize.ts';

let cluster: RunningCluster;
let dir: string;
const ok = (args: string[]) => {
  const r = cluster.kubectl(args, { timeoutMs: 120_000 });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: roll
spec:
  replicas: 4
  strategy:
    type: RollingUpdate
    rollingUpdate:
      maxSurge: 1
      maxUnavailable: 0
  selector:
    matchLabels: {app: roll}
  template:
    metadata:
      labels: {app: roll}
    spec:
      containers:
      - name: web
        image: nginx:1.27
`;

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  dir = mkdtempSync(path.join(tmpdir(), 'podium-rollout-'));
  const f = path.join(dir, 'roll.yaml');
  writeFileSync(f, deployment);
  ok(['apply', '-f', f]);
});
afterAll(async () => {
  await cluster?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

interface RsView {
  name: string;
  image: string;
  desired: number;
  available: number;
}
function replicaSets(): RsView[] {
  const list = JSON.parse(ok(['get', 'rs', '-l', 'app=roll', '-o', 'json'])) as {
    items: { metadata: { name: string }; spec: { replicas: number; template: { spec: { containers: { image: string }[] } } }; status: { availableReplicas?: number } }[];
  };
  return list.items.map((rs) => ({
    name: rs.metadata.name,
    image: rs.spec.template.spec.containers[0]!.image,
    desired: rs.spec.replicas,
    available: rs.status.availableReplicas ?? 0,
  }));
}

const WAITING = [
  /^Waiting for deployment "roll" rollout to finish: \d+ out of 4 new replicas have been updated\.\.\.$/,
  /^Waiting for deployment "roll" rollout to finish: \d+ old replicas are pending termination\.\.\.$/,
  /^Waiting for deployment "roll" rollout to finish: \d+ of 4 updated replicas are available\.\.\.$/,
  /^Waiting for deployment spec update to be observed\.\.\.$/,
];
function expectStatusOutput(out: string): void {
  const lines = out.trimEnd().split('\n');
  expect(lines.at(-1)).toBe('deployment "roll" successfully rolled out');
  for (const line of lines.slice(0, -1)) expect(WAITING.some((re) => re.test(line)), line).toBe(true);
}

describe('rolling update', () => {
  it('waits for availability', () => {
    expect(ok(['wait', '--for=condition=available', 'deployment/roll', '--timeout=90s'])).toBe('deployment.apps/roll condition met\n');
    expectStatusOutput(ok(['rollout', 'status', 'deployment/roll', '--timeout=90s']));
  });

  it('replaces pods one at a time: never more than 4+1 wanted, never fewer than 4 available', async () => {
    ok(['set', 'image', 'deployment/roll', 'web=nginx:1.28']);
    const seen: string[] = [];
    await eventually(() => {
      const sets = replicaSets();
      const old = sets.find((s) => s.image === 'nginx:1.27');
      const next = sets.find((s) => s.image === 'nginx:1.28');
      const state = `${old?.desired ?? 0}/${next?.desired ?? 0}`;
      if (seen.at(-1) !== state) seen.push(state);
      const total = sets.reduce((n, s) => n + s.desired, 0);
      expect(total).toBeLessThanOrEqual(5);
      expect(sets.reduce((n, s) => n + s.available, 0)).toBeGreaterThanOrEqual(4);
      return state === '0/4' && next!.available === 4;
    }, 90_000, 150);
    // The controller moves in steps of one: old/new desired replicas only ever take these values, in order.
    const steps = ['4/0', '4/1', '3/1', '3/2', '2/2', '2/3', '1/3', '1/4', '0/4'];
    const positions = seen.map((s) => steps.indexOf(s));
    expect(positions.every((p) => p >= 0), seen.join(' ')).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
    expectStatusOutput(ok(['rollout', 'status', 'deployment/roll']));
  });
});

describe('rollout history and undo', () => {
  it('lists revisions and shows one', () => {
    expect(ok(['rollout', 'history', 'deployment/roll'])).toBe('deployment.apps/roll \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n');
    expect(normValues(ok(['rollout', 'history', 'deployment/roll', '--revision=2']))).toBe(`deployment.apps/roll with revision #2
Pod Template:
  Labels:\tapp=roll
\tpod-template-hash=<hash>
  Containers:
   web:
    Image:\tnginx:1.28
    Port:\t<none>
    Host Port:\t<none>
    Environment:\t<none>
    Mounts:\t<none>
  Volumes:\t<none>
  Node-Selectors:\t<none>
  Tolerations:\t<none>

`);
  });

  it('rolls back to the previous ReplicaSet, reusing it', async () => {
    const before = replicaSets().map((s) => s.name).sort();
    expect(ok(['rollout', 'undo', 'deployment/roll'])).toBe('deployment.apps/roll rolled back\n');
    expectStatusOutput(ok(['rollout', 'status', 'deployment/roll', '--timeout=90s']));
    const after = replicaSets();
    expect(after.map((s) => s.name).sort()).toEqual(before);
    expect(after.find((s) => s.desired === 4)!.image).toBe('nginx:1.27');
    expect(ok(['rollout', 'history', 'deployment/roll'])).toBe('deployment.apps/roll \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    expect(cluster.kubectl(['rollout', 'undo', 'deployment/roll', '--to-revision=99']).stderr).toBe('error: unable to find specified revision 99 in history\n');
  });
});

describe('pause, resume, restart', () => {
  it('holds changes while paused and rolls them out on resume', async () => {
    expect(ok(['rollout', 'pause', 'deployment/roll'])).toBe('deployment.apps/roll paused\n');
    expect(cluster.kubectl(['rollout', 'pause', 'deployment/roll']).stderr).toBe('error: deployments.apps "roll" is already paused\n');
    ok(['set', 'env', 'deployment/roll', 'MODE=paused']);
    await new Promise((r) => setTimeout(r, 1500));
    expect(replicaSets()).toHaveLength(2);
    expect(ok(['get', 'deploy', 'roll', '-o', 'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}'])).toBe('DeploymentPaused');
    expect(ok(['rollout', 'resume', 'deployment/roll'])).toBe('deployment.apps/roll resumed\n');
    expect(cluster.kubectl(['rollout', 'resume', 'deployment/roll']).stderr).toBe('error: deployments.apps "roll" is not paused\n');
    expectStatusOutput(ok(['rollout', 'status', 'deployment/roll', '--timeout=90s']));
    expect(replicaSets()).toHaveLength(3);
  });

  it('restarts by stamping the template', () => {
    expect(ok(['rollout', 'restart', 'deployment/roll'])).toBe('deployment.apps/roll restarted\n');
    expect(ok(['get', 'deploy', 'roll', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}'])).toMatch(
      /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
    );
    expectStatusOutput(ok(['rollout', 'status', 'deployment/roll', '--timeout=90s']));
    expect(ok(['rollout', 'history', 'deployment/roll']).split('\n').slice(2, -2)).toEqual(['2         <none>', '3         <none>', '4         <none>', '5         <none>']);
  });

  it('times out waiting for a rollout that cannot finish', () => {
    ok(['create', 'deployment', 'stuck', '--image=nginx:no-such-tag']);
    const r = cluster.kubectl(['rollout', 'status', 'deployment/stuck', '--timeout=4s']);
    expect(r.code).toBe(1);
    expect(r.stdout.split('\n')[0]).toBe('Waiting for deployment "stuck" rollout to finish: 0 of 1 updated replicas are available...');
    expect(r.stderr).toBe('error: timed out waiting for the condition\n');
    const w = cluster.kubectl(['wait', '--for=condition=available', 'deployment/stuck', '--timeout=2s']);
    expect([w.code, w.stderr]).toEqual([1, 'error: timed out waiting for the condition on deployments/stuck\n']);
  });
});
