/**
 * `kubectl get` in its everyday forms: tables (server-side printing), wide, all namespaces, labels as
 * columns, sorting, selectors, every output format, `get all`, and watching (bounded: a background kubectl
 * is started, changes are made, then it is killed and what it printed is compared).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';
import { normCell, normTable } from './normalize.ts';

let cluster: RunningCluster;
const ok = (args: string[]) => {
  const r = cluster.kubectl(args);
  expect(r.stderr).toBe('');
  return r.stdout;
};

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=2']);
  ok(['label', 'deployment', 'web', 'tier=frontend']);
  ok(['run', 'solo', '--image=busybox', '--labels=app=solo,tier=backend', '--', 'sleep', '3600']);
  ok(['create', 'configmap', 'b-config', '--from-literal=x=1']);
  ok(['create', 'configmap', 'a-config', '--from-literal=x=1', '--from-literal=y=2']);
  await eventually(() => {
    const out = cluster.kubectl(['get', 'pods', '-A', '--no-headers']).stdout.trim().split('\n');
    return out.length === 9 && out.every((l) => / (\d+)\/\1 +Running /.test(l));
  }, 60_000);
});
afterAll(() => cluster?.destroy());

describe('tables', () => {
  it('lists pods with the server-computed columns', () => {
    expect(normTable(ok(['get', 'pods']))).toBe(`NAME              READY   STATUS    RESTARTS   AGE
solo              1/1     Running   0          <age>
web-<hash>-<id>   1/1     Running   0          <age>
web-<hash>-<id>   1/1     Running   0          <age>`);
  });

  it('adds the wide columns', () => {
    expect(normTable(ok(['get', 'pods', '-o', 'wide']))).toBe(`NAME              READY   STATUS    RESTARTS   AGE     IP     NODE     NOMINATED NODE   READINESS GATES
solo              1/1     Running   0          <age>   <ip>   <node>   <none>           <none>
web-<hash>-<id>   1/1     Running   0          <age>   <ip>   <node>   <none>           <none>
web-<hash>-<id>   1/1     Running   0          <age>   <ip>   <node>   <none>           <none>`);
  });

  it('lists every namespace with -A, as a fresh EKS cluster runs its add-ons', () => {
    expect(normTable(ok(['get', 'pods', '-A']))).toBe(`NAMESPACE     NAME                  READY   STATUS    RESTARTS   AGE
default       solo                  1/1     Running   0          <age>
default       web-<hash>-<id>       1/1     Running   0          <age>
default       web-<hash>-<id>       1/1     Running   0          <age>
kube-system   aws-node-<id>         2/2     Running   0          <age>
kube-system   aws-node-<id>         2/2     Running   0          <age>
kube-system   coredns-<hash>-<id>   1/1     Running   0          <age>
kube-system   coredns-<hash>-<id>   1/1     Running   0          <age>
kube-system   kube-proxy-<id>       1/1     Running   0          <age>
kube-system   kube-proxy-<id>       1/1     Running   0          <age>`);
  });

  it('shows labels, and chosen labels as columns', () => {
    const cell = (c: string) => normCell(c).replace(/pod-template-hash=\w+/, 'pod-template-hash=<hash>');
    expect(normTable(ok(['get', 'pods', '--show-labels']), cell)).toBe(`NAME              READY   STATUS    RESTARTS   AGE     LABELS
solo              1/1     Running   0          <age>   app=solo,tier=backend
web-<hash>-<id>   1/1     Running   0          <age>   app=web,pod-template-hash=<hash>
web-<hash>-<id>   1/1     Running   0          <age>   app=web,pod-template-hash=<hash>`);
    expect(normTable(ok(['get', 'deploy', '-L', 'tier,app']))).toBe(`NAME   READY   UP-TO-DATE   AVAILABLE   AGE     TIER       APP
web    2/2     2            2           <age>   frontend   web`);
  });

  it('prints the kinds of several types, and get all', () => {
    expect(normTable(ok(['get', 'deploy,rs', '-l', 'app=web']))).toBe(`NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/2     2            2           <age>

NAME                         DESIRED   CURRENT   READY   AGE
replicaset.apps/web-<hash>   2         2         2       <age>`);
    expect(normTable(ok(['get', 'all']))).toBe(`NAME                  READY   STATUS    RESTARTS   AGE
pod/solo              1/1     Running   0          <age>
pod/web-<hash>-<id>   1/1     Running   0          <age>
pod/web-<hash>-<id>   1/1     Running   0          <age>

NAME                 TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)   AGE
service/kubernetes   ClusterIP   <ip>         <none>        443/TCP   <age>

NAME                  READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/web   2/2     2            2           <age>

NAME                         DESIRED   CURRENT   READY   AGE
replicaset.apps/web-<hash>   2         2         2       <age>`);
    expect(normTable(ok(['get', 'all', '-n', 'kube-system']))).toBe(`NAME                      READY   STATUS    RESTARTS   AGE
pod/aws-node-<id>         2/2     Running   0          <age>
pod/aws-node-<id>         2/2     Running   0          <age>
pod/coredns-<hash>-<id>   1/1     Running   0          <age>
pod/coredns-<hash>-<id>   1/1     Running   0          <age>
pod/kube-proxy-<id>       1/1     Running   0          <age>
pod/kube-proxy-<id>       1/1     Running   0          <age>

NAME               TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)                  AGE
service/kube-dns   ClusterIP   <ip>         <none>        53/UDP,53/TCP,9153/TCP   <age>

NAME                        DESIRED   CURRENT   READY   UP-TO-DATE   AVAILABLE   NODE SELECTOR   AGE
daemonset.apps/aws-node     2         2         2       2            2           <none>          <age>
daemonset.apps/kube-proxy   2         2         2       2            2           <none>          <age>

NAME                      READY   UP-TO-DATE   AVAILABLE   AGE
deployment.apps/coredns   2/2     2            2           <age>

NAME                             DESIRED   CURRENT   READY   AGE
replicaset.apps/coredns-<hash>   2         2         2       <age>`);
  });

  it('prints nodes, namespaces and configmaps', () => {
    expect(normTable(ok(['get', 'nodes']), (c) => normCell(c).replace(/^v1\.32\.\d+-eks-[0-9a-f]{7}$/, '<version>'))).toBe(`NAME     STATUS   ROLES    AGE     VERSION
<node>   Ready    <none>   <age>   <version>
<node>   Ready    <none>   <age>   <version>`);
    expect(normTable(ok(['get', 'cm']))).toBe(`NAME               DATA   AGE
a-config           2      <age>
b-config           1      <age>
kube-root-ca.crt   1      <age>`);
  });

  it('says when there is nothing to list', () => {
    const r = cluster.kubectl(['get', 'pods', '-n', 'kube-public']);
    expect([r.stdout, r.stderr]).toEqual(['', 'No resources found in kube-public namespace.\n']);
    const none = cluster.kubectl(['get', 'pods', '-l', 'app=nothing']);
    expect(none.stderr).toBe('No resources found in default namespace.\n');
    expect(cluster.kubectl(['get', 'pv']).stderr).toBe('No resources found\n');
  });
});

describe('sorting and selectors', () => {
  it('sorts by a field', () => {
    expect(ok(['get', 'cm', '--sort-by=.metadata.name', '-o', 'name'])).toBe('configmap/a-config\nconfigmap/b-config\nconfigmap/kube-root-ca.crt\n');
    const byData = normTable(ok(['get', 'cm', '--sort-by=.data.x']));
    expect(byData.split('\n').map((l) => l.split(/\s+/)[0])).toEqual(['NAME', 'kube-root-ca.crt', 'a-config', 'b-config']);
  });

  it('selects by labels, set expressions and absence', () => {
    expect(ok(['get', 'pods', '-l', 'app in (solo)', '-o', 'name'])).toBe('pod/solo\n');
    expect(ok(['get', 'pods', '-l', '!tier', '-o', 'name']).split('\n').filter(Boolean)).toHaveLength(2);
    expect(ok(['get', 'pods', '-l', 'app=web,tier', '-o', 'name'])).toBe('');
    // notin also selects what lacks the label: the web pods (only their Deployment carries `tier`).
    expect(ok(['get', 'pods', '-l', 'tier notin (backend)', '-o', 'name']).split('\n').filter(Boolean)).toHaveLength(2);
  });

  it('selects by fields', () => {
    expect(ok(['get', 'pods', '--field-selector=metadata.name=solo', '-o', 'name'])).toBe('pod/solo\n');
    expect(ok(['get', 'pods', '--field-selector=status.phase=Running', '-o', 'name']).split('\n').filter(Boolean)).toHaveLength(3);
    expect(cluster.kubectl(['get', 'pods', '-A', '--field-selector=status.phase!=Running']).stderr).toBe('No resources found\n');
    const node = ok(['get', 'pod', 'solo', '-o', 'jsonpath={.spec.nodeName}']);
    const onNode = ok(['get', 'pods', '-A', `--field-selector=spec.nodeName=${node}`, '-o', 'name']).split('\n').filter(Boolean);
    expect(onNode).toContain('pod/solo');
    expect(onNode.filter((n) => n.startsWith('pod/kube-proxy-'))).toHaveLength(1);
  });

  it('refuses selectors that do not parse, as the API server words it', () => {
    expect(cluster.kubectl(['get', 'pods', '-l', 'app in (web']).stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app in (web", field selector "": unable to parse requirement: found \'\', expected: \',\', \')\' or identifier\n',
    );
    expect(cluster.kubectl(['get', 'pods', '--field-selector=spec.image=nginx']).stderr).toBe(
      'Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "spec.image=nginx": field label not supported: spec.image\n',
    );
  });
});

describe('output formats', () => {
  it('prints names, JSON paths and custom columns', () => {
    expect(ok(['get', 'cm', '-o', 'name'])).toBe('configmap/a-config\nconfigmap/b-config\nconfigmap/kube-root-ca.crt\n');
    expect(ok(['get', 'cm', '-o', 'jsonpath={.items[*].metadata.name}'])).toBe('a-config b-config kube-root-ca.crt');
    expect(ok(['get', 'cm', '-o', 'jsonpath={range .items[*]}{.metadata.name}={.data.x}{"\\n"}{end}'])).toBe('a-config=1\nb-config=1\nkube-root-ca.crt=\n');
    expect(normTable(ok(['get', 'pods', '-o', 'custom-columns=NAME:.metadata.name,IMAGE:.spec.containers[*].image,PHASE:.status.phase']))).toBe(
      `NAME              IMAGE        PHASE
solo              busybox      Running
web-<hash>-<id>   nginx:1.27   Running
web-<hash>-<id>   nginx:1.27   Running`,
    );
  });

  it('prints JSON as kubectl indents it', () => {
    const json = ok(['get', 'cm', 'a-config', '-o', 'json']).replace(/"(creationTimestamp|resourceVersion|uid)": "[^"]+"/g, '"$1": "<$1>"');
    expect(json).toBe(`{
    "apiVersion": "v1",
    "data": {
        "x": "1",
        "y": "2"
    },
    "kind": "ConfigMap",
    "metadata": {
        "creationTimestamp": "<creationTimestamp>",
        "name": "a-config",
        "namespace": "default",
        "resourceVersion": "<resourceVersion>",
        "uid": "<uid>"
    }
}
`);
    const list = JSON.parse(ok(['get', 'cm', '-o', 'json'])) as { apiVersion: string; kind: string; items: unknown[]; metadata: unknown };
    expect([list.apiVersion, list.kind, list.items.length, list.metadata]).toEqual(['v1', 'List', 3, { resourceVersion: '' }]);
  });

  it('prints a pod as YAML with what the server defaulted', () => {
    const pod = ok(['get', 'pod', 'solo', '-o', 'yaml']);
    for (const line of [
      '  dnsPolicy: ClusterFirst',
      '  enableServiceLinks: true',
      '  preemptionPolicy: PreemptLowerPriority',
      '  priority: 0',
      '  restartPolicy: Always',
      '  schedulerName: default-scheduler',
      '  serviceAccount: default',
      '  serviceAccountName: default',
      '  terminationGracePeriodSeconds: 30',
      '  - effect: NoExecute',
      '    key: node.kubernetes.io/not-ready',
      '    operator: Exists',
      '    tolerationSeconds: 300',
      '  phase: Running',
      '  qosClass: BestEffort',
      '    - mountPath: /var/run/secrets/kubernetes.io/serviceaccount',
      '      name: kube-api-access-' + pod.match(/kube-api-access-(\w{5})/)![1],
      '          expirationSeconds: 3607',
    ]) {
      expect(pod.split('\n')).toContain(line);
    }
  });
});

describe('watch', () => {
  it('prints a row for each change until stopped', async () => {
    const watch = cluster.kubectlAsync(['get', 'cm', '-w', '--output-watch-events']);
    let out = '';
    watch.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await eventually(() => out.includes('kube-root-ca.crt'), 20_000, 100);
      ok(['create', 'configmap', 'w1']);
      ok(['patch', 'configmap', 'w1', '-p', '{"data":{"a":"b"}}']);
      ok(['delete', 'configmap', 'w1']);
      await eventually(() => out.includes('DELETED'), 20_000, 100);
    } finally {
      watch.kill();
    }
    const rows = out.trim().split('\n').map((l) => l.trim().split(/\s{2,}/).map(normCell));
    expect(rows).toEqual([
      ['EVENT', 'NAME', 'DATA', 'AGE'],
      ['ADDED', 'a-config', '2', '<age>'],
      ['ADDED', 'b-config', '1', '<age>'],
      ['ADDED', 'kube-root-ca.crt', '1', '<age>'],
      ['ADDED', 'w1', '0', '<age>'],
      ['MODIFIED', 'w1', '1', '<age>'],
      ['DELETED', 'w1', '1', '<age>'],
    ]);
  });

  it('follows a pod from Pending to Running', async () => {
    const watch = cluster.kubectlAsync(['get', 'pods', '-l', 'app=watched', '-w']);
    let out = '';
    watch.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      await new Promise((r) => setTimeout(r, 1000));
      ok(['run', 'watched', '--image=nginx:1.27', '--labels=app=watched']);
      await eventually(() => / Running /.test(out), 30_000, 100);
    } finally {
      watch.kill();
    }
    const statuses = out.trim().split('\n').slice(1).map((l) => l.trim().split(/\s+/)[2]);
    // Pending (created, then bound to a node), ContainerCreating while the image is pulled, then Running.
    expect(statuses[0]).toBe('Pending');
    expect(statuses).toContain('ContainerCreating');
    expect(statuses.at(-1)).toBe('Running');
    expect(statuses.indexOf('ContainerCreating')).toBeGreaterThan(0);
  });
});
