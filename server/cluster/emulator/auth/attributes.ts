import type { RequestInfo } from '../apiserver/request-info.ts';

/**
 * What a request asks to do, as upstream's `authorizer.Attributes` minus the user: the input of
 * authorization, of the 403 message and of access reviews. `RequestInfo` values fit this shape.
 */
export interface ResourceAttributes {
  kind: 'resource';
  verb: string;
  /** API group; '' for the core group. */
  group: string;
  version?: string;
  resource: string;
  subresource?: string;
  /** Undefined (or '') for cluster-scoped requests and for lists across all namespaces. */
  namespace?: string;
  name?: string;
}

export interface NonResourceAttributes {
  kind: 'nonresource';
  /** Lower-case HTTP verb: get, post, put, patch, delete, head. */
  verb: string;
  path: string;
}

export type RequestAttributes = ResourceAttributes | NonResourceAttributes;

/**
 * The attributes authorization sees for a parsed request. One difference from the path parser:
 * upstream treats `/api/v1/namespaces/<ns>` (and its `status`/`finalize`) as a request *in*
 * namespace `<ns>`, so a RoleBinding in a namespace can grant reading that namespace.
 */
export function requestAttributes(info: RequestInfo): RequestAttributes {
  if (info.kind === 'nonresource') return { kind: 'nonresource', verb: info.verb, path: info.path };
  const attrs: ResourceAttributes = {
    kind: 'resource',
    verb: info.verb,
    group: info.group,
    version: info.version,
    resource: info.resource,
    ...(info.subresource !== undefined ? { subresource: info.subresource } : {}),
    ...(info.namespace !== undefined ? { namespace: info.namespace } : {}),
    ...(info.name !== undefined ? { name: info.name } : {}),
  };
  if (info.group === '' && info.resource === 'namespaces' && info.namespace === undefined && info.name !== undefined) {
    attrs.namespace = info.name;
  }
  return attrs;
}
