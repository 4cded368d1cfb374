import { errors } from '../../meta/errors.ts';
import { formatTime } from '../../meta/time.ts';
import type { KubeObject, UserInfo } from '../../meta/types.ts';
import type { Authenticator } from '../authenticator.ts';

/** `POST /apis/authentication.k8s.io/v1/selfsubjectreviews` (`kubectl auth whoami`): who the requester is. */
export function selfSubjectReview(user: UserInfo, now: number): KubeObject {
  return {
    kind: 'SelfSubjectReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { creationTimestamp: formatTime(now) },
    status: { userInfo: userInfo(user) },
  };
}

/**
 * `POST /apis/authentication.k8s.io/v1/tokenreviews`: whom a token authenticates, for the audiences
 * in the spec (default: the API server's). A rejected token is an answer, not an error.
 */
export function tokenReview(authenticator: Authenticator, body: KubeObject): KubeObject {
  const spec = (body.spec ?? {}) as { token?: string; audiences?: string[] | null };
  if (!spec.token) throw errors.badRequest('token is required for TokenReview in authentication');
  const audiences = spec.audiences && spec.audiences.length > 0 ? spec.audiences : authenticator.apiAudiences;
  const check = authenticator.checkToken(spec.token, audiences);
  if (check.authenticated && audiences.length > 0 && !check.audiences.some((a) => audiences.includes(a))) {
    throw errors.internal('error validating audience');
  }
  const status = check.authenticated
    ? { authenticated: true, user: userInfo(check.user), ...(check.audiences.length > 0 ? { audiences: check.audiences } : {}) }
    : { user: {}, error: check.error };
  return {
    kind: 'TokenReview',
    apiVersion: 'authentication.k8s.io/v1',
    metadata: { ...(body.metadata ?? {}), creationTimestamp: null },
    spec: body.spec ?? {},
    status,
  };
}

/** `authentication.k8s.io/v1` UserInfo: empty fields left out, extra keys in sorted order. */
function userInfo(user: UserInfo): Record<string, unknown> {
  const extraKeys = Object.keys(user.extra ?? {}).sort();
  return {
    username: user.username,
    ...(user.uid ? { uid: user.uid } : {}),
    ...(user.groups.length > 0 ? { groups: [...user.groups] } : {}),
    ...(extraKeys.length > 0 ? { extra: Object.fromEntries(extraKeys.map((k) => [k, [...user.extra![k]!]])) } : {}),
  };
}
