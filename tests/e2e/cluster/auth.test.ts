/**
 * Who may do what: `auth can-i` as the cluster admin and as a ServiceAccount (through a kubeconfig user
 * holding a token from `kubectl create token`, and through impersonation with --as), `auth whoami`, and
 * the 401/403 messages kubectl prints word for word.
 */
import { copyFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusterUp, type KubectlResult, type RunningCluster } from './harness.ts';
import { normTable } from './normalize.ts';

let cluster: RunningCluster;
let botConfig: string;
const ok = (args: string[]) => {
  const r = cluster.kubectl(args);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return r.stdout;
};
/** kubectl with the ServiceAccount's kubeconfig. */
const asBot = (args: string[]): KubectlResult => cluster.kubectl(args, { env: { KUBECONFIG: botConfig } });
const BOT = 'system:serviceaccount:dev:bot';

beforeAll(async () => {
  cluster = await clusterUp({ nodes: 1 });
  ok(['create', 'namespace', 'dev']);
  ok(['create', 'serviceaccount', 'bot', '-n', 'dev']);
  ok(['create', 'role', 'pod-reader', '--verb=get,list,watch', '--resource=pods', '-n', 'dev']);
  ok(['create', 'rolebinding', 'bot-reads-pods', '--role=pod-reader', '--serviceaccount=dev:bot', '-n', 'dev']);
  ok(['run', 'web', '--image=nginx:1.27', '-n', 'dev']);
  const token = ok(['create', 'token', 'bot', '-n', 'dev']).trim();
  botConfig = path.join(cluster.dataDir, 'bot.kubeconfig');
  copyFileSync(cluster.kubeconfig, botConfig);
  const cfg = { env: { KUBECONFIG: botConfig } };
  const clusterName = ok(['config', 'view', '-o', 'jsonpath={.clusters[0].name}']);
  expect(cluster.kubectl(['config', 'set-credentials', 'bot', `--token=${token}`], cfg).code).toBe(0);
  expect(cluster.kubectl(['config', 'set-context', 'bot', `--cluster=${clusterName}`, '--user=bot', '--namespace=dev'], cfg).code).toBe(0);
  expect(cluster.kubectl(['config', 'use-context', 'bot'], cfg).code).toBe(0);
});
afterAll(() => cluster?.destroy());

describe('the cluster admin', () => {
  it('may do anything', () => {
    expect(ok(['auth', 'can-i', 'create', 'deployments'])).toBe('yes\n');
    expect(ok(['auth', 'can-i', '*', '*'])).toBe('yes\n');
    // kubectl itself warns that the namespace in effect does not apply to a cluster-scoped resource.
    const nodes = cluster.kubectl(['auth', 'can-i', 'delete', 'nodes']);
    expect([nodes.stdout, nodes.stderr]).toEqual(['yes\n', "Warning: resource 'nodes' is not namespace scoped\n\n"]);
    const list = ok(['auth', 'can-i', '--list']).split('\n');
    expect(list[0]).toMatch(/^Resources\s+Non-Resource URLs\s+Resource Names\s+Verbs$/);
    expect(list[1]).toMatch(/^\*\.\*\s+\[\]\s+\[\]\s+\[\*\]$/);
  });

  it('is told when a resource type does not exist', () => {
    const r = cluster.kubectl(['auth', 'can-i', 'create', 'foos']);
    expect([r.stdout, r.stderr]).toEqual(['yes\n', "Warning: the server doesn't have a resource type 'foos'\n\n"]);
  });
});

describe('a ServiceAccount with a token', () => {
  it('knows who it is', () => {
    const r = asBot(['auth', 'whoami']);
    expect(r.stderr).toBe('');
    const text = r.stdout.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>');
    expect(text).toBe(`ATTRIBUTE                                           VALUE
Username                                            ${BOT}
UID                                                 <uid>
Groups                                              [system:serviceaccounts system:serviceaccounts:dev system:authenticated]
Extra: authentication.kubernetes.io/credential-id   [JTI=<uid>]
`);
  });

  it('may do what its Role grants and nothing more', () => {
    expect(asBot(['auth', 'can-i', 'list', 'pods']).stdout).toBe('yes\n');
    const no = asBot(['auth', 'can-i', 'delete', 'pods']);
    expect([no.code, no.stdout]).toEqual([1, 'no\n']);
    expect(asBot(['auth', 'can-i', 'list', 'pods', '-n', 'default']).stdout).toBe('no\n');
    // `pods/log` would name a pod called log; a subresource is asked for with --subresource.
    expect(asBot(['auth', 'can-i', 'get', 'pods', '--subresource=log']).stdout).toBe('no\n');
    expect(normTable(asBot(['get', 'pods']).stdout)).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\nweb\s+/);
  });

  it('gets 403 Forbidden in kube-apiserver words', () => {
    const cases: [string[], string][] = [
      [['get', 'pods', '-n', 'default'], `Error from server (Forbidden): pods is forbidden: User "${BOT}" cannot list resource "pods" in API group "" in the namespace "default"`],
      [['get', 'nodes'], `Error from server (Forbidden): nodes is forbidden: User "${BOT}" cannot list resource "nodes" in API group "" at the cluster scope`],
      [['delete', 'pod', 'web'], `Error from server (Forbidden): pods "web" is forbidden: User "${BOT}" cannot delete resource "pods" in API group "" in the namespace "dev"`],
      [
        ['create', 'deployment', 'x', '--image=nginx'],
        `error: failed to create deployment: deployments.apps is forbidden: User "${BOT}" cannot create resource "deployments" in API group "apps" in the namespace "dev"`,
      ],
      [['get', 'secrets'], `Error from server (Forbidden): secrets is forbidden: User "${BOT}" cannot list resource "secrets" in API group "" in the namespace "dev"`],
    ];
    for (const [args, message] of cases) {
      const r = asBot(args);
      expect([r.code, r.stderr]).toEqual([1, `${message}\n`]);
    }
  });

  it('is refused with a bad token', () => {
    const r = cluster.kubectl(['get', 'pods', '--token=not-a-token', '--user=bot'], { env: { KUBECONFIG: botConfig } });
    expect([r.code, r.stderr]).toEqual([1, 'error: You must be logged in to the server (Unauthorized)\n']);
  });
});

describe('impersonation', () => {
  it('lets the admin act as the ServiceAccount', () => {
    expect(ok(['auth', 'can-i', 'list', 'pods', '-n', 'dev', `--as=${BOT}`])).toBe('yes\n');
    const no = cluster.kubectl(['auth', 'can-i', 'create', 'deployments', '-n', 'dev', `--as=${BOT}`]);
    expect([no.code, no.stdout]).toEqual([1, 'no\n']);
    expect(cluster.kubectl(['get', 'pods', '-n', 'default', `--as=${BOT}`]).stderr).toBe(
      `Error from server (Forbidden): pods is forbidden: User "${BOT}" cannot list resource "pods" in API group "" in the namespace "default"\n`,
    );
    expect(cluster.kubectl(['auth', 'can-i', 'get', 'nodes', '--as=jane', '--as-group=system:masters']).stdout).toBe('yes\n');
    expect(cluster.kubectl(['auth', 'can-i', 'get', 'nodes', '--as=jane']).stdout).toBe('no\n');
  });

  it('is refused to those who may not impersonate', () => {
    const r = asBot(['get', 'pods', '--as=jane']);
    expect(r.stderr).toBe(`Error from server (Forbidden): users "jane" is forbidden: User "${BOT}" cannot impersonate resource "users" in API group "" at the cluster scope\n`);
  });
});
