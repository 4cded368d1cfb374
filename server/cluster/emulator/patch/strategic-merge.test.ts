import { describe, expect, it } from 'vitest';
import type { ApiError } from '../meta/errors.ts';
import type { StoredObject } from '../meta/types.ts';
import { SchemaNode } from '../openapi/schema-nav.ts';
import { createSchemaProvider } from '../openapi/schema-provider.ts';
import { Registry } from '../registry/registry.ts';
import type { ResourceDef } from '../registry/types.ts';
import { thrown } from '../meta/testing.ts';
import { createSchemaPatches } from './strategic-patches.ts';
import { strategicMergePatch, StrategicMergeError } from './strategic-merge.ts';

const provider = createSchemaProvider();
const registry = new Registry();
const def = (group: string, version: string, resource: string) => registry.lookup(group, version, resource)!;
const node = (d: ResourceDef) => SchemaNode.root(provider.forResource(d)!);
const deployments = def('apps', 'v1', 'deployments');
const services = def('', 'v1', 'services');

type Obj = Record<string, unknown>;

const deployment = (spec: Obj, metadata: Obj = {}): Obj => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', ...metadata }, spec });
const podTemplate = (podSpec: Obj): Obj => ({ template: { metadata: { labels: { app: 'web' } }, spec: podSpec } });

/** Golden cases: original, patch (as kubectl sends it), expected result. */
const cases: { name: string; d: ResourceDef; original: Obj; patch: Obj; expected: Obj }[] = [
  {
    name: 'changes one container of two (set image / client-side apply)',
    d: deployments,
    original: deployment(podTemplate({ containers: [{ name: 'nginx', image: 'nginx:1.25' }, { name: 'sidecar', image: 'busybox', args: ['a'] }] })),
    patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }, { name: 'sidecar' }], containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } },
    expected: deployment(podTemplate({ containers: [{ name: 'nginx', image: 'nginx:1.27' }, { name: 'sidecar', image: 'busybox', args: ['a'] }] })),
  },
  {
    name: 'removes an env var with $setElementOrder and $patch: delete',
    d: deployments,
    original: deployment(podTemplate({ containers: [{ name: 'app', image: 'a', env: [{ name: 'A', value: '1' }, { name: 'B', value: '2' }, { name: 'C', value: '3' }] }] })),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/containers': [{ name: 'app' }],
            containers: [{ name: 'app', '$setElementOrder/env': [{ name: 'A' }, { name: 'C' }], env: [{ $patch: 'delete', name: 'B' }] }],
          },
        },
      },
    },
    expected: deployment(podTemplate({ containers: [{ name: 'app', image: 'a', env: [{ name: 'A', value: '1' }, { name: 'C', value: '3' }] }] })),
  },
  {
    name: 'keeps only $retainKeys when the strategy type changes',
    d: deployments,
    original: deployment({ replicas: 2, strategy: { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } } }),
    patch: { spec: { strategy: { $retainKeys: ['type'], rollingUpdate: null, type: 'Recreate' } } },
    expected: deployment({ replicas: 2, strategy: { type: 'Recreate' } }),
  },
  {
    // Upstream's interleaving: server-only "b" came before "c" in the live list, so it goes first.
    name: 'orders by $setElementOrder, adds new items, and interleaves server-only ones',
    d: deployments,
    original: deployment(podTemplate({ containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }, { name: 'c', image: 'c' }] })),
    patch: { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'c' }, { name: 'd' }, { name: 'a' }], containers: [{ name: 'd', image: 'd' }] } } } },
    expected: deployment(podTemplate({ containers: [{ name: 'b', image: 'b' }, { name: 'c', image: 'c' }, { name: 'd', image: 'd' }, { name: 'a', image: 'a' }] })),
  },
  {
    name: 'replaces a map with $patch: replace',
    d: deployments,
    original: deployment({ selector: { matchLabels: { app: 'web', tier: 'x' } } }),
    patch: { spec: { selector: { matchLabels: { $patch: 'replace', app: 'other' } } } },
    expected: deployment({ selector: { matchLabels: { app: 'other' } } }),
  },
  {
    name: 'replaces a merge list with a $patch: replace element',
    d: deployments,
    original: deployment(podTemplate({ containers: [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }] })),
    patch: { spec: { template: { spec: { containers: [{ $patch: 'replace' }, { name: 'z', image: 'z' }] } } } },
    expected: deployment(podTemplate({ containers: [{ name: 'z', image: 'z' }] })),
  },
  {
    name: 'empties a map with $patch: delete',
    d: deployments,
    original: deployment({ replicas: 1, strategy: { type: 'Recreate' } }),
    patch: { spec: { strategy: { $patch: 'delete' } } },
    expected: deployment({ replicas: 1, strategy: {} }),
  },
  {
    name: 'finalizers: primitive merge list with $deleteFromPrimitiveList and $setElementOrder',
    d: deployments,
    original: deployment({}, { finalizers: ['x/a', 'x/b'] }),
    patch: { metadata: { '$deleteFromPrimitiveList/finalizers': ['x/a'], '$setElementOrder/finalizers': ['x/b', 'x/c'], finalizers: ['x/c'] } },
    expected: deployment({}, { finalizers: ['x/b', 'x/c'] }),
  },
  {
    name: 'finalizers: union without directives',
    d: deployments,
    original: deployment({}, { finalizers: ['x/a'] }),
    patch: { metadata: { finalizers: ['x/b', 'x/a'] } },
    expected: deployment({}, { finalizers: ['x/b', 'x/a'] }),
  },
  {
    name: 'tolerations have no merge strategy: the list is replaced; labels merge and null deletes',
    d: deployments,
    original: deployment(podTemplate({ tolerations: [{ key: 'a', operator: 'Exists' }], containers: [{ name: 'c', image: 'i' }] }), { labels: { app: 'web', old: 'x' } }),
    patch: { metadata: { labels: { old: null, team: 'y' } }, spec: { template: { spec: { tolerations: [{ key: 'b', operator: 'Exists' }] } } } },
    expected: deployment(podTemplate({ tolerations: [{ key: 'b', operator: 'Exists' }], containers: [{ name: 'c', image: 'i' }] }), { labels: { app: 'web', team: 'y' } }),
  },
  {
    name: 'volumes merge by name and honour $retainKeys inside an item',
    d: deployments,
    original: deployment(podTemplate({ volumes: [{ name: 'data', emptyDir: {} }, { name: 'cfg', configMap: { name: 'cfg' } }] })),
    patch: {
      spec: {
        template: {
          spec: {
            '$setElementOrder/volumes': [{ name: 'data' }, { name: 'cfg' }],
            volumes: [{ $retainKeys: ['configMap', 'name'], configMap: { name: 'data' }, emptyDir: null, name: 'data' }],
          },
        },
      },
    },
    expected: deployment(podTemplate({ volumes: [{ name: 'data', configMap: { name: 'data' } }, { name: 'cfg', configMap: { name: 'cfg' } }] })),
  },
  {
    // Without $setElementOrder, items new to the list come before server-only ones (upstream ordering).
    name: 'container ports merge by containerPort',
    d: deployments,
    original: deployment(podTemplate({ containers: [{ name: 'c', ports: [{ containerPort: 80 }, { containerPort: 443 }] }] })),
    patch: { spec: { template: { spec: { containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { $patch: 'delete', containerPort: 80 }] }] } } } },
    expected: deployment(podTemplate({ containers: [{ name: 'c', ports: [{ containerPort: 8080 }, { containerPort: 443 }] }] })),
  },
  {
    name: 'service ports merge by port',
    d: services,
    original: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 8080 }, { name: 'https', port: 443 }] } },
    patch: { spec: { '$setElementOrder/ports': [{ port: 80 }, { port: 443 }], ports: [{ port: 80, targetPort: 9090 }] } },
    expected: { apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { ports: [{ name: 'http', port: 80, targetPort: 9090 }, { name: 'https', port: 443 }] } },
  },
  {
    name: 'a field new to the object is taken without directives or nulls',
    d: deployments,
    original: deployment({}),
    patch: { spec: { template: { spec: { containers: [{ name: 'c', image: 'i', env: [{ $patch: 'delete', name: 'X' }], args: null }] } } } },
    expected: deployment({ template: { spec: { containers: [{ name: 'c', image: 'i', env: [] }] } } }),
  },
];

describe('strategic merge patch (golden cases)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const patch = JSON.parse(JSON.stringify(c.patch)) as Obj;
      expect(strategicMergePatch(c.original, patch, node(c.d))).toEqual(c.expected);
    });
  }

  it('does not modify its inputs', () => {
    const original = deployment({ strategy: { type: 'RollingUpdate', rollingUpdate: {} } });
    const patch = { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } };
    const before = JSON.stringify([original, patch]);
    strategicMergePatch(original, patch, node(deployments));
    expect(JSON.stringify([original, patch])).toBe(before);
  });
});

describe('strategic merge patch errors', () => {
  const run = (patch: Obj, original: Obj = deployment(podTemplate({ containers: [{ name: 'a' }] }))) =>
    thrown<StrategicMergeError>(() => strategicMergePatch(original, patch, node(deployments)));

  it('refuses $patch: merge on a map as upstream does', () => {
    const e = run({ spec: { strategy: { $patch: 'merge' } } }, deployment({ strategy: { type: 'Recreate' } }));
    expect(e.kind).toBe('internal');
    expect(e.message).toBe('unknown patch type: merge in map: map[$patch:merge]');
  });

  it('refuses keys outside $retainKeys', () => {
    const e = run({ spec: { strategy: { $retainKeys: ['type'], rollingUpdate: {} } } }, deployment({ strategy: { type: 'Recreate' } }));
    expect([e.kind, e.message]).toEqual(['badRequest', 'invalid patch format of retainKeys']);
  });

  it('needs the merge key in merged list items', () => {
    const e = run({ spec: { template: { spec: { containers: [{ image: 'x' }] } } } });
    expect(e.message).toBe('map: map[image:x] does not contain declared merge key: name');
  });

  it('refuses $patch: merge inside a list', () => {
    const e = run({ spec: { template: { spec: { containers: [{ $patch: 'merge' }] } } } });
    expect(e.message).toBe('merging lists cannot yet be specified in the patch');
  });
});

describe('createSchemaPatches().strategicMerge', () => {
  const patches = createSchemaPatches({ provider });
  const stored = deployment({ replicas: 1, strategy: { type: 'Recreate' } }) as unknown as StoredObject;

  it('answers 400 for a malformed $retainKeys', () => {
    expect(() => patches.strategicMerge(deployments, stored, { spec: { strategy: { $retainKeys: 'type' } } })).toThrowError(
      expect.objectContaining({ code: 400, message: 'invalid patch format of retainKeys' }),
    );
  });

  it('refuses custom resources with 415 as upstream does', () => {
    const crd: ResourceDef = { ...deployments, group: 'example.com', kind: 'Widget', resource: 'widgets', custom: { crdName: 'widgets.example.com' } };
    let err: ApiError | undefined;
    try {
      patches.strategicMerge(crd, stored, { spec: {} });
    } catch (e) {
      err = e as ApiError;
    }
    expect(err?.code).toBe(415);
    expect(err?.toStatus()).toMatchObject({
      reason: 'UnsupportedMediaType',
      message: 'the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml',
    });
  });

  it('patches a Scale through deployments/scale with the Scale schema', () => {
    const scale = { apiVersion: 'autoscaling/v1', kind: 'Scale', metadata: { name: 'web' }, spec: { replicas: 1 }, status: { replicas: 1, selector: 'app=web' } };
    expect(patches.strategicMerge(deployments, scale as unknown as StoredObject, { spec: { replicas: 3 } })).toMatchObject({ spec: { replicas: 3 }, status: { selector: 'app=web' } });
  });
});
