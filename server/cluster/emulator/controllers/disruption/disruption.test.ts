import { describe, expect, it } from 'vitest';
import { thrown } from '../../meta/testing.ts';
import { ReplicaSetController } from '../replicaset/controller.ts';
import { harness, type Harness } from '../testing.ts';
import type { Pdb } from './budget.ts';
import { DisruptionController } from './controller.ts';
import { evictPod } from './eviction.ts';

const rs = (replicas: number) => ({
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  metadata: { name: 'dns', namespace: 'default' },
  spec: { replicas, selector: { matchLabels: { app: 'dns' } }, template: { metadata: { labels: { app: 'dns' } }, spec: { containers: [{ name: 'c', image: 'coredns' }] } } },
});
const pdb = (spec: Record<string, unknown>) => ({
  apiVersion: 'policy/v1',
  kind: 'PodDisruptionBudget',
  metadata: { name: 'dns', namespace: 'default' },
  spec: { selector: { matchLabels: { app: 'dns' } }, ...spec },
});

function setup(budget: Record<string, unknown>, replicas = 2): Harness {
  const h = harness({ controllers: [new ReplicaSetController(), new DisruptionController()], reapTerminatingPods: false });
  h.create('replicasets', rs(replicas));
  h.markAllPodsReady();
  h.create('poddisruptionbudgets', pdb(budget));
  h.settle();
  return h;
}
const status = (h: Harness) => h.get<Pdb>('poddisruptionbudgets', 'default', 'dns')!.status!;
const evict = (h: Harness, name: string) => evictPod({ api: h.api, store: h.store, registry: h.cluster.registry, clock: h.clock }, 'default', name);

describe('disruption controller', () => {
  it('counts expected, desired and healthy pods for maxUnavailable from the controller scale', () => {
    const h = setup({ maxUnavailable: 1 });
    expect(status(h)).toMatchObject({ expectedPods: 2, desiredHealthy: 1, currentHealthy: 2, disruptionsAllowed: 1, observedGeneration: 1 });
    expect(status(h).conditions).toEqual([
      { type: 'DisruptionAllowed', status: 'True', reason: 'SufficientPods', message: '', observedGeneration: 1, lastTransitionTime: expect.any(String) },
    ]);
  });

  it('takes minAvailable as a pod count, or a share of the scale rounded up', () => {
    expect(status(setup({ minAvailable: 2 }))).toMatchObject({ expectedPods: 2, desiredHealthy: 2, disruptionsAllowed: 0 });
    expect(status(setup({ minAvailable: '50%' }, 3))).toMatchObject({ expectedPods: 3, desiredHealthy: 2, currentHealthy: 3, disruptionsAllowed: 1 });
  });
});

describe('eviction', () => {
  it('uses up an allowed disruption, then refuses with 429 until pods are healthy again', () => {
    const h = setup({ maxUnavailable: 1 });
    const [first, second] = h.pods().map((p) => p.metadata.name);
    evict(h, first!);
    expect(h.get('pods', 'default', first!)?.metadata.deletionTimestamp).toBeDefined();
    expect(Object.keys(status(h).disruptedPods ?? {})).toEqual([first]);
    h.settle();
    // The pod is going: it no longer counts as disrupted, nor as healthy.
    expect(status(h).disruptedPods).toBeUndefined();
    expect(status(h)).toMatchObject({ currentHealthy: 1, disruptionsAllowed: 0 });
    const err = thrown(() => evict(h, second!));
    expect([err.code, err.reason, err.message]).toEqual([429, 'TooManyRequests', "Cannot evict pod as it would violate the pod's disruption budget."]);
    expect(err.details?.causes).toEqual([{ reason: 'DisruptionBudget', message: 'The disruption budget dns needs 1 healthy pods and has 1 currently' }]);
    expect(h.get('pods', 'default', second!)?.metadata.deletionTimestamp).toBeUndefined();
  });

  it('deletes pods that are not running at once, whatever their budget says', () => {
    const h = setup({ minAvailable: 2 });
    h.create('poddisruptionbudgets', { ...pdb({ minAvailable: 5 }), metadata: { name: 'solo', namespace: 'default' }, spec: { minAvailable: 5, selector: { matchLabels: { app: 'solo' } } } });
    h.create('pods', { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', labels: { app: 'solo' } }, spec: { containers: [{ name: 'c', image: 'x' }] } });
    h.settle();
    evict(h, 'p');
    expect(h.get('pods', 'default', 'p')).toBeUndefined();
    expect(thrown(() => evict(h, 'nope')).code).toBe(404);
  });
});
