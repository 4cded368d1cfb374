import { ApiError, errors } from '../meta/errors.ts';
import type { UserInfo } from '../meta/types.ts';
import { aggregateMessages } from './format.ts';
import { anonymousUser, withAuthenticatedGroup } from './user.ts';

/** A user a token stands for, and the audiences the token is valid for. */
export interface AuthenticatedToken {
  user: UserInfo;
  audiences?: string[];
}

/**
 * One way of turning a bearer token into a user: a static token list, ServiceAccount JWTs, and
 * later EKS's `k8s-aws-v1.` IAM tokens. Add one to the chain by passing it to `createAuthenticator`.
 */
export interface TokenAuthenticator {
  readonly name: string;
  /**
   * True when the authenticator checks `audiences` itself (JWTs). Others are treated as valid
   * for the API server's own audiences only, as upstream wraps audience-agnostic authenticators.
   */
  readonly audienceAware?: boolean;
  /**
   * The user behind `token`; undefined when the token is not of this authenticator's kind.
   * Throws `InvalidTokenError` for a token of its kind that fails validation.
   */
  authenticate(token: string, audiences: readonly string[]): AuthenticatedToken | undefined;
}

/** A 401 for a token that an authenticator recognised but rejected; `detail` says why (TokenReview shows it). */
export class InvalidTokenError extends ApiError {
  constructor(readonly detail: string) {
    super(401, 'Unauthorized', 'Unauthorized');
  }
}

/** The paths EKS 1.32 lets anonymous requests reach; every other anonymous request gets 401. */
export const EKS_ANONYMOUS_PATHS: readonly string[] = ['/healthz', '/livez', '/readyz'];

/** The audiences an EKS API server accepts in ServiceAccount tokens (`--api-audiences`). */
export const EKS_API_AUDIENCES: readonly string[] = ['https://kubernetes.default.svc'];

export interface AuthenticatorOptions {
  /** Tried in order; the first that accepts a token wins. */
  tokenAuthenticators: readonly TokenAuthenticator[];
  /** The API server's audiences; tokens must be meant for one of them. Default: EKS's. */
  apiAudiences?: readonly string[];
  /**
   * Requests without credentials: `'none'` rejects them all (401), `'all'` makes every one
   * `system:anonymous` (upstream's default), `{ paths }` only those exact paths. Default: EKS 1.32's health endpoints.
   */
  anonymous?: 'none' | 'all' | { paths: readonly string[] };
}

/** What authentication reads from an HTTP request. */
export interface RequestCredentials {
  /** The `Authorization` header, if any. */
  authorization?: string | null | undefined;
  /** The URL path without query, for the anonymous-path check. */
  path: string;
  /** `Sec-WebSocket-Protocol` of an upgrade request: browsers pass a token as `base64url.bearer.authorization.k8s.io.<token>`. */
  websocketProtocols?: string | null | undefined;
}

/** The outcome of checking one token: a value, not an exception (TokenReview reports both sides). */
export type TokenCheck =
  | { authenticated: true; user: UserInfo; audiences: string[] }
  | { authenticated: false; error: string };

export interface Authenticator {
  /** The user of an HTTP request. Throws a 401 ApiError (`Unauthorized`) when there is none. */
  authenticate(request: RequestCredentials): UserInfo;
  /** Checks a bare token against the chain for the given audiences (default: the API's), as TokenReview does. */
  checkToken(token: string, audiences?: readonly string[]): TokenCheck;
  readonly apiAudiences: readonly string[];
}

/**
 * The authentication chain of one cluster: bearer tokens through `tokenAuthenticators`, then the
 * anonymous user where allowed. Authenticated users get `system:authenticated` added.
 */
export function createAuthenticator(options: AuthenticatorOptions): Authenticator {
  const apiAudiences = options.apiAudiences ?? EKS_API_AUDIENCES;
  const anonymous = options.anonymous ?? { paths: EKS_ANONYMOUS_PATHS };
  const anonymousAllowed = (path: string) =>
    anonymous === 'all' || (anonymous !== 'none' && anonymous.paths.includes(path));

  function checkToken(token: string, audiences: readonly string[] = apiAudiences): TokenCheck {
    const problems: string[] = [];
    for (const authenticator of options.tokenAuthenticators) {
      let result: AuthenticatedToken | undefined;
      try {
        if (!authenticator.audienceAware && audiences.length > 0 && intersect(audiences, apiAudiences).length === 0) continue;
        result = authenticator.authenticate(token, audiences);
      } catch (e) {
        if (e instanceof InvalidTokenError) {
          problems.push(e.detail);
          continue;
        }
        throw e;
      }
      if (!result) continue;
      const granted = authenticator.audienceAware ? (result.audiences ?? []) : intersect(audiences, apiAudiences);
      return { authenticated: true, user: withAuthenticatedGroup(result.user), audiences: granted };
    }
    return { authenticated: false, error: problems.length > 0 ? aggregateMessages(problems) : 'invalid bearer token' };
  }

  return {
    apiAudiences,
    checkToken,
    authenticate(request) {
      const token = bearerToken(request.authorization) ?? websocketToken(request.websocketProtocols);
      if (token !== undefined) {
        const check = checkToken(token);
        if (check.authenticated) return check.user;
        throw new InvalidTokenError(check.error);
      }
      if (anonymousAllowed(request.path)) return anonymousUser;
      throw errors.unauthorized();
    },
  };
}

/** The token of `Authorization: Bearer <token>`, as upstream reads it; undefined for anything else. */
export function bearerToken(header: string | null | undefined): string | undefined {
  const value = (header ?? '').trim();
  if (value === '') return undefined;
  const parts = value.split(' ');
  if (parts.length < 2 || parts[0]!.toLowerCase() !== 'bearer') return undefined;
  const token = parts[1]!;
  return token === '' ? undefined : token;
}

const WEBSOCKET_TOKEN_PREFIX = 'base64url.bearer.authorization.k8s.io.';

/** The token a WebSocket client put among its subprotocols (unpadded base64url), if any. */
export function websocketToken(protocols: string | null | undefined): string | undefined {
  for (const p of (protocols ?? '').split(',')) {
    const protocol = p.trim();
    if (!protocol.startsWith(WEBSOCKET_TOKEN_PREFIX)) continue;
    const encoded = protocol.slice(WEBSOCKET_TOKEN_PREFIX.length);
    const token = /^[A-Za-z0-9_-]+$/.test(encoded) ? Buffer.from(encoded, 'base64url').toString('utf8') : '';
    return token === '' ? undefined : token;
  }
  return undefined;
}

function intersect(a: readonly string[], b: readonly string[]): string[] {
  return a.filter((x) => b.includes(x));
}
