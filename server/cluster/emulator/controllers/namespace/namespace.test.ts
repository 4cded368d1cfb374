import { describe, expect, it } from 'vitest';
import { deploymentManifest, emulateNamespaceRegistry, harness } from '../testing.ts';
import { DeploymentController } from '../deployment/controller.ts';
import { GarbageCollector } from '../gc/controller.ts';
import { ReplicaSetController } from '../replicaset/controller.ts';
import { RootCaPublisher, ROOT_CA_CONFIGMAP } from '../serviceaccount/root-ca.ts';
import { ServiceAccountController } from '../serviceaccount/controller.ts';
import type { Condition, StoredObject } from '../shared/types.ts';

type ConfigMap = StoredObject & { data?: Record<string, string> };
type Namespace = StoredObject & { status: { phase: string; conditions: Condition[] } };
import { NamespaceController } from './controller.ts';

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';

function setup(reap: boolean) {
  const h = harness({
    controllers: [new NamespaceController(), new ServiceAccountController(), new RootCaPublisher(PEM), new DeploymentController(), new ReplicaSetController(), new GarbageCollector()],
    reapTerminatingPods: reap,
  });
  emulateNamespaceRegistry(h);
  return h;
}

describe('namespace lifecycle', () => {
  it('gives every namespace a default ServiceAccount and the kube-root-ca.crt ConfigMap, and restores them', () => {
    const h = setup(true);
    h.namespace('team-a');
    h.settle();
    expect(h.get('serviceaccounts', 'team-a', 'default')).toBeDefined();
    const cm = h.get<ConfigMap>('configmaps', 'team-a', ROOT_CA_CONFIGMAP)!;
    expect(cm.data).toEqual({ 'ca.crt': PEM });
    expect(cm.metadata.annotations?.['kubernetes.io/description']).toMatch(/^Contains a CA bundle that can be used to verify the kube-apiserver/);
    h.api.delete(h.client('serviceaccounts').def, 'team-a', 'default');
    h.update<ConfigMap>('configmaps', cm, (o) => (o.data = { 'ca.crt': 'tampered' }));
    h.settle();
    expect(h.get('serviceaccounts', 'team-a', 'default')).toBeDefined();
    expect(h.get<ConfigMap>('configmaps', 'team-a', ROOT_CA_CONFIGMAP)!.data).toEqual({ 'ca.crt': PEM });
  });

  it('terminates a namespace: Terminating, content deleted, conditions reported, then the namespace removed', () => {
    const h = setup(false);
    h.namespace('shop');
    h.create('deployments', { ...deploymentManifest('web', 2), metadata: { name: 'web', namespace: 'shop' } });
    h.markAllPodsReady('shop');
    const ns = h.client('namespaces').def;
    const r = h.api.delete(ns, undefined, 'shop');
    expect(r.deleted).toBe(false);
    h.settle();
    const terminating = h.get<Namespace>('namespaces', undefined, 'shop')!;
    expect(terminating.status.phase).toBe('Terminating');
    expect(terminating.status.conditions.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'],
      ['NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'],
      ['NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'],
      ['NamespaceContentRemaining', 'True', 'SomeResourcesRemain', 'Some resources are remaining: pods. has 2 resource instances'],
      ['NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'],
    ]);
    expect(h.list('deployments', 'shop')).toHaveLength(0);
    expect(h.list('configmaps', 'shop')).toHaveLength(0);
    // Creating in a terminating namespace is refused.
    expect(() => h.client('configmaps').create('shop', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x' } })).toThrow(/is being terminated/);
    // The kubelet finishes the pods; the namespace goes.
    for (const p of h.pods('shop')) h.api.delete(h.client('pods').def, 'shop', p.metadata.name, { gracePeriodSeconds: 0 });
    h.settle();
    expect(h.get('namespaces', undefined, 'shop')).toBeUndefined();
  });

  it('reports finalizers that hold content and waits for them', () => {
    const h = setup(true);
    h.namespace('data');
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', namespace: 'data', finalizers: ['example.com/keep'] } });
    h.api.delete(h.client('namespaces').def, undefined, 'data');
    h.settle();
    const conds = h.get<Namespace>('namespaces', undefined, 'data')!.status.conditions;
    expect(conds.find((c) => c.type === 'NamespaceFinalizersRemaining')).toMatchObject({
      status: 'True',
      reason: 'SomeFinalizersRemain',
      message: 'Some content in the namespace has finalizers remaining: example.com/keep in 1 resource instances',
    });
    expect(conds.find((c) => c.type === 'NamespaceContentRemaining')?.message).toBe('Some resources are remaining: configmaps. has 1 resource instances');
    h.update('configmaps', h.get('configmaps', 'data', 'held')!, (o) => delete o.metadata.finalizers);
    h.settle();
    expect(h.get('namespaces', undefined, 'data')).toBeUndefined();
  });

  it('cleans up content of a namespace the API removed outright', () => {
    const h = harness({ controllers: [new NamespaceController()] });
    h.namespace('tmp');
    h.create('configmaps', { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'tmp' } });
    h.api.delete(h.client('namespaces').def, undefined, 'tmp');
    h.settle();
    expect(h.list('configmaps', 'tmp')).toHaveLength(0);
  });
});
