import type { UserInfo } from '../../meta/types.ts';
import type { ObjectStore } from '../../storage/object-store.ts';
import type { RequestAttributes } from '../attributes.ts';
import { aggregateMessages } from '../format.ts';
import { SYSTEM_MASTERS } from '../user.ts';
import { visitRules } from './resolver.ts';
import { ruleAllows } from './rules.ts';
import type { PolicyRule } from './types.ts';

/** An authorization decision: allowed or not, and the reason upstream would give (often ''). */
export interface Decision {
  allowed: boolean;
  reason: string;
}

export interface Authorizer {
  authorize(user: UserInfo, attrs: RequestAttributes): Decision;
}

/** `authorization.k8s.io/v1` ResourceRule and NonResourceRule, as SelfSubjectRulesReview returns them. */
export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

export interface SubjectRules {
  resourceRules: ResourceRule[];
  nonResourceRules: NonResourceRule[];
  incomplete: boolean;
  /** Set when some binding could not be resolved; the rules returned are still valid. */
  evaluationError?: string;
}

export interface RuleResolver {
  rulesFor(user: UserInfo, namespace: string): SubjectRules;
}

export interface RbacAuthorizerOptions {
  /** Groups allowed everything without RBAC, as kube-apiserver does for `system:masters`. */
  privilegedGroups?: readonly string[];
}

/**
 * The authorizer of one cluster: members of `system:masters` may do anything; everyone else is
 * decided by the Roles, ClusterRoles and bindings in `store`, read afresh on every call.
 */
export function createRbacAuthorizer(store: ObjectStore, options: RbacAuthorizerOptions = {}): Authorizer & RuleResolver {
  const privileged = options.privilegedGroups ?? [SYSTEM_MASTERS];
  return {
    authorize(user, attrs) {
      if (user.groups.some((g) => privileged.includes(g))) return { allowed: true, reason: '' };
      const problems: string[] = [];
      for (const visit of visitRules(store, user, attrs.kind === 'resource' ? (attrs.namespace ?? '') : '')) {
        if ('error' in visit) problems.push(visit.error);
        else if (ruleAllows(attrs, visit.rule)) return { allowed: true, reason: `RBAC: allowed by ${visit.source()}` };
      }
      return { allowed: false, reason: problems.length > 0 ? `RBAC: ${aggregateMessages(problems)}` : '' };
    },

    rulesFor(user, namespace) {
      const result: SubjectRules = { resourceRules: [], nonResourceRules: [], incomplete: false };
      const problems: string[] = [];
      for (const visit of visitRules(store, user, namespace)) {
        if ('error' in visit) {
          problems.push(visit.error);
          continue;
        }
        const { resourceRule, nonResourceRule } = split(visit.rule);
        if (resourceRule) result.resourceRules.push(resourceRule);
        if (nonResourceRule) result.nonResourceRules.push(nonResourceRule);
      }
      if (problems.length > 0) result.evaluationError = aggregateMessages(problems);
      return result;
    },
  };
}

/** A policy rule as the resource and non-resource halves rules reviews report; empty lists are left out. */
function split(rule: PolicyRule): { resourceRule?: ResourceRule; nonResourceRule?: NonResourceRule } {
  const present = (list: string[] | undefined) => (list && list.length > 0 ? [...list] : undefined);
  const out: { resourceRule?: ResourceRule; nonResourceRule?: NonResourceRule } = {};
  const resources = present(rule.resources);
  if (resources) {
    const apiGroups = present(rule.apiGroups);
    const resourceNames = present(rule.resourceNames);
    out.resourceRule = {
      verbs: [...(rule.verbs ?? [])],
      ...(apiGroups ? { apiGroups } : {}),
      resources,
      ...(resourceNames ? { resourceNames } : {}),
    };
  }
  const urls = present(rule.nonResourceURLs);
  if (urls) out.nonResourceRule = { verbs: [...(rule.verbs ?? [])], nonResourceURLs: urls };
  return out;
}
