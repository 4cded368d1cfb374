/**
 * For lab authors: `labs/<lab>/validators/<name>.ts` default-exports `defineValidator(async (ctx) => …)`,
 * returning sub-results (each says what was expected and what was seen).
 *
 * ```ts
 * import { defineValidator } from '../../../server/validators/define.ts';
 * export default defineValidator(async ({ cluster }) => {
 *   const svc = await cluster.get({ kind: 'Service', name: 'web' });
 *   return [{ ok: svc !== undefined, subject: 'service/web', expected: 'a Service named web', seen: svc ? 'it exists' : 'none' }];
 * });
 * ```
 */
import type { ValidatorFn } from './types.ts';

export type { ValidatorFn };
export type { ClusterReader, K8sObject, ObjectRef, SubResult } from './types.ts';

/** Marks a function as a validator (types its context); the function itself is returned unchanged. */
export function defineValidator(fn: ValidatorFn): ValidatorFn {
  return fn;
}
