import { describe, expect, it } from 'vitest';
import { deploymentManifest, harness, type Harness } from '../testing.ts';
import type { Deployment, Pod, ReplicaSet } from '../shared/types.ts';
import { ReplicaSetController } from '../replicaset/controller.ts';
import { DeploymentController } from './controller.ts';

function setup(): Harness {
  return harness({ controllers: [new DeploymentController(), new ReplicaSetController()] });
}

const deploy = (h: Harness, name = 'web') => h.get<Deployment>('deployments', 'default', name)!;
const sets = (h: Harness) => h.list<ReplicaSet>('replicasets', 'default');
const rsByImage = (h: Harness, image: string) => sets(h).find((rs) => rs.spec?.template?.spec?.containers?.[0]?.image === image);
const size = (rs: ReplicaSet | undefined) => rs?.spec?.replicas ?? 0;
const scaling = (h: Harness) => h.events('default', 'web').filter((e) => e.startsWith('ScalingReplicaSet'));

/** What `kubectl rollout status` prints for the Deployment's current state (kubectl's DeploymentStatusViewer). */
function rolloutStatus(d: Deployment): string {
  const s = d.status ?? {};
  if ((d.metadata.generation ?? 0) > (s.observedGeneration ?? 0)) return 'Waiting for deployment spec update to be observed...';
  const progressing = s.conditions?.find((c) => c.type === 'Progressing');
  if (progressing?.reason === 'ProgressDeadlineExceeded') return `error: deployment "${d.metadata.name}" exceeded its progress deadline`;
  const want = d.spec?.replicas ?? 1;
  const updated = s.updatedReplicas ?? 0;
  if (updated < want) return `Waiting for deployment "${d.metadata.name}" rollout to finish: ${updated} out of ${want} new replicas have been updated...`;
  if ((s.replicas ?? 0) > updated) return `Waiting for deployment "${d.metadata.name}" rollout to finish: ${(s.replicas ?? 0) - updated} old replicas are pending termination...`;
  if ((s.availableReplicas ?? 0) < updated) return `Waiting for deployment "${d.metadata.name}" rollout to finish: ${s.availableReplicas ?? 0} of ${updated} updated replicas are available...`;
  return `deployment "${d.metadata.name}" successfully rolled out`;
}

function setImage(h: Harness, image: string, name = 'web'): Deployment {
  return h.update<Deployment>('deployments', deploy(h, name), (d) => {
    d.spec!.template!.spec!.containers![0]!.image = image;
  });
}

describe('Deployment controller', () => {
  it('creates a ReplicaSet named by the pod-template-hash and reports a completed rollout', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 3));
    const [rs] = sets(h) as [ReplicaSet];
    const hash = rs.metadata.labels!['pod-template-hash']!;
    expect(hash).toMatch(/^[bcdfghjklmnpqrstvwxz2456789]{6,10}$/);
    expect(rs.metadata.name).toBe(`web-${hash}`);
    expect(rs.metadata.annotations).toEqual({
      'deployment.kubernetes.io/desired-replicas': '3',
      'deployment.kubernetes.io/max-replicas': '4',
      'deployment.kubernetes.io/revision': '1',
    });
    expect(rs.spec?.selector).toEqual({ matchLabels: { app: 'web', 'pod-template-hash': hash } });
    expect(rs.spec?.template?.metadata?.labels).toEqual({ app: 'web', 'pod-template-hash': hash });
    expect(rs.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'Deployment', name: 'web', controller: true, blockOwnerDeletion: true });
    expect(scaling(h)).toEqual([`ScalingReplicaSet: Scaled up replica set web-${hash} from 0 to 3`]);
    expect(h.pods().every((p) => p.metadata.name.startsWith(`web-${hash}-`))).toBe(true);
    expect(rolloutStatus(deploy(h))).toBe('Waiting for deployment "web" rollout to finish: 0 of 3 updated replicas are available...');

    h.markAllPodsReady();
    const d = deploy(h);
    expect(rolloutStatus(d)).toBe('deployment "web" successfully rolled out');
    expect(d.metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('1');
    expect(d.status).toEqual({
      observedGeneration: 1,
      replicas: 3,
      updatedReplicas: 3,
      readyReplicas: 3,
      availableReplicas: 3,
      conditions: [
        {
          type: 'Available',
          status: 'True',
          lastUpdateTime: '2026-03-02T09:00:00Z',
          lastTransitionTime: '2026-03-02T09:00:00Z',
          reason: 'MinimumReplicasAvailable',
          message: 'Deployment has minimum availability.',
        },
        {
          type: 'Progressing',
          status: 'True',
          lastUpdateTime: '2026-03-02T09:00:00Z',
          lastTransitionTime: '2026-03-02T09:00:00Z',
          reason: 'NewReplicaSetAvailable',
          message: `ReplicaSet "web-${hash}" has successfully progressed.`,
        },
      ],
    });
  });

  it('rolls with maxSurge=1, maxUnavailable=0 one pod at a time', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 3, 'nginx:1.27', { strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: 1, maxUnavailable: 0 } } }));
    h.markAllPodsReady();
    const old = rsByImage(h, 'nginx:1.27')!;
    setImage(h, 'nginx:1.28');
    const fresh = () => rsByImage(h, 'nginx:1.28')!;
    const counts = () => [size(fresh()), size(rsByImage(h, 'nginx:1.27'))];
    expect(counts()).toEqual([1, 3]);
    expect(rolloutStatus(deploy(h))).toBe('Waiting for deployment "web" rollout to finish: 1 out of 3 new replicas have been updated...');
    const readyNew = () => h.markAllPodsReady('default', (p) => p.metadata.labels?.['pod-template-hash'] === fresh().metadata.labels!['pod-template-hash']);
    readyNew();
    expect(counts()).toEqual([2, 2]);
    readyNew();
    expect(counts()).toEqual([3, 1]);
    expect(rolloutStatus(deploy(h))).toBe('Waiting for deployment "web" rollout to finish: 1 old replicas are pending termination...');
    readyNew();
    expect(counts()).toEqual([3, 0]);
    expect(rolloutStatus(deploy(h))).toBe('deployment "web" successfully rolled out');
    const n = fresh().metadata.name;
    const o = old.metadata.name;
    expect(scaling(h)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${o} from 0 to 3`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 0 to 1`,
      `ScalingReplicaSet: Scaled down replica set ${o} from 3 to 2`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 1 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${o} from 2 to 1`,
      `ScalingReplicaSet: Scaled up replica set ${n} from 2 to 3`,
      `ScalingReplicaSet: Scaled down replica set ${o} from 1 to 0`,
    ]);
    expect(fresh().metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
    expect(deploy(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('2');
  });

  it('rolls with the default 25%/25% (4 replicas: surge 1, unavailable 1)', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 4));
    h.markAllPodsReady();
    setImage(h, 'nginx:1.28');
    const counts = () => [size(rsByImage(h, 'nginx:1.28')), size(rsByImage(h, 'nginx:1.27'))];
    // One surge pod, and one old pod may go: 5 total at most, 3 available at least.
    expect(counts()).toEqual([2, 3]);
    const hash = () => rsByImage(h, 'nginx:1.28')!.metadata.labels!['pod-template-hash'];
    h.markAllPodsReady('default', (p) => p.metadata.labels?.['pod-template-hash'] === hash());
    expect(counts()).toEqual([4, 1]);
    h.markAllPodsReady('default', (p) => p.metadata.labels?.['pod-template-hash'] === hash());
    expect(counts()).toEqual([4, 0]);
    expect(rolloutStatus(deploy(h))).toBe('deployment "web" successfully rolled out');
  });

  it('keeps the rollout within maxUnavailable when new pods never become ready, then times out', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 2, 'nginx:1.27', { progressDeadlineSeconds: 60 }));
    h.markAllPodsReady();
    setImage(h, 'nginx:broken');
    h.advance(60_000);
    expect(deploy(h).status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('ReplicaSetUpdated');
    h.advance(2_000);
    const newRS = rsByImage(h, 'nginx:broken')!;
    const progressing = deploy(h).status?.conditions?.find((c) => c.type === 'Progressing');
    expect(progressing).toMatchObject({ status: 'False', reason: 'ProgressDeadlineExceeded', message: `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` });
    expect(rolloutStatus(deploy(h))).toBe('error: deployment "web" exceeded its progress deadline');
    // Availability never dropped below replicas - maxUnavailable (2 - 0).
    expect(size(rsByImage(h, 'nginx:1.27'))).toBe(2);
  });

  it('reuses the old ReplicaSet on rollout undo and numbers revisions as upstream', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 2));
    h.markAllPodsReady();
    const first = rsByImage(h, 'nginx:1.27')!;
    setImage(h, 'nginx:1.28');
    h.markAllPodsReady();
    h.markAllPodsReady();
    expect(rolloutStatus(deploy(h))).toBe('deployment "web" successfully rolled out');
    // kubectl rollout undo: a JSON patch replacing /spec/template with revision 1's template, hash label removed.
    const template = structuredClone(first.spec!.template!);
    delete template.metadata!.labels!['pod-template-hash'];
    h.api.patch(h.client('deployments').def, 'default', 'web', { type: 'application/json-patch+json', patch: [{ op: 'replace', path: '/spec/template', value: template }] });
    h.settle();
    expect(sets(h)).toHaveLength(2);
    const reused = h.get<ReplicaSet>('replicasets', 'default', first.metadata.name)!;
    expect(reused.metadata.uid).toBe(first.metadata.uid);
    expect(reused.metadata.annotations).toMatchObject({ 'deployment.kubernetes.io/revision': '3', 'deployment.kubernetes.io/revision-history': '1' });
    expect(size(reused)).toBeGreaterThan(0);
    h.markAllPodsReady();
    h.markAllPodsReady();
    expect(rolloutStatus(deploy(h))).toBe('deployment "web" successfully rolled out');
    // `kubectl rollout history` lists the ReplicaSets' revisions: 2 and 3.
    expect(sets(h).map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort()).toEqual(['2', '3']);
    expect(deploy(h).metadata.annotations?.['deployment.kubernetes.io/revision']).toBe('3');
  });

  it('Recreate scales the old ReplicaSet to zero and waits for its pods before creating the new one', () => {
    const h = harness({ controllers: [new DeploymentController(), new ReplicaSetController()], reapTerminatingPods: false });
    h.create('deployments', deploymentManifest('web', 2, 'nginx:1.27', { strategy: { type: 'Recreate' } }));
    h.markAllPodsReady();
    const old = rsByImage(h, 'nginx:1.27')!;
    setImage(h, 'nginx:1.28');
    expect(size(rsByImage(h, 'nginx:1.27'))).toBe(0);
    expect(rsByImage(h, 'nginx:1.28')).toBeUndefined();
    // The old pods are terminating (graceful deletion); the kubelet removes them.
    for (const p of h.pods()) h.api.delete(h.client('pods').def, 'default', p.metadata.name, { gracePeriodSeconds: 0 });
    h.settle();
    const fresh = rsByImage(h, 'nginx:1.28')!;
    expect(size(fresh)).toBe(2);
    expect(scaling(h)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${old.metadata.name} from 0 to 2`,
      `ScalingReplicaSet: Scaled down replica set ${old.metadata.name} from 2 to 0`,
      `ScalingReplicaSet: Scaled up replica set ${fresh.metadata.name} from 0 to 2`,
    ]);
  });

  it('does not roll while paused, reports it, and rolls after resume', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 2));
    h.markAllPodsReady();
    h.update<Deployment>('deployments', deploy(h), (d) => (d.spec!.paused = true));
    setImage(h, 'nginx:1.28');
    expect(sets(h)).toHaveLength(1);
    expect(deploy(h).status?.conditions?.find((c) => c.type === 'Progressing')).toMatchObject({ status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    expect(deploy(h).status?.observedGeneration).toBe(3);
    // Scaling still applies while paused.
    h.update<Deployment>('deployments', deploy(h), (d) => (d.spec!.replicas = 3));
    expect(size(rsByImage(h, 'nginx:1.27'))).toBe(3);
    h.update<Deployment>('deployments', deploy(h), (d) => (d.spec!.paused = false));
    expect(size(rsByImage(h, 'nginx:1.28'))).toBeGreaterThan(0);
    expect(deploy(h).status?.conditions?.find((c) => c.type === 'Progressing')?.reason).toBe('ReplicaSetUpdated');
  });

  it('scales the active ReplicaSet and reports it with from/to', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 3));
    const rs = sets(h)[0]!;
    h.update<Deployment>('deployments', deploy(h), (d) => (d.spec!.replicas = 5));
    h.update<Deployment>('deployments', deploy(h), (d) => (d.spec!.replicas = 1));
    expect(scaling(h).slice(1)).toEqual([
      `ScalingReplicaSet: Scaled up replica set ${rs.metadata.name} from 3 to 5`,
      `ScalingReplicaSet: Scaled down replica set ${rs.metadata.name} from 5 to 1`,
    ]);
    expect(h.get<ReplicaSet>('replicasets', 'default', rs.metadata.name)!.metadata.annotations).toMatchObject({
      'deployment.kubernetes.io/desired-replicas': '1',
      'deployment.kubernetes.io/max-replicas': '2',
    });
    expect(h.pods()).toHaveLength(1);
  });

  it('rolls on `kubectl rollout restart` and trims history to revisionHistoryLimit', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 1, 'nginx:1.27', { revisionHistoryLimit: 1 }));
    h.markAllPodsReady();
    for (const at of ['2026-03-02T09:01:00Z', '2026-03-02T09:02:00Z', '2026-03-02T09:03:00Z']) {
      h.update<Deployment>('deployments', deploy(h), (d) => {
        d.spec!.template!.metadata!.annotations = { 'kubectl.kubernetes.io/restartedAt': at };
      });
      h.markAllPodsReady();
      h.markAllPodsReady();
    }
    const revisions = sets(h).map((rs) => rs.metadata.annotations!['deployment.kubernetes.io/revision']).sort();
    expect(revisions).toEqual(['3', '4']);
    expect(rolloutStatus(deploy(h))).toBe('deployment "web" successfully rolled out');
  });

  it('copies Deployment annotations such as change-cause to the new ReplicaSet', () => {
    const h = setup();
    const m = deploymentManifest('web', 1);
    m.metadata.annotations = { 'kubernetes.io/change-cause': 'kubectl set image', 'kubectl.kubernetes.io/last-applied-configuration': '{}' };
    h.create('deployments', m);
    expect(sets(h)[0]!.metadata.annotations).toMatchObject({ 'kubernetes.io/change-cause': 'kubectl set image' });
    expect(sets(h)[0]!.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBeUndefined();
  });

  it('leaves pods of the new template untouched when old pods are deleted by hand', () => {
    const h = setup();
    h.create('deployments', deploymentManifest('web', 2));
    h.markAllPodsReady();
    const victim = h.pods()[0] as Pod;
    h.api.delete(h.client('pods').def, 'default', victim.metadata.name);
    h.settle();
    expect(h.pods()).toHaveLength(2);
    expect(h.pods().some((p) => p.metadata.name === victim.metadata.name)).toBe(false);
  });
});
