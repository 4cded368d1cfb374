import type { KubeObject } from '../../meta/types.ts';
import { aggregatedRules, sameRules } from '../rbac/aggregation.ts';
import { RBAC_GROUP, type RoleObject, type Subject } from '../rbac/types.ts';
import { clusterRoleBindingSpecs, clusterRoleSpecs, type ClusterRoleSpec } from './cluster-roles.ts';

export interface BootstrapPolicy {
  clusterRoles: KubeObject[];
  clusterRoleBindings: KubeObject[];
}

const API_VERSION = `${RBAC_GROUP}/v1`;
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const BOOTSTRAP_ANNOTATIONS = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

/**
 * The default ClusterRoles and ClusterRoleBindings a new cluster starts with, ready to store (new
 * objects every call). Aggregated roles (`admin`, `edit`, `view`) come with their rules already
 * collected, as a running cluster shows them; the aggregation controller keeps them so afterwards.
 */
export function bootstrapPolicy(): BootstrapPolicy {
  const roles = clusterRoleSpecs.map(toClusterRole);
  // edit aggregates view and admin aggregates edit: repeat until nothing changes.
  for (let changed = true; changed; ) {
    changed = false;
    for (const role of roles) {
      const rules = aggregatedRules(role, roles);
      if (rules && !sameRules(rules, role.rules)) {
        role.rules = rules;
        changed = true;
      }
    }
  }
  return { clusterRoles: roles.map((r) => structuredClone(r)), clusterRoleBindings: clusterRoleBindingSpecs.map(toBinding) };
}

function toClusterRole(spec: ClusterRoleSpec): RoleObject {
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRole',
    metadata: { name: spec.name, labels: { ...BOOTSTRAP_LABELS, ...spec.labels }, annotations: { ...BOOTSTRAP_ANNOTATIONS } },
    ...(spec.aggregateFrom ? { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { [spec.aggregateFrom]: 'true' } }] } } : {}),
    rules: structuredClone(spec.rules ?? []),
  };
}

function toBinding(spec: { role: string; subjects: string[] }): KubeObject {
  const subjects: Subject[] = spec.subjects.map((s) => {
    const colon = s.indexOf(':');
    return { apiGroup: RBAC_GROUP, kind: s.slice(0, colon), name: s.slice(colon + 1) };
  });
  return {
    apiVersion: API_VERSION,
    kind: 'ClusterRoleBinding',
    metadata: { name: spec.role, labels: { ...BOOTSTRAP_LABELS }, annotations: { ...BOOTSTRAP_ANNOTATIONS } },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: spec.role },
    ...(subjects.length > 0 ? { subjects } : {}),
  };
}
