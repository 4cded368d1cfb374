import { describe, expect, it } from 'vitest';
import { thrown } from '../meta/testing.ts';
import { harness, type Harness } from '../controllers/testing.ts';
import { ResourceQuotaController } from './controller.ts';
import { missingCompute } from './usage.ts';

const quota = (hard: Record<string, string>) => ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name: 'q', namespace: 'default' }, spec: { hard } });
const pod = (name: string, resources: Record<string, unknown> = {}) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'app', image: 'nginx', resources }] },
});
const status = (h: Harness) => (h.get('resourcequotas', 'default', 'q') as { status?: Record<string, unknown> }).status!;

function setup(hard: Record<string, string>): Harness {
  const h = harness({ controllers: [new ResourceQuotaController()] });
  h.create('resourcequotas', quota(hard));
  h.settle();
  return h;
}

describe('resource quota controller', () => {
  it('reports hard limits and what the namespace uses, in canonical quantities', () => {
    const h = setup({ pods: '3', 'requests.memory': '1Gi', 'count/configmaps': '5' });
    h.create('pods', pod('a', { requests: { memory: '128Mi' } }));
    h.create('pods', pod('b', { requests: { memory: '0.5Gi' } }));
    h.settle();
    expect(status(h)).toEqual({ hard: { 'count/configmaps': '5', pods: '3', 'requests.memory': '1Gi' }, used: { 'count/configmaps': '0', pods: '2', 'requests.memory': '640Mi' } });
  });
});

describe('quota admission', () => {
  it('refuses a create past the limit, in upstream words', () => {
    const h = setup({ pods: '1' });
    h.create('pods', pod('a'));
    const err = thrown(() => h.create('pods', pod('b')));
    expect([err.code, err.message]).toEqual([403, 'pods "b" is forbidden: exceeded quota: q, requested: pods=1, used: pods=1, limited: pods=1']);
  });

  it('charges an admitted create at once, before the controller recounts', () => {
    const h = setup({ 'count/configmaps': '1' });
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'one', namespace: 'default' } });
    expect(status(h).used).toEqual({ 'count/configmaps': '1' });
  });

  it('makes every container declare the compute resources the quota tracks', () => {
    const h = setup({ 'limits.cpu': '2', 'requests.memory': '1Gi' });
    const err = thrown(() => h.create('pods', pod('bare')));
    expect(err.message).toBe('pods "bare" is forbidden: failed quota: q: must specify limits.cpu for: app; requests.memory for: app');
    h.create('pods', pod('ok', { limits: { cpu: '500m' }, requests: { memory: '64Mi' } }));
  });

  it('names the missing resources per container', () => {
    const p = { ...pod('two'), spec: { containers: [{ name: 'b', resources: { requests: { cpu: '1' } } }, { name: 'a', resources: {} }] } };
    expect(missingCompute(p as never, ['cpu', 'limits.memory'])).toBe('must specify cpu for: a; limits.memory for: a,b');
  });
});
