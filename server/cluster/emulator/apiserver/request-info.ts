/** What a request is about, parsed from method, path and query as upstream's RequestInfoFactory does. */
export type Verb = 'get' | 'list' | 'watch' | 'create' | 'update' | 'patch' | 'delete' | 'deletecollection';

export interface ResourceRequest {
  kind: 'resource';
  verb: Verb;
  group: string;
  version: string;
  namespace?: string;
  resource: string;
  name?: string;
  subresource?: string;
  /** Path segments after the subresource (rarely used: `proxy` paths). */
  rest: string[];
}

export interface NonResourceRequest {
  kind: 'nonresource';
  /** Lower-case HTTP verb, as RBAC non-resource rules name them. */
  verb: string;
  path: string;
}

export type RequestInfo = ResourceRequest | NonResourceRequest;

export function parseRequestInfo(method: string, path: string, query: URLSearchParams): RequestInfo {
  const parts = path.split('/').filter((p) => p !== '').map(decodeURIComponent);
  const nonResource: NonResourceRequest = { kind: 'nonresource', verb: method.toLowerCase(), path };
  let i: number;
  let group: string;
  let version: string;
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    i = 2;
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    i = 3;
  } else {
    return nonResource;
  }

  let verb: Verb;
  let watchPrefix = false;
  if (parts[i] === 'watch') {
    watchPrefix = true;
    i++;
  }
  let namespace: string | undefined;
  if (parts[i] === 'namespaces' && parts.length > i + 2) {
    namespace = parts[i + 1];
    i += 2;
  }
  const resource = parts[i];
  if (!resource) return nonResource;
  let name = parts[i + 1];
  let subresource = parts[i + 2];
  const rest = parts.slice(i + 3);
  // `/api/v1/namespaces/foo/status` and `/finalize` are subresources of the namespace object itself.
  if (namespace !== undefined && parts.length === i + 1 && ['status', 'finalize'].includes(resource)) {
    subresource = resource;
    name = namespace;
    namespace = undefined;
    return finish('namespaces');
  }
  return finish(resource);

  function finish(res: string): ResourceRequest {
    switch (method.toUpperCase()) {
      case 'GET':
      case 'HEAD':
        verb = name === undefined ? (watchPrefix || isTrue(query.get('watch')) ? 'watch' : 'list') : watchPrefix || isTrue(query.get('watch')) ? 'watch' : 'get';
        break;
      case 'POST':
        verb = 'create';
        break;
      case 'PUT':
        verb = 'update';
        break;
      case 'PATCH':
        verb = 'patch';
        break;
      case 'DELETE':
        verb = name === undefined ? 'deletecollection' : 'delete';
        break;
      default:
        verb = 'get';
    }
    return {
      kind: 'resource',
      verb,
      group,
      version,
      ...(namespace !== undefined ? { namespace } : {}),
      resource: res,
      ...(name !== undefined ? { name } : {}),
      ...(subresource !== undefined ? { subresource } : {}),
      rest,
    };
  }
}

function isTrue(v: string | null): boolean {
  return v === 'true' || v === '1';
}
