import { describe, expect, it } from 'vitest';
import { testCluster } from '../strategies/testing.ts';

const limits = (item: Record<string, unknown>) => ({
  apiVersion: 'v1',
  kind: 'LimitRange',
  metadata: { name: 'defaults', namespace: 'default' },
  spec: { limits: [{ type: 'Container', ...item }] },
});
const pod = (name: string, resources: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx', resources }] },
});
type PodView = { spec: { containers: { resources: unknown }[] }; metadata: { annotations?: Record<string, string> } };

describe('LimitRanger', () => {
  it('fills in default requests and limits and says so in an annotation', () => {
    const c = testCluster();
    c.create('', 'v1', 'limitranges', limits({ default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }));
    const p = c.create('', 'v1', 'pods', pod('web', { requests: { memory: '64Mi' } })) as unknown as PodView;
    expect(p.spec.containers[0]!.resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '64Mi' } });
    expect(p.metadata.annotations).toEqual({ 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu request for container app; cpu, memory limit for container app' });
  });

  it('refuses containers outside min and max', () => {
    const c = testCluster();
    c.create('', 'v1', 'limitranges', limits({ min: { cpu: '100m' }, max: { cpu: '1' } }));
    const err = c.fails(() => c.create('', 'v1', 'pods', pod('big', { requests: { cpu: '50m' }, limits: { cpu: '2' } })));
    expect([err.code, err.message]).toEqual([
      403,
      'pods "big" is forbidden: [minimum cpu usage per Container is 100m, but request is 50m, maximum cpu usage per Container is 1, but limit is 2]',
    ]);
  });
});
