/** Builders for the auth tests: RBAC objects and core objects written straight into an ObjectStore. */
import { ManualClock } from '../clock.ts';
import type { KubeObject, StoredObject } from '../meta/types.ts';
import { ObjectStore } from '../storage/object-store.ts';
import type { PolicyRule } from './rbac/types.ts';

export function newStore(clock = new ManualClock(Date.parse('2026-05-01T10:00:00Z'))) {
  return { clock, store: new ObjectStore(clock) };
}

const rbac = (resource: string) => ({ group: 'rbac.authorization.k8s.io', resource });

export function addRole(store: ObjectStore, namespace: string, name: string, rules: PolicyRule[]): StoredObject {
  return store.create(rbac('roles'), { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules });
}

export interface ClusterRoleExtras {
  labels?: Record<string, string>;
  /** Label keys whose `"true"` value the role aggregates. */
  aggregates?: string[];
}

export function addClusterRole(store: ObjectStore, name: string, rules: PolicyRule[], extras: ClusterRoleExtras = {}): StoredObject {
  const role: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name, ...(extras.labels ? { labels: extras.labels } : {}) }, rules };
  if (extras.aggregates) role.aggregationRule = { clusterRoleSelectors: extras.aggregates.map((l) => ({ matchLabels: { [l]: 'true' } })) };
  return store.create(rbac('clusterroles'), role);
}

/** `subjects` as `User:jane`, `Group:devs`, `ServiceAccount:ns/name` or `ServiceAccount:name`. */
export function addRoleBinding(store: ObjectStore, namespace: string, name: string, roleRef: string, subjects: string[]): StoredObject {
  return store.create(rbac('rolebindings'), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: ref(roleRef),
    subjects: subjects.map(subject),
  });
}

export function addClusterRoleBinding(store: ObjectStore, name: string, roleRef: string, subjects: string[]): StoredObject {
  return store.create(rbac('clusterrolebindings'), {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name },
    roleRef: ref(roleRef),
    subjects: subjects.map(subject),
  });
}

export function addServiceAccount(store: ObjectStore, namespace: string, name: string): StoredObject {
  return store.create({ group: '', resource: 'serviceaccounts' }, { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name, namespace } });
}

export function addPod(store: ObjectStore, namespace: string, name: string, spec: Record<string, unknown> = {}): StoredObject {
  return store.create({ group: '', resource: 'pods' }, { apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace }, spec: { serviceAccountName: 'default', ...spec } });
}

/** `ClusterRole:view` or `Role:pod-reader`. */
function ref(text: string) {
  const [kind, name] = text.split(':') as [string, string];
  return { apiGroup: 'rbac.authorization.k8s.io', kind, name };
}

function subject(text: string) {
  const colon = text.indexOf(':');
  const kind = text.slice(0, colon);
  const rest = text.slice(colon + 1);
  if (kind === 'ServiceAccount') {
    const [a, b] = rest.split('/');
    return b === undefined ? { kind, name: a! } : { kind, namespace: a!, name: b };
  }
  return { apiGroup: 'rbac.authorization.k8s.io', kind, name: rest };
}

export function caught(fn: () => unknown): Error & { code?: number; toStatus?: () => unknown; detail?: string } {
  try {
    fn();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}
