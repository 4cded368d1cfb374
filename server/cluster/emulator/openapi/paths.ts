import type { ResourceDef, SubresourceDef } from '../registry/types.ts';
import { META, refTo, type GroupVersionKind } from './types.ts';

/** An OpenAPI path item or operation, loosely typed. */
export type Json = Record<string, unknown>;

/** Schema names the operations of one resource refer to. */
export interface ResourceRefs {
  kind: string;
  list?: string;
  /** Response kinds of subresources that have their own (scale, eviction, token, binding), by subresource name. */
  subresources: Record<string, { schema: string; gvk: GroupVersionKind }>;
}

const query = (name: string, type: string, description: string): Json => ({ name, in: 'query', description, schema: { type, uniqueItems: true } });

const P = {
  dryRun: query('dryRun', 'string', 'When set to All, the request is processed in full but nothing is persisted.'),
  fieldManager: query('fieldManager', 'string', 'The name of the actor making the change, recorded in managedFields. Required for apply patches.'),
  fieldValidation: query(
    'fieldValidation',
    'string',
    'What the server does with unknown or duplicate fields in the body: Ignore them, Warn about them (the default), or reject the request (Strict).',
  ),
  force: query('force', 'boolean', 'Server-side apply only: take ownership of fields other managers hold instead of failing with a conflict.'),
  pretty: query('pretty', 'string', "If 'true', the output is indented."),
  gracePeriodSeconds: query('gracePeriodSeconds', 'integer', 'Seconds to wait before the object is deleted; zero deletes it at once.'),
  orphanDependents: query('orphanDependents', 'boolean', 'Deprecated: use propagationPolicy.'),
  propagationPolicy: query('propagationPolicy', 'string', 'How dependents are garbage collected: Orphan, Background or Foreground.'),
  labelSelector: query('labelSelector', 'string', 'Only return objects whose labels match this selector.'),
  fieldSelector: query('fieldSelector', 'string', 'Only return objects whose fields match this selector.'),
  limit: query('limit', 'integer', 'The most items to return in one response; continue with the returned continue token.'),
  continue: query('continue', 'string', 'The continue token of a previous, limited list.'),
  resourceVersion: query('resourceVersion', 'string', 'The resource version a list or watch starts from.'),
  resourceVersionMatch: query('resourceVersionMatch', 'string', 'How resourceVersion applies to a list: Exact or NotOlderThan.'),
  timeoutSeconds: query('timeoutSeconds', 'integer', 'How long a list or watch may take.'),
  watch: query('watch', 'boolean', 'Stream changes as watch events instead of returning a list.'),
  allowWatchBookmarks: query('allowWatchBookmarks', 'boolean', 'Allow BOOKMARK events in a watch.'),
  sendInitialEvents: query('sendInitialEvents', 'boolean', 'Begin a watch with synthetic events for the current state.'),
};

const pathParam = (name: string, description: string): Json => ({ name, in: 'path', required: true, description, schema: { type: 'string', uniqueItems: true } });

const MEDIA = ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf'];

function content(schemaName: string, types: string[] = MEDIA): Json {
  return Object.fromEntries(types.map((t) => [t, { schema: { $ref: refTo(schemaName) } }]));
}

function responses(codes: Record<string, [string, string]>): Json {
  const out: Json = {};
  for (const [code, [description, schema]] of Object.entries(codes)) out[code] = { description, content: content(schema) };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

const PATCH_TYPES = ['application/apply-patch+yaml', 'application/json-patch+json', 'application/merge-patch+json'];
const SMP = 'application/strategic-merge-patch+json';

interface OpArgs {
  action: string;
  verb: string;
  gvk: GroupVersionKind;
  id: string;
}

function operation({ action, gvk, id }: OpArgs, rest: Json): Json {
  return {
    operationId: id,
    ...rest,
    'x-kubernetes-action': action,
    'x-kubernetes-group-version-kind': { group: gvk.group, kind: gvk.kind, version: gvk.version },
  };
}

const upper = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** `apps.v1` → `AppsV1`, `rbac.authorization.k8s.io` → `RbacAuthorizationV1`, core → `CoreV1`. */
function operationPrefix(def: ResourceDef): string {
  const g = def.group === '' ? 'core' : def.group.replace(/\.k8s\.io$/, '');
  return g.split('.').map(upper).join('') + upper(def.version);
}

/**
 * The paths of one resource: collection, item, all-namespaces list and the subresources with a body
 * kubectl may read (status, scale, eviction, token, binding, ephemeralcontainers, finalize).
 */
export function resourcePaths(def: ResourceDef, refs: ResourceRefs, opts: { strategicMerge: boolean }): Record<string, Json> {
  const prefix = def.group ? `/apis/${def.group}/${def.version}` : `/api/${def.version}`;
  const gvk: GroupVersionKind = { group: def.group, version: def.version, kind: def.kind };
  const base = def.namespaced ? `${prefix}/namespaces/{namespace}/${def.resource}` : `${prefix}/${def.resource}`;
  const scopeParams = def.namespaced ? [pathParam('namespace', 'object name and auth scope, such as for teams and projects')] : [];
  const nameParam = pathParam('name', `name of the ${def.kind}`);
  const has = (v: string) => def.verbs.includes(v as never);
  const opPrefix = operationPrefix(def);
  const ns = def.namespaced ? 'Namespaced' : '';
  const patchTypes = opts.strategicMerge ? [...PATCH_TYPES, SMP].sort() : PATCH_TYPES;
  const paths: Record<string, Json> = {};
  const listKind = refs.list ?? refs.kind;

  const listOp = (id: string) =>
    operation(
      { action: 'list', verb: 'get', gvk, id },
      {
        description: `list or watch objects of kind ${def.kind}`,
        parameters: [P.allowWatchBookmarks, P.continue, P.fieldSelector, P.labelSelector, P.limit, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds, P.watch],
        responses: responses({ '200': ['OK', listKind] }),
      },
    );
  const writeParams = [P.dryRun, P.fieldManager, P.fieldValidation];
  const patchOp = (id: string, kind: GroupVersionKind, schema: string, what: string) =>
    operation(
      { action: 'patch', verb: 'patch', gvk: kind, id },
      {
        description: `partially update ${what}`,
        parameters: [...writeParams, P.force],
        requestBody: { content: Object.fromEntries(patchTypes.map((t) => [t, { schema: { $ref: refTo(`${META}.Patch`) } }])), required: true },
        responses: responses({ '200': ['OK', schema], '201': ['Created', schema] }),
      },
    );
  const putOp = (id: string, kind: GroupVersionKind, schema: string, what: string) =>
    operation(
      { action: 'put', verb: 'put', gvk: kind, id },
      {
        description: `replace ${what}`,
        parameters: writeParams,
        requestBody: { content: { '*/*': { schema: { $ref: refTo(schema) } } }, required: true },
        responses: responses({ '200': ['OK', schema], '201': ['Created', schema] }),
      },
    );
  const getOp = (id: string, kind: GroupVersionKind, schema: string, what: string) =>
    operation({ action: 'get', verb: 'get', gvk: kind, id }, { description: `read ${what}`, responses: responses({ '200': ['OK', schema] }) });
  const postOp = (id: string, kind: GroupVersionKind, schema: string, what: string, response = schema) =>
    operation(
      { action: 'post', verb: 'post', gvk: kind, id },
      {
        description: `create ${what}`,
        parameters: writeParams,
        requestBody: { content: { '*/*': { schema: { $ref: refTo(schema) } } }, required: true },
        responses: responses({ '200': ['OK', response], '201': ['Created', response], '202': ['Accepted', response] }),
      },
    );

  // Collection
  const collection: Json = { parameters: [...scopeParams, P.pretty] };
  if (has('list')) collection.get = listOp(`list${opPrefix}${ns}${def.kind}`);
  if (has('create')) collection.post = postOp(`create${opPrefix}${ns}${def.kind}`, gvk, refs.kind, `a ${def.kind}`);
  if (has('deletecollection')) {
    collection.delete = operation(
      { action: 'deletecollection', verb: 'delete', gvk, id: `deleteCollection${opPrefix}${ns}${def.kind}` },
      {
        description: `delete collection of ${def.kind}`,
        parameters: [P.continue, P.dryRun, P.fieldSelector, P.gracePeriodSeconds, P.labelSelector, P.limit, P.orphanDependents, P.propagationPolicy, P.resourceVersion, P.resourceVersionMatch, P.sendInitialEvents, P.timeoutSeconds],
        requestBody: { content: { '*/*': { schema: { $ref: refTo(`${META}.DeleteOptions`) } } } },
        responses: responses({ '200': ['OK', `${META}.Status`] }),
      },
    );
  }
  if (Object.keys(collection).length > 1) paths[base] = collection;

  // Item
  const item: Json = { parameters: [nameParam, ...scopeParams, P.pretty] };
  const what = `the specified ${def.kind}`;
  if (has('get')) item.get = getOp(`read${opPrefix}${ns}${def.kind}`, gvk, refs.kind, what);
  if (has('update')) item.put = putOp(`replace${opPrefix}${ns}${def.kind}`, gvk, refs.kind, what);
  if (has('patch')) item.patch = patchOp(`patch${opPrefix}${ns}${def.kind}`, gvk, refs.kind, what);
  if (has('delete')) {
    item.delete = operation(
      { action: 'delete', verb: 'delete', gvk, id: `delete${opPrefix}${ns}${def.kind}` },
      {
        description: `delete a ${def.kind}`,
        parameters: [P.dryRun, P.gracePeriodSeconds, P.orphanDependents, P.propagationPolicy],
        requestBody: { content: { '*/*': { schema: { $ref: refTo(`${META}.DeleteOptions`) } } } },
        responses: responses({ '200': ['OK', `${META}.Status`], '202': ['Accepted', `${META}.Status`] }),
      },
    );
  }
  if (Object.keys(item).length > 1) paths[`${base}/{name}`] = item;

  // Across namespaces
  if (def.namespaced && has('list')) {
    paths[`${prefix}/${def.resource}`] = { parameters: [P.pretty], get: listOp(`list${opPrefix}${def.kind}ForAllNamespaces`) };
  }

  for (const sub of def.subresources ?? []) {
    const entry = subresourcePath(sub, def, refs, gvk, { getOp, putOp, patchOp, postOp, opPrefix, ns });
    if (entry) paths[`${base}/{name}/${sub.name}`] = { parameters: [nameParam, ...scopeParams, P.pretty], ...entry };
  }
  return paths;
}

interface Builders {
  getOp(id: string, kind: GroupVersionKind, schema: string, what: string): Json;
  putOp(id: string, kind: GroupVersionKind, schema: string, what: string): Json;
  patchOp(id: string, kind: GroupVersionKind, schema: string, what: string): Json;
  postOp(id: string, kind: GroupVersionKind, schema: string, what: string, response?: string): Json;
  opPrefix: string;
  ns: string;
}

function subresourcePath(sub: SubresourceDef, def: ResourceDef, refs: ResourceRefs, gvk: GroupVersionKind, b: Builders): Json | undefined {
  const own = refs.subresources[sub.name];
  const kind = own?.gvk ?? gvk;
  const schema = own?.schema ?? refs.kind;
  const subName = sub.name === 'ephemeralcontainers' ? 'EphemeralContainers' : upper(sub.name);
  const what = `${sub.name} of the specified ${def.kind}`;
  const suffix = `${b.opPrefix}${b.ns}${def.kind}${subName}`;
  const out: Json = {};
  switch (sub.name) {
    case 'status':
    case 'scale':
    case 'ephemeralcontainers':
    case 'finalize':
      if (sub.verbs.includes('get')) out.get = b.getOp(`read${suffix}`, kind, schema, what);
      if (sub.verbs.includes('update')) out.put = b.putOp(`replace${suffix}`, kind, schema, what);
      if (sub.verbs.includes('patch')) out.patch = b.patchOp(`patch${suffix}`, kind, schema, what);
      break;
    case 'eviction':
    case 'token':
    case 'binding':
      if (!own) return undefined;
      out.post = b.postOp(`create${suffix}`, kind, schema, `${sub.name} of a ${def.kind}`);
      break;
    default:
      return undefined;
  }
  return Object.keys(out).length ? out : undefined;
}
