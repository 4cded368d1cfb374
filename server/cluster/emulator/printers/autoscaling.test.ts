import { describe, expect, it } from 'vitest';
import { horizontalPodAutoscalerPrinter as hpaPrinter } from './autoscaling.ts';
import { ctx, obj } from './test-fixtures.ts';

const ref = { apiVersion: 'apps/v1', kind: 'Deployment', name: 'php-apache' };
const v2 = (metrics: unknown, currentMetrics: unknown = null, extra: Record<string, unknown> = {}) =>
  obj('autoscaling/v2', 'HorizontalPodAutoscaler', { name: 'php-apache', namespace: 'default' }, {
    spec: { scaleTargetRef: ref, minReplicas: 1, maxReplicas: 10, ...(metrics === undefined ? {} : { metrics }), ...extra },
    status: { currentReplicas: 1, desiredReplicas: 1, currentMetrics },
  }, '18s');
const cpu = (avg: number) => ({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: avg } } });
const cpuNow = (avg: number) => ({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: avg, averageValue: '1m' } } });
const targets = (hpa: ReturnType<typeof v2>) => hpaPrinter.cells(hpa, ctx)[2];

// printers.go printHorizontalPodAutoscaler, formatHPAMetrics.
describe('horizontal pod autoscaler', () => {
  it('prints the walkthrough HPA before and after metrics arrive', () => {
    expect(hpaPrinter.cells(v2([cpu(50)]), ctx)).toEqual(['php-apache', 'Deployment/php-apache', 'cpu: <unknown>/50%', '1', 10, 1, '18s']);
    expect(targets(v2([cpu(50)], [cpuNow(0)]))).toBe('cpu: 0%/50%');
    expect(targets(v2([cpu(50)], [cpuNow(250)]))).toBe('cpu: 250%/50%');
    expect(hpaPrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:string',
      'Reference:string',
      'Targets:string',
      'MinPods:string',
      'MaxPods:string',
      'Replicas:string',
      'Age:string',
    ]);
  });

  it('prints average values, pods, object and external metrics, two at most', () => {
    const memory = { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '500Mi' } } };
    const pods = { type: 'Pods', pods: { metric: { name: 'packets-per-second' }, target: { type: 'AverageValue', averageValue: '1k' } } };
    const object = {
      type: 'Object',
      object: { metric: { name: 'requests-per-second' }, describedObject: { apiVersion: 'networking.k8s.io/v1', kind: 'Ingress', name: 'main-route' }, target: { type: 'Value', value: '10k' } },
    };
    const external = { type: 'External', external: { metric: { name: 'queue_messages_ready' }, target: { type: 'AverageValue', averageValue: '30' } } };
    expect(targets(v2([memory], [{ type: 'Resource', resource: { name: 'memory', current: { averageValue: '314572800' } } }]))).toBe('memory: 314572800/500Mi');
    expect(targets(v2([memory, pods]))).toBe('memory: <unknown>/500Mi, <unknown>/1k');
    expect(targets(v2([cpu(80), memory, pods]))).toBe('cpu: <unknown>/80%, memory: <unknown>/500Mi + 1 more...');
    expect(targets(v2([object], [{ type: 'Object', object: { metric: { name: 'requests-per-second' }, current: { value: '2500' } } }]))).toBe('2500/10k');
    expect(targets(v2([external]))).toBe('<unknown>/30 (avg)');
    expect(targets(v2([pods], [{ type: 'Pods', pods: { metric: { name: 'packets-per-second' }, current: { averageValue: '1500m' } } }]))).toBe('1500m/1k');
    expect(targets(v2([{ type: 'Weird' }]))).toBe('<unknown type>');
  });

  it('applies the API server defaults: 80% CPU and one minimum replica', () => {
    const bare = obj('autoscaling/v2', 'HorizontalPodAutoscaler', { name: 'web' }, { spec: { scaleTargetRef: { kind: 'Deployment', name: 'web' }, maxReplicas: 5 }, status: {} });
    expect(hpaPrinter.cells(bare, ctx).slice(1, 6)).toEqual(['Deployment/web', 'cpu: <unknown>/80%', '1', 5, 0]);
  });

  it('converts autoscaling/v1 objects first', () => {
    const v1 = (spec: Record<string, unknown>, status: Record<string, unknown>) =>
      obj('autoscaling/v1', 'HorizontalPodAutoscaler', { name: 'php-apache' }, { spec: { scaleTargetRef: ref, minReplicas: 2, maxReplicas: 10, ...spec }, status: { currentReplicas: 2, ...status } });
    expect(hpaPrinter.cells(v1({ targetCPUUtilizationPercentage: 50 }, { currentCPUUtilizationPercentage: 35 }), ctx).slice(2, 6)).toEqual(['cpu: 35%/50%', '2', 10, 2]);
    expect(targets(v1({}, {}))).toBe('cpu: <unknown>/80%');
  });
});
