import { sign, verify, type KeyObject } from 'node:crypto';
import { sortedJson } from './format.ts';
import { keyObjects, type SigningKey } from './signing-key.ts';

/** A compact JWS split into its parts; the payload is parsed but not yet trusted. */
export interface ParsedJwt {
  header: { alg?: unknown; kid?: unknown; [k: string]: unknown };
  payload: Record<string, unknown>;
  signingInput: string;
  signature: Buffer;
}

/** Signs claims as a compact JWS. Claims are serialised with sorted keys, as Go's JOSE library does. */
export function signJwt(key: SigningKey, claims: object): string {
  const header = b64(JSON.stringify({ alg: key.alg, kid: key.kid }));
  const input = `${header}.${b64(sortedJson(claims))}`;
  const signature = sign('sha256', Buffer.from(input), signOptions(key, keyObjects(key).private));
  return `${input}.${signature.toString('base64url')}`;
}

/** Splits and decodes a compact JWS; undefined when it is not one. */
export function parseJwt(token: string): ParsedJwt | undefined {
  if (token.trimStart().startsWith('{')) return undefined;
  const parts = token.split('.');
  if (parts.length !== 3) return undefined;
  try {
    const header = JSON.parse(Buffer.from(parts[0]!, 'base64url').toString('utf8'));
    const payload = JSON.parse(Buffer.from(parts[1]!, 'base64url').toString('utf8'));
    if (!isObject(header) || !isObject(payload)) return undefined;
    return { header, payload, signingInput: `${parts[0]}.${parts[1]}`, signature: Buffer.from(parts[2]!, 'base64url') };
  } catch {
    return undefined;
  }
}

/** True when `jwt` was signed by `key` with the key's algorithm. */
export function verifyJwt(jwt: ParsedJwt, key: SigningKey): boolean {
  if (jwt.header.alg !== key.alg) return false;
  try {
    return verify('sha256', Buffer.from(jwt.signingInput), signOptions(key, keyObjects(key).public), jwt.signature);
  } catch {
    return false;
  }
}

function signOptions(key: SigningKey, keyObject: KeyObject): KeyObject | { key: KeyObject; dsaEncoding: 'ieee-p1363' } {
  // JOSE carries ECDSA signatures as raw r||s, not DER.
  return key.alg === 'ES256' ? { key: keyObject, dsaEncoding: 'ieee-p1363' } : keyObject;
}

function b64(text: string): string {
  return Buffer.from(text, 'utf8').toString('base64url');
}

function isObject(v: unknown): v is Record<string, unknown> {
  return v !== null && typeof v === 'object' && !Array.isArray(v);
}
