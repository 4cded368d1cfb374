import type { IncomingHttpHeaders } from 'node:http';
import { errors } from '../meta/errors.ts';
import type { UserInfo } from '../meta/types.ts';
import type { ResourceAttributes } from './attributes.ts';
import { forbiddenError } from './forbidden.ts';
import type { Authorizer } from './rbac/authorizer.ts';
import { ALL_AUTHENTICATED, ALL_UNAUTHENTICATED, ANONYMOUS, parseServiceAccountUsername, serviceAccountGroups } from './user.ts';

/** What a request asks to act as (`kubectl --as`, `--as-group`, `--as-uid`). */
export interface ImpersonationRequest {
  user: string;
  groups: string[];
  uid?: string;
  extra: Record<string, string[]>;
}

const EXTRA = 'impersonate-extra-';

/** The impersonation headers of a request; undefined when there are none. 400 for groups or extras without a user. */
export function impersonationRequest(headers: IncomingHttpHeaders): ImpersonationRequest | undefined {
  const values = (name: string): string[] => {
    const v = headers[name];
    return v === undefined ? [] : Array.isArray(v) ? v : v.split(',').map((s) => s.trim());
  };
  const user = headers['impersonate-user'];
  const groups = values('impersonate-group');
  const uid = headers['impersonate-uid'];
  const extra: Record<string, string[]> = {};
  for (const name of Object.keys(headers)) {
    if (name.startsWith(EXTRA)) extra[decodeURIComponent(name.slice(EXTRA.length))] = values(name);
  }
  const asked = groups.length > 0 || uid !== undefined || Object.keys(extra).length > 0;
  if (typeof user !== 'string' || user === '') {
    if (asked) throw errors.badRequest('requested impersonation of groups, uid or extra without impersonating a user');
    return undefined;
  }
  return { user, groups, ...(typeof uid === 'string' ? { uid } : {}), extra };
}

/**
 * The user a request acts as, as kube-apiserver's impersonation filter decides: the caller must be allowed
 * to `impersonate` the user (or ServiceAccount), each group, the uid and each extra value, else 403 in the
 * usual words (`users "jane" is forbidden: User "bob" cannot impersonate resource "users" …`). A
 * ServiceAccount gets its groups unless groups are given; everyone but anonymous is `system:authenticated`.
 */
export function impersonate(authorizer: Authorizer, caller: UserInfo, wanted: ImpersonationRequest): UserInfo {
  const check = (attrs: Omit<ResourceAttributes, 'kind' | 'verb'>) => {
    const full: ResourceAttributes = { kind: 'resource', verb: 'impersonate', ...attrs };
    const decision = authorizer.authorize(caller, full);
    if (!decision.allowed) throw forbiddenError(caller, full, decision.reason);
  };
  const sa = parseServiceAccountUsername(wanted.user);
  let groups = [...wanted.groups];
  if (sa) {
    check({ group: '', resource: 'serviceaccounts', namespace: sa.namespace, name: sa.name });
    if (groups.length === 0) groups = serviceAccountGroups(sa.namespace);
  } else {
    check({ group: '', resource: 'users', name: wanted.user });
  }
  for (const group of wanted.groups) check({ group: '', resource: 'groups', name: group });
  if (wanted.uid !== undefined) check({ group: 'authentication.k8s.io', resource: 'uids', name: wanted.uid });
  for (const [key, values] of Object.entries(wanted.extra)) {
    for (const value of values) check({ group: 'authentication.k8s.io', resource: 'userextras', subresource: key, name: value });
  }
  if (wanted.user !== ANONYMOUS) {
    if (!groups.includes(ALL_AUTHENTICATED) && !groups.includes(ALL_UNAUTHENTICATED)) groups.push(ALL_AUTHENTICATED);
  } else if (!groups.includes(ALL_UNAUTHENTICATED)) {
    groups.push(ALL_UNAUTHENTICATED);
  }
  return {
    username: wanted.user,
    groups,
    ...(wanted.uid !== undefined ? { uid: wanted.uid } : {}),
    ...(Object.keys(wanted.extra).length > 0 ? { extra: wanted.extra } : {}),
  };
}
