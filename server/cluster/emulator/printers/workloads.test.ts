import { describe, expect, it } from 'vitest';
import { ctx, obj } from './test-fixtures.ts';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  podTemplatePrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workloads.ts';

const template = (labels: Record<string, string>, containers: { name: string; image: string }[], nodeSelector?: Record<string, string>) => ({
  metadata: { labels },
  spec: { containers, ...(nodeSelector ? { nodeSelector } : {}) },
});
const nginx = [{ name: 'nginx', image: 'nginx:1.27.4' }];

// printers.go printDeployment.
describe('deployment', () => {
  it('prints an nginx deployment mid-rollout', () => {
    const d = obj('apps/v1', 'Deployment', { name: 'nginx', namespace: 'default', generation: 2 }, {
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx' } }, template: template({ app: 'nginx' }, nginx) },
      status: { observedGeneration: 2, replicas: 4, updatedReplicas: 1, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 2 },
    }, '25m');
    expect(deploymentPrinter.cells(d, ctx)).toEqual(['nginx', '2/3', 1, 2, '25m', 'nginx', 'nginx:1.27.4', 'app=nginx']);
    expect(deploymentPrinter.columns.map((c) => `${c.name}:${c.type}:${c.priority}`)).toEqual([
      'Name:string:0',
      'Ready:string:0',
      'Up-to-date:string:0',
      'Available:string:0',
      'Age:string:0',
      'Containers:string:1',
      'Images:string:1',
      'Selector:string:1',
    ]);
  });

  it('prints coredns with its two-key selector, and zero counts for a fresh deployment', () => {
    const coredns = obj('apps/v1', 'Deployment', { name: 'coredns', namespace: 'kube-system' }, {
      spec: {
        replicas: 2,
        selector: { matchLabels: { 'k8s-app': 'kube-dns', 'eks.amazonaws.com/component': 'coredns' } },
        template: template({ 'k8s-app': 'kube-dns' }, [{ name: 'coredns', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.4-eksbuild.2' }]),
      },
      status: { replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2 },
    }, '5d');
    expect(deploymentPrinter.cells(coredns, ctx)).toEqual([
      'coredns',
      '2/2',
      2,
      2,
      '5d',
      'coredns',
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/eks/coredns:v1.11.4-eksbuild.2',
      'eks.amazonaws.com/component=coredns,k8s-app=kube-dns',
    ]);
    const fresh = obj('apps/v1', 'Deployment', { name: 'web' }, { spec: { selector: { matchLabels: { app: 'web' } }, template: template({ app: 'web' }, nginx) }, status: {} }, '2s');
    expect(deploymentPrinter.cells(fresh, ctx).slice(1, 5)).toEqual(['0/1', 0, 0, '2s']);
  });
});

// printers.go printReplicaSet, printReplicationController.
describe('replica sets and replication controllers', () => {
  it('prints desired, current and ready', () => {
    const rs = obj('apps/v1', 'ReplicaSet', { name: 'nginx-7854ff8877', namespace: 'default' }, {
      spec: { replicas: 3, selector: { matchLabels: { app: 'nginx', 'pod-template-hash': '7854ff8877' } }, template: template({ app: 'nginx' }, nginx) },
      status: { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 2, availableReplicas: 2 },
    }, '25m');
    expect(replicaSetPrinter.cells(rs, ctx)).toEqual(['nginx-7854ff8877', 3, 3, 2, '25m', 'nginx', 'nginx:1.27.4', 'app=nginx,pod-template-hash=7854ff8877']);
    const old = obj('apps/v1', 'ReplicaSet', { name: 'nginx-5d59d67564' }, { spec: { replicas: 0, selector: { matchLabels: { app: 'nginx' } }, template: template({}, nginx) }, status: { replicas: 0 } });
    expect(replicaSetPrinter.cells(old, ctx).slice(1, 4)).toEqual([0, 0, 0]);
  });

  it('prints a replication controller selector as labels', () => {
    const rc = obj('v1', 'ReplicationController', { name: 'legacy' }, { spec: { replicas: 2, selector: { app: 'legacy' }, template: template({ app: 'legacy' }, nginx) }, status: { replicas: 2, readyReplicas: 1 } });
    expect(replicationControllerPrinter.cells(rc, ctx)).toEqual(['legacy', 2, 2, 1, '10d', 'nginx', 'nginx:1.27.4', 'app=legacy']);
  });
});

// printers.go printStatefulSet, printDaemonSet.
describe('stateful and daemon sets', () => {
  it('prints a statefulset as ready/desired', () => {
    const ss = obj('apps/v1', 'StatefulSet', { name: 'db' }, {
      spec: { replicas: 3, serviceName: 'db', selector: { matchLabels: { app: 'db' } }, template: template({ app: 'db' }, [{ name: 'postgres', image: 'postgres:17' }]) },
      status: { replicas: 2, readyReplicas: 1, currentReplicas: 2 },
    }, '90s');
    expect(statefulSetPrinter.cells(ss, ctx)).toEqual(['db', '1/3', '90s', 'postgres', 'postgres:17']);
    expect(statefulSetPrinter.columns.map((c) => c.name)).toEqual(['Name', 'Ready', 'Age', 'Containers', 'Images']);
  });

  it('prints the aws-node daemonset', () => {
    const ds = obj('apps/v1', 'DaemonSet', { name: 'aws-node', namespace: 'kube-system' }, {
      spec: {
        selector: { matchLabels: { 'k8s-app': 'aws-node' } },
        template: template({ 'k8s-app': 'aws-node' }, [
          { name: 'aws-node', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1' },
          { name: 'aws-eks-nodeagent', image: '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.6-eksbuild.1' },
        ]),
      },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 3, updatedNumberScheduled: 3, numberAvailable: 3 },
    }, '5d');
    expect(daemonSetPrinter.cells(ds, ctx)).toEqual([
      'aws-node',
      3,
      3,
      3,
      3,
      3,
      '<none>',
      '5d',
      'aws-node,aws-eks-nodeagent',
      '602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon-k8s-cni:v1.19.2-eksbuild.1,602401143452.dkr.ecr.us-west-2.amazonaws.com/amazon/aws-network-policy-agent:v1.1.6-eksbuild.1',
      'k8s-app=aws-node',
    ]);
  });

  it('prints a node selector and a rollout in progress', () => {
    const ds = obj('apps/v1', 'DaemonSet', { name: 'ebs-csi-node', namespace: 'kube-system' }, {
      spec: { selector: { matchLabels: { app: 'ebs-csi-node' } }, template: template({ app: 'ebs-csi-node' }, [{ name: 'ebs-plugin', image: 'ebs' }], { 'kubernetes.io/os': 'linux' }) },
      status: { desiredNumberScheduled: 3, currentNumberScheduled: 3, numberReady: 2, updatedNumberScheduled: 1, numberAvailable: 2 },
    });
    expect(daemonSetPrinter.cells(ds, ctx).slice(1, 7)).toEqual([3, 3, 2, 1, 2, 'kubernetes.io/os=linux']);
  });
});

// printers.go printControllerRevision, printPodTemplate.
describe('controller revisions and pod templates', () => {
  it('prints the owning controller as kind.group/name', () => {
    const cr = obj('apps/v1', 'ControllerRevision', {
      name: 'kube-proxy-6d5b8c7f4',
      namespace: 'kube-system',
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'DaemonSet', name: 'kube-proxy', uid: 'u1', controller: true, blockOwnerDeletion: true }],
    }, { revision: 1, data: {} });
    expect(controllerRevisionPrinter.cells(cr, ctx)).toEqual(['kube-proxy-6d5b8c7f4', 'daemonset.apps/kube-proxy', 1, '10d']);
    const orphan = obj('apps/v1', 'ControllerRevision', { name: 'x' }, { revision: 3 });
    expect(controllerRevisionPrinter.cells(orphan, ctx)[1]).toBe('<none>');
  });

  it('prints a pod template with no age column', () => {
    const pt = obj('v1', 'PodTemplate', { name: 'batch-worker' }, { template: template({ app: 'worker', tier: 'batch' }, [{ name: 'w', image: 'busybox:1.36' }]) });
    expect(podTemplatePrinter.cells(pt, ctx)).toEqual(['batch-worker', 'w', 'busybox:1.36', 'app=worker,tier=batch']);
    expect(podTemplatePrinter.columns.map((c) => c.name)).toEqual(['Name', 'Containers', 'Images', 'Pod Labels']);
  });
});
