import { describe, expect, it } from 'vitest';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { Registry } from '../registry/registry.ts';
import { NOW, testCluster } from '../strategies/testing.ts';
import { createConverter } from './index.ts';

const registry = new Registry();
const def = (g: string, v: string, r: string) => registry.lookup(g, v, r)!;
const converter = createConverter();
const stored = (o: object) => ({ ...o, metadata: { name: 'x', namespace: 'default', uid: 'u1', resourceVersion: '7', creationTimestamp: NOW } }) as unknown as StoredObject;

describe('Events: core/v1 (storage) ↔ events.k8s.io/v1', () => {
  const core = stored({
    apiVersion: 'v1',
    kind: 'Event',
    involvedObject: { kind: 'Pod', namespace: 'default', name: 'web', uid: 'p1', apiVersion: 'v1', resourceVersion: '5', fieldPath: 'spec.containers{web}' },
    reason: 'Pulled',
    message: 'Successfully pulled image "nginx"',
    source: { component: 'kubelet', host: 'ip-10-0-1-23.ec2.internal' },
    firstTimestamp: '2026-05-01T10:00:00Z',
    lastTimestamp: '2026-05-01T10:00:05Z',
    count: 2,
    type: 'Normal',
    eventTime: null,
    reportingComponent: 'kubelet',
    reportingInstance: 'ip-10-0-1-23.ec2.internal',
  });

  it('maps fields as upstream does', () => {
    const ev = converter.fromStorage(def('events.k8s.io', 'v1', 'events'), core);
    expect(ev).toEqual({
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: core.metadata,
      eventTime: null,
      reason: 'Pulled',
      type: 'Normal',
      reportingController: 'kubelet',
      reportingInstance: 'ip-10-0-1-23.ec2.internal',
      regarding: core.involvedObject,
      note: 'Successfully pulled image "nginx"',
      deprecatedSource: { component: 'kubelet', host: 'ip-10-0-1-23.ec2.internal' },
      deprecatedFirstTimestamp: '2026-05-01T10:00:00Z',
      deprecatedLastTimestamp: '2026-05-01T10:00:05Z',
      deprecatedCount: 2,
    });
  });

  it('round-trips', () => {
    const ev = converter.fromStorage(def('events.k8s.io', 'v1', 'events'), core);
    expect(converter.toStorage(def('events.k8s.io', 'v1', 'events'), ev)).toEqual(core);
  });

  it('stores an events.k8s.io Event written with series and a microsecond eventTime', () => {
    const c = testCluster();
    const body = {
      apiVersion: 'events.k8s.io/v1',
      kind: 'Event',
      metadata: { name: 'web.1' },
      eventTime: '2026-05-01T10:00:00.123456Z',
      series: { count: 3, lastObservedTime: '2026-05-01T10:01:00.000000Z' },
      reportingController: 'example.com/ctl',
      reportingInstance: 'ctl-1',
      action: 'Scaling',
      reason: 'ScaledUp',
      regarding: { kind: 'Deployment', name: 'web', namespace: 'default' },
      note: 'scaled up',
      type: 'Normal',
    };
    c.create('events.k8s.io', 'v1', 'events', body);
    const asCore = c.api.get(c.def('', 'v1', 'events'), 'default', 'web.1') as unknown as Record<string, unknown>;
    expect(asCore).toMatchObject({
      apiVersion: 'v1',
      involvedObject: { kind: 'Deployment', name: 'web', namespace: 'default' },
      message: 'scaled up',
      reportingComponent: 'example.com/ctl',
      reportingInstance: 'ctl-1',
      series: { count: 3, lastObservedTime: '2026-05-01T10:01:00.000000Z' },
      eventTime: '2026-05-01T10:00:00.123456Z',
      source: {},
      firstTimestamp: null,
      lastTimestamp: null,
    });
  });
});

describe('HorizontalPodAutoscalers: autoscaling/v2 (storage) ↔ autoscaling/v1', () => {
  it('turns a v1 CPU target into a Resource metric and back, as kubectl autoscale writes it', () => {
    const c = testCluster();
    c.create('autoscaling', 'v1', 'horizontalpodautoscalers', {
      apiVersion: 'autoscaling/v1',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name: 'web' },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 5, targetCPUUtilizationPercentage: 70 },
    });
    const v2 = c.api.get(c.def('autoscaling', 'v2', 'horizontalpodautoscalers'), 'default', 'web');
    expect(v2.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 1,
      maxReplicas: 5,
      metrics: [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } }],
    });
    const v1 = c.api.get(c.def('autoscaling', 'v1', 'horizontalpodautoscalers'), 'default', 'web');
    expect(v1.spec).toEqual({ scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, minReplicas: 1, maxReplicas: 5, targetCPUUtilizationPercentage: 70 });
    expect(v1.status).toEqual({ currentReplicas: 0, desiredReplicas: 0 });
    expect(v1.metadata.annotations).toBeUndefined();
  });

  it('keeps other metrics in the autoscaling.alpha.kubernetes.io annotations and restores them', () => {
    const v2def = def('autoscaling', 'v2', 'horizontalpodautoscalers');
    const v1def = def('autoscaling', 'v1', 'horizontalpodautoscalers');
    const original = stored({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      spec: {
        scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
        minReplicas: 2,
        maxReplicas: 10,
        metrics: [
          { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 60 } } },
          { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } },
        ],
      },
      status: {
        currentReplicas: 2,
        desiredReplicas: 2,
        currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: 30, averageValue: '100m' } } }],
      },
    });
    const v1 = converter.fromStorage(v1def, original);
    expect(v1.spec).toMatchObject({ targetCPUUtilizationPercentage: 60, minReplicas: 2, maxReplicas: 10 });
    expect(v1.status).toMatchObject({ currentCPUUtilizationPercentage: 30, currentReplicas: 2, desiredReplicas: 2 });
    const annotations = v1.metadata.annotations ?? {};
    expect(JSON.parse(annotations['autoscaling.alpha.kubernetes.io/metrics']!)).toEqual([
      { type: 'Resource', resource: { name: 'memory', targetAverageValue: '500Mi' } },
    ]);
    expect(annotations['autoscaling.alpha.kubernetes.io/current-metrics']).toBeDefined();
    const back = converter.toStorage(v1def, v1 as KubeObject);
    expect((back.spec as { metrics: unknown[] }).metrics).toEqual(expect.arrayContaining((original.spec as { metrics: unknown[] }).metrics));
    expect(back.metadata.annotations).toBeUndefined();
    expect(converter.fromStorage(v2def, original)).toEqual(original);
  });
});

describe('custom resources', () => {
  it('are served with the apiVersion of the version asked for', () => {
    const served = { ...def('apps', 'v1', 'deployments'), group: 'example.com', version: 'v1beta1', custom: { crdName: 'widgets.example.com' } };
    const obj = stored({ apiVersion: 'example.com/v1', kind: 'Widget' });
    expect(converter.fromStorage(served, obj).apiVersion).toBe('example.com/v1beta1');
    expect(obj.apiVersion).toBe('example.com/v1');
  });
});
