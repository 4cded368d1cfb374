/**
 * Writes to `pods/<name>/ephemeralcontainers` (what `kubectl debug` sends), as upstream's
 * ValidatePodEphemeralContainersUpdate checks them: existing ephemeral containers may be neither removed
 * nor changed, new ones are containers without the fields a pod's own services rely on, named uniquely
 * in the pod, and a target container must exist.
 */
import { fe, path, type FieldError } from '../shared/errors.ts';
import { isObj, objects, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { validateContainerCommon } from './validate-container.ts';

/** Fields an ephemeral container may not set (upstream allows a list; these are the ones outside it). */
const NOT_ALLOWED = ['ports', 'livenessProbe', 'readinessProbe', 'startupProbe', 'lifecycle', 'resources', 'resizePolicy', 'restartPolicy'];

export function validateEphemeralContainersUpdate(pod: Json, old: Json): FieldError[] {
  const spec = rec(pod.spec);
  const prev = rec(old.spec);
  const field = 'spec.ephemeralContainers';
  const errs: FieldError[] = [];
  const current = objects(spec.ephemeralContainers);
  for (const before of objects(prev.ephemeralContainers)) {
    const now = current.find((c) => c.name === before.name);
    if (!now) errs.push(fe.forbidden(field, `existing ephemeral containers "${str(before.name)}" may not be removed\n`));
    else if (!semanticEqual(now, before)) errs.push(fe.forbidden(field, `existing ephemeral containers "${str(before.name)}" may not be changed\n`));
  }
  const volumes = new Set(objects(spec.volumes).map((v) => str(v.name)));
  const names = new Set([...objects(spec.containers), ...objects(spec.initContainers)].map((c) => str(c.name)));
  const targets = new Set(objects(spec.containers).map((c) => str(c.name)));
  current.forEach((c, i) => {
    const at = path.index(field, i);
    errs.push(...validateContainerCommon(c, volumes, at));
    const name = str(c.name);
    if (name && names.has(name)) errs.push(fe.duplicate(path.child(at, 'name'), name));
    names.add(name);
    for (const key of NOT_ALLOWED) {
      if (isSet(c[key])) errs.push(fe.forbidden(path.child(at, key), 'cannot be set for an Ephemeral Container'));
    }
    const target = str(c.targetContainerName);
    if (target && !targets.has(target)) errs.push(fe.notFound(path.child(at, 'targetContainerName'), target));
  });
  return errs;
}

/** Set to something other than its zero value (`resources: {}` is how defaulting leaves it). */
function isSet(v: unknown): boolean {
  if (v === undefined || v === null || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (isObj(v)) return Object.values(v).some(isSet);
  return true;
}

