/**
 * rbac.authorization.k8s.io/v1: subject and roleRef API groups defaulted, policy rules and bindings
 * validated as upstream's rbac validation does, and a binding's roleRef fixed once created.
 */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goQuote, goStruct } from '../shared/go.ts';
import { child, eachObject, isNil, isObj, list, objects, rec, str, type Json } from '../shared/json.ts';
import { validateLabelSelector } from '../shared/meta.ts';
import { isDNS1123Subdomain, isValidPathSegmentName } from '../shared/names.ts';

const GROUP = 'rbac.authorization.k8s.io';

function validateRule(rule: Json, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (list(rule.verbs).length === 0) errs.push(fe.required(`${field}.verbs`, 'verbs must contain at least one value'));
  const urls = list(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced) errs.push(fe.invalid(`${field}.nonResourceURLs`, urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (list(rule.apiGroups).length > 0 || list(rule.resources).length > 0 || list(rule.resourceNames).length > 0) {
      errs.push(fe.invalid(`${field}.nonResourceURLs`, urls, 'rules cannot apply to both regular resources and non-resource URLs'));
    }
    return errs;
  }
  if (list(rule.apiGroups).length === 0) errs.push(fe.required(`${field}.apiGroups`, 'resource rules must supply at least one api group'));
  if (list(rule.resources).length === 0) errs.push(fe.required(`${field}.resources`, 'resource rules must supply at least one resource'));
  return errs;
}

function roleStrategy(namespaced: boolean): Strategy {
  return {
    validate(obj) {
      const errs: FieldError[] = [];
      objects(obj.rules).forEach((r, i) => errs.push(...validateRule(r, namespaced, `rules[${i}]`)));
      if (!namespaced && isObj(obj.aggregationRule)) {
        const selectors = objects(obj.aggregationRule.clusterRoleSelectors);
        if (selectors.length === 0) {
          errs.push(fe.required('aggregationRule.clusterRoleSelectors', 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
        }
        selectors.forEach((s, i) => errs.push(...validateLabelSelector(s, `aggregationRule.clusterRoleSelectors[${i}]`)));
      }
      return errs;
    },
  };
}

function validateSubject(s: Json, namespaced: boolean, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = str(s.name);
  if (!name) errs.push(fe.required(`${field}.name`));
  const group = str(s.apiGroup);
  switch (str(s.kind)) {
    case 'ServiceAccount':
      if (name) errs.push(...isDNS1123Subdomain(name).map((m) => fe.invalid(`${field}.name`, name, m)));
      if (group) errs.push(fe.notSupported(`${field}.apiGroup`, group, ['']));
      if (!namespaced && !str(s.namespace)) errs.push(fe.required(`${field}.namespace`));
      break;
    case 'User':
    case 'Group':
      if (group !== GROUP) errs.push(fe.notSupported(`${field}.apiGroup`, group, [GROUP]));
      break;
    default:
      errs.push(fe.notSupported(`${field}.kind`, str(s.kind), ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function roleRefRepr(ref: Json): string {
  return goStruct('rbac.RoleRef', [
    ['APIGroup', goQuote(str(ref.apiGroup))],
    ['Kind', goQuote(str(ref.kind))],
    ['Name', goQuote(str(ref.name))],
  ]);
}

function bindingStrategy(namespaced: boolean): Strategy {
  return {
    defaults(obj) {
      const ref = child(obj, 'roleRef');
      if (!str(ref.apiGroup)) ref.apiGroup = GROUP;
      eachObject(obj, 'subjects', (s) => {
        if (!isNil(s.apiGroup) && s.apiGroup !== '') return;
        if (s.kind === 'ServiceAccount') s.apiGroup = '';
        if (s.kind === 'User' || s.kind === 'Group') s.apiGroup = GROUP;
      });
      eachObject(obj, 'subjects', (s) => {
        if (s.apiGroup === '') delete s.apiGroup;
      });
    },
    validate(obj, old) {
      const errs: FieldError[] = [];
      const ref = rec(obj.roleRef);
      if (str(ref.apiGroup) !== GROUP) errs.push(fe.notSupported('roleRef.apiGroup', str(ref.apiGroup), [GROUP]));
      const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
      if (!kinds.includes(str(ref.kind))) errs.push(fe.notSupported('roleRef.kind', str(ref.kind), kinds));
      const name = str(ref.name);
      if (!name) errs.push(fe.required('roleRef.name'));
      else errs.push(...isValidPathSegmentName(name).map((m) => fe.invalid('roleRef.name', name, m)));
      objects(obj.subjects).forEach((s, i) => errs.push(...validateSubject(s, namespaced, `subjects[${i}]`)));
      if (old) {
        const before = rec(old.roleRef);
        if (str(before.apiGroup) !== str(ref.apiGroup) || str(before.kind) !== str(ref.kind) || str(before.name) !== str(ref.name)) {
          errs.push(fe.invalidRaw('roleRef', roleRefRepr(ref), 'cannot change roleRef'));
        }
      }
      return errs;
    },
  };
}

export function rbacStrategy({ def }: KindContext): Strategy {
  switch (def.kind) {
    case 'Role':
      return roleStrategy(true);
    case 'ClusterRole':
      return roleStrategy(false);
    case 'RoleBinding':
      return bindingStrategy(true);
    default:
      return bindingStrategy(false);
  }
}
