import type { IncomingMessage, ServerResponse } from 'node:http';
import { errors } from '../../meta/errors.ts';
import type { KubeObject, StoredObject, UserInfo } from '../../meta/types.ts';
import { gvString, type ResourceDef } from '../../registry/types.ts';
import { patchTypes, type PatchType } from '../pieces.ts';
import type { ResourceRequest } from '../request-info.ts';
import type { DeleteOptions, FieldValidation, PropagationPolicy, WriteOptions, WriteResult } from '../resource-api.ts';
import { buildTable, type IncludeObject } from '../table.ts';
import { mediaType, parseDocument, readBody } from './body.ts';
import { parseAccept } from './negotiate.ts';
import { sendJson } from './respond.ts';
import type { ClusterRuntime, VirtualCreate } from './runtime.ts';
import { serveWatch } from './watch.ts';
import { paginate } from './paginate.ts';

export interface RequestContext {
  rt: ClusterRuntime;
  req: IncomingMessage;
  res: ServerResponse;
  info: ResourceRequest;
  def: ResourceDef;
  query: URLSearchParams;
  user: UserInfo;
}

/** get, list, watch, create, update, patch, delete and deletecollection on a stored resource (no subresource). */
export async function handleResource(ctx: RequestContext): Promise<void> {
  const { rt, res, info, def, query } = ctx;
  const api = rt.cluster.api;
  const ns = def.namespaced ? info.namespace : undefined;
  switch (info.verb) {
    case 'get': {
      const obj = api.get(def, ns, info.name!);
      return sendObjectOrTable(ctx, [obj], false);
    }
    case 'list': {
      const { items, resourceVersion } = api.list(def, ns, selectors(query));
      const page = paginate(items, query, resourceVersion);
      return sendObjectOrTable(ctx, page.items, true, page);
    }
    case 'watch': {
      const accept = parseAccept(ctx.req.headers.accept);
      const printer = accept.table ? rt.printer(def) : undefined;
      const includeObject = includeObjectParam(query);
      const tableVersion = accept.table ?? 'v1';
      const timeout = query.get('timeoutSeconds');
      return serveWatch(api, def, res, {
        namespace: ns,
        ...selectors(query),
        ...(info.name !== undefined ? { fieldSelector: mergeNameSelector(query.get('fieldSelector'), info.name) } : {}),
        resourceVersion: query.get('resourceVersion') ?? '',
        ...(timeout !== null ? { timeoutSeconds: Number(timeout) } : {}),
        allowBookmarks: query.get('allowWatchBookmarks') === 'true',
        encode: (obj, first) =>
          printer
            ? buildTable(printer, [obj], { now: rt.cluster.clock.now() }, {
                version: tableVersion,
                includeObject,
                resourceVersion: obj.metadata.resourceVersion,
                noHeaders: !first,
              })
            : withTypeMeta(def, obj),
      });
    }
    case 'create': {
      const body = await readObject(ctx);
      const result = api.create(def, ns, body, writeOptions(ctx));
      return sendWrite(ctx, result, 201);
    }
    case 'update': {
      const body = await readObject(ctx);
      return sendWrite(ctx, api.update(def, ns, info.name!, body, writeOptions(ctx)), 200);
    }
    case 'patch': {
      const { type, patch } = await readPatch(ctx);
      const force = query.get('force') === 'true';
      const fieldManager = query.get('fieldManager') ?? undefined;
      const result = api.patch(def, ns, info.name!, { type, patch, ...(fieldManager ? { fieldManager } : {}), force }, writeOptions(ctx));
      return sendWrite(ctx, result, result.created ? 201 : 200);
    }
    case 'delete': {
      const opts = await readDeleteOptions(ctx);
      const result = api.delete(def, ns, info.name!, opts);
      if (!result.deleted) return sendJson(res, 202, withTypeMeta(def, result.object));
      return sendJson(res, 200, deletedBody(def, result.object));
    }
    case 'deletecollection': {
      const opts = await readDeleteOptions(ctx);
      const removed = api.deleteCollection(def, ns, selectors(query), opts);
      return sendJson(res, 200, listBody(def, removed, String(api.store.resourceVersion)));
    }
  }
}

function selectors(query: URLSearchParams): { labelSelector?: string; fieldSelector?: string } {
  const labelSelector = query.get('labelSelector');
  const fieldSelector = query.get('fieldSelector');
  return { ...(labelSelector ? { labelSelector } : {}), ...(fieldSelector ? { fieldSelector } : {}) };
}

function mergeNameSelector(fieldSelector: string | null, name: string): string {
  const byName = `metadata.name=${name}`;
  return fieldSelector ? `${fieldSelector},${byName}` : byName;
}

function includeObjectParam(query: URLSearchParams): IncludeObject {
  const v = query.get('includeObject');
  return v === 'None' || v === 'Object' ? v : 'Metadata';
}

/** Answers with objects, a List, or a Table when the client asked `as=Table`. */
export function sendObjectOrTable(
  ctx: RequestContext,
  objects: StoredObject[],
  asList: boolean,
  page?: { continueToken?: string; remainingItemCount?: number; resourceVersion: string },
): void {
  const { rt, res, def, query } = ctx;
  const accept = parseAccept(ctx.req.headers.accept);
  if (accept.table) {
    const table = buildTable(rt.printer(def), objects, { now: rt.cluster.clock.now() }, {
      version: accept.table,
      includeObject: includeObjectParam(query),
      resourceVersion: page?.resourceVersion ?? objects[0]?.metadata.resourceVersion ?? '',
      ...(page?.continueToken ? { continueToken: page.continueToken } : {}),
      ...(page?.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
    });
    return sendJson(res, 200, table);
  }
  if (!accept.json) throw errors.notAcceptable(['application/json', 'application/yaml']);
  if (!asList) return sendJson(res, 200, withTypeMeta(def, objects[0]!));
  return sendJson(res, 200, listBody(def, objects, page?.resourceVersion ?? '', page));
}

function listBody(def: ResourceDef, items: StoredObject[], resourceVersion: string, page?: { continueToken?: string; remainingItemCount?: number }) {
  return {
    kind: `${def.kind}List`,
    apiVersion: gvString(def),
    metadata: {
      resourceVersion,
      ...(page?.continueToken ? { continue: page.continueToken } : {}),
      ...(page?.remainingItemCount !== undefined ? { remainingItemCount: page.remainingItemCount } : {}),
    },
    // Built-in lists carry their items without apiVersion and kind; custom resources keep them.
    items: def.custom ? items.map((o) => withTypeMeta(def, o)) : items.map(withoutTypeMeta),
  };
}

export function withTypeMeta(def: ResourceDef, obj: StoredObject | KubeObject): KubeObject {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return { apiVersion: gvString(def), kind: def.kind, ...rest } as KubeObject;
}

function withoutTypeMeta(obj: StoredObject): Omit<StoredObject, 'apiVersion' | 'kind'> {
  const { apiVersion: _a, kind: _k, ...rest } = obj;
  return rest;
}

function deletedBody(def: ResourceDef, obj: StoredObject): unknown {
  // Pods come back as the deleted object; most other types as a Status naming what went.
  if (def.group === '' && def.resource === 'pods') return withTypeMeta(def, obj);
  return {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Success',
    details: { name: obj.metadata.name, ...(def.group ? { group: def.group } : {}), kind: def.resource, uid: obj.metadata.uid },
  };
}

export function sendWrite(ctx: RequestContext, result: WriteResult, code: number): void {
  const obj = result.object;
  const body = obj.kind === 'Scale' ? obj : withTypeMeta(ctx.def, obj);
  sendJson(ctx.res, code, body, { warnings: result.warnings });
}

export function writeOptions(ctx: RequestContext): WriteOptions {
  const { query, user } = ctx;
  const fv = query.get('fieldValidation');
  if (fv !== null && fv !== 'Strict' && fv !== 'Warn' && fv !== 'Ignore') {
    throw errors.badRequest(`fieldValidation must be one of Ignore, Warn, or Strict, got ${fv}`);
  }
  const fieldManager = query.get('fieldManager');
  if (fieldManager !== null && fieldManager.length > 128) throw errors.badRequest('fieldManager: Too long: must have at most 128 bytes');
  return {
    dryRun: dryRun(query),
    ...(fv ? { fieldValidation: fv as FieldValidation } : {}),
    ...(fieldManager ? { fieldManager } : {}),
    ...(ctx.req.headers['user-agent'] ? { userAgent: ctx.req.headers['user-agent'] } : {}),
    user,
    ...(ctx.info.subresource ? { subresource: ctx.info.subresource } : {}),
  };
}

function dryRun(query: URLSearchParams): boolean {
  const values = query.getAll('dryRun');
  for (const v of values) if (v !== 'All') throw errors.badRequest(`Invalid dry run value: ${v}; valid values are: [All]`);
  return values.length > 0;
}

/** A create of a resource that is not stored (reviews, token requests, evictions): the handler answers. */
export async function serveVirtual(ctx: RequestContext, create: VirtualCreate): Promise<void> {
  const { info, def } = ctx;
  if (info.verb !== 'create') throw errors.methodNotAllowed();
  const body = await readObject(ctx);
  const namespace = def.namespaced ? info.namespace : undefined;
  const result = create({ user: ctx.user, namespace, name: info.name, body, dryRun: ctx.query.getAll('dryRun').length > 0 });
  sendJson(ctx.res, result.code, result.body);
}

/** Reads a create/update body: JSON, YAML or kubectl's protobuf. */
export async function readObject(ctx: RequestContext): Promise<KubeObject> {
  const body = await readBody(ctx.req);
  const media = mediaType(ctx.req.headers['content-type']);
  if (media.type === 'protobuf') {
    if (!ctx.rt.decodeProtobuf) throw errors.unsupportedMediaType(media.raw, ['application/json', 'application/yaml']);
    return ctx.rt.decodeProtobuf(body);
  }
  if (media.type === 'other' || media.raw === 'application/apply-patch+yaml') {
    throw errors.unsupportedMediaType(media.raw, ['application/json', 'application/yaml', 'application/vnd.kubernetes.protobuf']);
  }
  if (body.length === 0) throw errors.badRequest('the request body is empty');
  const doc = parseDocument(body, media.type);
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw errors.badRequest('the body of the request is not an object');
  return doc as KubeObject;
}

async function readPatch(ctx: RequestContext): Promise<{ type: PatchType; patch: unknown }> {
  const raw = (ctx.req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (!patchTypes.includes(raw as PatchType)) throw errors.unsupportedMediaType(raw, patchTypes);
  const body = await readBody(ctx.req);
  const patch = parseDocument(body, raw === 'application/apply-patch+yaml' ? 'yaml' : 'json');
  return { type: raw as PatchType, patch };
}

async function readDeleteOptions(ctx: RequestContext): Promise<DeleteOptions> {
  const { query } = ctx;
  const body = await readBody(ctx.req);
  let fromBody: Record<string, unknown> = {};
  if (body.length > 0) {
    const media = mediaType(ctx.req.headers['content-type']);
    if (media.type === 'protobuf') fromBody = ctx.rt.decodeProtobuf ? (ctx.rt.decodeProtobuf(body) as unknown as Record<string, unknown>) : {};
    else if (media.type === 'json' || media.type === 'yaml') fromBody = (parseDocument(body, media.type) as Record<string, unknown>) ?? {};
  }
  const policy = (query.get('propagationPolicy') ?? fromBody.propagationPolicy) as string | undefined;
  if (policy !== undefined && policy !== 'Background' && policy !== 'Foreground' && policy !== 'Orphan') {
    throw errors.badRequest(`propagationPolicy: Unsupported value: "${policy}": supported values: "Foreground", "Background", "Orphan"`);
  }
  const orphan = query.get('orphanDependents') ?? fromBody.orphanDependents;
  const grace = query.get('gracePeriodSeconds') ?? fromBody.gracePeriodSeconds;
  const pre = fromBody.preconditions as { uid?: string; resourceVersion?: string } | undefined;
  const bodyDryRun = Array.isArray(fromBody.dryRun) && fromBody.dryRun.includes('All');
  return {
    dryRun: dryRun(query) || bodyDryRun,
    ...(policy ? { propagationPolicy: policy as PropagationPolicy } : orphan === true || orphan === 'true' ? { propagationPolicy: 'Orphan' as const } : {}),
    ...(grace !== undefined && grace !== null ? { gracePeriodSeconds: Number(grace) } : {}),
    ...(pre ? { preconditions: pre } : {}),
    user: ctx.user,
  };
}
