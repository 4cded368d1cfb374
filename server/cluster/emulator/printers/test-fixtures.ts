/** Shared by the printer tests: a fixed clock and a builder for stored objects. */
import type { StoredObject } from '../meta/types.ts';
import type { PrintContext } from './types.ts';

export const NOW = Date.parse('2025-06-01T12:00:00Z');
export const ctx: PrintContext = { now: NOW };

const SECOND = 1000;
/** An RFC 3339 timestamp `d` ago, with units like `'90s'`, `'5m'`, `'3h'`, `'2d'`. */
export function ago(d: string): string {
  const m = /^(\d+)(s|m|h|d)$/.exec(d);
  if (!m) throw new Error(`bad duration ${d}`);
  const unit = { s: SECOND, m: 60 * SECOND, h: 3600 * SECOND, d: 86400 * SECOND }[m[2] as 's' | 'm' | 'h' | 'd'];
  return new Date(NOW - Number(m[1]) * unit).toISOString().replace('.000Z', 'Z');
}

let uid = 0;
/** A stored object of `apiVersion`/`kind`, created `age` ago, with the given metadata and body. */
export function obj(apiVersion: string, kind: string, meta: Partial<StoredObject['metadata']> & { name: string }, body: Record<string, unknown> = {}, age = '10d'): StoredObject {
  uid++;
  return {
    apiVersion,
    kind,
    metadata: { uid: `uid-${uid}`, resourceVersion: String(1000 + uid), creationTimestamp: ago(age), ...meta },
    ...body,
  };
}
