/**
 * What decoding a client's body does to its fields, as kube-apiserver's decoders do: a value of the wrong
 * type fails (always), fields the type does not declare fail under `fieldValidation=Strict` and are dropped
 * otherwise (with a warning each under `Warn`). Errors are worded as the body decoder words them
 * (`<Kind> in version "<v>" cannot be handled as a <Kind>: …`) or, for patches, as the patch handler does
 * (a type error is refused whatever `fieldValidation` says).
 */
import { ApiError, errors, fieldErrors } from '../meta/errors.ts';
import { goPrint } from '../meta/go-print.ts';
import type { KubeObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { PatchRequest, SchemaCheck } from './pieces.ts';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/**
 * Checks `obj` (changing it: unknown fields are pruned) and returns the warnings to send. `source` is
 * `'body'` for a create or update, else the patch that produced `obj`.
 */
export function decodeFields(check: SchemaCheck, def: ResourceDef, obj: KubeObject, mode: FieldValidation, source: 'body' | PatchRequest): string[] {
  const refuse = source === 'body' ? bodyError(def, obj) : patchError(obj, source);
  const typeError = source === 'body' || source.type === 'application/json-patch+json' || source.type === 'application/merge-patch+json'
    ? check.typeError?.(def, obj)
    : source.type === 'application/strategic-merge-patch+json'
      ? check.conversionError?.(def, obj)
      : undefined; // server-side apply checks its configuration against the type itself
  if (typeError) throw refuse(typeError);
  if (mode !== 'Strict') {
    const dropped = check.prune(def, obj);
    return mode === 'Warn' ? dropped.map((f) => `unknown field "${f}"`) : [];
  }
  const unknown = check.unknownFields(def, obj);
  if (unknown.length === 0) return [];
  throw refuse(`strict decoding error: ${unknown.map((f) => `unknown field "${f}"`).join(', ')}`);
}

/** A body the decoder refuses: `<Kind> in version "<v>" cannot be handled as a <Kind>: …` (400). */
function bodyError(def: ResourceDef, obj: KubeObject): (cause: string) => ApiError {
  const { kind, version } = bodyType(def, obj);
  return (cause) => errors.badRequest(`${kind} in version "${version}" cannot be handled as a ${kind}: ${cause}`);
}

/**
 * A patched object the patch handler refuses: 422 on the field `patch`, whose value is the patched object's
 * JSON (JSON and merge patches) or the patch as Go prints a map (strategic merge); kubectl shows
 * `The request is invalid: patch: Invalid value: "…": …`. Server-side apply answers 400.
 */
function patchError(obj: KubeObject, request: PatchRequest): (cause: string) => ApiError {
  if (request.type === 'application/apply-patch+yaml') return (cause) => errors.badRequest(cause);
  const value = request.type === 'application/strategic-merge-patch+json' ? goPrint(request.patch) : encodeObject(obj);
  return (cause) => errors.invalid('', '', '', [fieldErrors.invalid('patch', value, cause)]);
}

/** An object's JSON as the API server encodes it: kind and apiVersion first. */
function encodeObject({ kind, apiVersion, ...rest }: KubeObject): string {
  return JSON.stringify({ kind, apiVersion, ...rest });
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
