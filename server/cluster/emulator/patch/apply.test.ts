import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { thrown } from '../meta/testing.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { createSchemaProvider } from '../openapi/schema-provider.ts';
import { Registry } from '../registry/registry.ts';
import { FieldSet } from './apply-fieldset.ts';
import { trackUpdate } from './apply.ts';
import { createSchemaPatches } from './strategic-patches.ts';

const provider = createSchemaProvider();
const registry = new Registry();
const deployments = registry.lookup('apps', 'v1', 'deployments')!;
const deploymentType = provider.forResource(deployments)!;
const clock = new ManualClock(Date.parse('2026-05-01T10:00:00Z'));
const patches = createSchemaPatches({ provider, clock });

type Obj = Record<string, unknown>;

const config = (spec: Obj, labels: Record<string, string> = { app: 'web' }): Obj => ({
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web', namespace: 'default', labels },
  spec: {
    selector: { matchLabels: { app: 'web' } },
    template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }] } },
    ...spec,
  },
});

/** Stores what an apply returned as the API server would (identity fields set). */
const stored = (o: KubeObject): StoredObject =>
  ({ ...o, metadata: { ...o.metadata, uid: 'u1', resourceVersion: '1', creationTimestamp: '2026-05-01T09:00:00Z' }, status: { replicas: 2 } }) as StoredObject;

const apply = (current: StoredObject | undefined, body: Obj, manager = 'kubectl', force = false) => patches.apply(deployments, current, body, manager, force);

describe('server-side apply', () => {
  it('creates with one Apply entry owning exactly the applied fields', () => {
    const created = apply(undefined, config({ replicas: 2 }));
    expect(created.spec).toMatchObject({ replicas: 2 });
    expect(created.metadata.managedFields).toEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: '2026-05-01T10:00:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
          },
        },
      },
    ]);
  });

  it('re-applying without a field removes it, and keeps what others own', () => {
    const first = stored(apply(undefined, config({ replicas: 2, minReadySeconds: 5 }, { app: 'web', team: 'a' })));
    const second = apply(first, config({ replicas: 2 }));
    expect(second.spec).not.toHaveProperty('minReadySeconds');
    expect(second.metadata.labels).toEqual({ app: 'web' });
    // status is not the applier's: it stays.
    expect(second.status).toEqual({ replicas: 2 });
    expect(second.metadata.name).toBe('web');
  });

  it('removes a whole map the manager no longer applies', () => {
    const first = stored(apply(undefined, config({ replicas: 2 }, { app: 'web', team: 'a' })));
    const body = config({ replicas: 2 });
    delete (body.metadata as Obj).labels;
    const second = apply(first, body);
    expect(second.metadata).not.toHaveProperty('labels');
  });

  it('removes list items the manager no longer applies', () => {
    const twoContainers = config({});
    (((twoContainers.spec as Obj).template as Obj).spec as Obj).containers = [
      { name: 'nginx', image: 'nginx' },
      { name: 'sidecar', image: 'busybox' },
    ];
    const first = stored(apply(undefined, twoContainers));
    const second = apply(first, config({}));
    expect(((second.spec as Obj).template as { spec: { containers: Obj[] } }).spec.containers.map((c) => c.name)).toEqual(['nginx']);
  });

  it('answers 409 with upstream wording when another manager owns a changed field', () => {
    const created = stored(apply(undefined, config({ replicas: 2 })));
    created.metadata.managedFields = [
      ...(created.metadata.managedFields as Obj[]),
      {
        manager: 'kubectl-client-side-apply',
        operation: 'Update',
        apiVersion: 'apps/v1',
        time: '2026-05-01T09:30:00Z',
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:spec': { 'f:replicas': {}, 'f:minReadySeconds': {} } },
      },
    ];
    const err = thrown(() => apply(created, config({ replicas: 5 }), 'other'));
    expect(err.code).toBe(409);
    expect(err.toStatus()).toEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 2 conflicts: conflicts with "kubectl":\n- .spec.replicas\nconflicts with "kubectl-client-side-apply" using apps/v1:\n- .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [
          { reason: 'FieldManagerConflict', message: 'conflict with "kubectl"', field: '.spec.replicas' },
          { reason: 'FieldManagerConflict', message: 'conflict with "kubectl-client-side-apply" using apps/v1', field: '.spec.replicas' },
        ],
      },
      code: 409,
    });
  });

  it('names a single conflict in one line', () => {
    const created = stored(apply(undefined, config({ replicas: 2 }), 'kubectl-client-side-apply'));
    created.metadata.managedFields = [{ ...(created.metadata.managedFields as Obj[])[0], operation: 'Update' }];
    const err = thrown(() => apply(created, config({ replicas: 3 })));
    expect(err.message).toBe('Apply failed with 1 conflict: conflict with "kubectl-client-side-apply" using apps/v1: .spec.replicas');
  });

  it('lets a manager co-own a field it applies with the same value', () => {
    const created = stored(apply(undefined, config({ replicas: 2 })));
    const shared = apply(created, config({ replicas: 2 }), 'other');
    const managers = (shared.metadata.managedFields as { manager: string; fieldsV1: Obj }[]).map((m) => [m.manager, FieldSet.fromFieldsV1(m.fieldsV1).has(['f:spec', 'f:replicas'])]);
    expect(managers).toEqual([
      ['kubectl', true],
      ['other', true],
    ]);
  });

  it('with force takes the field from the other manager', () => {
    const created = stored(apply(undefined, config({ replicas: 2 })));
    const forced = apply(created, config({ replicas: 5 }), 'other', true);
    expect((forced.spec as Obj).replicas).toBe(5);
    const sets = new Map((forced.metadata.managedFields as { manager: string; fieldsV1: Obj }[]).map((m) => [m.manager, FieldSet.fromFieldsV1(m.fieldsV1)]));
    expect(sets.get('kubectl')!.has(['f:spec', 'f:replicas'])).toBe(false);
    expect(sets.get('other')!.has(['f:spec', 'f:replicas'])).toBe(true);
  });

  it('refuses a configuration that carries managedFields', () => {
    const body = config({});
    (body.metadata as Obj).managedFields = [{ manager: 'x' }];
    expect(thrown(() => apply(undefined, body)).message).toBe('metadata.managedFields must be nil');
  });

  it('reports a list item without its key', () => {
    const body = config({});
    (((body.spec as Obj).template as Obj).spec as Obj).containers = [{ image: 'nginx' }];
    expect(thrown(() => apply(undefined, body)).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.template.spec.containers: associative list with keys has an element that omits key field "name" (and doesn\'t have default value)',
    );
  });

  it('refuses fields the type does not declare, naming list items by key', () => {
    const body = config({});
    (body.spec as Obj).replicaz = 2;
    let err = thrown(() => apply(undefined, body));
    expect([err.code, err.reason, err.message]).toEqual([500, '', 'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.replicaz: field not declared in schema']);
    delete (body.spec as Obj).replicaz;
    const containers = (((body.spec as Obj).template as Obj).spec as Obj).containers as Obj[];
    containers[0]!.imagePullPolice = 'Always';
    (body.metadata as Obj).owner = 'me';
    err = thrown(() => apply(undefined, body));
    expect(err.message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): errors:\n' +
        '  .metadata.owner: field not declared in schema\n' +
        `  .spec.template.spec.containers[name="${String(containers[0]!.name)}"].imagePullPolice: field not declared in schema`,
    );
  });
});

describe('server-side apply of values of the wrong type', () => {
  it('refuses scalars that do not fit, in structured-merge-diff\'s words, and leaves self-decoding types alone', () => {
    const body = config({ replicas: 'three', paused: 'yes' });
    const containers = (((body.spec as Obj).template as Obj).spec as Obj).containers as Obj[];
    containers[0]!.image = 7;
    containers[0]!.resources = { limits: { cpu: 1, memory: '64Mi' } };
    const err = thrown(() => apply(undefined, body));
    expect([err.code, err.reason]).toEqual([500, '']);
    expect(err.message.split('\n').slice(1).sort()).toEqual(
      [
        '  .spec.paused: expected boolean, got &{yes}',
        '  .spec.replicas: expected numeric (int or float), got string',
        `  .spec.template.spec.containers[name="${String(containers[0]!.name)}"].image: expected string, got &value.valueUnstructured{Value:7}`,
      ].sort(),
    );
    expect(thrown(() => apply(undefined, config({ replicas: [1] }))).message).toBe(
      'failed to create typed patch object (default/web; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got []interface {}',
    );
  });
});

describe('trackUpdate', () => {
  it('gives a create to its manager and takes changed fields from others', () => {
    const next = config({ replicas: 1 }) as KubeObject;
    const createdEntries = trackUpdate({ type: deploymentType, old: undefined, next, manager: 'kubectl-create', apiVersion: 'apps/v1', now: '2026-05-01T10:00:00Z', statusSubresource: true });
    expect(createdEntries).toHaveLength(1);
    expect(createdEntries[0]).toMatchObject({ manager: 'kubectl-create', operation: 'Update', apiVersion: 'apps/v1' });
    const set = FieldSet.fromFieldsV1(createdEntries[0]!.fieldsV1);
    expect(set.has(['f:spec', 'f:replicas'])).toBe(true);
    expect(set.children.get('f:metadata')!.children.has('f:name')).toBe(false);
    // Labels were added as a whole: the map itself is a member, as upstream's compare records it;
    // spec and the template always exist in the Go types, so they are not.
    expect(set.has(['f:metadata', 'f:labels'])).toBe(true);
    expect(set.has(['f:spec'])).toBe(false);
    expect(set.has(['f:spec', 'f:template', 'f:spec', 'f:containers'])).toBe(false);
    expect(set.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}'])).toBe(true);
    expect(set.has(['f:spec', 'f:template', 'f:spec', 'f:containers', 'k:{"name":"nginx"}', 'f:resources'])).toBe(true);

    const old = { ...next, metadata: { ...next.metadata, managedFields: createdEntries } } as KubeObject;
    const scaled = structuredClone(old);
    (scaled.spec as Obj).replicas = 4;
    const entries = trackUpdate({ type: deploymentType, old, next: scaled, manager: 'kubectl-scale', apiVersion: 'apps/v1', now: '2026-05-01T10:05:00Z', statusSubresource: true });
    const sets = new Map(entries.map((e) => [e.manager, FieldSet.fromFieldsV1(e.fieldsV1)]));
    expect(sets.get('kubectl-create')!.has(['f:spec', 'f:replicas'])).toBe(false);
    expect(sets.get('kubectl-scale')!.has(['f:spec', 'f:replicas'])).toBe(true);
  });
});

describe('createManagedFieldsTracker', () => {
  it('records an update by the request manager with the object apiVersion', async () => {
    const { createManagedFieldsTracker } = await import('./apply-tracking.ts');
    const tracker = createManagedFieldsTracker({ provider, clock });
    const entries = tracker.update(deployments, undefined, config({ replicas: 1 }) as KubeObject, 'kubectl-create');
    expect(entries?.map((e) => [e.manager, e.operation, e.apiVersion, e.time])).toEqual([['kubectl-create', 'Update', 'apps/v1', '2026-05-01T10:00:00Z']]);
  });
});
