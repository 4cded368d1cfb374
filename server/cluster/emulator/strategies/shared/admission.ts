/**
 * What admission plugins answer when they refuse a request: 403 Forbidden naming the object, or its
 * generateName when the name was generated (admission runs before name generation upstream).
 */
import { ApiError } from '../../meta/errors.ts';
import type { KubeObject } from '../../meta/types.ts';

const GENERATED_SUFFIX = /^[bcdfghjklmnpqrstvwxz2456789]{5}$/;

/** The name admission sees: a generated name shows as its generateName prefix. */
export function admissionName(obj: KubeObject): string {
  const name = obj.metadata.name ?? '';
  const prefix = obj.metadata.generateName;
  if (prefix && name.startsWith(prefix) && GENERATED_SUFFIX.test(name.slice(prefix.length))) return prefix;
  return name;
}

export function admissionForbidden(group: string, resource: string, obj: KubeObject, reason: string): ApiError {
  const name = admissionName(obj);
  const qualified = group ? `${resource}.${group}` : resource;
  const subject = name ? `${qualified} ${JSON.stringify(name)}` : qualified;
  return new ApiError(403, 'Forbidden', `${subject} is forbidden: ${reason}`, { name, group, kind: resource });
}
