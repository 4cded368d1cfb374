import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.ts';
import { thrown } from '../meta/testing.ts';
import { createPatcher } from '../patch/patcher.ts';
import { Registry } from '../registry/registry.ts';
import type { Allocators } from '../registry/strategy.ts';
import { ObjectStore } from '../storage/object-store.ts';
import { managerFromUserAgent, ResourceApi } from './resource-api.ts';

const allocate: Allocators = {
  clusterIP: () => '10.100.0.10',
  reserveClusterIP: () => true,
  releaseClusterIP: () => {},
  nodePort: () => 30000,
  reserveNodePort: () => true,
  releaseNodePort: () => {},
};

function setup() {
  const clock = new ManualClock(Date.parse('2026-05-01T10:00:00Z'));
  const store = new ObjectStore(clock);
  const registry = new Registry();
  const api = new ResourceApi({
    store,
    registry,
    clock,
    allocate,
    patcher: createPatcher(),
    strategies: { for: (d) => (d.kind === 'Deployment' ? { tracksGeneration: true, statusSubresource: true } : {}) },
    schemaCheck: {
      unknownFields: (_d, o) => ('bogus' in (o as object) ? ['bogus'] : []),
      prune: (_d, o) => ('bogus' in (o as object) ? (delete (o as { bogus?: unknown }).bogus, ['bogus']) : []),
    },
  });
  const r = (g: string, v: string, res: string) => registry.lookup(g, v, res)!;
  const ns = r('', 'v1', 'namespaces');
  api.create(ns, undefined, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'default' } });
  return { api, clock, store, deploy: r('apps', 'v1', 'deployments'), cm: r('', 'v1', 'configmaps'), pods: r('', 'v1', 'pods'), ns };
}

const deployment = (name = 'web') => ({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name }, spec: { replicas: 1 }, status: { replicas: 9 } });

describe('ResourceApi', () => {
  it('creates with generation 1, namespace from the URL and no client-set status', () => {
    const { api, deploy } = setup();
    const { object, created } = api.create(deploy, 'default', deployment());
    expect(created).toBe(true);
    expect(object.metadata).toMatchObject({ name: 'web', namespace: 'default', generation: 1, creationTimestamp: '2026-05-01T10:00:00Z' });
    expect(object.status).toBeUndefined();
  });

  it('bumps generation on spec changes only, and keeps status on main-resource writes', () => {
    const { api, deploy } = setup();
    const first = api.create(deploy, 'default', deployment()).object;
    const withStatus = api.update(deploy, 'default', 'web', { ...first, status: { replicas: 1 } }, { subresource: 'status' }).object;
    expect(withStatus.metadata.generation).toBe(1);
    expect(withStatus.status).toEqual({ replicas: 1 });
    const labelled = api.patch(deploy, 'default', 'web', { type: 'application/merge-patch+json', patch: { metadata: { labels: { a: 'b' } } } }).object;
    expect(labelled.metadata.generation).toBe(1);
    const scaled = api.patch(deploy, 'default', 'web', { type: 'application/merge-patch+json', patch: { spec: { replicas: 3 }, status: { replicas: 0 } } }).object;
    expect(scaled.metadata.generation).toBe(2);
    expect(scaled.status).toEqual({ replicas: 1 });
  });

  it('answers a stale update with 409 Conflict and a patch with a stale resourceVersion too', () => {
    const { api, deploy } = setup();
    const first = api.create(deploy, 'default', deployment()).object;
    api.patch(deploy, 'default', 'web', { type: 'application/merge-patch+json', patch: { spec: { replicas: 2 } } });
    expect(thrown(() => api.update(deploy, 'default', 'web', first)).code).toBe(409);
    const stale = { metadata: { resourceVersion: first.metadata.resourceVersion }, spec: { replicas: 5 } };
    expect(thrown(() => api.patch(deploy, 'default', 'web', { type: 'application/merge-patch+json', patch: stale })).reason).toBe('Conflict');
  });

  it('refuses creates in a missing namespace and bad names, with upstream messages', () => {
    const { api, cm } = setup();
    const missing = thrown(() => api.create(cm, 'nope', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } }));
    expect(missing.toStatus()).toMatchObject({ code: 404, message: 'namespaces "nope" not found' });
    const bad = thrown(() => api.create(cm, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'Bad_Name' } }));
    expect(bad.code).toBe(422);
    expect(bad.message).toMatch(/^ConfigMap "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain/);
  });

  it('generates names from generateName', () => {
    const { api, cm } = setup();
    const { object } = api.create(cm, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { generateName: 'cfg-' } });
    expect(object.metadata.name).toMatch(/^cfg-[bcdfghjklmnpqrstvwxz2456789]{5}$/);
  });

  it('rejects unknown fields of a client under Strict as the body decoder words it, and drops them otherwise', () => {
    const { api, cm } = setup();
    const user = { username: 'admin', groups: ['system:masters'] };
    const body = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, bogus: 1 };
    expect(thrown(() => api.create(cm, 'default', body, { fieldValidation: 'Strict', user })).message).toBe(
      'ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"',
    );
    const warned = api.create(cm, 'default', body, { fieldValidation: 'Warn', user });
    expect(warned.warnings).toEqual(['unknown field "bogus"']);
    expect(warned.object).not.toHaveProperty('bogus');
    expect(body.bogus).toBe(1);
    const ignored = api.create(cm, 'default', { ...body, metadata: { name: 'd' } }, { fieldValidation: 'Ignore', user });
    expect([ignored.warnings, 'bogus' in ignored.object]).toEqual([[], false]);
    // A patch reports them as the patch handler does: 422 on the field `patch`, valued with the patched object.
    const patch = { type: 'application/merge-patch+json' as const, patch: { bogus: 2 } };
    const refused = thrown(() => api.patch(cm, 'default', 'c', patch, { fieldValidation: 'Strict', user }));
    expect([refused.code, refused.reason, refused.details?.kind, refused.details?.causes?.[0]?.field]).toEqual([422, 'Invalid', undefined, 'patch']);
    expect(refused.message).toMatch(/^ "" is invalid: patch: Invalid value: "\{\\"kind\\":\\"ConfigMap\\",.*\\"bogus\\":2\}": strict decoding error: unknown field "bogus"$/);
    expect(api.get(cm, 'default', 'c')).not.toHaveProperty('bogus');
  });

  it('persists nothing on dry run', () => {
    const { api, deploy, store } = setup();
    const rv = store.resourceVersion;
    const { object } = api.create(deploy, 'default', deployment(), { dryRun: true });
    expect(store.resourceVersion).toBe(rv);
    // The answer looks created: a fresh UID and a creation time, but no resourceVersion.
    expect(object.metadata.uid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(object.metadata.uid).not.toBe('00000000-0000-0000-0000-000000000000');
    expect(object.metadata.resourceVersion).toBe('');
    expect(thrown(() => api.get(deploy, 'default', 'web')).code).toBe(404);
  });

  it('keeps an object with finalizers until the last one is removed', () => {
    const { api, cm } = setup();
    api.create(cm, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', finalizers: ['example.com/hold'] } });
    const pending = api.delete(cm, 'default', 'c');
    expect(pending.deleted).toBe(false);
    expect(pending.object.metadata.deletionTimestamp).toBe('2026-05-01T10:00:00Z');
    const done = api.patch(cm, 'default', 'c', { type: 'application/merge-patch+json', patch: { metadata: { finalizers: null } } });
    expect(done.object.metadata.name).toBe('c');
    expect(thrown(() => api.get(cm, 'default', 'c')).code).toBe(404);
  });

  it('adds the foregroundDeletion finalizer for foreground deletes', () => {
    const { api, deploy } = setup();
    api.create(deploy, 'default', deployment());
    const r = api.delete(deploy, 'default', 'web', { propagationPolicy: 'Foreground' });
    expect(r.object.metadata.finalizers).toEqual(['foregroundDeletion']);
  });

  it('deletes scheduled pods gracefully and unscheduled ones at once', () => {
    const { api, pods } = setup();
    const pod = (name: string, nodeName?: string) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name }, spec: { ...(nodeName ? { nodeName } : {}), containers: [] } });
    api.create(pods, 'default', pod('a', 'node-1'));
    api.create(pods, 'default', pod('b'));
    const a = api.delete(pods, 'default', 'a');
    expect(a).toMatchObject({ deleted: false, object: { metadata: { deletionGracePeriodSeconds: 30, deletionTimestamp: '2026-05-01T10:00:30Z' } } });
    expect(api.delete(pods, 'default', 'a', { gracePeriodSeconds: 0 }).deleted).toBe(true);
    expect(api.delete(pods, 'default', 'b').deleted).toBe(true);
  });

  it('serves the scale subresource', () => {
    const { api, deploy } = setup();
    api.create(deploy, 'default', { ...deployment(), spec: { replicas: 1, selector: { matchLabels: { app: 'web' } } } });
    expect(api.getScale(deploy, 'default', 'web')).toMatchObject({ kind: 'Scale', spec: { replicas: 1 }, status: { selector: 'app=web' } });
    const r = api.patch(deploy, 'default', 'web', { type: 'application/merge-patch+json', patch: { spec: { replicas: 4 } } }, { subresource: 'scale' });
    expect(r.object).toMatchObject({ kind: 'Scale', spec: { replicas: 4 } });
    expect((api.get(deploy, 'default', 'web') as { spec?: { replicas?: number } }).spec?.replicas).toBe(4);
  });

  it('filters lists by label and field selectors and rejects bad ones', () => {
    const { api, cm } = setup();
    api.create(cm, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'a', labels: { app: 'x' } } });
    api.create(cm, 'default', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'b' } });
    expect(api.list(cm, 'default', { labelSelector: 'app=x' }).items.map((o) => o.metadata.name)).toEqual(['a']);
    expect(api.list(cm, 'default', { fieldSelector: 'metadata.name=b' }).items.map((o) => o.metadata.name)).toEqual(['b']);
    expect(thrown(() => api.list(cm, 'default', { fieldSelector: 'spec.foo=1' })).message).toBe('field label not supported: spec.foo');
  });
});

describe('managerFromUserAgent', () => {
  it('names the program, with the dispatcher\'s versioned kubectl shown as kubectl', () => {
    expect(managerFromUserAgent('kubectl.1.32/v1.32.5 (linux/amd64) kubernetes/9894294')).toBe('kubectl');
    expect(managerFromUserAgent('kubectl-client-side-apply/v1.32.5')).toBe('kubectl-client-side-apply');
    expect(managerFromUserAgent('')).toBe('unknown');
    expect(managerFromUserAgent(undefined)).toBe('unknown');
  });
});
