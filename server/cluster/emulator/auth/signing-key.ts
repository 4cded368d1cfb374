import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, type JsonWebKey, type KeyObject } from 'node:crypto';

export type SigningAlgorithm = 'ES256' | 'RS256';

/**
 * A cluster's ServiceAccount token signing key, in the form the cluster state persists (plain JSON).
 * EKS signs with RS256 (the embedded backend makes one such key and keeps it in the store); ES256 keys, generated in a millisecond, serve tests.
 */
export interface SigningKey {
  alg: SigningAlgorithm;
  /** Key ID put in every token header; derived from the public key. */
  kid: string;
  /** The private key as a JSON Web Key. */
  privateKey: JsonWebKey;
}

export function generateSigningKey(alg: SigningAlgorithm = 'ES256'): SigningKey {
  const { privateKey } =
    alg === 'ES256' ? generateKeyPairSync('ec', { namedCurve: 'P-256' }) : generateKeyPairSync('rsa', { modulusLength: 2048 });
  return signingKeyOf(alg, privateKey);
}

/** The stored form of a private key generated elsewhere (see embedded/cluster-secrets.ts). */
export function signingKeyOf(alg: SigningAlgorithm, privateKey: KeyObject): SigningKey {
  return { alg, kid: keyId(createPublicKey(privateKey)), privateKey: privateKey.export({ format: 'jwk' }) };
}

/** The public half as a JWK, for `/openid/v1/jwks` and OIDC discovery. */
export function publicJwk(key: SigningKey): JsonWebKey {
  return { ...keyObjects(key).public.export({ format: 'jwk' }), kid: key.kid, alg: key.alg, use: 'sig' };
}

interface KeyPair {
  private: KeyObject;
  public: KeyObject;
}

const cache = new WeakMap<SigningKey, KeyPair>();

/** Node key objects for a stored key, built once per key object. */
export function keyObjects(key: SigningKey): KeyPair {
  let pair = cache.get(key);
  if (!pair) {
    const priv = createPrivateKey({ key: key.privateKey, format: 'jwk' });
    pair = { private: priv, public: createPublicKey(priv) };
    cache.set(key, pair);
  }
  return pair;
}

/** URL-safe SHA-256 of the DER public key, the way upstream names its signing keys. */
function keyId(publicKey: KeyObject): string {
  return createHash('sha256').update(publicKey.export({ format: 'der', type: 'spki' })).digest('base64url');
}
