import { describe, expect, it } from 'vitest';
import type { StoredObject } from '../../meta/types.ts';
import { eksCluster } from '../cluster-harness.ts';

type Json = Record<string, any>;

function events(c: ReturnType<typeof eksCluster>, name: string): string[] {
  return c.cluster.store
    .list({ group: '', resource: 'events' }, 'default')
    .filter((e: Json) => e.involvedObject.name === name)
    .sort((a, b) => (BigInt(`0x${a.metadata.name.split('.').pop()}`) < BigInt(`0x${b.metadata.name.split('.').pop()}`) ? -1 : 1))
    .map((e: Json) => `${e.reason} ${e.message}`);
}

const claim = { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data', namespace: 'default' }, spec: { storageClassName: 'gp2', accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '4Gi' } } } };
const consumer = {
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    containers: [{ name: 'redis', image: 'redis:7.4', volumeMounts: [{ name: 'data', mountPath: '/data' }] }],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'data' } }],
  },
};

describe('PVC binder', () => {
  it('waits for the first consumer, provisions pvc-<uid> in its zone, binds, attaches, and the pod runs', () => {
    const c = eksCluster({ ebsCsiDriver: true });
    const r = (res: string) => c.cluster.registry.lookup('', 'v1', res)!;
    c.run(20_000);
    c.cluster.api.create(r('persistentvolumeclaims'), 'default', claim);
    c.run(1000);
    expect(events(c, 'data')).toEqual(['WaitForFirstConsumer waiting for first consumer to be created before binding']);
    c.cluster.api.create(r('pods'), 'default', consumer);
    c.run(500);
    const pending = c.cluster.store.get(r('pods').storage, 'default', 'db') as StoredObject & Json;
    expect(pending.spec.nodeName).toBeUndefined();
    c.run(15_000);
    const pvc = c.cluster.store.get(r('persistentvolumeclaims').storage, 'default', 'data') as StoredObject & Json;
    expect(pvc.status).toMatchObject({ phase: 'Bound', capacity: { storage: '4Gi' } });
    expect(pvc.spec.volumeName).toBe(`pvc-${pvc.metadata.uid}`);
    const pod = c.cluster.store.get(r('pods').storage, 'default', 'db') as StoredObject & Json;
    expect(pvc.metadata.annotations!['volume.kubernetes.io/selected-node']).toBe(pod.spec.nodeName);
    const pv = c.cluster.store.get(r('persistentvolumes').storage, undefined, pvc.spec.volumeName) as StoredObject & Json;
    const node = c.cluster.store.get(r('nodes').storage, undefined, pod.spec.nodeName) as StoredObject & Json;
    expect(pv.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0]).toEqual({ key: 'topology.kubernetes.io/zone', operator: 'In', values: [node.metadata.labels!['topology.kubernetes.io/zone']] });
    expect(pv.status.phase).toBe('Bound');
    expect(pv.spec.awsElasticBlockStore.volumeID).toMatch(/^aws:\/\/us-west-2[abc]\/vol-0[0-9a-f]{16}$/);
    const claimEvents = events(c, 'data');
    expect(claimEvents).toContain(
      "ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(claimEvents).toContain('Provisioning External provisioner is provisioning volume for claim "default/data"');
    expect(claimEvents).toContain(`ProvisioningSucceeded Successfully provisioned volume ${pv.metadata.name}`);
    expect(pod.status.containerStatuses[0].ready).toBe(true);
    expect(events(c, 'db')).toContain(`SuccessfulAttachVolume AttachVolume.Attach succeeded for volume "${pv.metadata.name}"`);
  });

  it('deletes the volume with its claim (reclaim policy Delete)', () => {
    const c = eksCluster({ ebsCsiDriver: true });
    const r = (res: string) => c.cluster.registry.lookup('', 'v1', res)!;
    c.run(20_000);
    c.cluster.api.create(r('persistentvolumeclaims'), 'default', claim);
    c.cluster.api.create(r('pods'), 'default', consumer);
    c.run(20_000);
    expect(c.cluster.store.list(r('persistentvolumes').storage)).toHaveLength(1);
    c.cluster.api.delete(r('pods'), 'default', 'db');
    c.run(5000);
    c.cluster.api.delete(r('persistentvolumeclaims'), 'default', 'data');
    c.run(5000);
    expect(c.cluster.store.list(r('persistentvolumes').storage)).toHaveLength(0);
  });

  it('leaves claims pending without the EBS CSI driver, as a fresh EKS cluster does', () => {
    const c = eksCluster();
    const r = (res: string) => c.cluster.registry.lookup('', 'v1', res)!;
    c.run(20_000);
    c.cluster.api.create(r('persistentvolumeclaims'), 'default', claim);
    c.cluster.api.create(r('pods'), 'default', consumer);
    c.run(30_000);
    const pvc = c.cluster.store.get(r('persistentvolumeclaims').storage, 'default', 'data') as StoredObject & Json;
    expect(pvc.status?.phase ?? 'Pending').toBe('Pending');
    expect(events(c, 'data').some((e) => e.startsWith("ExternalProvisioning Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com'"))).toBe(true);
  });
});
