import { errors } from '../../meta/errors.ts';
import type { KubeObject, UserInfo } from '../../meta/types.ts';
import type { RuleResolver } from '../rbac/authorizer.ts';

/**
 * `POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews` (`kubectl auth can-i --list`):
 * every rule that applies to the requesting user in `spec.namespace`, one entry per policy rule.
 */
export function selfSubjectRulesReview(resolver: RuleResolver, user: UserInfo, body: KubeObject): KubeObject {
  const namespace = (body.spec as { namespace?: string } | undefined)?.namespace ?? '';
  if (!namespace) throw errors.badRequest('no namespace on request');
  const rules = resolver.rulesFor(user, namespace);
  return {
    kind: 'SelfSubjectRulesReview',
    apiVersion: 'authorization.k8s.io/v1',
    // Upstream answers with a fresh object: the spec is not echoed.
    metadata: { creationTimestamp: null },
    spec: {},
    status: {
      resourceRules: rules.resourceRules,
      nonResourceRules: rules.nonResourceRules,
      incomplete: rules.incomplete,
      ...(rules.evaluationError ? { evaluationError: rules.evaluationError } : {}),
    },
  };
}
