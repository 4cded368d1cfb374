/**
 * Events, served as core/v1 and events.k8s.io/v1 from one storage. Creates are checked as upstream's
 * `ValidateEventCreate` does for the version used: the legacy rules for core/v1, and the strict rules
 * (eventTime, reporting fields, no deprecated fields) for events.k8s.io/v1.
 */
import type { KubeObject } from '../../meta/types.ts';
import type { Strategy } from '../../registry/strategy.ts';
import { eventsToCore } from '../../conversion/events.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { isNil, isObj, rec, str, type Json } from '../shared/json.ts';
import { isDNS1123Subdomain, isQualifiedName } from '../shared/names.ts';

function legacyValidate(e: Json, namespace: string, strict: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const involvedNs = str(rec(e.involvedObject).namespace);
  const controllerField = strict ? 'reportingController' : 'reportingComponent';
  if (isNil(e.eventTime)) {
    if (!involvedNs) {
      if (namespace !== '' && namespace !== 'default') errs.push(fe.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    } else if (namespace !== involvedNs) errs.push(fe.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
  } else {
    if (!involvedNs && namespace !== 'default' && namespace !== 'kube-system') {
      errs.push(fe.invalid('involvedObject.namespace', involvedNs, 'does not match event.namespace'));
    }
    const controller = str(e.reportingComponent);
    if (!controller) errs.push(fe.required(controllerField));
    errs.push(...isQualifiedName(controller).map((m) => fe.invalid(controllerField, controller, m)));
    const instance = str(e.reportingInstance);
    if (!instance) errs.push(fe.required('reportingInstance'));
    if (instance.length > 128) errs.push(fe.invalid('reportingInstance', '', 'can have at most 128 characters'));
    const action = str(e.action);
    if (!action) errs.push(fe.required('action'));
    if (action.length > 128) errs.push(fe.invalid('action', '', 'can have at most 128 characters'));
    const reason = str(e.reason);
    if (!reason) errs.push(fe.required('reason'));
    if (reason.length > 128) errs.push(fe.invalid('reason', '', 'can have at most 128 characters'));
    if (str(e.message).length > 1024) errs.push(fe.invalid('message', '', 'can have at most 1024 characters'));
  }
  errs.push(...isDNS1123Subdomain(namespace).map((m) => fe.invalid('namespace', namespace, m)));
  return errs;
}

function strictValidate(e: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (isObj(e.series)) {
    if (Number(e.series.count ?? 0) < 2) errs.push(fe.invalid('series.count', '', 'should be at least 2'));
    if (isNil(e.series.lastObservedTime)) errs.push(fe.required('series.lastObservedTime'));
  }
  if (isNil(e.eventTime)) errs.push(fe.required('eventTime'));
  if (e.type !== 'Normal' && e.type !== 'Warning') errs.push(fe.invalid('type', '', `has invalid value: ${str(e.type)}`));
  if (!isNil(e.firstTimestamp)) errs.push(fe.invalid('deprecatedFirstTimestamp', '', 'needs to be unset'));
  if (!isNil(e.lastTimestamp)) errs.push(fe.invalid('deprecatedLastTimestamp', '', 'needs to be unset'));
  if (Number(e.count ?? 0) !== 0) errs.push(fe.invalid('deprecatedCount', '', 'needs to be unset'));
  const source = rec(e.source);
  if (str(source.component) || str(source.host)) errs.push(fe.invalid('deprecatedSource', '', 'needs to be unset'));
  return errs;
}

export function eventStrategy({ def }: KindContext): Strategy {
  const strict = def.group === 'events.k8s.io';
  const asCore = (obj: KubeObject): Json => (strict ? (eventsToCore(obj) as unknown as Json) : (obj as unknown as Json));
  return {
    validate(obj, old) {
      if (old) return [];
      const e = asCore(obj);
      const errs = legacyValidate(e, obj.metadata.namespace ?? '', strict);
      if (strict) errs.push(...strictValidate(e));
      return errs;
    },
  };
}
