/**
 * apps/v1 StatefulSets: defaults (OrderedReady, RollingUpdate partition 0, PVC retention Retain/Retain,
 * history 10, claim templates as PersistentVolumeClaims), validation (upstream does not validate the pod
 * template's spec here), and which spec fields an update may change.
 */
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goLabelSelector, goStruct } from '../shared/go.ts';
import { child, clone, defaultPtr, eachObject, isNil, isObj, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { isEmptySelector, validateAnnotations, validateLabels, validateLabelSelector } from '../shared/meta.ts';
import { defaultPodTemplate, embeddedMeta } from '../pod/template.ts';
import { longRunningTemplate, nonNegative, templateMatch, validatePositiveIntOrPercent } from './common.ts';

const RETENTION = ['Retain', 'Delete'];

function defaults(obj: Json, k: KindContext): void {
  const spec = child(obj, 'spec');
  if (!str(spec.podManagementPolicy)) spec.podManagementPolicy = 'OrderedReady';
  const strategy = child(spec, 'updateStrategy');
  if (!str(strategy.type)) {
    strategy.type = 'RollingUpdate';
    if (!isObj(strategy.rollingUpdate)) strategy.rollingUpdate = {};
  }
  if (strategy.type === 'RollingUpdate' && isObj(strategy.rollingUpdate)) defaultPtr(strategy.rollingUpdate, 'partition', 0);
  const retention = child(spec, 'persistentVolumeClaimRetentionPolicy');
  if (!str(retention.whenDeleted)) retention.whenDeleted = 'Retain';
  if (!str(retention.whenScaled)) retention.whenScaled = 'Retain';
  defaultPtr(spec, 'replicas', 1);
  defaultPtr(spec, 'revisionHistoryLimit', 10);
  defaultPodTemplate(spec, 'template', k.decode);
  eachObject(spec, 'volumeClaimTemplates', (pvc) => {
    pvc.apiVersion = 'v1';
    pvc.kind = 'PersistentVolumeClaim';
    embeddedMeta(pvc);
    const ps = child(pvc, 'spec');
    defaultPtr(ps, 'volumeMode', 'Filesystem');
    k.decode.resourceList(rec(ps.resources).requests);
    k.decode.resourceList(rec(ps.resources).limits);
    const status = child(pvc, 'status');
    if (!str(status.phase)) status.phase = 'Pending';
  });
}

function validateSpec(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const policy = str(spec.podManagementPolicy);
  if (!policy) errs.push(fe.required('spec.podManagementPolicy'));
  else if (policy !== 'OrderedReady' && policy !== 'Parallel') errs.push(fe.invalid('spec.podManagementPolicy', policy, "must be 'OrderedReady' or 'Parallel'"));
  const us = rec(spec.updateStrategy);
  const type = str(us.type);
  if (!type) errs.push(fe.required('spec.updateStrategy'));
  else if (type === 'OnDelete') {
    if (isObj(us.rollingUpdate)) errs.push(fe.invalidRaw('spec.updateStrategy.rollingUpdate', '&apps.RollingUpdateStatefulSetStrategy{…}', "only allowed for updateStrategy 'RollingUpdate'"));
  } else if (type === 'RollingUpdate') {
    if (isObj(us.rollingUpdate)) {
      const ru = us.rollingUpdate;
      errs.push(...nonNegative(ru.partition, 'spec.updateStrategy.rollingUpdate.partition'));
      if (!isNil(ru.maxUnavailable)) errs.push(...validatePositiveIntOrPercent(ru.maxUnavailable, 'spec.updateStrategy.rollingUpdate.maxUnavailable'));
    }
  } else {
    const printed = goStruct('apps.StatefulSetUpdateStrategy', [['Type', JSON.stringify(type)], ['RollingUpdate', '(*apps.RollingUpdateStatefulSetStrategy)(nil)']]);
    errs.push(fe.invalidRaw('spec.updateStrategy', printed, "must be 'RollingUpdate' or 'OnDelete'"));
  }
  const retention = spec.persistentVolumeClaimRetentionPolicy;
  if (isObj(retention)) {
    for (const key of ['whenDeleted', 'whenScaled']) {
      const v = str(retention[key]);
      if (!RETENTION.includes(v)) errs.push(fe.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${key}`, v, RETENTION));
    }
  }
  errs.push(...nonNegative(spec.replicas, 'spec.replicas'));
  errs.push(...nonNegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  if (isObj(spec.ordinals)) errs.push(...nonNegative(spec.ordinals.start, 'spec.ordinals.start'));
  if (!isObj(spec.selector)) errs.push(fe.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(spec.selector, 'spec.selector'));
    if (isEmptySelector(spec.selector)) errs.push(fe.invalidRaw('spec.selector', goLabelSelector(spec.selector), 'empty selector is invalid for statefulset'));
  }
  errs.push(...templateMatch(spec));
  const meta = rec(rec(spec.template).metadata);
  errs.push(...validateLabels(meta.labels, 'spec.template.labels'), ...validateAnnotations(meta.annotations, 'spec.template.annotations'));
  errs.push(...longRunningTemplate(spec, 'StatefulSet'));
  return errs;
}

const UPDATABLE = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

function validateUpdate(spec: Json, old: Json): FieldError[] {
  const a = clone(spec);
  const b = clone(old);
  for (const key of UPDATABLE) {
    delete a[key];
    delete b[key];
  }
  if (semanticEqual(a, b)) return [];
  return [
    fe.forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

export function statefulSetStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults: (obj) => defaults(obj, k),
    prepareForCreate(obj) {
      obj.status = { availableReplicas: 0, replicas: 0 };
    },
    validate(obj, old) {
      const spec = rec(obj.spec);
      const errs = validateSpec(spec);
      if (old) errs.push(...validateUpdate(spec, rec(old.spec)));
      return errs;
    },
  };
}
