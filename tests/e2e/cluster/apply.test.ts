/**
 * Changing objects: client-side apply (created / configured / unchanged), server-side apply and its
 * conflicts, diff (a dry-run patch that must persist nothing), edit through KUBE_EDITOR, scale, label,
 * annotate, set image/env, patch, replace of a stale copy (409), and immutable fields (422).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, type RunningCluster } from './harness.ts';

let cluster: RunningCluster;
let dir: string;
beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  dir = mkdtempSync(path.join(tmpdir(), 'podium-apply-'));
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
const ok = (args: string[], env?: Record<string, string>) => {
  const r = cluster.kubectl(args, env ? { env } : {});
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
const jsonpath = (what: string[], expr: string) => ok(['get', ...what, '-o', `jsonpath=${expr}`]);

const manifest = (replicas: number, image: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: app
  labels:
    app: app
spec:
  replicas: ${replicas}
  selector:
    matchLabels:
      app: app
  template:
    metadata:
      labels:
        app: app
    spec:
      containers:
      - name: web
        image: ${image}
        ports:
        - containerPort: 80
---
apiVersion: v1
kind: Service
metadata:
  name: app
spec:
  selector:
    app: app
  ports:
  - port: 80
    targetPort: 80
`;

describe('client-side apply', () => {
  it('creates, leaves alone, then configures', () => {
    const f = file('app.yaml', manifest(2, 'nginx:1.27'));
    expect(ok(['apply', '-f', f])).toBe('deployment.apps/app created\nservice/app created\n');
    expect(ok(['apply', '-f', f])).toBe('deployment.apps/app unchanged\nservice/app unchanged\n');
    file('app.yaml', manifest(3, 'nginx:1.27'));
    expect(ok(['apply', '-f', f])).toBe('deployment.apps/app configured\nservice/app unchanged\n');
    expect(jsonpath(['deploy', 'app'], '{.spec.replicas} {.metadata.generation}')).toBe('3 2');
    const last = JSON.parse(jsonpath(['deploy', 'app'], '{.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}')) as { spec: { replicas: number } };
    expect(last.spec.replicas).toBe(3);
  });

  it('removes what was applied before and is applied no longer', () => {
    const f = file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n  b: "2"\n');
    ok(['apply', '-f', f]);
    file('cm.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: settings\ndata:\n  a: "1"\n');
    expect(ok(['apply', '-f', f])).toBe('configmap/settings configured\n');
    expect(jsonpath(['cm', 'settings'], '{.data}')).toBe('{"a":"1"}');
  });

  it('diffs without changing anything', () => {
    const f = path.join(dir, 'app.yaml');
    const same = cluster.kubectl(['diff', '-f', f]);
    expect([same.code, same.stdout, same.stderr]).toEqual([0, '', '']);
    const generation = jsonpath(['deploy', 'app'], '{.metadata.generation}');
    file('app.yaml', manifest(3, 'nginx:1.28'));
    const changed = cluster.kubectl(['diff', '-f', f]);
    expect(changed.code).toBe(1);
    const lines = changed.stdout.split('\n');
    expect(lines[0]).toMatch(/^diff -u -N \S+\/apps\.v1\.Deployment\.default\.app \S+\/apps\.v1\.Deployment\.default\.app$/);
    expect(lines.filter((l) => /^[-+] /.test(l))).toEqual(['-  generation: 2', '+  generation: 3', '-      - image: nginx:1.27', '+      - image: nginx:1.28']);
    expect(jsonpath(['deploy', 'app'], '{.metadata.generation} {.spec.template.spec.containers[0].image}')).toBe(`${generation} nginx:1.27`);
    file('app.yaml', manifest(3, 'nginx:1.27'));
  });
});

describe('server-side apply', () => {
  it('applies, and refuses to take a field another manager owns unless forced', () => {
    const f = file('ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: shared\ndata:\n  owner: ssa\n');
    expect(ok(['apply', '--server-side', '-f', f])).toBe('configmap/shared serverside-applied\n');
    expect(ok(['apply', '--server-side', '-f', f])).toBe('configmap/shared serverside-applied\n');
    ok(['create', 'configmap', 'taken', '--from-literal=owner=create']);
    const g = file('taken.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: taken\ndata:\n  owner: ssa\n');
    const conflict = cluster.kubectl(['apply', '--server-side', '-f', g]);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toBe(`error: Apply failed with 1 conflict: conflict with "kubectl-create" using v1: .data.owner
Please review the fields above--they currently have other managers. Here
are the ways you can resolve this warning:
* If you intend to manage all of these fields, please re-run the apply
  command with the \`--force-conflicts\` flag.
* If you do not intend to manage all of the fields, please edit your
  manifest to remove references to the fields that should keep their
  current managers.
* You may co-own fields by updating your manifest to match the existing
  value; in this case, you'll become the manager if the other manager(s)
  stop managing the field (remove it from their configuration).
See https://kubernetes.io/docs/reference/using-api/server-side-apply/#conflicts
`);
    expect(ok(['apply', '--server-side', '--force-conflicts', '-f', g])).toBe('configmap/taken serverside-applied\n');
    const managers = JSON.parse(ok(['get', 'cm', 'taken', '-o', 'json', '--show-managed-fields'])).metadata.managedFields.map(
      (m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`,
    );
    // Appliers first, as the API server sorts managedFields.
    expect(managers).toEqual(['kubectl/Apply', 'kubectl-create/Update']);
  });

  it('refuses fields the type does not have', () => {
    const f = file('bad-ssa.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bad-ssa\ndata:\n  a: "1"\nspec: {}\n');
    expect(cluster.kubectl(['apply', '--server-side', '-f', f]).stderr).toBe(
      'Error from server: failed to create typed patch object (default/bad-ssa; /v1, Kind=ConfigMap): .spec: field not declared in schema\n',
    );
    const typed = file('typed-ssa.yaml', manifest(2, 'nginx:1.27').split('---')[0]!.replace('replicas: 2', 'replicas: "two"'));
    expect(cluster.kubectl(['apply', '--server-side', '-f', typed]).stderr).toBe(
      'Error from server: failed to create typed patch object (default/app; apps/v1, Kind=Deployment): .spec.replicas: expected numeric (int or float), got string\n',
    );
  });
});

describe('imperative changes', () => {
  it('edits through $KUBE_EDITOR', () => {
    const editor = { KUBE_EDITOR: 'sed -i -e s/replicas:\\ 3/replicas:\\ 2/' };
    expect(ok(['edit', 'deployment', 'app'], editor)).toBe('deployment.apps/app edited\n');
    expect(jsonpath(['deploy', 'app'], '{.spec.replicas}')).toBe('2');
    const unchanged = cluster.kubectl(['edit', 'deployment', 'app'], { env: { KUBE_EDITOR: 'true' } });
    expect([unchanged.code, unchanged.stdout, unchanged.stderr]).toEqual([0, '', 'Edit cancelled, no changes made.\n']);
  });

  it('scales, labels and annotates', () => {
    expect(ok(['scale', 'deployment', 'app', '--replicas=1'])).toBe('deployment.apps/app scaled\n');
    expect(jsonpath(['deploy', 'app'], '{.spec.replicas}')).toBe('1');
    expect(ok(['label', 'deployment', 'app', 'tier=web'])).toBe('deployment.apps/app labeled\n');
    expect(cluster.kubectl(['label', 'deployment', 'app', 'tier=api']).stderr).toBe("error: 'tier' already has a value (web), and --overwrite is false\n");
    expect(ok(['label', 'deployment', 'app', 'tier=api', '--overwrite'])).toBe('deployment.apps/app labeled\n');
    expect(ok(['label', 'deployment', 'app', 'tier-'])).toBe('deployment.apps/app unlabeled\n');
    expect(ok(['annotate', 'deployment', 'app', 'owner=team-a'])).toBe('deployment.apps/app annotated\n');
    expect(jsonpath(['deploy', 'app'], '{.metadata.labels} {.metadata.annotations.owner}')).toBe('{"app":"app"} team-a');
    expect(cluster.kubectl(['scale', 'deployment', 'nope', '--replicas=1']).stderr).toBe('error: no objects passed to scale deployments.apps "nope" not found\n');
  });

  it('sets images and environment variables', () => {
    expect(ok(['set', 'image', 'deployment/app', 'web=nginx:1.28'])).toBe('deployment.apps/app image updated\n');
    expect(ok(['set', 'env', 'deployment/app', 'MODE=prod'])).toBe('deployment.apps/app env updated\n');
    expect(ok(['set', 'env', 'deployment/app', '--list'])).toBe('# Deployment app, container web\nMODE=prod\n');
    expect(jsonpath(['deploy', 'app'], '{.spec.template.spec.containers[0].image}')).toBe('nginx:1.28');
    expect(cluster.kubectl(['set', 'image', 'deployment/app', 'nope=nginx']).stderr).toBe('error: unable to find container named "nope"\n');
  });

  it('patches with strategic merge, merge and JSON patches', () => {
    expect(ok(['patch', 'deployment', 'app', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"web","resources":{"limits":{"memory":"128Mi"}}}]}}}}'])).toBe(
      'deployment.apps/app patched\n',
    );
    expect(jsonpath(['deploy', 'app'], '{.spec.template.spec.containers[0].resources.limits.memory} {.spec.template.spec.containers[0].image}')).toBe('128Mi nginx:1.28');
    expect(ok(['patch', 'deployment', 'app', '--type=merge', '-p', '{"metadata":{"labels":{"patched":"yes"}}}'])).toBe('deployment.apps/app patched\n');
    expect(ok(['patch', 'deployment', 'app', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]'])).toBe('deployment.apps/app patched\n');
    expect(ok(['patch', 'deployment', 'app', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]'])).toBe('deployment.apps/app patched (no change)\n');
  });

  it('refuses a patch that gives a field the wrong type, and keeps the object as it was', () => {
    const smp = cluster.kubectl(['patch', 'deployment', 'app', '-p', '{"spec":{"replicas":"three"}}']);
    expect([smp.code, smp.stdout, smp.stderr]).toEqual([1, '', 'The request is invalid: patch: Invalid value: "map[spec:map[replicas:three]]": unrecognized type: int32\n']);
    const merge = cluster.kubectl(['patch', 'deployment', 'app', '--type=merge', '-p', '{"spec":{"paused":"yes"}}']);
    expect(merge.code).toBe(1);
    expect(merge.stderr).toMatch(/^The request is invalid: patch: Invalid value: "\{\\"kind\\":\\"Deployment\\",\\"apiVersion\\":\\"apps\/v1\\",.*\\"paused\\":\\"yes\\".*\}": json: cannot unmarshal string into Go struct field DeploymentSpec\.spec\.paused of type bool\n$/);
    const json = cluster.kubectl(['patch', 'deployment', 'app', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":[2]}]']);
    expect(json.stderr).toMatch(/: json: cannot unmarshal array into Go struct field DeploymentSpec\.spec\.replicas of type int32\n$/);
    expect(jsonpath(['deploy', 'app'], '{.spec.replicas} {.spec.paused}')).toBe('2 ');
  });
});

describe('conflicts and immutable fields', () => {
  it('refuses to replace a stale copy', () => {
    const stale = path.join(dir, 'stale.yaml');
    writeFileSync(stale, ok(['get', 'deployment', 'app', '-o', 'yaml']));
    ok(['annotate', 'deployment', 'app', 'touched=yes']);
    const r = cluster.kubectl(['replace', '-f', stale]);
    expect([r.code, r.stderr]).toEqual([
      1,
      `Error from server (Conflict): error when replacing "${stale}": Operation cannot be fulfilled on deployments.apps "app": the object has been modified; please apply your changes to the latest version and try again\n`,
    ]);
    // Without a resourceVersion, replace overwrites whatever is there.
    writeFileSync(stale, readFileSync(stale, 'utf8').replace(/^ {2}resourceVersion: .*\n/m, ''));
    expect(ok(['replace', '-f', stale])).toBe('deployment.apps/app replaced\n');
  });

  it('refuses changes to immutable fields', () => {
    const f = file(
      'selector.yaml',
      manifest(2, 'nginx:1.28').split('---')[0]!.replace(/app: app/g, 'app: other').replace('name: app', 'name: app'),
    );
    expect(cluster.kubectl(['apply', '-f', f]).stderr).toBe(
      'The Deployment "app" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"other"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n',
    );
    const ip = jsonpath(['svc', 'app'], '{.spec.clusterIP}');
    const other = ip.endsWith('.7') ? ip.replace(/\.7$/, '.8') : ip.replace(/\.\d+$/, '.7');
    expect(cluster.kubectl(['patch', 'svc', 'app', '-p', `{"spec":{"clusterIP":"${other}"}}`]).stderr).toBe(
      `The Service "app" is invalid: spec.clusterIPs[0]: Invalid value: []string{"${other}"}: may not change once set\n`,
    );
    ok(['apply', '-f', file('frozen.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: frozen\nimmutable: true\ndata:\n  a: "1"\n')]);
    expect(cluster.kubectl(['patch', 'cm', 'frozen', '-p', '{"data":{"a":"2"}}']).stderr).toBe(
      'The ConfigMap "frozen" is invalid: data: Forbidden: field is immutable when `immutable` is set\n',
    );
    ok(['create', 'job', 'once', '--image=busybox', '--', 'true']);
    const job = cluster.kubectl(['set', 'image', 'job/once', 'once=busybox:1.37']);
    expect(job.stderr).toMatch(
      /^error: failed to patch image update to pod template: Job\.batch "once" is invalid: spec\.template: Invalid value: core\.PodTemplateSpec\{ObjectMeta:v1\.ObjectMeta\{Name:"", .*, Containers:\[\]core\.Container\{core\.Container\{Name:"once", Image:"busybox:1\.37", .*\}: field is immutable\n$/,
    );
  });
});
