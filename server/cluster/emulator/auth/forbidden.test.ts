import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from '../apiserver/request-info.ts';
import type { UserInfo } from '../meta/types.ts';
import { requestAttributes } from './attributes.ts';
import { forbiddenError } from './forbidden.ts';

const jane: UserInfo = { username: 'jane', groups: ['system:authenticated'] };

/** The Status a real API server sends for `METHOD path` denied to jane. */
function denied(method: string, path: string, reason = '') {
  const [p, q = ''] = path.split('?');
  return forbiddenError(jane, requestAttributes(parseRequestInfo(method, p!, new URLSearchParams(q))), reason).toStatus();
}

const status = (message: string, details: object) => ({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason: 'Forbidden', details, code: 403 });

describe('forbidden messages', () => {
  it('list in a namespace (kubectl get pods)', () => {
    expect(denied('GET', '/api/v1/namespaces/default/pods?limit=500')).toEqual(
      status('pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"', { kind: 'pods' }),
    );
  });

  it('get of a named object, with the group-qualified resource', () => {
    expect(denied('GET', '/api/v1/namespaces/default/pods/web')).toEqual(
      status('pods "web" is forbidden: User "jane" cannot get resource "pods" in API group "" in the namespace "default"', { name: 'web', kind: 'pods' }),
    );
    expect(denied('DELETE', '/apis/apps/v1/namespaces/team-a/deployments/api')).toEqual(
      status('deployments.apps "api" is forbidden: User "jane" cannot delete resource "deployments" in API group "apps" in the namespace "team-a"', {
        name: 'api',
        group: 'apps',
        kind: 'deployments',
      }),
    );
  });

  it('cluster scope: all-namespace lists and cluster-scoped resources', () => {
    expect(denied('GET', '/api/v1/pods')).toEqual(
      status('pods is forbidden: User "jane" cannot list resource "pods" in API group "" at the cluster scope', { kind: 'pods' }),
    );
    expect(denied('GET', '/api/v1/nodes?watch=true')).toEqual(
      status('nodes is forbidden: User "jane" cannot watch resource "nodes" in API group "" at the cluster scope', { kind: 'nodes' }),
    );
    expect(denied('POST', '/apis/rbac.authorization.k8s.io/v1/clusterrolebindings')).toEqual(
      status(
        'clusterrolebindings.rbac.authorization.k8s.io is forbidden: User "jane" cannot create resource "clusterrolebindings" in API group "rbac.authorization.k8s.io" at the cluster scope',
        { group: 'rbac.authorization.k8s.io', kind: 'clusterrolebindings' },
      ),
    );
  });

  it('a namespace object is requested in its own namespace', () => {
    expect(denied('GET', '/api/v1/namespaces/kube-system')).toEqual(
      status('namespaces "kube-system" is forbidden: User "jane" cannot get resource "namespaces" in API group "" in the namespace "kube-system"', {
        name: 'kube-system',
        kind: 'namespaces',
      }),
    );
  });

  it('subresources (kubectl exec, scale)', () => {
    expect(denied('POST', '/api/v1/namespaces/default/pods/web/exec?command=sh')).toEqual(
      status('pods "web" is forbidden: User "jane" cannot create resource "pods/exec" in API group "" in the namespace "default"', {
        name: 'web',
        kind: 'pods',
      }),
    );
    expect(denied('PATCH', '/apis/apps/v1/namespaces/default/deployments/web/scale').message).toBe(
      'deployments.apps "web" is forbidden: User "jane" cannot patch resource "deployments/scale" in API group "apps" in the namespace "default"',
    );
  });

  it('non-resource paths', () => {
    expect(denied('GET', '/metrics')).toEqual(status('forbidden: User "jane" cannot get path "/metrics"', {}));
  });

  it('appends the authorizer reason, and escapes HTML only in its own part', () => {
    expect(denied('GET', '/api/v1/namespaces/default/pods', 'RBAC: role.rbac.authorization.k8s.io "pod-reader" not found').message).toBe(
      'pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "pod-reader" not found',
    );
    const sneaky = forbiddenError({ username: '<b>&', groups: [] }, { kind: 'nonresource', verb: 'get', path: '/x' }, 'a<b').toStatus();
    expect(sneaky.message).toBe('forbidden: User "&lt;b&gt;&amp;" cannot get path "/x": a<b');
  });
});
