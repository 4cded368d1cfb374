/**
 * Deleting: cascades (background, foreground, orphan) carried out by the garbage collector, deleting by
 * label, graceful and forced pod deletion, `kubectl wait --for=delete`, and namespaces that are
 * Terminating while their content goes, then gone.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, eventually, type RunningCluster } from './harness.ts';
import { normTable } from './normalize.ts';

let cluster: RunningCluster;
const ok = (args: string[], input?: string) => {
  const r = cluster.kubectl(args, { timeoutMs: 120_000, ...(input ? { input } : {}) });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
const names = (args: string[]) => cluster.kubectl(['get', ...args, '-o', 'name']).stdout.split('\n').filter(Boolean);
const available = (name: string, n: number) => () =>
  cluster.kubectl(['get', 'deploy', name, '-o', 'jsonpath={.status.availableReplicas}']).stdout === String(n);

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 2 });
  for (const name of ['bg', 'fg', 'orphan']) ok(['create', 'deployment', name, '--image=nginx:1.27', '--replicas=2']);
  for (const name of ['bg', 'fg', 'orphan']) await eventually(available(name, 2), 60_000);
});
afterAll(() => cluster?.destroy());

describe('cascading deletion', () => {
  it('deletes dependents in the background', async () => {
    expect(ok(['delete', 'deployment', 'bg'])).toBe('deployment.apps "bg" deleted\n');
    await eventually(() => names(['rs,pods', '-l', 'app=bg']).length === 0, 60_000);
  });

  it('deletes dependents first in the foreground', async () => {
    expect(ok(['delete', 'deployment', 'fg', '--cascade=foreground'])).toBe('deployment.apps "fg" deleted\n');
    // kubectl waited for the Deployment, which goes only after its ReplicaSet (which goes after its pods).
    expect(names(['deploy,rs', '-l', 'app=fg'])).toEqual([]);
    await eventually(() => names(['pods', '-l', 'app=fg']).length === 0, 60_000);
  });

  it('leaves orphans that no longer name an owner', async () => {
    expect(ok(['delete', 'deployment', 'orphan', '--cascade=orphan'])).toBe('deployment.apps "orphan" deleted\n');
    await eventually(() => cluster.kubectl(['get', 'rs', '-l', 'app=orphan', '-o', 'jsonpath={.items[0].metadata.ownerReferences}']).stdout === '', 30_000);
    expect(names(['rs', '-l', 'app=orphan'])).toHaveLength(1);
    expect(names(['pods', '-l', 'app=orphan'])).toHaveLength(2);
  });

  it('deletes by label, and waits for deletion', async () => {
    const pods = names(['pods', '-l', 'app=orphan']);
    ok(['delete', 'rs', '-l', 'app=orphan', '--cascade=orphan']);
    const out = ok(['delete', 'pods', '-l', 'app=orphan', '--wait=false']);
    expect(out.split('\n').filter(Boolean).sort()).toEqual(pods.map((p) => `pod "${p.slice(4)}" deleted`).sort());
    // A pod already gone when wait looks is skipped silently; one still Terminating is waited for.
    const waited = ok(['wait', '--for=delete', ...pods, '--timeout=60s']).split('\n').filter(Boolean);
    for (const line of waited) expect(pods.map((p) => `${p} condition met`)).toContain(line);
    expect(names(['pods', '-l', 'app=orphan'])).toEqual([]);
    const r = cluster.kubectl(['delete', 'pod', 'nope']);
    expect([r.code, r.stderr]).toEqual([1, 'Error from server (NotFound): pods "nope" not found\n']);
  });
});

describe('pod deletion', () => {
  it('shows a pod Terminating during its grace period', async () => {
    ok(['run', 'slow', '--image=busybox:1.37', '--', 'sleep', '3600']);
    await eventually(() => cluster.kubectl(['get', 'pod', 'slow', '-o', 'jsonpath={.status.phase}']).stdout === 'Running', 60_000);
    expect(ok(['delete', 'pod', 'slow', '--wait=false'])).toBe('pod "slow" deleted\n');
    const row = cluster.kubectl(['get', 'pod', 'slow', '--no-headers']).stdout.trim().split(/\s+/);
    expect(row[2]).toBe('Terminating');
    // sleep ignores SIGTERM as PID 1: the kubelet kills it when the 30 s grace period ends. Force it instead.
    const forced = cluster.kubectl(['delete', 'pod', 'slow', '--grace-period=0', '--force']);
    expect(forced.stderr).toBe(
      'Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n',
    );
    expect(forced.stdout).toBe('pod "slow" force deleted\n');
    expect(cluster.kubectl(['get', 'pod', 'slow']).stderr).toBe('Error from server (NotFound): pods "slow" not found\n');
  });
});

describe('namespace deletion', () => {
  it('is Terminating while its content goes, refuses new content, then is gone', async () => {
    ok(['create', 'namespace', 'team']);
    ok(['create', 'deployment', 'app', '--image=nginx:1.27', '--replicas=2', '-n', 'team']);
    await eventually(() => cluster.kubectl(['get', 'deploy', 'app', '-n', 'team', '-o', 'jsonpath={.status.availableReplicas}']).stdout === '2', 60_000);
    expect(ok(['delete', 'namespace', 'team', '--wait=false'])).toBe('namespace "team" deleted\n');
    expect(normTable(ok(['get', 'namespace', 'team']))).toBe('NAME   STATUS        AGE\nteam   Terminating   <age>');
    const refused = cluster.kubectl(['create', 'configmap', 'late', '-n', 'team']);
    expect(refused.stderr).toBe(
      'error: failed to create configmap: configmaps "late" is forbidden: unable to create new content in namespace team because it is being terminated\n',
    );
    const conditions = cluster.kubectl(['get', 'ns', 'team', '-o', 'jsonpath={range .status.conditions[*]}{.type}={.status}{"\\n"}{end}']).stdout;
    expect(conditions).toContain('NamespaceDeletionDiscoveryFailure=False');
    await eventually(() => cluster.kubectl(['get', 'namespace', 'team']).stderr === 'Error from server (NotFound): namespaces "team" not found\n', 90_000, 500);
    expect(cluster.kubectl(['get', 'pods', '-n', 'team']).stderr).toBe('No resources found in team namespace.\n');
  });

  it('waits for the namespace to go by default', () => {
    ok(['create', 'namespace', 'quick']);
    ok(['create', 'configmap', 'c', '-n', 'quick']);
    expect(ok(['delete', 'namespace', 'quick'])).toBe('namespace "quick" deleted\n');
    expect(cluster.kubectl(['get', 'namespace', 'quick']).stderr).toBe('Error from server (NotFound): namespaces "quick" not found\n');
    expect(cluster.kubectl(['delete', 'namespace', 'kube-system']).stderr).toBe('Error from server (Forbidden): namespaces "kube-system" is forbidden: this namespace may not be deleted\n');
  });
});
