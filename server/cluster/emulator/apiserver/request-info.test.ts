import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './request-info.ts';

const q = (s = '') => new URLSearchParams(s);

describe('parseRequestInfo', () => {
  it('parses namespaced core and group resources', () => {
    expect(parseRequestInfo('GET', '/api/v1/namespaces/default/pods', q())).toEqual({
      kind: 'resource', verb: 'list', group: '', version: 'v1', namespace: 'default', resource: 'pods', rest: [],
    });
    expect(parseRequestInfo('PATCH', '/apis/apps/v1/namespaces/shop/deployments/web/scale', q())).toEqual({
      kind: 'resource', verb: 'patch', group: 'apps', version: 'v1', namespace: 'shop', resource: 'deployments', name: 'web', subresource: 'scale', rest: [],
    });
  });

  it('tells watch, get, list, deletecollection apart', () => {
    expect(parseRequestInfo('GET', '/api/v1/pods', q('watch=true'))).toMatchObject({ verb: 'watch', resource: 'pods' });
    expect(parseRequestInfo('GET', '/api/v1/watch/namespaces/a/pods/p', q())).toMatchObject({ verb: 'watch', name: 'p', namespace: 'a' });
    expect(parseRequestInfo('GET', '/api/v1/nodes/n1', q())).toMatchObject({ verb: 'get', resource: 'nodes', name: 'n1' });
    expect(parseRequestInfo('DELETE', '/api/v1/namespaces/a/pods', q())).toMatchObject({ verb: 'deletecollection' });
    expect(parseRequestInfo('POST', '/api/v1/namespaces/a/pods/p/exec', q())).toMatchObject({ verb: 'create', subresource: 'exec' });
  });

  it('treats namespaces themselves as cluster-scoped objects', () => {
    expect(parseRequestInfo('GET', '/api/v1/namespaces/shop', q())).toMatchObject({ resource: 'namespaces', name: 'shop' });
    expect(parseRequestInfo('PUT', '/api/v1/namespaces/shop/finalize', q())).toMatchObject({
      verb: 'update', resource: 'namespaces', name: 'shop', subresource: 'finalize',
    });
  });

  it('leaves discovery and other paths as non-resource requests', () => {
    expect(parseRequestInfo('GET', '/apis/apps/v1', q())).toEqual({ kind: 'nonresource', verb: 'get', path: '/apis/apps/v1' });
    expect(parseRequestInfo('GET', '/api/v1', q())).toEqual({ kind: 'nonresource', verb: 'get', path: '/api/v1' });
    expect(parseRequestInfo('GET', '/version', q())).toMatchObject({ kind: 'nonresource' });
    expect(parseRequestInfo('GET', '/openapi/v3/apis/apps/v1', q())).toMatchObject({ kind: 'nonresource' });
  });
});
