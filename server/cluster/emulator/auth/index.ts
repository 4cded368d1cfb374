/**
 * Authentication and authorization of the emulated API server.
 *
 * Per request, the HTTP layer:
 * 1. `authenticator.authenticate({ authorization, path })` → the UserInfo, or a thrown 401 ApiError
 *    (bad token; or no token on a path anonymous users may not reach — EKS 1.32 allows only health checks).
 * 2. `authorizer.authorize(user, requestAttributes(parseRequestInfo(...)))` → `{ allowed, reason }`;
 *    when not allowed, answer `forbiddenError(user, attrs, reason).toStatus()` (403).
 * Review endpoints and TokenRequest are pure handlers in `reviews` and `issueServiceAccountToken`.
 */
export { requestAttributes, type NonResourceAttributes, type RequestAttributes, type ResourceAttributes } from './attributes.ts';
export {
  bearerToken,
  createAuthenticator,
  websocketToken,
  EKS_ANONYMOUS_PATHS,
  EKS_API_AUDIENCES,
  InvalidTokenError,
  type AuthenticatedToken,
  type Authenticator,
  type AuthenticatorOptions,
  type RequestCredentials,
  type TokenAuthenticator,
  type TokenCheck,
} from './authenticator.ts';
export { adminToken, staticTokenAuthenticator, type StaticToken } from './static-token.ts';
export { generateSigningKey, publicJwk, type SigningAlgorithm, type SigningKey } from './signing-key.ts';
export {
  eksIssuer,
  serviceAccountClaims,
  signServiceAccountToken,
  type ServiceAccountClaims,
  type ServiceAccountTokenConfig,
  type TokenBinding,
} from './service-account-claims.ts';
export { serviceAccountTokenAuthenticator } from './service-account-authenticator.ts';
export { issueServiceAccountToken, type TokenRequestDeps, type TokenRequestResult } from './token-request.ts';
export {
  createRbacAuthorizer,
  type Authorizer,
  type Decision,
  type NonResourceRule,
  type RbacAuthorizerOptions,
  type ResourceRule,
  type RuleResolver,
  type SubjectRules,
} from './rbac/authorizer.ts';
export { ruleAllows } from './rbac/rules.ts';
export { aggregatedRules } from './rbac/aggregation.ts';
export { clusterRoleAggregationController } from './rbac/aggregation-controller.ts';
export type { BindingObject, PolicyRule, RoleObject, Subject } from './rbac/types.ts';
export { forbiddenError } from './forbidden.ts';
export { impersonate, impersonationRequest, type ImpersonationRequest } from './impersonation.ts';
export { reviews } from './reviews/index.ts';
export { bootstrapPolicy, type BootstrapPolicy } from './bootstrap/policy.ts';
export * from './user.ts';
