import { describe, expect, it } from 'vitest';
import { lookup, parsePath, type PathSegment } from './path.ts';

function segments(text: string): PathSegment[] {
  const parsed = parsePath(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.segments;
}

describe('parsePath', () => {
  it('reads dotted keys, indexes, matches, wildcards and quoted keys', () => {
    expect(segments('status.conditions[type=Available].status')).toEqual([
      { type: 'key', key: 'status' },
      { type: 'key', key: 'conditions' },
      { type: 'filter', key: 'type', value: 'Available' },
      { type: 'key', key: 'status' },
    ]);
    expect(segments('spec.ports[0].nodePort')[2]).toEqual({ type: 'index', index: 0 });
    expect(segments('spec.containers[*].image')[2]).toEqual({ type: 'any' });
    expect(segments('metadata.labels["app.kubernetes.io/name"]')[2]).toEqual({ type: 'key', key: 'app.kubernetes.io/name' });
    expect(segments("items[name='web'].x")[1]).toEqual({ type: 'filter', key: 'name', value: 'web' });
    expect(segments('items[-1]')[1]).toEqual({ type: 'index', index: -1 });
    expect(segments('[0].a')).toEqual([{ type: 'index', index: 0 }, { type: 'key', key: 'a' }]);
    expect(segments('a[0][1]')).toHaveLength(3);
  });

  it.each([
    ['', /empty path/],
    ['spec.', /ends with "\."/],
    ['spec..replicas', /empty field name at position 6/],
    ['spec.containers[0', /never closed/],
    ['spec.containers[]', /empty "\[\]"/],
    ['spec.containers[first]', /is not an index/],
    ['spec.x]', /unexpected "\]"/],
    ['a[0]b', /expected "\." or "\[" after "\]"/],
  ])('rejects %j', (text, error) => {
    const parsed = parsePath(text);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(error);
  });
});

const deployment = {
  metadata: { name: 'web', labels: { app: 'web', 'app.kubernetes.io/name': 'web' } },
  spec: {
    replicas: 3,
    template: { spec: { containers: [{ name: 'web', image: 'nginx:1.27' }, { name: 'log', image: 'busybox' }] } },
  },
  status: { conditions: [{ type: 'Progressing', status: 'True' }], readyReplicas: 0, empty: [] },
};

describe('lookup', () => {
  const find = (path: string) => lookup(deployment, segments(path));

  it('finds one value with its concrete path', () => {
    expect(find('spec.replicas')).toEqual({ hits: [{ value: 3, at: 'spec.replicas' }], wildcard: false });
    expect(find('status.readyReplicas').hits[0]?.value).toBe(0);
    expect(find('spec.template.spec.containers[-1].name').hits).toEqual([{ value: 'log', at: 'spec.template.spec.containers[1].name' }]);
    expect(find('metadata.labels["app.kubernetes.io/name"]').hits[0]?.value).toBe('web');
    expect(find('status.conditions[type=Progressing].status').hits[0]).toEqual({ value: 'True', at: 'status.conditions[type=Progressing].status' });
  });

  it('finds every item with [*]', () => {
    const r = find('spec.template.spec.containers[*].image');
    expect(r.wildcard).toBe(true);
    expect(r.hits.map((h) => [h.value, h.at])).toEqual([
      ['nginx:1.27', 'spec.template.spec.containers[0].image'],
      ['busybox', 'spec.template.spec.containers[1].image'],
    ]);
    expect(find('metadata.labels[*]').hits.map((h) => h.value)).toEqual(['web', 'web']);
  });

  it('says why nothing was found', () => {
    expect(find('spec.paused').missing).toBe('spec.paused is not set');
    expect(find('spec.strategy.type').missing).toBe('spec.strategy is not set');
    expect(find('status.conditions[type=Available].status').missing).toBe('status.conditions has no item with type=Available (it has type=Progressing)');
    expect(find('status.empty[type=Ready]').missing).toBe('status.empty has no item with type=Ready (it is empty)');
    expect(find('spec.template.spec.containers[5]').missing).toBe('spec.template.spec.containers has 2 items, no [5]');
    expect(find('status.empty[0]').missing).toBe('status.empty is empty');
    expect(find('spec.replicas[0]').missing).toBe('spec.replicas is not a list');
    expect(find('spec.replicas.x').missing).toBe('spec.replicas has no fields');
    expect(find('spec.volumes[*].name')).toMatchObject({ hits: [], wildcard: true });
  });

  it('walks a YAML file that is a list at the top', () => {
    expect(lookup([{ kind: 'Service' }, { kind: 'Deployment' }], segments('[kind=Deployment].kind')).hits[0]?.value).toBe('Deployment');
  });
});
