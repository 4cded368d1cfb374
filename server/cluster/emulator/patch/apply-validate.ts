/**
 * What server-side apply refuses before it merges: a configuration that does not fit its type. Upstream
 * converts the configuration to a typed value (structured-merge-diff) and fails on fields the schema does
 * not declare and on scalars of the wrong type, whatever `fieldValidation` says; kube-apiserver passes that error on as a 500 without a
 * reason, so kubectl prints
 * `Error from server: failed to create typed patch object (<namespace>/<name>; <gvk>): …`.
 */
import { ApiError } from '../meta/errors.ts';
import { goPrint, goSyntax, goTypeOf } from '../meta/go-print.ts';
import type { SchemaNode } from '../openapi/schema-nav.ts';
import { SELF_DECODED } from '../openapi/types.ts';
import { describePath, fieldPE } from './apply-fieldset.ts';
import { childSlot, itemPE, TypedValueError, type Slot } from './apply-typed.ts';
import { isObject } from './merge-patch.ts';

/**
 * What in `value` does not fit the schema at `slot`, as `<path>: <problem>` in structured-merge-diff's
 * words: fields the schema does not declare, and scalars of the wrong type. Types that decode themselves
 * (quantities, int-or-strings, times) and free-form places are not checked.
 */
export function configurationProblems(value: unknown, slot: Slot, path: string[] = [], out: string[] = []): string[] {
  const node = slot.node;
  if (!node || node.preservesUnknownFields || value === null || value === undefined) return out;
  const scalar = scalarProblem(node, value);
  if (scalar) {
    out.push(`${describePath(path)}: ${scalar}`);
    return out;
  }
  if (Array.isArray(value)) {
    const items = node.items();
    if (!items) return out;
    const itemSlot: Slot = { node: items, atomic: items.atomic };
    const associative = slot.listType === 'map' || slot.listType === 'set';
    value.forEach((item, i) => configurationProblems(item, itemSlot, [...path, associative ? itemPE(slot, item, path) : `i:${i}`], out));
    return out;
  }
  if (!isObject(value)) return out;
  for (const [key, child] of Object.entries(value)) {
    const childPath = [...path, fieldPE(key)];
    if (node.isStruct && node.schema.properties?.[key] === undefined) out.push(`${describePath(childPath)}: field not declared in schema`);
    else configurationProblems(child, childSlot(slot, key), childPath, out);
  }
  return out;
}

/** How structured-merge-diff refuses a scalar of the wrong kind (its messages quote Go's formatting of the value). */
function scalarProblem(node: SchemaNode, value: unknown): string | undefined {
  const schema = node.schema;
  if ((node.name && SELF_DECODED.has(node.name)) || schema.oneOf || schema.anyOf || schema['x-kubernetes-int-or-string']) return undefined;
  switch (schema.type) {
    case 'integer':
    case 'number':
      return typeof value === 'number' ? undefined : `expected numeric (int or float), got ${goTypeOf(value)}`;
    case 'string':
      return typeof value === 'string' ? undefined : `expected string, got &value.valueUnstructured{Value:${goSyntax(value)}}`;
    case 'boolean':
      return typeof value === 'boolean' ? undefined : `expected boolean, got &{${goPrint(value)}}`;
    default:
      return undefined;
  }
}

/** How the field manager names an applied object: `default/web; apps/v1, Kind=Deployment` (upstream objectGVKNN). */
export function objectGVKNN(config: Record<string, unknown>): string {
  const meta = isObject(config.metadata) ? config.metadata : {};
  const text = (v: unknown) => (typeof v === 'string' ? v : '');
  return `${text(meta.namespace)}/${text(meta.name)}; ${gvkString(text(config.apiVersion), text(config.kind))}`;
}

/** `apps/v1, Kind=Deployment`, `/v1, Kind=ConfigMap`: how Go prints a GroupVersionKind. */
export function gvkString(apiVersion: string, kind: string): string {
  return `${apiVersion.includes('/') ? apiVersion : `/${apiVersion}`}, Kind=${kind}`;
}

/** Checks the configuration against its type; throws the error upstream answers with. */
export function checkAppliedConfiguration(config: Record<string, unknown>, slot: Slot): void {
  let problems: string[];
  try {
    problems = configurationProblems(config, slot);
  } catch (e) {
    if (!(e instanceof TypedValueError)) throw e;
    problems = [e.detail];
  }
  if (problems.length === 0) return;
  const text = problems.length === 1 ? problems[0]! : ['errors:', ...problems.map((p) => `  ${p}`)].join('\n');
  throw new ApiError(500, '', `failed to create typed patch object (${objectGVKNN(config)}): ${text}`);
}
