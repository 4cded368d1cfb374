import { describe, expect, it } from 'vitest';
import { NOW, testCluster, withoutIdentity } from '../testing.ts';

const KEY_MESSAGE =
  "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";

describe('core/v1 kinds', () => {
  it('Namespaces get their name label, the kubernetes finalizer and phase Active', () => {
    const c = testCluster();
    const ns = c.create('', 'v1', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(withoutIdentity(ns)).toEqual({
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name: 'team-a', creationTimestamp: NOW, labels: { 'kubernetes.io/metadata.name': 'team-a' } },
      spec: { finalizers: ['kubernetes'] },
      status: { phase: 'Active' },
    });
  });

  it('Namespaces refuse new content while terminating, and the system ones cannot be deleted', () => {
    const c = testCluster();
    const nsDef = c.def('', 'v1', 'namespaces');
    c.create('', 'v1', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'team-a' } });
    expect(c.api.delete(nsDef, undefined, 'team-a').deleted).toBe(false);
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'late', namespace: 'team-a' } };
    const refused = c.fails(() => c.create('', 'v1', 'configmaps', cm));
    expect([refused.code, refused.message]).toEqual([403, 'configmaps "late" is forbidden: unable to create new content in namespace team-a because it is being terminated']);
    expect(refused.details?.causes).toEqual([{ reason: 'NamespaceTerminating', message: 'namespace team-a is being terminated', field: 'metadata.namespace' }]);
    const generated = c.fails(() => c.create('', 'v1', 'configmaps', { ...cm, metadata: { generateName: 'web-', namespace: 'team-a' } }));
    expect(generated.message).toBe('configmaps "web-" is forbidden: unable to create new content in namespace team-a because it is being terminated');
    c.create('', 'v1', 'namespaces', { apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'kube-public' } });
    const kept = c.fails(() => c.api.delete(nsDef, undefined, 'kube-public'));
    expect([kept.code, kept.message]).toEqual([403, 'namespaces "kube-public" is forbidden: this namespace may not be deleted']);
  });

  it('Secrets merge stringData into data and default to Opaque', () => {
    const c = testCluster();
    const s = c.create('', 'v1', 'secrets', { apiVersion: 'v1', kind: 'Secret', metadata: { name: 's' }, stringData: { password: 'hunter2' }, data: { user: 'YWRtaW4=' } });
    expect(withoutIdentity(s)).toEqual({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 's', namespace: 'default', creationTimestamp: NOW },
      data: { user: 'YWRtaW4=', password: 'aHVudGVyMg==' },
      type: 'Opaque',
    });
  });

  it('Secrets and ConfigMaps check their keys, encoding and size', () => {
    const c = testCluster();
    const bad = (resource: string, kind: string, name: string, body: object) =>
      c.fails(() => c.create('', 'v1', resource, { apiVersion: 'v1', kind, metadata: { name }, ...body }));
    expect(bad('secrets', 'Secret', 's2', { data: { 'a b': 'YQ==' } }).message).toBe(`Secret "s2" is invalid: data[a b]: Invalid value: "a b": ${KEY_MESSAGE}`);
    expect(bad('configmaps', 'ConfigMap', 'cm', { data: { 'a b': 'x' } }).message).toBe(`ConfigMap "cm" is invalid: data[a b]: Invalid value: "a b": ${KEY_MESSAGE}`);
    const decode = bad('secrets', 'Secret', 's3', { data: { a: 'not base64!' } });
    expect([decode.code, decode.message]).toEqual([400, 'Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3']);
    expect(bad('configmaps', 'ConfigMap', 'big', { data: { k: 'x'.repeat(1024 * 1024 + 1) } }).message).toBe(
      'ConfigMap "big" is invalid: : Too long: may not be more than 1048576 bytes',
    );
  });

  it('PersistentVolumeClaims are Pending, Filesystem and protected', () => {
    const c = testCluster();
    const pvc = c.create('', 'v1', 'persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    expect(withoutIdentity(pvc)).toEqual({
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data', namespace: 'default', creationTimestamp: NOW, finalizers: ['kubernetes.io/pvc-protection'] },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, volumeMode: 'Filesystem' },
      status: { phase: 'Pending' },
    });
  });

  it('PersistentVolumeClaims take the default StorageClass', () => {
    const c = testCluster();
    c.create('storage.k8s.io', 'v1', 'storageclasses', {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: { name: 'gp2', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } },
      provisioner: 'kubernetes.io/aws-ebs',
    });
    const pvc = c.create('', 'v1', 'persistentvolumeclaims', {
      apiVersion: 'v1',
      kind: 'PersistentVolumeClaim',
      metadata: { name: 'data' },
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } },
    });
    expect(pvc.spec).toMatchObject({ storageClassName: 'gp2' });
  });

  it('StorageClasses default their reclaim policy and binding mode', () => {
    const c = testCluster();
    const sc = c.create('storage.k8s.io', 'v1', 'storageclasses', { apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'fast' }, provisioner: 'ebs.csi.aws.com' });
    expect(sc).toMatchObject({ reclaimPolicy: 'Delete', volumeBindingMode: 'Immediate' });
  });
});

describe('RBAC', () => {
  const RBAC = 'rbac.authorization.k8s.io';
  it('requires verbs and api groups in rules', () => {
    const c = testCluster();
    const role = (kind: string, resource: string, rules: object[]) => c.fails(() => c.create(RBAC, 'v1', resource, { apiVersion: `${RBAC}/v1`, kind, metadata: { name: 'r' }, rules }));
    expect(role('Role', 'roles', [{ apiGroups: [''], resources: ['pods'] }]).message).toBe(
      'Role.rbac.authorization.k8s.io "r" is invalid: rules[0].verbs: Required value: verbs must contain at least one value',
    );
    expect(role('ClusterRole', 'clusterroles', [{ verbs: ['get'], resources: ['pods'] }]).message).toBe(
      'ClusterRole.rbac.authorization.k8s.io "r" is invalid: rules[0].apiGroups: Required value: resource rules must supply at least one api group',
    );
  });

  it('keeps a binding roleRef', () => {
    const c = testCluster();
    const rb = c.create(RBAC, 'v1', 'rolebindings', {
      apiVersion: `${RBAC}/v1`,
      kind: 'RoleBinding',
      metadata: { name: 'rb' },
      roleRef: { apiGroup: RBAC, kind: 'Role', name: 'r' },
      subjects: [{ kind: 'ServiceAccount', name: 'builder', namespace: 'default' }],
    });
    const next = { ...rb, roleRef: { apiGroup: RBAC, kind: 'Role', name: 'other' } };
    expect(c.fails(() => c.api.update(c.def(RBAC, 'v1', 'rolebindings'), 'default', 'rb', next)).message).toBe(
      'RoleBinding.rbac.authorization.k8s.io "rb" is invalid: roleRef: Invalid value: rbac.RoleRef{APIGroup:"rbac.authorization.k8s.io", Kind:"Role", Name:"other"}: cannot change roleRef',
    );
  });
});

describe('networking and autoscaling', () => {
  it('Ingress paths need a pathType', () => {
    const c = testCluster();
    const ing = (pathType?: string) => ({
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { name: 'ing' },
      spec: { rules: [{ host: 'a.example.com', http: { paths: [{ path: '/', ...(pathType ? { pathType } : {}), backend: { service: { name: 'web', port: { number: 80 } } } }] } }] },
    });
    expect(c.fails(() => c.create('networking.k8s.io', 'v1', 'ingresses', ing())).message).toBe(
      'Ingress.networking.k8s.io "ing" is invalid: spec.rules[0].http.paths[0].pathType: Required value: pathType must be specified',
    );
    expect(c.create('networking.k8s.io', 'v1', 'ingresses', ing('Prefix')).status).toEqual({ loadBalancer: {} });
  });

  it('HorizontalPodAutoscalers default minReplicas and check it against maxReplicas', () => {
    const c = testCluster();
    const hpa = (name: string, spec: object) => ({
      apiVersion: 'autoscaling/v2',
      kind: 'HorizontalPodAutoscaler',
      metadata: { name },
      spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, ...spec },
    });
    expect(c.fails(() => c.create('autoscaling', 'v2', 'horizontalpodautoscalers', hpa('h', { minReplicas: 5, maxReplicas: 2 }))).message).toBe(
      'HorizontalPodAutoscaler.autoscaling "h" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`',
    );
    const created = c.create('autoscaling', 'v2', 'horizontalpodautoscalers', hpa('ok', { maxReplicas: 3 }));
    expect(created.spec).toMatchObject({ minReplicas: 1 });
    expect(created.status).toEqual({ currentMetrics: null, desiredReplicas: 0 });
  });
});
