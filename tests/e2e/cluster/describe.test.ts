/**
 * `kubectl describe`: kubectl renders it itself from the object, its events (field-selected by uid) and,
 * for some kinds, related lists (ReplicaSets of a Deployment, pods on a node, a node's Lease,
 * EndpointSlices of a Service). What differs per run is normalised; the rest is compared as written.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';
import { eventLines, normDescribe } from './normalize.ts';

let cluster: RunningCluster;
const ok = (args: string[]) => {
  const r = cluster.kubectl(args);
  expect(r.stderr).toBe('');
  return r.stdout;
};
const describeOf = (args: string[]) => normDescribe(ok(['describe', ...args]));

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2', '--port=80']);
  ok(['expose', 'deployment', 'web', '--port=80', '--target-port=80']);
  await eventually(() => /2\/2/.test(cluster.kubectl(['get', 'deploy', 'web', '--no-headers']).stdout), 60_000);
  await eventually(() => cluster.kubectl(['get', 'ep', 'web', '-o', 'jsonpath={.subsets[0].addresses[1].ip}']).stdout !== '', 30_000);
});
afterAll(() => cluster?.destroy());

describe('describe deployment', () => {
  it('shows the strategy, template, conditions, ReplicaSets and scaling events', () => {
    expect(describeOf(['deployment', 'web'])).toBe(`Name:                   web
Namespace:              default
CreationTimestamp:      <date>
Labels:                 app=web
Annotations:            deployment.kubernetes.io/revision: 1
Selector:               app=web
Replicas:               2 desired | 2 updated | 2 total | 2 available | 0 unavailable
StrategyType:           RollingUpdate
MinReadySeconds:        0
RollingUpdateStrategy:  25% max unavailable, 25% max surge
Pod Template:
  Labels:  app=web
  Containers:
   nginx:
    Image:         nginx:1.27
    Port:          80/TCP
    Host Port:     0/TCP
    Environment:   <none>
    Mounts:        <none>
  Volumes:         <none>
  Node-Selectors:  <none>
  Tolerations:     <none>
Conditions:
  Type         Status  Reason
  ----         ------  ------
  Available    True    MinimumReplicasAvailable
  Progressing  True    NewReplicaSetAvailable
OldReplicaSets:  <none>
NewReplicaSet:   web-<hash> (2/2 replicas created)
Events:
  Type    Reason             Age    From                   Message
  ----    ------             ----   ----                   -------
  Normal  ScalingReplicaSet  <age>  deployment-controller  Scaled up replica set web-<hash> from 0 to 2`);
  });
});

describe('describe pod', () => {
  it('shows containers, conditions, volumes, tolerations and the kubelet events', () => {
    const name = ok(['get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}']);
    const text = describeOf(['pod', name]).replace(/kube-api-access-\w{5}/g, 'kube-api-access-<id>');
    const [top, events] = text.split('\nEvents:\n');
    expect(top).toBe(`Name:             web-<hash>-<id>
Namespace:        default
Priority:         0
Service Account:  default
Node:             <node>/<ip>
Start Time:       <date>
Labels:           app=web
                  pod-template-hash=<hash>
Annotations:      <none>
Status:           Running
IP:               <ip>
IPs:
  IP:           <ip>
Controlled By:  ReplicaSet/web-<hash>
Containers:
  nginx:
    Container ID:   containerd://<id>
    Image:          nginx:1.27
    Image ID:       docker.io/library/nginx@sha256:<digest>
    Port:           80/TCP
    Host Port:      0/TCP
    State:          Running
      Started:      <date>
    Ready:          True
    Restart Count:  0
    Environment:    <none>
    Mounts:
      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-<id> (ro)
Conditions:
  Type                        Status
  PodReadyToStartContainers   True 
  Initialized                 True 
  Ready                       True 
  ContainersReady             True 
  PodScheduled                True 
Volumes:
  kube-api-access-<id>:
    Type:                    Projected (a volume that contains injected data from multiple sources)
    TokenExpirationSeconds:  3607
    ConfigMapName:           kube-root-ca.crt
    ConfigMapOptional:       <nil>
    DownwardAPI:             true
QoS Class:                   BestEffort
Node-Selectors:              <none>
Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s
                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s`);
    const lines = eventLines(`Events:\n${events}`);
    expect(lines[0]).toBe('Normal Scheduled default-scheduler: Successfully assigned default/web-<hash>-<id> to <node>');
    // The image is pulled on the first node that needs it; the next pod there finds it present.
    expect([
      ['Normal Pulling kubelet: Pulling image "nginx:1.27"'],
      ['Normal Pulled kubelet: Container image "nginx:1.27" already present on machine'],
    ]).toContainEqual([lines[1]]);
    expect(lines.slice(-2)).toEqual(['Normal Created kubelet: Created container nginx', 'Normal Started kubelet: Started container nginx']);
  });
});

describe('describe service', () => {
  it('shows the ports and the endpoints of ready pods', () => {
    expect(describeOf(['service', 'web'])).toBe(`Name:                     web
Namespace:                default
Labels:                   app=web
Annotations:              <none>
Selector:                 app=web
Type:                     ClusterIP
IP Family Policy:         SingleStack
IP Families:              IPv4
IP:                       <ip>
IPs:                      <ip>
Port:                     <unset>  80/TCP
TargetPort:               80/TCP
Endpoints:                <ip>:80,<ip>:80
Session Affinity:         None
Internal Traffic Policy:  Cluster
Events:                   <none>`);
  });
});

describe('describe node', () => {
  it('shows an EKS node: labels, conditions, capacity, its pods and the kubelet events', () => {
    const node = ok(['get', 'nodes', '-o', 'jsonpath={.items[0].metadata.name}']);
    const text = describeOf(['node', node]);
    const lines = text.split('\n');
    for (const line of [
      'Name:               <node>',
      'Roles:              <none>',
      'Labels:             alpha.eksctl.io/cluster-name=dev',
      '                    beta.kubernetes.io/instance-type=t3.medium',
      '                    eks.amazonaws.com/capacityType=ON_DEMAND',
      '                    eks.amazonaws.com/nodegroup=ng-1',
      '                    node.kubernetes.io/instance-type=t3.medium',
      '                    topology.kubernetes.io/region=us-west-2',
      'Annotations:        alpha.kubernetes.io/provided-node-ip: <ip>',
      'Taints:             <none>',
      'Unschedulable:      false',
      '  HolderIdentity:  <node>',
      '  InternalIP:   <ip>',
      '  Hostname:     <node>',
      'Capacity:',
      '  cpu:                2',
      '  memory:             3926444Ki',
      '  pods:               17',
      'Allocatable:',
      '  cpu:                1930m',
      '  memory:             3371436Ki',
      '  Container Runtime Version:  containerd://1.7.27',
      '  Operating System:           linux',
      '  Architecture:               amd64',
      '  (Total limits may be over 100 percent, i.e., overcommitted.)',
    ]) {
      expect(lines).toContain(line);
    }
    expect(text).toContain(`Conditions:
  Type            Status  LastHeartbeatTime  LastTransitionTime  Reason                      Message
  ----            ------  -----------------  ------------------  ------                      -------
  MemoryPressure  False   <date>             <date>              KubeletHasSufficientMemory  kubelet has sufficient memory available
  DiskPressure    False   <date>             <date>              KubeletHasNoDiskPressure    kubelet has no disk pressure
  PIDPressure     False   <date>             <date>              KubeletHasSufficientPID     kubelet has sufficient PID available
  Ready           True    <date>             <date>              KubeletReady                kubelet is posting ready status`);
    expect(lines.find((l) => l.startsWith('  Kubelet Version:'))).toMatch(/^ {2}Kubelet Version: {12}v1\.32\.\d+-eks-[0-9a-f]{7}$/);
    expect(lines.find((l) => l.startsWith('ProviderID:'))).toMatch(/^ProviderID: {19}aws:\/\/\/us-west-2[abc]\/i-[0-9a-f]{17}$/);
    const pods = lines.filter((l) => /^ {2}(default|kube-system) /.test(l)).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    expect(pods.filter((p) => p.startsWith('kube-system aws-node-') || p.startsWith('kube-system kube-proxy-'))).toHaveLength(2);
    expect(eventLines(text)).toEqual(
      expect.arrayContaining([
        'Normal Starting kubelet: Starting kubelet.',
        'Normal NodeHasSufficientMemory kubelet: Node <node> status is now: NodeHasSufficientMemory',
        'Normal RegisteredNode node-controller: Node <node> event: Registered Node <node> in Controller',
        'Normal NodeReady kubelet: Node <node> status is now: NodeReady',
      ]),
    );
  });
});

describe('describe for other kinds', () => {
  it('describes a namespace, a configmap and a secret without showing secret values', () => {
    expect(describeOf(['namespace', 'default'])).toBe(`Name:         default
Labels:       kubernetes.io/metadata.name=default
Annotations:  <none>
Status:       Active

No resource quota.

No LimitRange resource.`);
    ok(['create', 'configmap', 'cfg', '--from-literal=mode=prod']);
    expect(describeOf(['configmap', 'cfg'])).toBe(`Name:         cfg
Namespace:    default
Labels:       <none>
Annotations:  <none>

Data
====
mode:
----
prod


BinaryData
====

Events:  <none>`);
    ok(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cr3t']);
    expect(describeOf(['secret', 'db'])).toBe(`Name:         db
Namespace:    default
Labels:       <none>
Annotations:  <none>

Type:  Opaque

Data
====
password:  6 bytes`);
  });

  it('answers NotFound for a missing object', () => {
    expect(cluster.kubectl(['describe', 'pod', 'nope']).stderr).toBe('Error from server (NotFound): pods "nope" not found\n');
  });
});
