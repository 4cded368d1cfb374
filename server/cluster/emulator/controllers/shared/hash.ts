/**
 * Names derived from content, as upstream derives pod-template-hash and ControllerRevision names:
 * a 32-bit FNV hash printed in decimal, then "safe-encoded" into an alphabet without vowels.
 *
 * Upstream hashes Go structs through a pretty-printer (`DeepHashObject`), which cannot be reproduced
 * byte for byte outside Go; here the template is hashed as canonical JSON (keys sorted). The result has
 * upstream's form (`5d4f8b7c9d`-like, stable for a given template, changing when it changes).
 */

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** `rand.SafeEncodeString`: each character maps to the alphabet by its code modulo 27. */
export function safeEncodeString(s: string): string {
  let out = '';
  for (const ch of s) out += SAFE_ALPHABET[(ch.codePointAt(0) ?? 0) % SAFE_ALPHABET.length];
  return out;
}

export type FnvVariant = '1' | '1a';

/** FNV-1 or FNV-1a, 32 bits, over bytes. */
export function fnv32(bytes: Uint8Array, variant: FnvVariant = '1a', seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (const b of bytes) {
    if (variant === '1a') {
      h ^= b;
      h = Math.imul(h, 0x01000193) >>> 0;
    } else {
      h = Math.imul(h, 0x01000193) >>> 0;
      h ^= b;
    }
  }
  return h >>> 0;
}

const encoder = new TextEncoder();

/** JSON with object keys sorted at every level, as Go's encoding/json writes maps. */
export function canonicalJson(v: unknown): string {
  if (v === undefined) return 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : canonicalJson(x))).join(',')}]`;
  if (v && typeof v === 'object') {
    const entries = Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(v);
}

/** `controller.ComputeHash`: the pod-template-hash of a template, salted by a collision count. */
export function computeHash(template: unknown, collisionCount?: number): string {
  const body = encoder.encode(canonicalJson(template));
  let bytes = body;
  if (collisionCount !== undefined && collisionCount !== null) {
    const salt = new Uint8Array(8);
    new DataView(salt.buffer).setUint32(0, collisionCount >>> 0, true);
    bytes = new Uint8Array(body.length + 8);
    bytes.set(body);
    bytes.set(salt, body.length);
  }
  return safeEncodeString(String(fnv32(bytes, '1a')));
}

/** `history.HashControllerRevision`: FNV-1 over the revision's raw data, then the collision count in decimal. */
export function hashRevisionData(raw: string, collisionCount?: number): string {
  const tail = collisionCount !== undefined && collisionCount !== null ? String(collisionCount) : '';
  return safeEncodeString(String(fnv32(encoder.encode(raw + tail), '1')));
}
