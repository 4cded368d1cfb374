import type { UserInfo } from '../../meta/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import { goQuote } from '../format.ts';
import { serviceAccountUsername } from '../user.ts';
import { CLUSTER_ROLE_BINDINGS, CLUSTER_ROLES, ROLE_BINDINGS, ROLES, type BindingObject, type PolicyRule, type RoleObject, type RoleRef, type Subject } from './types.ts';

/** One step of rule resolution: a rule and where it came from, or a binding that could not be resolved. */
export type RuleVisit = { rule: PolicyRule; source: () => string } | { error: string };

/**
 * Every rule that applies to `user` in `namespace`, as upstream's rule resolver visits them:
 * ClusterRoleBindings first, then (for a namespace) the RoleBindings in it. A binding whose role
 * is missing yields an error instead. Lazy, so a caller can stop at the first rule that allows.
 */
export function* visitRules(store: ObjectStore, user: UserInfo, namespace: string): Generator<RuleVisit> {
  for (const obj of store.list(CLUSTER_ROLE_BINDINGS)) {
    const binding = obj as BindingObject;
    const subject = appliesTo(user, binding.subjects, '');
    if (!subject) continue;
    const rules = roleRules(store, binding.roleRef, '');
    if (typeof rules === 'string') {
      yield { error: rules };
      continue;
    }
    const source = () =>
      `ClusterRoleBinding ${goQuote(binding.metadata.name ?? '')} of ${binding.roleRef.kind} ${goQuote(binding.roleRef.name)} to ${describeSubject(subject, '')}`;
    for (const rule of rules) yield { rule, source };
  }
  if (!namespace) return;
  for (const obj of store.list(ROLE_BINDINGS, namespace)) {
    const binding = obj as BindingObject;
    const subject = appliesTo(user, binding.subjects, namespace);
    if (!subject) continue;
    const rules = roleRules(store, binding.roleRef, namespace);
    if (typeof rules === 'string') {
      yield { error: rules };
      continue;
    }
    const source = () =>
      `RoleBinding ${goQuote(`${binding.metadata.name}/${namespace}`)} of ${binding.roleRef.kind} ${goQuote(binding.roleRef.name)} to ${describeSubject(subject, namespace)}`;
    for (const rule of rules) yield { rule, source };
  }
}

/** The rules of a binding's role, or the message of the lookup that failed. */
function roleRules(store: ObjectStore, ref: RoleRef, bindingNamespace: string): PolicyRule[] | string {
  switch (ref.kind) {
    case 'Role': {
      const role = bindingNamespace ? (store.get(ROLES, bindingNamespace, ref.name) as RoleObject | undefined) : undefined;
      return role ? (role.rules ?? []) : `role.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`;
    }
    case 'ClusterRole': {
      const role = store.get(CLUSTER_ROLES, undefined, ref.name) as RoleObject | undefined;
      return role ? (role.rules ?? []) : `clusterrole.rbac.authorization.k8s.io ${goQuote(ref.name)} not found`;
    }
    default:
      return `unsupported role reference kind: ${goQuote(ref.kind)}`;
  }
}

/** The first subject of a binding that is `user`; ServiceAccount subjects default to the binding's namespace. */
export function appliesTo(user: UserInfo, subjects: Subject[] | null | undefined, namespace: string): Subject | undefined {
  return (subjects ?? []).find((s) => {
    switch (s.kind) {
      case 'User':
        return user.username === s.name;
      case 'Group':
        return user.groups.includes(s.name);
      case 'ServiceAccount': {
        const ns = s.namespace || namespace;
        return ns !== '' && user.username === serviceAccountUsername(ns, s.name);
      }
      default:
        return false;
    }
  });
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${goQuote(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${goQuote(s.name)}`;
}
