/**
 * What server-side apply refuses before it merges: a configuration that does not fit its type. Upstream
 * converts the configuration to a typed value (structured-merge-diff) and fails on fields the schema does
 * not declare, whatever `fieldValidation` says; kube-apiserver passes that error on as a 500 without a
 * reason, so kubectl prints `Error from server: failed to create typed patch object (<gvk>): …`.
 */
import { ApiError } from '../meta/errors.ts';
import { describePath, fieldPE } from './apply-fieldset.ts';
import { childSlot, itemPE, TypedValueError, type Slot } from './apply-typed.ts';
import { isObject } from './merge-patch.ts';

/** Paths (as path elements) of the fields `value` sets that the schema at `slot` does not declare. */
export function undeclaredFields(value: unknown, slot: Slot, path: string[] = [], out: string[][] = []): string[][] {
  const node = slot.node;
  if (!node || node.preservesUnknownFields) return out;
  if (Array.isArray(value)) {
    const items = node.items();
    if (!items) return out;
    const itemSlot: Slot = { node: items, atomic: items.atomic };
    const associative = slot.listType === 'map' || slot.listType === 'set';
    value.forEach((item, i) => undeclaredFields(item, itemSlot, [...path, associative ? itemPE(slot, item, path) : `i:${i}`], out));
    return out;
  }
  if (!isObject(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, fieldPE(key)];
    if (node.isStruct && node.schema.properties?.[key] === undefined) out.push(childPath);
    else undeclaredFields(child, childSlot(slot, key), childPath, out);
  }
  return out;
}

/** `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`: how Go prints a GroupVersionKind. */
export function gvkString(apiVersion: string, kind: string): string {
  return `${apiVersion.includes('/') ? apiVersion : `/${apiVersion}`}, Kind=${kind}`;
}

/** Checks the configuration against its type; throws the error upstream answers with. */
export function checkAppliedConfiguration(config: unknown, slot: Slot, gvk: string): void {
  let problems: string[];
  try {
    problems = undeclaredFields(config, slot).map((p) => `${describePath(p)}: field not declared in schema`);
  } catch (e) {
    if (!(e instanceof TypedValueError)) throw e;
    problems = [e.detail];
  }
  if (problems.length === 0) return;
  const text = problems.length === 1 ? problems[0]! : ['errors:', ...problems.map((p) => `  ${p}`)].join('\n');
  throw new ApiError(500, '', `failed to create typed patch object (${gvk}): ${text}`);
}
