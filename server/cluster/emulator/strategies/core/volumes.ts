/**
 * PersistentVolumeClaims and PersistentVolumes: defaults, the DefaultStorageClass and
 * StorageObjectInUseProtection admission plugins (default class, protection finalizers), validation, and
 * the claim spec's immutability once created.
 */
import type { KubeObject } from '../../meta/types.ts';
import type { Strategy, StrategyContext } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goDiff } from '../shared/go-diff.ts';
import { child, clone, defaultPtr, isNil, isObj, list, rec, semanticEqual, str, type Json } from '../shared/json.ts';
import { validateLabelSelector } from '../shared/meta.ts';
import { isDNS1123Subdomain } from '../shared/names.ts';
import { compareQuantity, parseQuantity, quantityString, signOf } from '../shared/quantity.ts';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const DEFAULT_CLASS = 'storageclass.kubernetes.io/is-default-class';
const BETA_DEFAULT_CLASS = 'storageclass.beta.kubernetes.io/is-default-class';

function addFinalizer(obj: KubeObject, name: string): void {
  const finalizers = obj.metadata.finalizers ?? [];
  if (!finalizers.includes(name)) obj.metadata.finalizers = [...finalizers, name];
}

/** The default StorageClass: the newest one annotated as default (by name on a tie). */
function defaultStorageClass(ctx: StrategyContext): string | undefined {
  const classes = ctx.store
    .list({ group: 'storage.k8s.io', resource: 'storageclasses' })
    .filter((sc) => sc.metadata.annotations?.[DEFAULT_CLASS] === 'true' || sc.metadata.annotations?.[BETA_DEFAULT_CLASS] === 'true')
    .sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : a.metadata.creationTimestamp > b.metadata.creationTimestamp ? -1 : a.metadata.name.localeCompare(b.metadata.name)));
  return classes[0]?.metadata.name;
}

export function validateClaimSpec(spec: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const modes = list(spec.accessModes).map(str);
  if (modes.length === 0) errs.push(fe.required(`${field}.accessModes`, 'at least 1 access mode is required'));
  errs.push(...validateLabelSelector(spec.selector, `${field}.selector`));
  let rwop = false;
  let other = false;
  for (const mode of modes) {
    if (!ACCESS_MODES.includes(mode)) errs.push(fe.notSupported(`${field}.accessModes`, mode, ACCESS_MODES));
    if (mode === 'ReadWriteOncePod') rwop = true;
    else if (ACCESS_MODES.includes(mode)) other = true;
  }
  if (rwop && other) errs.push(fe.forbidden(`${field}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  const requests = rec(rec(spec.resources).requests);
  const storagePath = `${field}.resources[storage]`;
  if (!('storage' in requests)) errs.push(fe.required(storagePath));
  else {
    const q = parseQuantity(requests.storage);
    if (q && signOf(q) <= 0) errs.push(fe.invalid(storagePath, quantityString(q), 'must be greater than zero'));
  }
  const sc = str(spec.storageClassName);
  if (sc) errs.push(...isDNS1123Subdomain(sc).map((m) => fe.invalid(`${field}.storageClassName`, sc, m)));
  if (!isNil(spec.volumeMode) && !VOLUME_MODES.includes(str(spec.volumeMode))) {
    errs.push(fe.notSupported(`${field}.volumeMode`, str(spec.volumeMode), VOLUME_MODES));
  }
  return errs;
}

function validateClaimUpdate(obj: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  const spec = clone(rec(obj.spec));
  const before = clone(rec(old.spec));
  if (!str(before.volumeName)) before.volumeName = spec.volumeName;
  if (isNil(before.storageClassName) && !isNil(spec.storageClassName)) before.storageClassName = spec.storageClassName;
  const bound = str(rec(obj.status).phase) === 'Bound';
  if (bound) {
    child(child(spec, 'resources'), 'requests').storage = rec(rec(before.resources).requests).storage;
  }
  spec.volumeAttributesClassName = before.volumeAttributesClassName;
  if (!semanticEqual(spec, before)) {
    errs.push(
      fe.forbidden(
        'spec',
        `spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${goDiff('core.PersistentVolumeClaimSpec', before, spec)}`,
      ),
    );
  }
  const newSize = parseQuantity(rec(rec(rec(obj.spec).resources).requests).storage);
  const oldSize = parseQuantity(rec(rec(rec(old.spec).resources).requests).storage);
  if (newSize && oldSize && compareQuantity(newSize, oldSize) < 0) {
    errs.push(fe.forbidden('spec.resources.requests.storage', 'field can not be less than status.capacity'));
  }
  if (rec(obj.spec).volumeMode !== rec(old.spec).volumeMode) errs.push(fe.invalid('volumeMode', str(rec(obj.spec).volumeMode), 'field is immutable'));
  return errs;
}

export function pvcStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      defaultPtr(spec, 'volumeMode', 'Filesystem');
      k.decode.resourceList(rec(spec.resources).requests);
      k.decode.resourceList(rec(spec.resources).limits);
      if (isObj(obj.status)) k.decode.resourceList(obj.status.capacity);
    },
    prepareForCreate(obj, ctx) {
      obj.status = { phase: 'Pending' };
      const spec = child(obj, 'spec');
      if (isNil(spec.storageClassName)) {
        const sc = defaultStorageClass(ctx);
        if (sc) spec.storageClassName = sc;
      }
      addFinalizer(obj, 'kubernetes.io/pvc-protection');
    },
    validate(obj, old) {
      const errs = validateClaimSpec(rec(obj.spec), 'spec');
      if (old && !semanticEqual(obj.spec, old.spec)) errs.push(...validateClaimUpdate(obj, old));
      return errs;
    },
  };
}

const RECLAIM = ['Delete', 'Recycle', 'Retain'];

export function pvStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      if (!str(spec.persistentVolumeReclaimPolicy)) spec.persistentVolumeReclaimPolicy = 'Retain';
      defaultPtr(spec, 'volumeMode', 'Filesystem');
      if (isObj(spec.hostPath)) defaultPtr(spec.hostPath, 'type', '');
      k.decode.resourceList(spec.capacity);
    },
    prepareForCreate(obj) {
      obj.status = { phase: 'Pending' };
      addFinalizer(obj, 'kubernetes.io/pv-protection');
    },
    validate(obj, old) {
      const spec = rec(obj.spec);
      const errs: FieldError[] = [];
      const modes = list(spec.accessModes).map(str);
      if (modes.length === 0) errs.push(fe.required('spec.accessModes'));
      for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(fe.notSupported('spec.accessModes', m, ACCESS_MODES));
      const capacity = rec(spec.capacity);
      if (Object.keys(capacity).length === 0) errs.push(fe.required('spec.capacity'));
      else if (!('storage' in capacity) || Object.keys(capacity).length > 1) errs.push(fe.notSupported('spec.capacity', Object.keys(capacity), ['storage']));
      const reclaim = str(spec.persistentVolumeReclaimPolicy);
      if (reclaim && !RECLAIM.includes(reclaim)) errs.push(fe.notSupported('spec.persistentVolumeReclaimPolicy', reclaim, RECLAIM));
      const sources = ['hostPath', 'nfs', 'csi', 'awsElasticBlockStore', 'local', 'iscsi', 'fc', 'cephfs', 'rbd', 'azureDisk', 'azureFile', 'gcePersistentDisk'];
      const present = sources.filter((s) => !isNil(spec[s]));
      if (present.length === 0) errs.push(fe.required('spec', 'must specify a volume type'));
      present.slice(1).forEach((s) => errs.push(fe.forbidden(`spec.${s}`, 'may not specify more than 1 volume type')));
      if (isObj(spec.hostPath) && !str(spec.hostPath.path)) errs.push(fe.required('spec.hostPath.path'));
      if (isObj(spec.local) && isNil(spec.nodeAffinity)) errs.push(fe.required('spec.nodeAffinity', 'Local volume requires node affinity'));
      const sc = str(spec.storageClassName);
      if (sc) errs.push(...isDNS1123Subdomain(sc).map((m) => fe.invalid('spec.storageClassName', sc, m)));
      if (old) {
        const sourceNow = Object.fromEntries(sources.map((s) => [s, spec[s]]));
        const sourceBefore = Object.fromEntries(sources.map((s) => [s, rec(old.spec)[s]]));
        if (!semanticEqual(sourceNow, sourceBefore)) {
          errs.push(fe.forbidden('spec.persistentvolumesource', `spec.persistentvolumesource is immutable after creation\n${goDiff('core.PersistentVolumeSource', sourceBefore, sourceNow)}`));
        }
      }
      return errs;
    },
  };
}
