import { describe, expect, it } from 'vitest';
import { parseJwt, signJwt, verifyJwt } from './jwt.ts';
import { generateSigningKey, publicJwk, type SigningKey } from './signing-key.ts';

describe('signing keys', () => {
  it('survive a JSON round trip, as the cluster state stores them', () => {
    const key = generateSigningKey();
    const restored = JSON.parse(JSON.stringify(key)) as SigningKey;
    const token = signJwt(key, { sub: 'x', aud: ['a'] });
    expect(verifyJwt(parseJwt(token)!, restored)).toBe(true);
    expect(verifyJwt(parseJwt(signJwt(restored, { sub: 'y' }))!, key)).toBe(true);
    expect(verifyJwt(parseJwt(token)!, generateSigningKey())).toBe(false);
  });

  it('publish only their public half, named by kid', () => {
    const key = generateSigningKey();
    const jwk = publicJwk(key);
    expect(jwk).toMatchObject({ kty: 'EC', crv: 'P-256', kid: key.kid, alg: 'ES256', use: 'sig' });
    expect(jwk).not.toHaveProperty('d');
    expect(key.kid).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it('serialise claims with sorted keys, as Go does', () => {
    const token = signJwt(generateSigningKey(), { sub: 's', aud: ['a'], 'kubernetes.io': { serviceaccount: { uid: 'u', name: 'n' }, namespace: 'ns' } });
    expect(Buffer.from(token.split('.')[1]!, 'base64url').toString()).toBe('{"aud":["a"],"kubernetes.io":{"namespace":"ns","serviceaccount":{"name":"n","uid":"u"}},"sub":"s"}');
  });
});
