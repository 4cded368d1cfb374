/**
 * `kubectl create` from files and from its generators (which POST protobuf), and the errors a real
 * API server gives for bad input: AlreadyExists, NotFound, 422 Invalid, strict decoding, unknown kinds.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, type RunningCluster } from './harness.ts';
import { normTable, normValues } from './normalize.ts';

let cluster: RunningCluster;
let dir: string;
beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  dir = mkdtempSync(path.join(tmpdir(), 'podium-create-'));
});
afterAll(async () => {
  await cluster?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const file = (name: string, text: string) => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};
const ok = (args: string[]) => {
  const r = cluster.kubectl(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
/** YAML of an object with what differs per run replaced. */
const yaml = (args: string[]) => normValues(ok([...args, '-o', 'yaml'])).replace(/resourceVersion: "\d+"/g, 'resourceVersion: "<rv>"');

describe('create from generators', () => {
  it('creates a deployment', () => {
    expect(ok(['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=3'])).toBe('deployment.apps/web created\n');
    expect(yaml(['get', 'deploy', 'web']).split('status:')[0]).toBe(`apiVersion: apps/v1
kind: Deployment
metadata:
  annotations:
    deployment.kubernetes.io/revision: "1"
  creationTimestamp: "<time>"
  generation: 1
  labels:
    app: web
  name: web
  namespace: default
  resourceVersion: "<rv>"
  uid: <uid>
spec:
  progressDeadlineSeconds: 600
  replicas: 3
  revisionHistoryLimit: 10
  selector:
    matchLabels:
      app: web
  strategy:
    rollingUpdate:
      maxSurge: 25%
      maxUnavailable: 25%
    type: RollingUpdate
  template:
    metadata:
      creationTimestamp: null
      labels:
        app: web
    spec:
      containers:
      - image: nginx:1.27
        imagePullPolicy: IfNotPresent
        name: nginx
        resources: {}
        terminationMessagePath: /dev/termination-log
        terminationMessagePolicy: File
      dnsPolicy: ClusterFirst
      restartPolicy: Always
      schedulerName: default-scheduler
      securityContext: {}
      terminationGracePeriodSeconds: 30
`);
  });

  it('creates configmaps from literals and from files', () => {
    expect(ok(['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=two'])).toBe('configmap/cfg created\n');
    expect(yaml(['get', 'cm', 'cfg'])).toBe(`apiVersion: v1
data:
  a: "1"
  b: two
kind: ConfigMap
metadata:
  creationTimestamp: "<time>"
  name: cfg
  namespace: default
  resourceVersion: "<rv>"
  uid: <uid>
`);
    const f = file('app.properties', 'color=blue\nsize=3\n');
    expect(ok(['create', 'configmap', 'props', `--from-file=${f}`])).toBe('configmap/props created\n');
    expect(ok(['get', 'cm', 'props', '-o', 'jsonpath={.data.app\\.properties}'])).toBe('color=blue\nsize=3\n');
  });

  it('creates generic and TLS secrets', () => {
    expect(ok(['create', 'secret', 'generic', 'db', '--from-literal=password=s3cr3t'])).toBe('secret/db created\n');
    expect(yaml(['get', 'secret', 'db'])).toBe(`apiVersion: v1
data:
  password: czNjcjN0
kind: Secret
metadata:
  creationTimestamp: "<time>"
  name: db
  namespace: default
  resourceVersion: "<rv>"
  uid: <uid>
type: Opaque
`);
    const key = path.join(dir, 'tls.key');
    const crt = path.join(dir, 'tls.crt');
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=web.example.com', '-days', '1', '-keyout', key, '-out', crt], { stdio: 'ignore' });
    expect(ok(['create', 'secret', 'tls', 'web-tls', `--cert=${crt}`, `--key=${key}`])).toBe('secret/web-tls created\n');
    expect(normTable(ok(['get', 'secrets']))).toBe(`NAME      TYPE                DATA   AGE
db        Opaque              1      <age>
web-tls   kubernetes.io/tls   2      <age>`);
  });

  it('creates namespaces, services and service accounts', () => {
    expect(ok(['create', 'namespace', 'team-a'])).toBe('namespace/team-a created\n');
    expect(yaml(['get', 'ns', 'team-a'])).toBe(`apiVersion: v1
kind: Namespace
metadata:
  creationTimestamp: "<time>"
  labels:
    kubernetes.io/metadata.name: team-a
  name: team-a
  resourceVersion: "<rv>"
  uid: <uid>
spec:
  finalizers:
  - kubernetes
status:
  phase: Active
`);
    expect(ok(['create', 'service', 'clusterip', 'api', '--tcp=80:8080'])).toBe('service/api created\n');
    expect(ok(['create', 'service', 'nodeport', 'edge', '--tcp=80:8080', '--node-port=30080'])).toBe('service/edge created\n');
    expect(yaml(['get', 'svc', 'edge'])).toBe(`apiVersion: v1
kind: Service
metadata:
  creationTimestamp: "<time>"
  labels:
    app: edge
  name: edge
  namespace: default
  resourceVersion: "<rv>"
  uid: <uid>
spec:
  clusterIP: <ip>
  clusterIPs:
  - <ip>
  externalTrafficPolicy: Cluster
  internalTrafficPolicy: Cluster
  ipFamilies:
  - IPv4
  ipFamilyPolicy: SingleStack
  ports:
  - name: 80-8080
    nodePort: 30080
    port: 80
    protocol: TCP
    targetPort: 8080
  selector:
    app: edge
  sessionAffinity: None
  type: NodePort
status:
  loadBalancer: {}
`);
    const svc = normTable(ok(['get', 'svc']));
    expect(svc).toBe(`NAME         TYPE        CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE
api          ClusterIP   <ip>         <none>        80/TCP         <age>
edge         NodePort    <ip>         <none>        80:30080/TCP   <age>
kubernetes   ClusterIP   <ip>         <none>        443/TCP        <age>`);
    expect(ok(['get', 'svc', 'kubernetes', '-o', 'jsonpath={.spec.clusterIP}'])).toBe('10.100.0.1');
    expect(ok(['get', 'svc', 'api', '-o', 'jsonpath={.spec.clusterIP}'])).toMatch(/^10\.100\.\d+\.\d+$/);
    expect(ok(['create', 'serviceaccount', 'bot'])).toBe('serviceaccount/bot created\n');
    expect(yaml(['get', 'sa', 'bot'])).toBe(`apiVersion: v1
kind: ServiceAccount
metadata:
  creationTimestamp: "<time>"
  name: bot
  namespace: default
  resourceVersion: "<rv>"
  uid: <uid>
`);
  });

  it('creates jobs, cronjobs, roles and role bindings', () => {
    expect(ok(['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi'])).toBe('job.batch/once created\n');
    expect(ok(['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date'])).toBe('cronjob.batch/tick created\n');
    expect(normTable(ok(['get', 'cronjobs']))).toBe(`NAME   SCHEDULE      TIMEZONE   SUSPEND   ACTIVE   LAST SCHEDULE   AGE
tick   */5 * * * *   <none>     False     0        <none>          <age>`);
    expect(ok(['create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods'])).toBe('role.rbac.authorization.k8s.io/pod-reader created\n');
    expect(ok(['create', 'rolebinding', 'bot-reads', '--role=pod-reader', '--serviceaccount=default:bot'])).toBe(
      'rolebinding.rbac.authorization.k8s.io/bot-reads created\n',
    );
    expect(yaml(['get', 'role', 'pod-reader'])).toBe(`apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  creationTimestamp: "<time>"
  name: pod-reader
  namespace: default
  resourceVersion: "<rv>"
  uid: <uid>
rules:
- apiGroups:
  - ""
  resources:
  - pods
  verbs:
  - get
  - list
  - watch
`);
    expect(normTable(ok(['get', 'rolebinding', 'bot-reads', '-o', 'wide']))).toBe(`NAME        ROLE              AGE     USERS   GROUPS   SERVICEACCOUNTS
bot-reads   Role/pod-reader   <age>                    default/bot`);
  });

  it('issues ServiceAccount tokens signed as EKS signs them', () => {
    const token = ok(['create', 'token', 'bot']).trim();
    const [header, payload] = token.split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString()));
    expect(header).toMatchObject({ alg: 'RS256' });
    expect(payload).toMatchObject({
      aud: ['https://kubernetes.default.svc'],
      iss: expect.stringMatching(/^https:\/\/oidc\.eks\.us-west-2\.amazonaws\.com\/id\/[0-9A-F]{32}$/),
      sub: 'system:serviceaccount:default:bot',
      'kubernetes.io': { namespace: 'default', serviceaccount: { name: 'bot' } },
    });
    expect(payload.exp - payload.iat).toBe(3600);
    const missing = cluster.kubectl(['create', 'token', 'nobody']);
    expect(missing.stderr).toBe('error: failed to create token: serviceaccounts "nobody" not found\n');
  });

  it('shows a server-side dry run without keeping it', () => {
    const out = yaml(['create', 'configmap', 'dry', '--from-literal=k=v', '--dry-run=server']);
    expect(out).toContain('uid: <uid>');
    expect(out).not.toContain('resourceVersion');
    expect(cluster.kubectl(['get', 'cm', 'dry']).stderr).toBe('Error from server (NotFound): configmaps "dry" not found\n');
  });
});

describe('create from files', () => {
  it('creates every object of a multi-document file', () => {
    const f = file(
      'app.yaml',
      `apiVersion: v1
kind: ConfigMap
metadata:
  name: app-config
data:
  mode: prod
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
spec:
  replicas: 1
  selector:
    matchLabels: {app: app}
  template:
    metadata:
      labels: {app: app}
    spec:
      containers:
      - name: app
        image: nginx:1.27
`,
    );
    expect(ok(['create', '-f', f])).toBe('configmap/app-config created\ndeployment.apps/app created\n');
    const again = cluster.kubectl(['create', '-f', f]);
    expect(again.code).toBe(1);
    expect(again.stderr).toBe(
      `Error from server (AlreadyExists): error when creating "${f}": configmaps "app-config" already exists\n` +
        `Error from server (AlreadyExists): error when creating "${f}": deployments.apps "app" already exists\n`,
    );
  });

  it('refuses unknown fields under strict validation', () => {
    const f = file(
      'typo.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: typo
spec:
  replicas: 1
  selector:
    matchLabels: {app: typo}
  template:
    metadata:
      labels: {app: typo}
    spec:
      containers:
      - name: app
        image: nginx
        imagePullPolice: Always
`,
    );
    const r = cluster.kubectl(['create', '-f', f]);
    expect(r.stderr).toBe(
      `Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.template.spec.containers[0].imagePullPolice"\n`,
    );
    // Without validation the field is dropped, as decoding into the Go type drops it.
    expect(ok(['create', '-f', f, '--validate=false'])).toBe('deployment.apps/typo created\n');
    expect(ok(['get', 'deploy', 'typo', '-o', 'jsonpath={.spec.template.spec.containers[0]}'])).not.toContain('imagePullPolice');
    const warn = cluster.kubectl(['replace', '-f', f, '--validate=warn']);
    expect(warn.stderr).toBe('Warning: unknown field "spec.template.spec.containers[0].imagePullPolice"\n');
  });

  it('refuses values of the wrong type as the JSON decoder does', () => {
    const f = file(
      'types.yaml',
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: typed\ndata:\n  port: 8080\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: typed\nspec:\n  replicas: "2"\n  selector:\n    matchLabels: {app: typed}\n  template:\n    metadata:\n      labels: {app: typed}\n    spec:\n      containers:\n      - name: app\n        image: nginx\n',
    );
    expect(cluster.kubectl(['apply', '-f', f]).stderr).toBe(
      `Error from server (BadRequest): error when creating "${f}": ConfigMap in version "v1" cannot be handled as a ConfigMap: json: cannot unmarshal number into Go struct field ConfigMap.data of type string\n` +
        `Error from server (BadRequest): error when creating "${f}": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n`,
    );
  });

  it('reports invalid objects field by field', () => {
    const f = file(
      'invalid.yaml',
      `apiVersion: apps/v1
kind: Deployment
metadata:
  name: Bad_Name
spec:
  replicas: -1
  selector:
    matchLabels: {app: x}
  template:
    metadata:
      labels: {app: other}
    spec:
      containers:
      - name: app
        image: nginx
`,
    );
    const r = cluster.kubectl(['create', '-f', f]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'The Deployment "Bad_Name" is invalid: \n' +
        '* metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n' +
        '* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n' +
        '* spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n',
    );
    const pod = file('pod.yaml', 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: p\nspec:\n  containers:\n  - name: c\n');
    expect(cluster.kubectl(['create', '-f', pod]).stderr).toBe('The Pod "p" is invalid: spec.containers[0].image: Required value\n');
  });

  it('names kinds the server does not serve', () => {
    const f = file(
      'old.yaml',
      'apiVersion: extensions/v1beta1\nkind: Deployment\nmetadata:\n  name: old\nspec:\n  template:\n    spec:\n      containers:\n      - name: c\n        image: nginx\n',
    );
    expect(cluster.kubectl(['create', '-f', f]).stderr).toBe(
      `error: resource mapping not found for name: "old" namespace: "" from "${f}": no matches for kind "Deployment" in version "extensions/v1beta1"\nensure CRDs are installed first\n`,
    );
    expect(cluster.kubectl(['get', 'foos']).stderr).toBe('error: the server doesn\'t have a resource type "foos"\n');
  });

  it('creates the items of a List', () => {
    const f = file(
      'list.yaml',
      'apiVersion: v1\nkind: List\nitems:\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: l1\n- apiVersion: v1\n  kind: ConfigMap\n  metadata:\n    name: l2\n',
    );
    expect(ok(['apply', '-f', f])).toBe('configmap/l1 created\nconfigmap/l2 created\n');
  });
});

describe('generator errors', () => {
  it('prints the server message after the generator prefix', () => {
    expect(cluster.kubectl(['create', 'deployment', 'web', '--image=nginx']).stderr).toBe('error: failed to create deployment: deployments.apps "web" already exists\n');
    expect(cluster.kubectl(['create', 'configmap', 'x', '-n', 'nope', '--from-literal=a=b']).stderr).toBe(
      'error: failed to create configmap: namespaces "nope" not found\n',
    );
    expect(cluster.kubectl(['create', 'deployment', 'Bad', '--image=nginx']).stderr).toBe(
      'error: failed to create deployment: Deployment.apps "Bad" is invalid: metadata.name: Invalid value: "Bad": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, \'-\' or \'.\', and must start and end with an alphanumeric character (e.g. \'example.com\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\')\n',
    );
  });
});
