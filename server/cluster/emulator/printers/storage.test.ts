import { describe, expect, it } from 'vitest';
import { ago, ctx, obj } from './test-fixtures.ts';
import {
  csiDriverPrinter,
  csiNodePrinter,
  persistentVolumeClaimPrinter,
  persistentVolumePrinter,
  storageClassPrinter,
  volumeAttachmentPrinter,
} from './storage.ts';

const PV = 'pvc-5f0c2d1e-8a3b-4c6d-9e7f-1a2b3c4d5e6f';

// printers.go printPersistentVolumeClaim.
describe('persistent volume claims', () => {
  it('prints a bound claim with capacity and access modes', () => {
    const pvc = obj('v1', 'PersistentVolumeClaim', { name: 'data-db-0', namespace: 'default' }, {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '4Gi' } }, storageClassName: 'gp3', volumeMode: 'Filesystem', volumeName: PV },
      status: { phase: 'Bound', accessModes: ['ReadWriteOnce'], capacity: { storage: '4Gi' } },
    }, '3h');
    expect(persistentVolumeClaimPrinter.cells(pvc, ctx)).toEqual(['data-db-0', 'Bound', PV, '4Gi', 'RWO', 'gp3', '<unset>', '3h', 'Filesystem']);
    expect(persistentVolumeClaimPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Volume:0',
      'Capacity:0',
      'Access Modes:0',
      'StorageClass:0',
      'VolumeAttributesClass:0',
      'Age:0',
      'VolumeMode:1',
    ]);
  });

  it('leaves capacity and access modes empty until bound (WaitForFirstConsumer)', () => {
    const pvc = obj('v1', 'PersistentVolumeClaim', { name: 'cache' }, {
      spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'gp2' },
      status: { phase: 'Pending' },
    }, '40s');
    expect(persistentVolumeClaimPrinter.cells(pvc, ctx)).toEqual(['cache', 'Pending', '', '', '', 'gp2', '<unset>', '40s', 'Filesystem']);
  });

  it('prints Terminating, the beta class annotation, all access modes in order, and the block mode', () => {
    const pvc = obj('v1', 'PersistentVolumeClaim', { name: 'shared', deletionTimestamp: ago('3s'), annotations: { 'volume.beta.kubernetes.io/storage-class': 'efs-sc' } }, {
      spec: { storageClassName: 'ignored', volumeName: 'pv-efs', volumeMode: 'Block', volumeAttributesClassName: 'gold' },
      status: { phase: 'Bound', accessModes: ['ReadWriteOncePod', 'ReadWriteMany', 'ReadOnlyMany', 'ReadWriteOnce', 'ReadWriteMany'], capacity: { storage: '5Gi' } },
    });
    expect(persistentVolumeClaimPrinter.cells(pvc, ctx)).toEqual(['shared', 'Terminating', 'pv-efs', '5Gi', 'RWO,ROX,RWX,RWOP', 'efs-sc', 'gold', '10d', 'Block']);
  });
});

// printers.go printPersistentVolume.
describe('persistent volumes', () => {
  it('prints a dynamically provisioned EBS volume', () => {
    const pv = obj('v1', 'PersistentVolume', { name: PV }, {
      spec: {
        capacity: { storage: '4Gi' },
        accessModes: ['ReadWriteOnce'],
        persistentVolumeReclaimPolicy: 'Delete',
        storageClassName: 'gp3',
        volumeMode: 'Filesystem',
        claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'data-db-0' },
        csi: { driver: 'ebs.csi.aws.com', volumeHandle: 'vol-0a1b2c3d4e5f67890' },
      },
      status: { phase: 'Bound' },
    }, '3h');
    expect(persistentVolumePrinter.cells(pv, ctx)).toEqual([PV, '4Gi', 'RWO', 'Delete', 'Bound', 'default/data-db-0', 'gp3', '<unset>', '', '3h', 'Filesystem']);
  });

  it('prints a released volume with its reason, and an unclaimed one', () => {
    const released = obj('v1', 'PersistentVolume', { name: 'pv-old' }, {
      spec: { capacity: { storage: '10Gi' }, accessModes: ['ReadWriteOnce'], persistentVolumeReclaimPolicy: 'Retain', claimRef: { namespace: 'default', name: 'gone' } },
      status: { phase: 'Failed', reason: 'VolumeFailedRecycle' },
    });
    expect(persistentVolumePrinter.cells(released, ctx).slice(1, 9)).toEqual(['10Gi', 'RWO', 'Retain', 'Failed', 'default/gone', '', '<unset>', 'VolumeFailedRecycle']);
    const available = obj('v1', 'PersistentVolume', { name: 'pv-nfs' }, { spec: { capacity: { storage: '1024Mi' }, accessModes: ['ReadWriteMany'] }, status: { phase: 'Available' } });
    expect(persistentVolumePrinter.cells(available, ctx).slice(1, 6)).toEqual(['1Gi', 'RWX', 'Retain', 'Available', '']);
  });
});

// printers.go printStorageClass (and storageutil.IsDefaultAnnotation).
describe('storage classes', () => {
  it('marks the default class and prints the EKS gp2 class', () => {
    const gp3 = obj('storage.k8s.io/v1', 'StorageClass', { name: 'gp3', annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }, {
      provisioner: 'ebs.csi.aws.com',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
      allowVolumeExpansion: true,
      parameters: { type: 'gp3' },
    }, '2d');
    expect(storageClassPrinter.cells(gp3, ctx)).toEqual(['gp3 (default)', 'ebs.csi.aws.com', 'Delete', 'WaitForFirstConsumer', true, '2d']);
    const gp2 = obj('storage.k8s.io/v1', 'StorageClass', { name: 'gp2' }, { provisioner: 'kubernetes.io/aws-ebs', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', parameters: { fsType: 'ext4', type: 'gp2' } }, '5d');
    expect(storageClassPrinter.cells(gp2, ctx)).toEqual(['gp2', 'kubernetes.io/aws-ebs', 'Delete', 'WaitForFirstConsumer', false, '5d']);
    const beta = obj('storage.k8s.io/v1', 'StorageClass', { name: 'old', annotations: { 'storageclass.beta.kubernetes.io/is-default-class': 'true' } }, { provisioner: 'x' });
    expect(storageClassPrinter.cells(beta, ctx).slice(0, 4)).toEqual(['old (default)', 'x', 'Delete', 'Immediate']);
    const notDefault = obj('storage.k8s.io/v1', 'StorageClass', { name: 'nd', annotations: { 'storageclass.kubernetes.io/is-default-class': 'false' } }, { provisioner: 'x' });
    expect(storageClassPrinter.cells(notDefault, ctx)[0]).toBe('nd');
  });
});

// printers.go printCSIDriver, printCSINode, printVolumeAttachment.
describe('CSI kinds', () => {
  it('prints the EBS CSI driver with defaults', () => {
    const ebs = obj('storage.k8s.io/v1', 'CSIDriver', { name: 'ebs.csi.aws.com' }, { spec: { attachRequired: true, podInfoOnMount: false, fsGroupPolicy: 'ReadWriteOnceWithFSType', volumeLifecycleModes: ['Persistent'] } }, '2d');
    expect(csiDriverPrinter.cells(ebs, ctx)).toEqual(['ebs.csi.aws.com', true, false, false, '<unset>', false, 'Persistent', '2d']);
    const efs = obj('storage.k8s.io/v1', 'CSIDriver', { name: 'efs.csi.aws.com' }, { spec: { attachRequired: false, tokenRequests: [{ audience: 'sts.amazonaws.com' }], volumeLifecycleModes: ['Persistent', 'Ephemeral'] } });
    expect(csiDriverPrinter.cells(efs, ctx).slice(1, 7)).toEqual([false, false, false, 'sts.amazonaws.com', false, 'Persistent,Ephemeral']);
  });

  it('prints CSI nodes and volume attachments', () => {
    const node = obj('storage.k8s.io/v1', 'CSINode', { name: 'ip-192-168-12-34.us-west-2.compute.internal' }, { spec: { drivers: [{ name: 'ebs.csi.aws.com', nodeID: 'i-0abc123def4567890' }] } }, '5d');
    expect(csiNodePrinter.cells(node, ctx)).toEqual(['ip-192-168-12-34.us-west-2.compute.internal', 1, '5d']);
    const va = obj('storage.k8s.io/v1', 'VolumeAttachment', { name: 'csi-3b8e4f0c2a1d9e7f6b5a4c3d2e1f0a9b8c7d6e5f4a3b2c1d0e9f8a7b6c5d4e3f' }, {
      spec: { attacher: 'ebs.csi.aws.com', nodeName: 'ip-192-168-12-34.us-west-2.compute.internal', source: { persistentVolumeName: PV } },
      status: { attached: true },
    }, '3h');
    expect(volumeAttachmentPrinter.cells(va, ctx).slice(1)).toEqual(['ebs.csi.aws.com', PV, 'ip-192-168-12-34.us-west-2.compute.internal', true, '3h']);
    expect(volumeAttachmentPrinter.columns[1]!.format).toBe('name');
  });
});
