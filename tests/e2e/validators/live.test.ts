/**
 * The validators against a real embedded cluster (`podium cluster up`): the ClusterReader over
 * client-node, its watches, the live engine turning steps green after kubectl commands, and
 * `podium check`'s core playing a lab's solutions.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StepState } from '../../../src/lib/labs/api.ts';
import { authoredCheckSchema, type Check } from '../../../src/schemas/check.ts';
import { LabValidator, type EngineStep } from '../../../server/validators/engine/lab-validator.ts';
import { evaluateCheck } from '../../../server/validators/evaluate.ts';
import { KubeClusterReader } from '../../../server/validators/kube/cluster-reader.ts';
import { playLab } from '../../../server/validators/play.ts';
import { formatPlayReport } from '../../../server/validators/play-report.ts';
import type { CheckContext } from '../../../server/validators/types.ts';
import { watchedKinds } from '../../../server/validators/watched-kinds.ts';
import { clusterUp, type RunningCluster } from '../cluster/harness.ts';
import { LocalSandbox } from './local-sandbox.ts';

const c = (raw: object): Check => authoredCheckSchema.parse({ message: 'm', ...raw });

const steps: EngineStep[] = [
  {
    id: 'create',
    title: 'Run web with two replicas',
    checks: [c({ object: { kind: 'Deployment', name: 'web', where: [{ path: 'status.readyReplicas', equals: 2 }] } })],
    hints: [],
    solution: ['kubectl create deployment web --image=nginx:1.27 --replicas=2'],
    showSolution: true,
  },
  {
    id: 'scale',
    title: 'Scale web to four',
    checks: [
      c({ count: { kind: 'Pod', selector: 'app=web', where: [{ path: 'status.conditions[type=Ready].status', equals: 'True' }], equals: 4 } }),
      c({ command: { run: "kubectl get deploy web -o jsonpath='{.spec.replicas}'", stdout: { equals: '4' } } }),
    ],
    hints: [],
    solution: ['kubectl scale deployment web --replicas=4'],
    showSolution: true,
  },
  {
    id: 'expose',
    title: 'Expose web',
    checks: [c({ object: { kind: 'Service', name: 'web', where: [{ path: 'spec.ports[0].port', equals: 80 }] } })],
    hints: [],
    solution: ['kubectl expose deployment web --port=80'],
    showSolution: true,
  },
  {
    id: 'clean-up',
    title: 'Delete web',
    checks: [c({ absent: { kind: 'Deployment', name: 'web' } }), c({ absent: { kind: 'Pod', selector: 'app=web' } })],
    hints: [],
    solution: ['kubectl delete deployment web'],
    showSolution: true,
  },
];

let cluster: RunningCluster;
let reader: KubeClusterReader;
let sandbox: LocalSandbox;
let ctx: CheckContext;

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  reader = await KubeClusterReader.fromKubeconfig(readFileSync(cluster.kubeconfig, 'utf8'), {
    watchKinds: watchedKinds(steps, 'workshop').get('workshop')!,
  });
  sandbox = new LocalSandbox(cluster.dataDir, { KUBECONFIG: cluster.kubeconfig, KUBECACHEDIR: `${cluster.dataDir}/kube-cache`, HOME: cluster.dataDir });
  ctx = { clusters: new Map([['workshop', reader]]), defaultCluster: 'workshop', sandbox, commands: sandbox, labDir: cluster.dataDir };
});

afterAll(async () => {
  reader?.close();
  await cluster?.destroy();
});

/** Polls the reader until `test` holds for the deployment; the time it first did. */
async function whenDeployment(test: (status: { readyReplicas?: number } | undefined) => boolean, timeoutMs = 30_000): Promise<number> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const d = await reader.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'default', name: 'web' });
    if (test(d?.status as { readyReplicas?: number } | undefined)) return performance.now();
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error('the deployment never got there');
}

describe('the ClusterReader against the embedded cluster', () => {
  it('gets, lists and knows what it does not know', async () => {
    const nodes = await reader.list({ kind: 'Node', apiVersion: 'v1' });
    expect(nodes).toHaveLength(2);
    expect(nodes[0]).toMatchObject({ kind: 'Node', apiVersion: 'v1' });
    expect(await reader.get({ kind: 'Namespace', apiVersion: 'v1', name: 'kube-system' })).toMatchObject({ metadata: { name: 'kube-system' } });
    expect(await reader.get({ kind: 'Deployment', apiVersion: 'apps/v1', namespace: 'default', name: 'nope' })).toBeUndefined();
    const r = await evaluateCheck(c({ object: { kind: 'Widget', apiVersion: 'example.com/v1', name: 'w' } }), ctx);
    expect(r.results[0]?.seen).toBe('no such Widget: the cluster has no Widget type (example.com/v1) yet');
  });
});

describe('the live engine against the embedded cluster', () => {
  it('turns each step green shortly after the cluster gets there', async () => {
    const changes: { at: number; state: StepState }[] = [];
    const engine = new LabValidator({ steps, ctx, onChange: (_, state) => changes.push({ at: performance.now(), state }) });
    engine.start();
    await engine.idle();
    expect(engine.states().map((s) => s.status)).toEqual(['current', 'pending', 'pending', 'pending']);
    const greenAt = async (id: string, timeoutMs = 30_000) => {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        const hit = changes.find((x) => x.state.id === id && x.state.status === 'passed');
        if (hit) return hit.at;
        await new Promise((r) => setTimeout(r, 10));
      }
      throw new Error(`step ${id} did not pass`);
    };
    const timings: Record<string, { command: number; ready?: number; green: number }> = {};

    // 1. create: green once both pods are ready (the watch, no prompt needed)
    let t0 = performance.now();
    expect((await sandbox.type(steps[0]!.solution[0]!)).code).toBe(0);
    const created = performance.now();
    const ready = await whenDeployment((s) => s?.readyReplicas === 2);
    const green = await greenAt('create');
    timings.create = { command: created - t0, ready: ready - created, green: green - created };
    expect(green - ready).toBeLessThan(1000);

    // 2. scale: needs a count of Ready pods and a command check (after the prompt)
    t0 = performance.now();
    await sandbox.type(steps[1]!.solution[0]!);
    const scaled = performance.now();
    engine.notifyPrompt();
    const ready4 = await whenDeployment((s) => s?.readyReplicas === 4);
    const green2 = await greenAt('scale');
    timings.scale = { command: scaled - t0, ready: ready4 - scaled, green: green2 - scaled };
    expect(green2 - ready4).toBeLessThan(1500);

    // 3. expose: an object that exists at once
    t0 = performance.now();
    await sandbox.type(steps[2]!.solution[0]!);
    const exposed = performance.now();
    const green3 = await greenAt('expose');
    timings.expose = { command: exposed - t0, green: green3 - exposed };
    expect(green3 - exposed).toBeLessThan(1000);

    // 4. clean-up: the Check button first shows what is still there
    const before = await engine.check('clean-up');
    expect(before.status).toBe('failed');
    expect(before.checks[0]?.results[0]).toMatchObject({ subject: 'deployment/web (namespace default)', seen: 'it still exists' });
    expect(before.checks[1]?.results[0]?.seen).toMatch(/^4 pods still exist: web-/);
    t0 = performance.now();
    await sandbox.type(steps[3]!.solution[0]!);
    const deleted = performance.now();
    const green4 = await greenAt('clean-up');
    timings['clean-up'] = { command: deleted - t0, green: green4 - deleted };
    expect(engine.current).toBe(4);

    engine.stop();
    expect((await sandbox.run('kubectl delete service web')).code).toBe(0); // a clean cluster for the next test
    console.log('command → step green (ms):', JSON.stringify(timings, (_, v: unknown) => (typeof v === 'number' ? Math.round(v) : v)));
  });

  it('says the cluster cannot be reached instead of throwing', async () => {
    const broken = await KubeClusterReader.fromKubeconfig(readFileSync(cluster.kubeconfig, 'utf8').replace(/server: https:\/\/127\.0\.0\.1:\d+/, 'server: https://127.0.0.1:1'));
    const r = await evaluateCheck(c({ object: { kind: 'Deployment', name: 'web' } }), { ...ctx, clusters: new Map([['workshop', broken]]) });
    expect(r.status).toBe('error');
    expect(r.results[0]?.seen).toMatch(/^Podium could not check this: cannot reach the cluster at https:\/\/127\.0\.0\.1:1: .*ECONNREFUSED/);
    broken.close();
  });
});

describe("podium check's core against the embedded cluster", () => {
  it('plays every solution and proves each step', async () => {
    const report = await playLab({ name: 'live', steps }, ctx, (command) => sandbox.type(command));
    const text = formatPlayReport(report);
    console.log(text);
    expect(report.ok).toBe(true);
    expect(report.steps.map((s) => s.status)).toEqual(['passed', 'passed', 'passed', 'passed']);
  });
});
