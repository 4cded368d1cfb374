/** Storage kinds: PersistentVolumeClaim, PersistentVolume, StorageClass, CSIDriver, CSINode, VolumeAttachment. */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn, wide } from './columns.ts';
import { count, get, list, optBool, optStr, rec, records, str } from './fields.ts';
import { canonicalQuantity } from './quantity.ts';
import type { TablePrinter } from './types.ts';

const BETA_CLASS = 'volume.beta.kubernetes.io/storage-class';

/** `GetAccessModesAsString`: de-duplicated, always in the order RWO, ROX, RWX, RWOP. */
function accessModes(modes: unknown): string {
  const have = new Set(list(modes).map(str));
  const short: [string, string][] = [
    ['ReadWriteOnce', 'RWO'],
    ['ReadOnlyMany', 'ROX'],
    ['ReadWriteMany', 'RWX'],
    ['ReadWriteOncePod', 'RWOP'],
  ];
  return short
    .filter(([m]) => have.has(m))
    .map(([, s]) => s)
    .join(',');
}

/** The beta annotation, when present (even empty), wins over `spec.storageClassName`. */
function storageClassOf(obj: StoredObject): string {
  const annotations = obj.metadata.annotations ?? {};
  if (Object.prototype.hasOwnProperty.call(annotations, BETA_CLASS)) return annotations[BETA_CLASS]!;
  return str(get(obj, 'spec.storageClassName'));
}

/** The API server defaults both phases to Pending. */
const phaseOf = (obj: StoredObject): string => (obj.metadata.deletionTimestamp ? 'Terminating' : str(get(obj, 'status.phase')) || 'Pending');
const attributesClass = (obj: StoredObject): string => optStr(get(obj, 'spec.volumeAttributesClassName')) ?? '<unset>';
/** The API server defaults volumeMode to Filesystem. */
const volumeMode = (obj: StoredObject): string => optStr(get(obj, 'spec.volumeMode')) ?? 'Filesystem';

export const persistentVolumeClaimPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Status', 'string', 'core_v1.PersistentVolumeClaimStatus.phase'),
    col('Volume', 'string', 'core_v1.PersistentVolumeClaimSpec.volumeName'),
    col('Capacity', 'string', 'core_v1.PersistentVolumeClaimStatus.capacity'),
    col('Access Modes', 'string', 'core_v1.PersistentVolumeClaimStatus.accessModes'),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    ageColumn(),
    col('VolumeMode', 'string', 'core_v1.PersistentVolumeClaimSpec.volumeMode', wide),
  ],
  cells(pvc, ctx) {
    const volume = str(get(pvc, 'spec.volumeName'));
    // Capacity and access modes show only once the claim is bound to a volume.
    const capacity = volume ? canonicalQuantity(rec(get(pvc, 'status.capacity')).storage ?? '0') : '';
    const modes = volume ? accessModes(get(pvc, 'status.accessModes')) : '';
    return [pvc.metadata.name, phaseOf(pvc), volume, capacity, modes, storageClassOf(pvc), attributesClass(pvc), age(pvc, ctx), volumeMode(pvc)];
  },
};

export const persistentVolumePrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Capacity', 'string', 'core_v1.PersistentVolumeSpec.capacity'),
    col('Access Modes', 'string', 'core_v1.PersistentVolumeSpec.accessModes'),
    col('Reclaim Policy', 'string', 'core_v1.PersistentVolumeSpec.persistentVolumeReclaimPolicy'),
    col('Status', 'string', 'core_v1.PersistentVolumeStatus.phase'),
    col('Claim', 'string', 'core_v1.PersistentVolumeSpec.claimRef'),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', 'core_v1.PersistentVolumeStatus.reason'),
    ageColumn(),
    col('VolumeMode', 'string', 'core_v1.PersistentVolumeSpec.volumeMode', wide),
  ],
  cells(pv, ctx) {
    const ref = get(pv, 'spec.claimRef');
    const claim = ref && typeof ref === 'object' ? `${str(rec(ref).namespace)}/${str(rec(ref).name)}` : '';
    return [
      pv.metadata.name,
      canonicalQuantity(rec(get(pv, 'spec.capacity')).storage ?? '0'),
      accessModes(get(pv, 'spec.accessModes')),
      // The API server defaults the reclaim policy to Retain.
      optStr(get(pv, 'spec.persistentVolumeReclaimPolicy')) ?? 'Retain',
      phaseOf(pv),
      claim,
      storageClassOf(pv),
      attributesClass(pv),
      str(get(pv, 'status.reason')),
      age(pv, ctx),
      volumeMode(pv),
    ];
  },
};

export const storageClassPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Provisioner', 'string', 'storage_v1.StorageClass.provisioner'),
    col('ReclaimPolicy', 'string', 'storage_v1.StorageClass.reclaimPolicy'),
    col('VolumeBindingMode', 'string', 'storage_v1.StorageClass.volumeBindingMode'),
    col('AllowVolumeExpansion', 'string', 'storage_v1.StorageClass.allowVolumeExpansion'),
    ageColumn(),
  ],
  cells(sc, ctx) {
    const a = sc.metadata.annotations ?? {};
    const isDefault = a['storageclass.kubernetes.io/is-default-class'] === 'true' || a['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
    return [
      isDefault ? `${sc.metadata.name} (default)` : sc.metadata.name,
      str(sc.provisioner),
      optStr(sc.reclaimPolicy) ?? 'Delete',
      optStr(sc.volumeBindingMode) ?? 'Immediate',
      optBool(sc.allowVolumeExpansion) ?? false,
      age(sc, ctx),
    ];
  },
};

export const csiDriverPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('AttachRequired', 'boolean', 'storage_v1.CSIDriverSpec.attachRequired'),
    col('PodInfoOnMount', 'boolean', 'storage_v1.CSIDriverSpec.podInfoOnMount'),
    col('StorageCapacity', 'boolean', 'storage_v1.CSIDriverSpec.storageCapacity'),
    col('TokenRequests', 'string', 'storage_v1.CSIDriverSpec.tokenRequests'),
    col('RequiresRepublish', 'boolean', 'storage_v1.CSIDriverSpec.requiresRepublish'),
    col('Modes', 'string', 'storage_v1.CSIDriverSpec.volumeLifecycleModes'),
    ageColumn(),
  ],
  cells(d, ctx) {
    const spec = rec(d.spec);
    const tokens = Array.isArray(spec.tokenRequests) ? records(spec.tokenRequests).map((t) => str(t.audience)).join(',') : '<unset>';
    // The API server defaults an empty list of modes to Persistent.
    const modes = list(spec.volumeLifecycleModes).map(str).join(',') || 'Persistent';
    return [
      d.metadata.name,
      optBool(spec.attachRequired) ?? true,
      optBool(spec.podInfoOnMount) ?? false,
      optBool(spec.storageCapacity) ?? false,
      tokens,
      optBool(spec.requiresRepublish) ?? false,
      modes,
      age(d, ctx),
    ];
  },
};

export const csiNodePrinter: TablePrinter = {
  columns: [nameColumn(), col('Drivers', 'integer', 'Drivers indicates the number of CSI drivers registered on the node'), ageColumn()],
  cells: (n, ctx) => [n.metadata.name, count(get(n, 'spec.drivers')), age(n, ctx)],
};

export const volumeAttachmentPrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Attacher', 'string', 'storage_v1.VolumeAttachmentSpec.attacher', { format: 'name' }),
    col('PV', 'string', 'storage_v1.VolumeAttachmentSource.persistentVolumeName'),
    col('Node', 'string', 'storage_v1.VolumeAttachmentSpec.nodeName'),
    col('Attached', 'boolean', 'storage_v1.VolumeAttachmentStatus.attached'),
    ageColumn(),
  ],
  cells: (va, ctx) => [
    va.metadata.name,
    str(get(va, 'spec.attacher')),
    str(get(va, 'spec.source.persistentVolumeName')),
    str(get(va, 'spec.nodeName')),
    get(va, 'status.attached') === true,
    age(va, ctx),
  ],
};
