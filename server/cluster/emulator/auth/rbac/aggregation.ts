import { fromLabelSelector, matches } from '../../meta/selectors.ts';
import type { PolicyRule, RoleObject } from './types.ts';

/**
 * The rules an aggregated ClusterRole should hold: for each of its selectors in turn, the rules of
 * the matching ClusterRoles (by name, itself excluded), each rule once. Undefined for a role without
 * an `aggregationRule`.
 */
export function aggregatedRules(role: RoleObject, all: readonly RoleObject[]): PolicyRule[] | undefined {
  const selectors = role.aggregationRule?.clusterRoleSelectors;
  if (!role.aggregationRule) return undefined;
  const byName = [...all].sort((a, b) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : 1));
  const rules: PolicyRule[] = [];
  for (const selector of selectors ?? []) {
    const requirements = fromLabelSelector(selector);
    if (!requirements) continue;
    for (const other of byName) {
      if (other.metadata.name === role.metadata.name || !matches(requirements, other.metadata.labels)) continue;
      for (const rule of other.rules ?? []) {
        if (!rules.some((r) => sameRule(r, rule))) rules.push(rule);
      }
    }
  }
  return rules;
}

/** Rule equality as upstream's semantic comparison: field by field, a missing list equal to an empty one. */
export function sameRule(a: PolicyRule, b: PolicyRule): boolean {
  const keys = ['verbs', 'apiGroups', 'resources', 'resourceNames', 'nonResourceURLs'] as const;
  return keys.every((k) => sameList(a[k], b[k]));
}

export function sameRules(a: readonly PolicyRule[] | null | undefined, b: readonly PolicyRule[] | null | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((r, i) => sameRule(r, y[i]!));
}

function sameList(a: readonly string[] | undefined, b: readonly string[] | undefined): boolean {
  const x = a ?? [];
  const y = b ?? [];
  return x.length === y.length && x.every((v, i) => v === y[i]);
}
