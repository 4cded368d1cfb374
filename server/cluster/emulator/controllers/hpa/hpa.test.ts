import { describe, expect, it } from 'vitest';
import { deploymentManifest, harness, type Harness } from '../testing.ts';
import type { Deployment, StoredObject } from '../shared/types.ts';
import { DeploymentController } from '../deployment/controller.ts';
import { ReplicaSetController } from '../replicaset/controller.ts';
import { HorizontalPodAutoscalerController } from './controller.ts';

type Hpa = StoredObject & { status?: { conditions?: { type: string; status: string; reason: string; message: string }[]; currentReplicas?: number; desiredReplicas?: number; currentMetrics?: unknown } };

function hpaManifest(min: number, max: number) {
  return {
    apiVersion: 'autoscaling/v2',
    kind: 'HorizontalPodAutoscaler',
    metadata: { name: 'web', namespace: 'default' },
    spec: {
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: min,
      maxReplicas: max,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }],
    },
  };
}

const hpa = (h: Harness) => h.get<Hpa>('hpaV2', 'default', 'web')!;
const NO_METRICS = 'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

describe('HorizontalPodAutoscaler controller', () => {
  it('reports missing metrics as a cluster without metrics-server does, every 15 seconds', () => {
    const h = harness({ controllers: [new DeploymentController(), new ReplicaSetController(), new HorizontalPodAutoscalerController()] });
    h.create('deployments', deploymentManifest('web', 2));
    h.create('hpaV2', hpaManifest(1, 5));
    const s = hpa(h).status!;
    expect(s.currentReplicas).toBe(2);
    expect(s.desiredReplicas).toBe(0);
    expect(s.currentMetrics).toEqual([{ type: '' }]);
    expect(s.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale"],
      ['ScalingActive', 'False', 'FailedGetResourceMetric', `the HPA was unable to compute the replica count: failed to get cpu utilization: ${NO_METRICS}`],
    ]);
    expect(h.events('default', 'web').filter((e) => !e.startsWith('ScalingReplicaSet'))).toEqual([
      `FailedGetResourceMetric: failed to get cpu utilization: ${NO_METRICS}`,
      `FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: ${NO_METRICS}`,
    ]);
    h.advance(30_000);
    const counts = h.eventObjects('default', 'web').filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler').map((e) => e.count);
    expect(counts).toEqual([3, 3]);
  });

  it('brings replicas into minReplicas..maxReplicas', () => {
    const h = harness({ controllers: [new DeploymentController(), new ReplicaSetController(), new HorizontalPodAutoscalerController()] });
    h.create('deployments', deploymentManifest('web', 1));
    h.create('hpaV2', hpaManifest(3, 5));
    expect(h.get<Deployment>('deployments', 'default', 'web')!.spec?.replicas).toBe(3);
    expect(h.events('default', 'web')).toContain('SuccessfulRescale: New size: 3; reason: Current number of replicas below Spec.MinReplicas');
    expect(hpa(h).status).toMatchObject({ currentReplicas: 1, desiredReplicas: 3, lastScaleTime: '2026-03-02T09:00:00Z' });
    expect(hpa(h).status!.conditions![0]).toMatchObject({ type: 'AbleToScale', reason: 'SucceededRescale', message: 'the HPA controller was able to update the target scale to 3' });
  });

  it('reports a missing target', () => {
    const h = harness({ controllers: [new HorizontalPodAutoscalerController()] });
    h.create('hpaV2', hpaManifest(1, 5));
    expect(hpa(h).status!.conditions![0]).toMatchObject({
      type: 'AbleToScale',
      status: 'False',
      reason: 'FailedGetScale',
      message: `the HPA controller was unable to get the target's current scale: deployments.apps "web" not found`,
    });
  });
});
