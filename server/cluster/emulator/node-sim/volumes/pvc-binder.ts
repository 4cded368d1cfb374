/**
 * The persistent volume controller and the EBS CSI driver's external provisioner, reduced to what a workshop
 * meets: static binding to matching PersistentVolumes, dynamic provisioning of `pvc-<uid>` volumes for
 * gp2/ebs classes (WaitForFirstConsumer waits for the scheduler's selected node), reclaim on delete, and the
 * pvc-protection finalizer. Without the EBS CSI driver add-on (no CSIDriver object) claims wait, as on EKS.
 */
import type { Controller, ControllerContext } from '../../controllers/types.ts';
import { WorkQueue } from '../../controllers/work-queue.ts';
import { ApiError } from '../../meta/errors.ts';
import type { KubeObject, StoredObject } from '../../meta/types.ts';
import type { ResourceDef } from '../../registry/types.ts';
import type { EventSink } from '../events.ts';
import { rec, str, strMap, type Json } from '../json.ts';
import type { ResolvedOptions } from '../options.ts';
import { amount } from '../quantity.ts';
import { rngFor, uuidFrom } from '../random.ts';
import { simResources, type SimResources } from '../resources.ts';
import { podClaimNames, SELECTED_NODE, storageClassOf, waitsForConsumer } from '../volume-claims.ts';

const RESYNC_MS = 15_000;
const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
const PV_PROTECTION = 'kubernetes.io/pv-protection';
const PROVISIONER_FINALIZER = 'external-provisioner.volume.kubernetes.io/finalizer';
const MIGRATED: Record<string, string> = { 'kubernetes.io/aws-ebs': 'ebs.csi.aws.com' };
const GIB = 1024 ** 3;

export class PvcBinder implements Controller {
  readonly name = 'pvc-binder';
  private ctx!: ControllerContext;
  private r!: SimResources;
  private events!: EventSink;
  private queue!: WorkQueue;
  private readonly resync = new Map<string, () => void>();
  private readonly provisioning = new Map<string, () => void>();

  constructor(private readonly o: ResolvedOptions) {}

  start(ctx: ControllerContext): () => void {
    this.ctx = ctx;
    this.r = simResources(ctx);
    this.events = this.o.events(ctx);
    this.queue = new WorkQueue((key) => this.syncClaim(key), ctx.defer, ctx.clock);
    const unsubscribe = ctx.store.subscribe((e) => {
      const k = `${e.key.group}/${e.key.resource}`;
      if (k === '/persistentvolumeclaims') {
        if (e.type === 'DELETED') ctx.defer(() => this.reclaim(e.object));
        else this.queue.add(`${e.object.metadata.namespace}/${e.object.metadata.name}`);
      } else if (k === '/persistentvolumes' || k === 'storage.k8s.io/csidrivers' || k === 'storage.k8s.io/storageclasses') {
        for (const pvc of ctx.store.list(this.r.pvcs.storage)) if (str(rec(pvc.status).phase) !== 'Bound' || pvc.metadata.deletionTimestamp) this.queue.add(this.keyOf(pvc));
      } else if (k === '/pods') {
        for (const name of podClaimNames(e.object)) this.queue.add(`${e.object.metadata.namespace}/${name}`);
      }
    });
    for (const pvc of ctx.store.list(this.r.pvcs.storage)) this.queue.add(this.keyOf(pvc));
    return () => {
      unsubscribe();
      this.queue.stop();
      for (const cancel of [...this.resync.values(), ...this.provisioning.values()]) cancel();
    };
  }

  private keyOf(o: StoredObject): string {
    return `${o.metadata.namespace}/${o.metadata.name}`;
  }

  private emit(obj: StoredObject, type: 'Normal' | 'Warning', reason: string, message: string, component = 'persistentvolume-controller'): void {
    this.events.emit({ regarding: obj, type, reason, message, source: { component } });
  }

  /** The PV controller looks at pending claims every 15 s, repeating its events. */
  private later(key: string): void {
    if (this.resync.has(key)) return;
    this.resync.set(
      key,
      this.ctx.clock.setTimeout(() => {
        this.resync.delete(key);
        this.syncClaim(key);
      }, RESYNC_MS),
    );
  }

  private syncClaim(key: string): void {
    const [ns, name] = key.split('/') as [string, string];
    const pvc = this.ctx.store.get(this.r.pvcs.storage, ns, name);
    if (!pvc) return;
    if (pvc.metadata.deletionTimestamp) return this.releaseProtection(pvc);
    const spec = rec(pvc.spec);
    const bound = str(rec(pvc.status).phase) === 'Bound';
    if (bound) return;
    if (str(spec.volumeName)) {
      const pv = this.ctx.store.get(this.r.pvs.storage, undefined, str(spec.volumeName));
      if (pv && this.claimable(pv, pvc)) this.bind(pvc, pv);
      return;
    }
    const sc = storageClassOf(this.ctx.store, this.r, pvc);
    const className = sc ? sc.metadata.name : str(spec.storageClassName);
    const match = this.ctx.store.list(this.r.pvs.storage).find((pv) => this.claimable(pv, pvc) && str(rec(pv.spec).storageClassName) === className);
    if (match) return this.bind(pvc, match);
    if (!sc) {
      this.emit(pvc, 'Normal', 'FailedBinding', 'no persistent volumes available for this claim and no storage class is set');
      return this.later(key);
    }
    const selected = strMap(pvc.metadata.annotations)[SELECTED_NODE];
    if (waitsForConsumer(sc) && !selected) {
      this.emit(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding');
      return this.later(key);
    }
    const provisioner = str(sc.provisioner);
    const driver = MIGRATED[provisioner] ?? provisioner;
    this.emit(
      pvc,
      'Normal',
      'ExternalProvisioning',
      `Waiting for a volume to be created either by the external provisioner '${driver}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`,
    );
    if (driver !== 'ebs.csi.aws.com' || !this.ctx.store.get(this.r.csiDrivers.storage, undefined, driver)) return this.later(key);
    this.provision(pvc, sc, driver, selected);
  }

  private claimable(pv: StoredObject, pvc: StoredObject): boolean {
    const pvSpec = rec(pv.spec);
    const claimRef = rec(pvSpec.claimRef);
    if (pv.metadata.deletionTimestamp) return false;
    if (claimRef.uid && claimRef.uid !== pvc.metadata.uid) return false;
    if (claimRef.name && (claimRef.name !== pvc.metadata.name || claimRef.namespace !== pvc.metadata.namespace)) return false;
    const phase = str(rec(pv.status).phase) || 'Available';
    if (phase !== 'Available' && !(phase === 'Bound' && claimRef.uid === pvc.metadata.uid)) return false;
    const spec = rec(pvc.spec);
    const want = amount(rec(rec(spec.resources).requests).storage);
    if (amount(rec(pvSpec.capacity).storage) < want) return false;
    const modes = (Array.isArray(pvSpec.accessModes) ? pvSpec.accessModes : []) as string[];
    if (!((Array.isArray(spec.accessModes) ? spec.accessModes : []) as string[]).every((m) => modes.includes(m))) return false;
    return (str(pvSpec.volumeMode) || 'Filesystem') === (str(spec.volumeMode) || 'Filesystem');
  }

  private provision(pvc: StoredObject, sc: StoredObject, driver: string, selectedNode: string | undefined): void {
    const key = this.keyOf(pvc);
    if (this.provisioning.has(key)) return;
    const identity = `${driver}_ebs-csi-controller-${rngFor(this.o.seed, 'ebs-controller').hex(10)}-${rngFor(this.o.seed, 'ebs-pod').hex(5)}_${uuidFrom(rngFor(this.o.seed, 'ebs-id'))}`;
    const annotated = this.annotate(pvc, { 'volume.beta.kubernetes.io/storage-provisioner': driver, 'volume.kubernetes.io/storage-provisioner': driver });
    this.emit(annotated ?? pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${key}"`, identity);
    const rng = rngFor(this.o.seed, 'provision', key, pvc.metadata.uid);
    const delay = Math.round(rng.int(1200, 3500) * this.o.timeScale);
    this.provisioning.set(
      key,
      this.ctx.clock.setTimeout(() => {
        this.provisioning.delete(key);
        const current = this.ctx.store.get(this.r.pvcs.storage, pvc.metadata.namespace, pvc.metadata.name);
        if (!current || current.metadata.uid !== pvc.metadata.uid || current.metadata.deletionTimestamp) return;
        const pv = this.createVolume(current, sc, driver, selectedNode, rng.hex(17));
        if (!pv) return;
        this.emit(current, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pv.metadata.name}`, identity);
        this.bind(current, pv);
      }, delay),
    );
  }

  private createVolume(pvc: StoredObject, sc: StoredObject, driver: string, selectedNode: string | undefined, volumeHex: string): StoredObject | undefined {
    const spec = rec(pvc.spec);
    const node = selectedNode ? this.ctx.store.get(this.r.nodes.storage, undefined, selectedNode) : undefined;
    const labels = strMap(node?.metadata.labels);
    const zone = labels['topology.kubernetes.io/zone'] ?? `${this.o.region}a`;
    const region = labels['topology.kubernetes.io/region'] ?? this.o.region;
    const gib = Math.max(1, Math.ceil(amount(rec(rec(spec.resources).requests).storage) / GIB));
    const inTree = str(sc.provisioner) === 'kubernetes.io/aws-ebs';
    const params = strMap(sc.parameters);
    const volumeId = `vol-0${volumeHex.slice(0, 16)}`;
    const source: Json = inTree
      ? { awsElasticBlockStore: { fsType: params.fsType ?? params['csi.storage.k8s.io/fstype'] ?? 'ext4', volumeID: `aws://${zone}/${volumeId}` } }
      : {
          csi: {
            driver,
            fsType: params['csi.storage.k8s.io/fstype'] ?? params.fsType ?? 'ext4',
            volumeAttributes: { 'storage.kubernetes.io/csiProvisionerIdentity': `1${rngFor(this.o.seed, 'csi-identity').int(100000000000, 999999999999)}-${rngFor(this.o.seed, 'csi-n').int(1000, 9999)}-${driver}` },
            volumeHandle: volumeId,
          },
        };
    const body: KubeObject = {
      apiVersion: 'v1',
      kind: 'PersistentVolume',
      metadata: {
        name: `pvc-${pvc.metadata.uid}`,
        annotations: inTree
          ? { 'pv.kubernetes.io/migrated-to': driver, 'pv.kubernetes.io/provisioned-by': 'kubernetes.io/aws-ebs', 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' }
          : { 'pv.kubernetes.io/provisioned-by': driver, 'volume.kubernetes.io/provisioner-deletion-secret-name': '', 'volume.kubernetes.io/provisioner-deletion-secret-namespace': '' },
        finalizers: [PROVISIONER_FINALIZER, PV_PROTECTION],
      },
      spec: {
        accessModes: spec.accessModes ?? ['ReadWriteOnce'],
        capacity: { storage: `${gib}Gi` },
        claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
        ...source,
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              {
                matchExpressions: [
                  { key: 'topology.kubernetes.io/zone', operator: 'In', values: [zone] },
                  ...(inTree ? [{ key: 'topology.kubernetes.io/region', operator: 'In', values: [region] }] : []),
                ],
              },
            ],
          },
        },
        persistentVolumeReclaimPolicy: str(sc.reclaimPolicy) || 'Delete',
        storageClassName: sc.metadata.name,
        volumeMode: str(spec.volumeMode) || 'Filesystem',
      },
    };
    try {
      const created = this.ctx.api.create(this.r.pvs, undefined, body).object;
      return this.setStatus(this.r.pvs, created, { phase: 'Pending' }) ?? created;
    } catch (e) {
      if (e instanceof ApiError && e.code === 409) return this.ctx.store.get(this.r.pvs.storage, undefined, `pvc-${pvc.metadata.uid}`);
      if (!(e instanceof ApiError)) throw e;
      return undefined;
    }
  }

  private setStatus(def: ResourceDef, obj: StoredObject, status: Json): StoredObject | undefined {
    try {
      return this.ctx.api.update(def, obj.metadata.namespace, obj.metadata.name, { ...obj, status } as KubeObject, { subresource: 'status' }).object;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return undefined;
    }
  }

  private annotate(pvc: StoredObject, annotations: Record<string, string>): StoredObject | undefined {
    const current = strMap(pvc.metadata.annotations);
    if (Object.entries(annotations).every(([k, v]) => current[k] === v)) return pvc;
    try {
      return this.ctx.api.update(this.r.pvcs, pvc.metadata.namespace, pvc.metadata.name, { ...pvc, metadata: { ...pvc.metadata, annotations: { ...current, ...annotations } } } as KubeObject).object;
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      return undefined;
    }
  }

  /** Both sides of the binding, as the PV controller writes them. */
  private bind(pvc: StoredObject, pv: StoredObject): void {
    const claimRef = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: pvc.metadata.name, namespace: pvc.metadata.namespace, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid };
    try {
      let volume = pv;
      if (rec(pv.spec).claimRef === undefined || rec(rec(pv.spec).claimRef).uid !== pvc.metadata.uid) {
        volume = this.ctx.api.update(this.r.pvs, undefined, pv.metadata.name, {
          ...pv,
          metadata: { ...pv.metadata, annotations: { ...strMap(pv.metadata.annotations), 'pv.kubernetes.io/bound-by-controller': 'yes' } },
          spec: { ...rec(pv.spec), claimRef },
        } as KubeObject).object;
      }
      this.setStatus(this.r.pvs, volume, { phase: 'Bound' });
      const annotations = { ...strMap(pvc.metadata.annotations), 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes' };
      const claim = this.ctx.api.update(this.r.pvcs, pvc.metadata.namespace, pvc.metadata.name, {
        ...pvc,
        metadata: { ...pvc.metadata, annotations },
        spec: { ...rec(pvc.spec), volumeName: pv.metadata.name },
      } as KubeObject).object;
      this.setStatus(this.r.pvcs, claim, {
        accessModes: rec(volume.spec).accessModes,
        capacity: rec(volume.spec).capacity,
        phase: 'Bound',
      });
      this.resync.get(this.keyOf(pvc))?.();
      this.resync.delete(this.keyOf(pvc));
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      this.queue.addAfter(this.keyOf(pvc), 1000);
    }
  }

  /** A claim being deleted keeps its protection finalizer while a pod still uses it. */
  private releaseProtection(pvc: StoredObject): void {
    const finalizers = pvc.metadata.finalizers ?? [];
    if (!finalizers.includes(PVC_PROTECTION)) return;
    const inUse = this.ctx.store
      .list(this.r.pods.storage, pvc.metadata.namespace)
      .some((p) => podClaimNames(p).includes(pvc.metadata.name) && !['Succeeded', 'Failed'].includes(str(rec(p.status).phase)));
    if (inUse) return;
    try {
      this.ctx.api.update(this.r.pvcs, pvc.metadata.namespace, pvc.metadata.name, {
        ...pvc,
        metadata: { ...pvc.metadata, finalizers: finalizers.filter((f) => f !== PVC_PROTECTION) },
      } as KubeObject);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
    }
  }

  /** After its claim is gone a volume is deleted (reclaim policy Delete) or released (Retain). */
  private reclaim(pvc: StoredObject): void {
    this.resync.get(this.keyOf(pvc))?.();
    this.resync.delete(this.keyOf(pvc));
    for (const pv of this.ctx.store.list(this.r.pvs.storage)) {
      if (rec(rec(pv.spec).claimRef).uid !== pvc.metadata.uid) continue;
      if (str(rec(pv.spec).persistentVolumeReclaimPolicy) === 'Delete') {
        try {
          const freed = this.ctx.api.update(this.r.pvs, undefined, pv.metadata.name, { ...pv, metadata: { ...pv.metadata, finalizers: [] } } as KubeObject).object;
          this.ctx.api.delete(this.r.pvs, undefined, freed.metadata.name);
        } catch (e) {
          if (!(e instanceof ApiError)) throw e;
        }
      } else this.setStatus(this.r.pvs, pv, { phase: 'Released' });
    }
  }
}

