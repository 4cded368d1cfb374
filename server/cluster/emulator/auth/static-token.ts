import { createHash } from 'node:crypto';
import type { UserInfo } from '../meta/types.ts';
import type { TokenAuthenticator } from './authenticator.ts';
import { SYSTEM_MASTERS } from './user.ts';

/** One fixed token and the user it stands for (upstream's `--token-auth-file` line). */
export interface StaticToken {
  token: string;
  user: UserInfo;
}

/**
 * The kubeconfig token of a cluster's administrator: on EKS the cluster creator, who is mapped to
 * `system:masters`. The user name is configurable (an IAM ARN on EKS; `kubernetes-admin` by default).
 */
export function adminToken(token: string, username = 'kubernetes-admin', uid?: string): StaticToken {
  return { token, user: { username, ...(uid ? { uid } : {}), groups: [SYSTEM_MASTERS] } };
}

/** Authenticates a fixed list of tokens. Unknown tokens are left to the next authenticator. */
export function staticTokenAuthenticator(tokens: readonly StaticToken[]): TokenAuthenticator {
  // Look up by digest so that comparing a guess costs the same whatever its prefix.
  const byDigest = new Map(tokens.map((t) => [digest(t.token), t.user]));
  return {
    name: 'static-token',
    authenticate(token) {
      const user = byDigest.get(digest(token));
      return user ? { user: structuredClone(user) } : undefined;
    },
  };
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64');
}
