import type { KubeObject } from '../../meta/types.ts';
import type { ResourceKey } from '../../storage/object-store.ts';

/** The shapes of `rbac.authorization.k8s.io/v1` objects as the authorizer reads them from storage. */
export const RBAC_GROUP = 'rbac.authorization.k8s.io';

export const ROLES: ResourceKey = { group: RBAC_GROUP, resource: 'roles' };
export const ROLE_BINDINGS: ResourceKey = { group: RBAC_GROUP, resource: 'rolebindings' };
export const CLUSTER_ROLES: ResourceKey = { group: RBAC_GROUP, resource: 'clusterroles' };
export const CLUSTER_ROLE_BINDINGS: ResourceKey = { group: RBAC_GROUP, resource: 'clusterrolebindings' };

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

export interface RoleRef {
  apiGroup: string;
  kind: string;
  name: string;
}

export interface LabelSelectorLike {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** Role or ClusterRole. */
export interface RoleObject extends KubeObject {
  rules?: PolicyRule[] | null;
  aggregationRule?: { clusterRoleSelectors?: LabelSelectorLike[] | null } | null;
}

/** RoleBinding or ClusterRoleBinding. */
export interface BindingObject extends KubeObject {
  subjects?: Subject[] | null;
  roleRef: RoleRef;
}
