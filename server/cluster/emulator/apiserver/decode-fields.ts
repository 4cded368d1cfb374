/**
 * What decoding a client's body does to its fields, as kube-apiserver's decoders do: a value of the wrong
 * type fails (always), fields the type does not declare fail under `fieldValidation=Strict` and are dropped
 * otherwise (with a warning each under `Warn`). Errors are worded as the body decoder words them
 * (`<Kind> in version "<v>" cannot be handled as a <Kind>: …`) or, for patches, as the patch handler does.
 */
import { errors } from '../meta/errors.ts';
import type { KubeObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { SchemaCheck } from './pieces.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Checks `obj` (changing it: unknown fields are pruned) and returns the warnings to send. */
export function decodeFields(check: SchemaCheck, def: ResourceDef, obj: KubeObject, mode: FieldValidation, source: 'body' | 'patch'): string[] {
  const decodeError = (cause: string) => {
    const { kind, version } = bodyType(def, obj);
    return errors.badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${cause}`);
  };
  const typeError = source === 'body' ? check.typeError?.(def, obj) : undefined;
  if (typeError) throw decodeError(typeError);
  if (mode !== 'Strict') {
    const dropped = check.prune(def, obj);
    return mode === 'Warn' ? dropped.map((f) => `unknown field "${f}"`) : [];
  }
  const unknown = check.unknownFields(def, obj);
  if (unknown.length === 0) return [];
  const cause = `strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`;
  throw source === 'patch' ? errors.badRequest(cause) : decodeError(cause);
}

/** The kind and version a body was decoded as: its own (a Scale sent to …/scale), else the resource's. */
function bodyType(def: ResourceDef, obj: KubeObject): { kind: string; version: string } {
  if (obj.kind && obj.kind !== def.kind && typeof obj.apiVersion === 'string') return { kind: obj.kind, version: obj.apiVersion.split('/').pop()! };
  return { kind: def.kind, version: def.version };
}

/** How admission names the object of a create (upstream extractResourceName): its name, else its generateName. */
export function admissionName(obj: KubeObject): string {
  return obj.metadata.name || obj.metadata.generateName || 'Unknown';
}
