/** A service account token shaped as EKS issues them (claims and all), for when no signing key is wired in. */
import { createHash } from 'node:crypto';
import { rec, str } from './cluster-reader.ts';
import type { TokenRequest } from './volumes.ts';

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

export function unsignedToken(req: TokenRequest, now: number, region: string): string {
  const meta = rec(req.pod.metadata);
  const iat = Math.floor(Date.parse(str(meta.creationTimestamp)) / 1000) || Math.floor(now / 1000);
  const oidc = createHash('sha256').update(`${region}/oidc`).digest('hex').slice(0, 32).toUpperCase();
  const claims = {
    aud: [req.audience ?? 'https://kubernetes.default.svc'],
    exp: iat + req.expirationSeconds,
    iat,
    iss: `https://oidc.eks.${region}.amazonaws.com/id/${oidc}`,
    jti: createHash('sha256').update(`${str(meta.uid)}/jti`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5'),
    'kubernetes.io': {
      namespace: req.namespace,
      node: { name: str(rec(req.pod.spec).nodeName), uid: createHash('sha256').update(str(rec(req.pod.spec).nodeName)).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5') },
      pod: { name: str(meta.name), uid: str(meta.uid) },
      serviceaccount: { name: req.serviceAccount, uid: createHash('sha256').update(`${req.namespace}/${req.serviceAccount}`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12}).*/, '$1-$2-$3-$4-$5') },
      warnafter: iat + 3607,
    },
    nbf: iat,
    sub: `system:serviceaccount:${req.namespace}:${req.serviceAccount}`,
  };
  const header = { alg: 'RS256', kid: createHash('sha256').update(`${region}/kid`).digest('hex').slice(0, 40) };
  const signature = createHash('sha512').update(JSON.stringify(claims)).digest().toString('base64url').repeat(4).slice(0, 342);
  return `${b64(header)}.${b64(claims)}.${signature}`;
}
