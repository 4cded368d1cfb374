/**
 * core/v1 ReplicationControllers: the selector and the object's labels default to the template's labels,
 * replicas to 1; validation as `ValidateReplicationControllerSpec` (a map selector that must be non-empty
 * and match the template).
 */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goStrMap } from '../shared/go.ts';
import { child, defaultPtr, isObj, rec, type Json } from '../shared/json.ts';
import { validateLabels } from '../shared/meta.ts';
import { defaultPodTemplate } from '../pod/template.ts';
import { validatePodTemplate } from '../pod/validate-spec.ts';
import { longRunningTemplate, nonNegative } from './common.ts';

const nonEmpty = (v: unknown) => isObj(v) && Object.keys(v).length > 0;

function defaultRC(obj: Json, k: KindContext): void {
  const spec = child(obj, 'spec');
  const labels = rec(rec(rec(spec.template).metadata).labels);
  if (isObj(spec.template) && nonEmpty(labels)) {
    if (!nonEmpty(spec.selector)) spec.selector = { ...labels };
    const meta = child(obj, 'metadata');
    if (!nonEmpty(meta.labels)) meta.labels = { ...labels };
  }
  defaultPtr(spec, 'replicas', 1);
  if (isObj(spec.template)) defaultPodTemplate(spec, 'template', k.decode);
}

function validateSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (!nonEmpty(spec.selector)) errs.push(fe.required('spec.selector'));
  else errs.push(...validateLabels(spec.selector, 'spec.selector'));
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  if (!isObj(spec.template)) {
    errs.push(fe.required('spec.template'));
    return errs;
  }
  const selector = rec(spec.selector);
  const labels = rec(rec(spec.template).metadata).labels;
  if (nonEmpty(selector) && !Object.entries(selector).every(([k, v]) => rec(labels)[k] === v)) {
    errs.push(fe.invalidRaw('spec.template.metadata.labels', goStrMap(labels), '`selector` does not match template `labels`'));
  }
  errs.push(...validatePodTemplate(spec.template, 'spec.template'));
  errs.push(...longRunningTemplate(spec, 'ReplicationController'));
  return errs;
}

export function replicationControllerStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults: (obj) => defaultRC(obj, k),
    prepareForCreate(obj) {
      obj.status = { replicas: 0 };
    },
    validate: (obj) => validateSpec(rec(obj.spec)),
  };
}
