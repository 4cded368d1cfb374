/**
 * The other kinds people reach for: StatefulSets with their claims (gp2 waits for the EBS CSI driver on a
 * fresh EKS cluster), HorizontalPodAutoscalers without metrics-server, Ingresses, StorageClasses, and
 * CustomResourceDefinitions with their custom resources, printer columns, validation and explain.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';
import { eventLines, normTable } from './normalize.ts';

let cluster: RunningCluster;
const run = (args: string[], input?: string) => cluster.kubectl(args, { timeoutMs: 120_000, ...(input ? { input } : {}) });
const ok = (args: string[], input?: string) => {
  const r = run(args, input);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
});
afterAll(() => cluster?.destroy());

describe('StatefulSets and volumes', () => {
  const manifest = `apiVersion: v1
kind: Service
metadata:
  name: db
spec:
  clusterIP: None
  selector: {app: db}
  ports:
  - port: 5432
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: db
spec:
  serviceName: db
  replicas: 2
  selector:
    matchLabels: {app: db}
  template:
    metadata:
      labels: {app: db}
    spec:
      containers:
      - name: db
        image: busybox:1.37
        command: [sleep, "3600"]
`;

  it('creates ordinal pods one after the other', async () => {
    expect(ok(['apply', '-f', '-'], manifest)).toBe('service/db created\nstatefulset.apps/db created\n');
    await eventually(() => run(['get', 'sts', 'db', '-o', 'jsonpath={.status.readyReplicas}']).stdout === '2', 60_000);
    expect(normTable(ok(['get', 'sts', 'db']))).toBe(`NAME   READY   AGE
db     2/2     <age>`);
    expect(normTable(ok(['get', 'pods', '-l', 'app=db']))).toBe(`NAME   READY   STATUS    RESTARTS   AGE
db-0   1/1     Running   0          <age>
db-1   1/1     Running   0          <age>`);
    expect(normTable(ok(['get', 'svc', 'db']))).toBe(`NAME   TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)    AGE
db     ClusterIP   None         <none>        5432/TCP   <age>`);
    expect(ok(['scale', 'sts', 'db', '--replicas=1'])).toBe('statefulset.apps/db scaled\n');
    await eventually(() => run(['get', 'pods', '-l', 'app=db', '-o', 'name']).stdout === 'pod/db-0\n', 60_000);
  });

  it('leaves a gp2 claim Pending: EKS needs the EBS CSI driver to provision it', async () => {
    const claim = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  storageClassName: gp2
  resources:
    requests:
      storage: 1Gi
`;
    expect(ok(['apply', '-f', '-'], claim)).toBe('persistentvolumeclaim/data created\n');
    expect(normTable(ok(['get', 'pvc', 'data']))).toBe(`NAME   STATUS    VOLUME   CAPACITY   ACCESS MODES   STORAGECLASS   VOLUMEATTRIBUTESCLASS   AGE
data   Pending                                      gp2            <unset>                 <age>`);
    expect(normTable(ok(['get', 'storageclass']))).toBe(`NAME   PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE
gp2    kubernetes.io/aws-ebs   Delete          WaitForFirstConsumer   false                  <age>`);
    // WaitForFirstConsumer: nothing happens until a pod uses the claim.
    expect(eventLines(ok(['describe', 'pvc', 'data']))).toEqual(['Normal WaitForFirstConsumer persistentvolume-controller: waiting for first consumer to be created before binding']);
    ok(['run', 'user', '--image=busybox:1.37', '--overrides={"spec":{"containers":[{"name":"user","image":"busybox:1.37","command":["sleep","3600"],"volumeMounts":[{"name":"d","mountPath":"/d"}]}],"volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"data"}}]}}']);
    await eventually(() => eventLines(ok(['describe', 'pvc', 'data'])).some((l) => l.startsWith('Normal ExternalProvisioning')), 30_000);
    expect(eventLines(ok(['describe', 'pvc', 'data']))).toContain(
      "Normal ExternalProvisioning persistentvolume-controller: Waiting for a volume to be created either by the external provisioner 'ebs.csi.aws.com' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.",
    );
    expect(run(['get', 'pod', 'user', '--no-headers']).stdout.trim().split(/\s+/)[2]).toBe('Pending');
  });
});

describe('HorizontalPodAutoscalers', () => {
  it('autoscales a Deployment but finds no metrics without metrics-server', async () => {
    ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=1']);
    expect(ok(['autoscale', 'deployment', 'web', '--min=2', '--max=5', '--cpu-percent=80'])).toBe('horizontalpodautoscaler.autoscaling/web autoscaled\n');
    await eventually(() => run(['get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}']).stdout === '2', 60_000);
    await eventually(() => eventLines(ok(['describe', 'hpa', 'web'])).some((l) => l.startsWith('Warning FailedGetResourceMetric')), 60_000);
    expect(normTable(ok(['get', 'hpa', 'web']))).toBe(`NAME   REFERENCE        TARGETS              MINPODS   MAXPODS   REPLICAS   AGE
web    Deployment/web   cpu: <unknown>/80%   2         5         2          <age>`);
    expect(eventLines(ok(['describe', 'hpa', 'web']))).toEqual(
      expect.arrayContaining([
        'Warning FailedGetResourceMetric horizontal-pod-autoscaler: failed to get cpu utilization: unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)',
      ]),
    );
  });
});

describe('Ingresses', () => {
  it('creates an Ingress from rules; it has no address without a controller', () => {
    expect(ok(['create', 'ingress', 'web', '--rule=web.example.com/*=web:80', '--rule=api.example.com/v1*=api:8080,tls=api-tls'])).toBe(
      'ingress.networking.k8s.io/web created\n',
    );
    expect(normTable(ok(['get', 'ingress']))).toBe(`NAME   CLASS    HOSTS                             ADDRESS   PORTS     AGE
web    <none>   web.example.com,api.example.com             80, 443   <age>`);
    expect(ok(['get', 'ing', 'web', '-o', 'jsonpath={.spec.rules[0].http.paths[0].pathType} {.spec.rules[1].http.paths[0].path} {.spec.tls[0].secretName}'])).toBe(
      'Prefix /v1 api-tls',
    );
  });
});

describe('ResourceQuotas', () => {
  it('count usage and refuse what would exceed them, in kube-apiserver words', async () => {
    ok(['create', 'namespace', 'quota']);
    expect(ok(['create', 'quota', 'small', '--hard=pods=2,requests.cpu=1', '-n', 'quota'])).toBe('resourcequota/small created\n');
    await eventually(() => run(['get', 'quota', 'small', '-n', 'quota', '-o', 'jsonpath={.status.hard.pods}']).stdout === '2', 10_000);
    expect(normTable(ok(['get', 'quota', '-n', 'quota']))).toBe(`NAME    REQUEST                        LIMIT   AGE
small   pods: 0/2, requests.cpu: 0/1           <age>`);
    expect(run(['run', 'bare', '--image=nginx', '-n', 'quota']).stderr).toBe(
      'Error from server (Forbidden): pods "bare" is forbidden: failed quota: small: must specify requests.cpu for: bare\n',
    );
    const cpu = (name: string) => `--overrides={"spec":{"containers":[{"name":"${name}","image":"nginx:1.27","resources":{"requests":{"cpu":"300m"}}}]}}`;
    ok(['run', 'one', '--image=nginx:1.27', '-n', 'quota', cpu('one')]);
    ok(['run', 'two', '--image=nginx:1.27', '-n', 'quota', cpu('two')]);
    expect(run(['run', 'three', '--image=nginx:1.27', '-n', 'quota', cpu('three')]).stderr).toBe(
      'Error from server (Forbidden): pods "three" is forbidden: exceeded quota: small, requested: pods=1, used: pods=2, limited: pods=2\n',
    );
    await eventually(() => run(['get', 'quota', 'small', '-n', 'quota', '-o', 'jsonpath={.status.used.requests\\.cpu}']).stdout === '600m', 10_000);
    expect(ok(['describe', 'quota', 'small', '-n', 'quota'])).toBe(`Name:         small
Namespace:    quota
Resource      Used  Hard
--------      ----  ----
pods          2     2
requests.cpu  600m  1
`);
  });
});

describe('LimitRanges', () => {
  it('give containers default requests and limits, and refuse those out of bounds', () => {
    ok(['create', 'namespace', 'limits']);
    const range = `apiVersion: v1
kind: LimitRange
metadata:
  name: container-defaults
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m, memory: 128Mi}
    max: {cpu: "1"}
`;
    expect(ok(['apply', '-n', 'limits', '-f', '-'], range)).toBe('limitrange/container-defaults created\n');
    ok(['run', 'plain', '--image=nginx:1.27', '-n', 'limits']);
    expect(ok(['get', 'pod', 'plain', '-n', 'limits', '-o', 'jsonpath={.spec.containers[0].resources}'])).toBe(
      '{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"128Mi"}}',
    );
    expect(ok(['get', 'pod', 'plain', '-n', 'limits', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/limit-ranger}'])).toBe(
      'LimitRanger plugin set: cpu, memory request for container plain; cpu, memory limit for container plain',
    );
    const big = run(['run', 'big', '--image=nginx:1.27', '-n', 'limits', '--overrides={"spec":{"containers":[{"name":"big","image":"nginx:1.27","resources":{"limits":{"cpu":"2"}}}]}}']);
    expect(big.stderr).toBe('Error from server (Forbidden): pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2\n');
  });
});

describe('custom resources', () => {
  const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: crontabs.stable.example.com
spec:
  group: stable.example.com
  scope: Namespaced
  names:
    plural: crontabs
    singular: crontab
    kind: CronTab
    shortNames: [ct]
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        properties:
          spec:
            type: object
            properties:
              cronSpec:
                type: string
                description: When to run, in cron format.
              image:
                type: string
              replicas:
                type: integer
                minimum: 1
    additionalPrinterColumns:
    - name: Spec
      type: string
      jsonPath: .spec.cronSpec
    - name: Replicas
      type: integer
      jsonPath: .spec.replicas
    - name: Age
      type: date
      jsonPath: .metadata.creationTimestamp
`;
  const tab = (name: string, spec: string) => `apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: ${name}\nspec:\n${spec}`;

  it('serves the resource once the definition exists', async () => {
    const both = `${crd}---\n${tab('early', '  cronSpec: "* * * * */5"\n')}`;
    const first = run(['apply', '-f', '-'], both);
    expect(first.stdout).toBe('customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n');
    expect(first.stderr).toBe(
      'error: resource mapping not found for name: "early" namespace: "" from "STDIN": no matches for kind "CronTab" in version "stable.example.com/v1"\nensure CRDs are installed first\n',
    );
    expect(ok(['wait', '--for=condition=established', 'crd/crontabs.stable.example.com', '--timeout=30s'])).toBe(
      'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com condition met\n',
    );
    expect(ok(['apply', '-f', '-'], tab('nightly', '  cronSpec: "0 3 * * *"\n  image: backup:1.0\n  replicas: 2\n'))).toBe('crontab.stable.example.com/nightly created\n');
    expect(normTable(ok(['get', 'ct']))).toBe(`NAME      SPEC        REPLICAS   AGE
nightly   0 3 * * *   2          <age>`);
    expect(ok(['get', 'crontabs.stable.example.com', 'nightly', '-o', 'jsonpath={.spec.image}'])).toBe('backup:1.0');
    expect(ok(['api-resources', '--api-group=stable.example.com'])).toBe(
      'NAME       SHORTNAMES   APIVERSION              NAMESPACED   KIND\ncrontabs   ct           stable.example.com/v1   true         CronTab\n',
    );
  });

  it('validates against the schema and refuses unknown fields', () => {
    const invalid = run(['apply', '-f', '-'], tab('bad', '  cronSpec: 5\n  replicas: 0\n'));
    expect(invalid.stderr).toBe(
      'The CronTab "bad" is invalid: \n' +
        '* spec.cronSpec: Invalid value: "integer": spec.cronSpec in body must be of type string: "integer"\n' +
        '* spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1\n',
    );
    const unknown = run(['apply', '-f', '-'], tab('odd', '  cronSpec: "x"\n  colour: red\n'));
    expect(unknown.stderr).toBe(
      'Error from server (BadRequest): error when creating "STDIN": CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.colour"\n',
    );
  });

  it('explains the resource from its schema', () => {
    expect(ok(['explain', 'crontab.spec'])).toBe(`GROUP:      stable.example.com
KIND:       CronTab
VERSION:    v1

FIELD: spec <Object>


DESCRIPTION:
    <empty>
FIELDS:
  cronSpec\t<string>
    When to run, in cron format.

  image\t<string>
    <no description>

  replicas\t<integer>
    <no description>


`);
  });

  it('deletes the custom resources with their definition', async () => {
    expect(ok(['delete', 'crd', 'crontabs.stable.example.com'])).toBe('customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n');
    // kubectl still maps `ct` from its discovery cache, so the list meets the server's 404.
    await eventually(
      () => run(['get', 'ct']).stderr === 'Error from server (NotFound): Unable to list "stable.example.com/v1, Resource=crontabs": the server could not find the requested resource\n',
      30_000,
    );
    expect(run(['get', 'crd', 'crontabs.stable.example.com']).stderr).toBe(
      'Error from server (NotFound): customresourcedefinitions.apiextensions.k8s.io "crontabs.stable.example.com" not found\n',
    );
  });
});
