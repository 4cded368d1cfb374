/**
 * `ValidatePodUpdate`'s immutability rules: only container images, activeDeadlineSeconds (downwards),
 * additions to tolerations and (from negative) terminationGracePeriodSeconds may change; anything else is
 * refused with upstream's Forbidden message and a go-cmp style diff of the spec.
 */
import { fe, type FieldError } from '../shared/errors.ts';
import { internalPodSpec } from '../shared/go-core-types.ts';
import { goDiff } from '../shared/go-diff.ts';
import { clone, deepEqual, isNil, objects, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { inclusiveRangeError } from '../shared/names.ts';
import { validateTolerations } from './validate-scheduling.ts';
import { qosClassOf } from './qos.ts';

/** The updatable fields as 1.32 lists them (InPlacePodVerticalScaling is off). */
const UPDATABLE =
  '`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function containerUpdates(next: Json[], prev: Json[], field: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) return { errs: [fe.forbidden(field, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = str(c.image);
    if (!image) errs.push(fe.required(`${field}[${i}].image`));
    if (image.trim().length !== image.length) errs.push(fe.invalid(`${field}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

function onlyAddedTolerations(next: unknown, prev: unknown): FieldError[] {
  const now = objects(next);
  for (const old of objects(prev)) {
    const found = now.some((t) => deepEqual({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!found) return [fe.forbidden('spec.tolerations', 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return validateTolerations(next, 'spec.tolerations');
}

export function validatePodUpdate(pod: Json, old: Json): FieldError[] {
  const spec = rec(pod.spec);
  const prev = rec(old.spec);
  const errs: FieldError[] = [];
  for (const key of ['containers', 'initContainers']) {
    const r = containerUpdates(objects(spec[key]), objects(prev[key]), `spec.${key}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  if (!isNil(spec.activeDeadlineSeconds)) {
    const v = Number(spec.activeDeadlineSeconds);
    if (v < 0 || v > 2147483647) return [...errs, fe.invalid('spec.activeDeadlineSeconds', v, inclusiveRangeError(0, 2147483647))];
    if (!isNil(prev.activeDeadlineSeconds) && Number(prev.activeDeadlineSeconds) < v) {
      return [...errs, fe.invalid('spec.activeDeadlineSeconds', v, 'must be less than or equal to previous value')];
    }
  } else if (!isNil(prev.activeDeadlineSeconds)) {
    errs.push(fe.invalid('spec.activeDeadlineSeconds', null, 'must not update from a positive integer to nil value'));
  }
  errs.push(...onlyAddedTolerations(spec.tolerations, prev.tolerations));
  if (semanticEqual(spec, prev)) return errs;
  const qos = qosClassOf(pod);
  if (qosClassOf(old) !== qos) errs.push(fe.invalid('metadata', qos, 'Pod QoS is immutable'));
  const munged = clone(spec);
  objects(munged.containers).forEach((c, i) => (c.image = objects(prev.containers)[i]?.image));
  objects(munged.initContainers).forEach((c, i) => (c.image = objects(prev.initContainers)[i]?.image));
  if (isNil(prev.activeDeadlineSeconds)) delete munged.activeDeadlineSeconds;
  else munged.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  if (isNil(prev.tolerations)) delete munged.tolerations;
  else munged.tolerations = prev.tolerations;
  if (Number(prev.terminationGracePeriodSeconds) < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  }
  if (!semanticEqual(munged, prev)) {
    errs.push(fe.forbidden('spec', `pod updates may not change fields other than ${UPDATABLE}\n${goDiff('core.PodSpec', internalPodSpec(prev), internalPodSpec(munged))}`));
  }
  return errs;
}
