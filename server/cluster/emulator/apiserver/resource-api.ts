import { randomInt, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.ts';
import { ApiError, errors, type FieldError } from '../meta/errors.ts';
import { formatTime } from '../meta/time.ts';
import type { KubeObject, StoredObject, UserInfo } from '../meta/types.ts';
import {
  formatSelector,
  fromLabelSelector,
  fromMap,
  matches,
  matchesFields,
  parseFieldSelector,
  parseLabelSelector,
  SelectorError,
  type LabelSelectorObject,
} from '../meta/selectors.ts';
import type { Registry } from '../registry/registry.ts';
import type { Allocators, Strategy, StrategyContext } from '../registry/strategy.ts';
import { gvString, type ResourceDef } from '../registry/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { admitQuota, type QuotaWriter } from '../quota/admission.ts';
import { admissionName, decodeFields, type FieldValidation } from './decode-fields.ts';
import { applyLimitRangeDefaults, checkLimitRanges } from '../quota/limit-ranger.ts';
import { validateObjectName } from '../validation/names.ts';
import {
  identityConverter,
  noSchemaCheck,
  noStrategies,
  type Converter,
  type FieldManagers,
  type Patcher,
  type PatchRequest,
  type SchemaCheck,
  type Strategies,
} from './pieces.ts';

export type { FieldValidation } from './decode-fields.ts';
export type PropagationPolicy = 'Background' | 'Foreground' | 'Orphan';

export interface WriteOptions {
  dryRun?: boolean;
  fieldValidation?: FieldValidation;
  fieldManager?: string;
  user?: UserInfo;
  /** The client's User-Agent: names the field manager when `fieldManager` is not given. */
  userAgent?: string;
  /** `status` or `scale`; undefined for the object itself. */
  subresource?: string;
}

export interface DeleteOptions {
  dryRun?: boolean;
  propagationPolicy?: PropagationPolicy;
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
  user?: UserInfo;
}

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
}

export interface WriteResult {
  object: StoredObject;
  /** Messages for `Warning:` response headers. */
  warnings: string[];
  /** True when a create happened (201), false for an update (200). */
  created: boolean;
}

export interface DeleteResult {
  /** The object as it was removed, or as it now is while it waits for finalizers or a grace period. */
  object: StoredObject;
  /** False while the object still exists (finalizers, graceful pod deletion): the HTTP answer is 202. */
  deleted: boolean;
}

export interface ResourceApiPieces {
  store: ObjectStore;
  registry: Registry;
  clock: Clock;
  allocate: Allocators;
  strategies?: Strategies;
  patcher?: Patcher;
  converter?: Converter;
  schemaCheck?: SchemaCheck;
  fieldManagers?: FieldManagers;
}

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

/**
 * Reads and writes of one cluster's objects with the semantics of kube-apiserver's generic registry:
 * defaulting, validation, generation, optimistic concurrency, dry run, finalizers and graceful deletion.
 * The HTTP layer calls it after authentication and authorization; controllers call it directly.
 */
export class ResourceApi {
  readonly store: ObjectStore;
  readonly registry: Registry;
  readonly clock: Clock;
  private readonly allocate: Allocators;
  private readonly strategies: Strategies;
  private readonly patcher: Patcher | undefined;
  readonly converter: Converter;
  private readonly schemaCheck: SchemaCheck;
  private readonly fieldManagers: FieldManagers | undefined;

  constructor(pieces: ResourceApiPieces) {
    this.store = pieces.store;
    this.registry = pieces.registry;
    this.clock = pieces.clock;
    this.allocate = pieces.allocate;
    this.strategies = pieces.strategies ?? noStrategies;
    this.patcher = pieces.patcher;
    this.converter = pieces.converter ?? identityConverter;
    this.schemaCheck = pieces.schemaCheck ?? noSchemaCheck;
    this.fieldManagers = pieces.fieldManagers;
  }

  get(def: ResourceDef, namespace: string | undefined, name: string): StoredObject {
    const obj = this.store.get(def.storage, scope(def, namespace), name);
    if (!obj) throw errors.notFound(def, name);
    return this.converter.fromStorage(def, obj);
  }

  list(def: ResourceDef, namespace: string | undefined, opts: ListOptions = {}): { items: StoredObject[]; resourceVersion: string } {
    const filter = this.filter(def, opts);
    const items = this.store
      .list(def.storage, scope(def, namespace))
      .filter(filter)
      .map((o) => this.converter.fromStorage(def, o));
    return { items, resourceVersion: String(this.store.resourceVersion) };
  }

  /** A predicate for label and field selectors; 400 BadRequest when they do not parse. */
  filter(def: ResourceDef, opts: ListOptions): (obj: StoredObject) => boolean {
    try {
      const labels = parseLabelSelector(opts.labelSelector ?? '');
      const fields = parseFieldSelector(opts.fieldSelector ?? '');
      for (const f of fields) {
        if (f.field !== 'metadata.name' && f.field !== 'metadata.namespace' && !(f.field in (def.selectableFields?.(sampleObject) ?? {}))) {
          throw errors.badRequest(`field label not supported: ${f.field}`);
        }
      }
      return (obj) =>
        matches(labels, obj.metadata.labels) &&
        (fields.length === 0 ||
          matchesFields(fields, {
            'metadata.name': obj.metadata.name,
            'metadata.namespace': obj.metadata.namespace ?? '',
            ...def.selectableFields?.(obj),
          }));
    } catch (e) {
      if (e instanceof SelectorError) throw errors.badRequest(e.message);
      throw e;
    }
  }

  create(def: ResourceDef, namespace: string | undefined, body: KubeObject, opts: WriteOptions & { applied?: boolean } = {}): WriteResult {
    const obj = this.prepareIncoming(def, namespace, body);
    const warnings = this.decodeFields(def, obj, opts, 'body');
    const strategy = this.strategies.for(def);
    const ctx = this.context(opts);
    // Admission runs before a generated name is chosen.
    this.admitNamespace(def, obj);
    if (!obj.metadata.name && obj.metadata.generateName) obj.metadata.name = generateName(obj.metadata.generateName);
    if (!obj.metadata.name) throw errors.invalid(def.kind, def.group, '', [{ field: 'metadata.name', reason: 'FieldValueRequired', message: 'Required value: name or generateName is required' }]);
    delete obj.metadata.deletionTimestamp;
    delete obj.metadata.deletionGracePeriodSeconds;
    delete obj.metadata.resourceVersion;
    delete obj.metadata.uid;
    obj.metadata.creationTimestamp = null;
    if (strategy.tracksGeneration) obj.metadata.generation = 1;
    else delete obj.metadata.generation;
    if (strategy.statusSubresource && def.subresources?.some((s) => s.name === 'status')) {
      delete obj.status;
    }
    strategy.defaults?.(obj, ctx);
    applyLimitRangeDefaults(this.store, def, obj);
    strategy.prepareForCreate?.(obj, ctx);
    this.validate(def, strategy, obj, undefined, ctx);
    if (this.store.get(def.storage, obj.metadata.namespace, obj.metadata.name)) throw errors.alreadyExists(def, obj.metadata.name);
    checkLimitRanges(this.store, def, obj, admissionName(obj));
    admitQuota(this.store, this.quotaWriter, def, obj, this.clock.now(), admissionName(obj), opts.dryRun ?? false);
    if (!opts.applied) this.trackFields(def, undefined, obj, opts);
    const stored = opts.dryRun ? this.dryRunStored(obj) : this.store.create(def.storage, this.converter.toStorage(def, obj));
    return { object: this.converter.fromStorage(def, stored), warnings, created: true };
  }

  /** PUT: replaces the object (or its status). Creates it if absent, for types that allow create-on-update. */
  update(def: ResourceDef, namespace: string | undefined, name: string, body: KubeObject, opts: WriteOptions = {}): WriteResult {
    const obj = this.prepareIncoming(def, namespace, body);
    const warnings = this.decodeFields(def, obj, opts, 'body');
    if (obj.metadata.name !== name) {
      throw errors.badRequest(`the name of the object (${obj.metadata.name ?? ''}) does not match the name on the URL (${name})`);
    }
    const current = this.store.get(def.storage, scope(def, namespace), name);
    if (!current) throw errors.notFound(def, name);
    return { ...this.replace(def, this.converter.fromStorage(def, current), obj, opts), warnings };
  }

  patch(def: ResourceDef, namespace: string | undefined, name: string, request: PatchRequest, opts: WriteOptions = {}): WriteResult {
    if (!this.patcher) throw errors.unsupportedMediaType(request.type, []);
    const stored = this.store.get(def.storage, scope(def, namespace), name);
    const current = stored ? this.converter.fromStorage(def, stored) : undefined;
    if (!current && request.type !== 'application/apply-patch+yaml') throw errors.notFound(def, name);
    if (!current && opts.subresource) throw errors.notFound(def, name);
    const base = current && opts.subresource === 'scale' ? toScale(current) : current;
    const patched = this.patcher.apply(def, base, request);
    const applied = request.type === 'application/apply-patch+yaml';
    if (!current) {
      patched.metadata = { ...patched.metadata, name, ...(def.namespaced ? { namespace: namespace ?? 'default' } : {}) };
      return this.create(def, namespace, patched, { ...opts, applied });
    }
    const warnings = this.decodeFields(def, patched, opts, request);
    if (opts.subresource === 'scale') return { ...this.writeScale(def, current, patched, opts), warnings };
    const next = this.prepareIncoming(def, namespace, patched);
    // A patch that does not carry a resourceVersion applies to whatever is current.
    const carriesRV = hasResourceVersion(request.patch);
    if (!carriesRV) next.metadata.resourceVersion = current.metadata.resourceVersion;
    return { ...this.replace(def, current, next, { ...opts, applied }), warnings };
  }

  /** GET …/scale */
  getScale(def: ResourceDef, namespace: string | undefined, name: string): KubeObject {
    return toScale(this.get(def, namespace, name));
  }

  /** PUT …/scale */
  updateScale(def: ResourceDef, namespace: string | undefined, name: string, scale: KubeObject, opts: WriteOptions = {}): WriteResult {
    const current = this.get(def, namespace, name);
    return this.writeScale(def, current, scale, opts);
  }

  delete(def: ResourceDef, namespace: string | undefined, name: string, opts: DeleteOptions = {}): DeleteResult {
    const current = this.store.get(def.storage, scope(def, namespace), name);
    if (!current) throw errors.notFound(def, name);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== current.metadata.uid) {
      throw errors.conflict(def, name, `Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${current.metadata.uid}`);
    }
    if (pre?.resourceVersion && pre.resourceVersion !== current.metadata.resourceVersion) {
      throw errors.conflict(
        def,
        name,
        `Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${current.metadata.resourceVersion}`,
      );
    }
    const ctx = this.context({ dryRun: opts.dryRun ?? false, ...(opts.user ? { user: opts.user } : {}) });
    const strategy = this.strategies.for(def);
    const forbidden = strategy.deletionForbidden?.(current);
    if (forbidden) throw errors.forbiddenFor(def, name, forbidden);
    const finalizers = [...(current.metadata.finalizers ?? [])];
    const policy = opts.propagationPolicy ?? 'Background';
    if (policy === 'Foreground' && !finalizers.includes(FOREGROUND)) finalizers.push(FOREGROUND);
    if (policy === 'Orphan' && !finalizers.includes(ORPHAN)) finalizers.push(ORPHAN);
    const grace = this.gracePeriod(def, current, opts.gracePeriodSeconds);
    const alreadyDeleting = current.metadata.deletionTimestamp !== undefined;
    const blockers = strategy.deletionBlockers?.(current) ?? [];

    if (finalizers.length === 0 && blockers.length === 0 && grace === 0) {
      if (opts.dryRun) return { object: this.converter.fromStorage(def, current), deleted: true };
      const gone = this.store.remove(def.storage, current.metadata.namespace, name);
      strategy.afterDelete?.(gone, ctx);
      return { object: this.converter.fromStorage(def, gone), deleted: true };
    }
    const now = this.clock.now();
    const deadline = formatTime(now + grace * 1000);
    const currentDeadline = current.metadata.deletionTimestamp;
    const metadata = {
      ...current.metadata,
      finalizers,
      // A shorter grace period may bring the deadline forward, never push it back.
      deletionTimestamp: currentDeadline && currentDeadline < deadline ? currentDeadline : deadline,
      deletionGracePeriodSeconds: alreadyDeleting ? Math.min(current.metadata.deletionGracePeriodSeconds ?? grace, grace) : grace,
    };
    if (finalizers.length === 0) delete (metadata as { finalizers?: string[] }).finalizers;
    const updated = clone({ ...current, metadata }) as KubeObject;
    if (!alreadyDeleting) strategy.prepareForDeletion?.(updated, ctx);
    if (opts.dryRun) return { object: this.converter.fromStorage(def, updated as StoredObject), deleted: false };
    const stored = this.store.update(def.storage, updated);
    return { object: this.converter.fromStorage(def, stored), deleted: false };
  }

  /** DELETE on a collection: deletes every object the selectors match. */
  deleteCollection(def: ResourceDef, namespace: string | undefined, list: ListOptions, opts: DeleteOptions = {}): StoredObject[] {
    const { items } = this.list(def, namespace, list);
    return items.map((o) => this.delete(def, o.metadata.namespace, o.metadata.name, opts).object);
  }

  private replace(def: ResourceDef, current: StoredObject, incoming: KubeObject, opts: WriteOptions & { applied?: boolean }): WriteResult {
    const strategy = this.strategies.for(def);
    const ctx = this.context(opts);
    let obj: KubeObject;
    if (opts.subresource === 'status') {
      // Writes to /status change only the status.
      obj = { ...clone(current), status: incoming.status };
      obj.metadata.resourceVersion = incoming.metadata.resourceVersion ?? current.metadata.resourceVersion;
    } else if (opts.subresource === 'ephemeralcontainers') {
      // Pods' /ephemeralcontainers changes only spec.ephemeralContainers (kubectl debug).
      obj = clone(current);
      const ephemeral = (incoming as { spec?: { ephemeralContainers?: unknown } }).spec?.ephemeralContainers;
      const spec = { ...((obj.spec as Record<string, unknown> | undefined) ?? {}) };
      if (ephemeral === undefined || ephemeral === null) delete spec.ephemeralContainers;
      else spec.ephemeralContainers = ephemeral;
      obj.spec = spec;
      obj.metadata.resourceVersion = incoming.metadata.resourceVersion ?? current.metadata.resourceVersion;
    } else if (opts.subresource === 'finalize') {
      // Namespaces' /finalize changes only spec.finalizers.
      obj = clone(current);
      const finalizers = (incoming as { spec?: { finalizers?: string[] } }).spec?.finalizers;
      obj.spec = { ...((obj.spec as object | undefined) ?? {}), finalizers: finalizers ?? [] };
      obj.metadata.resourceVersion = incoming.metadata.resourceVersion ?? current.metadata.resourceVersion;
    } else {
      obj = incoming;
      if (strategy.statusSubresource && def.subresources?.some((s) => s.name === 'status')) obj.status = clone(current.status);
    }
    // Fields only the server sets.
    obj.metadata.uid = current.metadata.uid;
    obj.metadata.creationTimestamp = current.metadata.creationTimestamp;
    obj.metadata.namespace = current.metadata.namespace;
    if (current.metadata.deletionTimestamp) {
      obj.metadata.deletionTimestamp = current.metadata.deletionTimestamp;
      if (current.metadata.deletionGracePeriodSeconds !== undefined) {
        obj.metadata.deletionGracePeriodSeconds = current.metadata.deletionGracePeriodSeconds;
      }
    } else {
      delete obj.metadata.deletionTimestamp;
      delete obj.metadata.deletionGracePeriodSeconds;
    }
    if (opts.subresource !== 'status' && opts.subresource !== 'finalize') {
      strategy.defaults?.(obj, ctx);
      strategy.prepareForUpdate?.(obj, current, ctx);
    }
    if (strategy.tracksGeneration) {
      const generation = current.metadata.generation ?? 1;
      obj.metadata.generation = opts.subresource !== 'status' && specChanged(current, obj) ? generation + 1 : generation;
    } else if (current.metadata.generation !== undefined) {
      obj.metadata.generation = current.metadata.generation;
    }
    this.validate(def, strategy, obj, current, ctx);
    if (!opts.applied) this.trackFields(def, current, obj, opts);
    if (obj.metadata.resourceVersion === undefined || obj.metadata.resourceVersion === '') {
      throw errors.invalid(def.kind, def.group, current.metadata.name, [
        { field: 'metadata.resourceVersion', reason: 'FieldValueInvalid', message: 'Invalid value: 0x0: must be specified for an update' },
      ]);
    }
    if (obj.metadata.resourceVersion !== current.metadata.resourceVersion) throw errors.conflict(def, current.metadata.name);

    // An object being deleted goes away once its last finalizer is removed (pods wait for their grace period).
    const finalizersGone = (obj.metadata.finalizers ?? []).length === 0 && (strategy.deletionBlockers?.(obj) ?? []).length === 0;
    if (current.metadata.deletionTimestamp && finalizersGone && (current.metadata.deletionGracePeriodSeconds ?? 0) === 0) {
      if (opts.dryRun) return { object: obj as StoredObject, warnings: [], created: false };
      this.store.update(def.storage, this.converter.toStorage(def, obj));
      const gone = this.store.remove(def.storage, current.metadata.namespace, current.metadata.name);
      strategy.afterDelete?.(gone, ctx);
      return { object: this.converter.fromStorage(def, gone), warnings: [], created: false };
    }
    if (opts.dryRun || unchanged(current, obj)) {
      return { object: (opts.dryRun ? obj : current) as StoredObject, warnings: [], created: false };
    }
    const stored = this.store.update(def.storage, this.converter.toStorage(def, obj));
    return { object: this.converter.fromStorage(def, stored), warnings: [], created: false };
  }

  /** How quota admission charges a create to a ResourceQuota's status. */
  private readonly quotaWriter: QuotaWriter = {
    writeStatus: (quota, status) => {
      const def = this.registry.lookup('', 'v1', 'resourcequotas')!;
      this.update(def, quota.metadata.namespace, quota.metadata.name, { ...quota, status } as KubeObject, { subresource: 'status' });
    },
  };

  /** Records the writer as owner of the fields it set (server-side apply does this itself). */
  private trackFields(def: ResourceDef, old: StoredObject | undefined, next: KubeObject, opts: WriteOptions): void {
    if (!this.fieldManagers) return;
    const manager = opts.fieldManager ?? (opts.user ? managerFromUserAgent(opts.userAgent) : 'kube-controller-manager');
    const managed = this.fieldManagers.update(def, old, next, manager, opts.subresource);
    if (managed) next.metadata.managedFields = managed;
  }

  private writeScale(def: ResourceDef, current: StoredObject, scale: KubeObject, opts: WriteOptions): WriteResult {
    const replicas = (scale as { spec?: { replicas?: unknown } }).spec?.replicas;
    if (typeof replicas !== 'number' || !Number.isInteger(replicas) || replicas < 0) {
      throw errors.invalid('Scale', 'autoscaling', current.metadata.name, [
        { field: 'spec.replicas', reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(replicas ?? null)}: must be greater than or equal to 0` },
      ]);
    }
    const next = clone(current) as KubeObject & { spec: Record<string, unknown> };
    next.spec = { ...(next.spec ?? {}), replicas };
    const rv = scale.metadata?.resourceVersion;
    if (rv) next.metadata.resourceVersion = rv;
    const result = this.replace(def, current, next, { ...opts, subresource: undefined });
    return { ...result, object: toScale(result.object) as StoredObject };
  }

  private gracePeriod(def: ResourceDef, obj: StoredObject, requested: number | undefined): number {
    if (def.storage.group !== '' || def.storage.resource !== 'pods') return 0;
    const spec = (obj as { spec?: { nodeName?: string; terminationGracePeriodSeconds?: number } }).spec;
    // A pod that never reached a node has nothing to stop: it goes at once.
    if (!spec?.nodeName) return 0;
    const phase = (obj as { status?: { phase?: string } }).status?.phase;
    if (phase === 'Succeeded' || phase === 'Failed') return 0;
    return Math.max(0, requested ?? spec.terminationGracePeriodSeconds ?? 30);
  }

  /** Copies the body and checks its apiVersion, kind and namespace against the URL. */
  private prepareIncoming(def: ResourceDef, namespace: string | undefined, body: KubeObject): KubeObject {
    if (!body || typeof body !== 'object' || Array.isArray(body)) throw errors.badRequest('the body of the request is not an object');
    const obj = clone(body);
    obj.metadata = obj.metadata && typeof obj.metadata === 'object' ? obj.metadata : {};
    const gv = gvString(def);
    if (obj.apiVersion && obj.apiVersion !== gv) {
      throw errors.badRequest(`the API version in the data (${obj.apiVersion}) does not match the expected API version (${gv})`);
    }
    if (obj.kind && obj.kind !== def.kind) {
      throw errors.badRequest(`the kind in the data (${obj.kind}) does not match the expected kind (${def.kind})`);
    }
    obj.apiVersion = gv;
    obj.kind = def.kind;
    if (def.namespaced) {
      const ns = namespace ?? obj.metadata.namespace ?? 'default';
      if (obj.metadata.namespace && obj.metadata.namespace !== ns) {
        throw errors.badRequest('the namespace of the provided object does not match the namespace sent on the request');
      }
      obj.metadata.namespace = ns;
    } else {
      delete obj.metadata.namespace;
    }
    return obj;
  }

  private admitNamespace(def: ResourceDef, obj: KubeObject): void {
    if (!def.namespaced) return;
    const nsName = obj.metadata.namespace!;
    const ns = this.store.get({ group: '', resource: 'namespaces' }, undefined, nsName);
    if (!ns) throw new ApiError(404, 'NotFound', `namespaces "${nsName}" not found`, { name: nsName, kind: 'namespaces' });
    if (ns.metadata.deletionTimestamp) {
      // The NamespaceLifecycle admission plugin, which names an object by its generateName before it has a name.
      throw errors.forbiddenFor(def, admissionName(obj), `unable to create new content in namespace ${nsName} because it is being terminated`, [
        { reason: 'NamespaceTerminating', message: `namespace ${nsName} is being terminated`, field: 'metadata.namespace' },
      ]);
    }
  }

  private decodeFields(def: ResourceDef, obj: KubeObject, opts: WriteOptions, source: 'body' | PatchRequest): string[] {
    // The cluster's own controllers write typed objects: only clients' bodies need decoding.
    if (!opts.user) return [];
    return decodeFields(this.schemaCheck, def, obj, opts.fieldValidation ?? 'Warn', source);
  }

  private validate(def: ResourceDef, strategy: Strategy, obj: KubeObject, old: StoredObject | undefined, ctx: StrategyContext): void {
    const problems: FieldError[] = [];
    if (!old) problems.push(...validateObjectName(def, obj.metadata.name ?? ''));
    problems.push(...validateMetadata(obj));
    problems.push(...(strategy.validate?.(obj, old, ctx) ?? []));
    // Upstream reports each distinct problem once.
    const distinct = problems.filter((p, i) => problems.findIndex((q) => q.field === p.field && q.message === p.message) === i);
    if (distinct.length > 0) throw errors.invalid(def.kind, def.group, obj.metadata.name ?? '', distinct);
  }

  private context(opts: { dryRun?: boolean; user?: UserInfo; subresource?: string | undefined }): StrategyContext {
    return {
      clock: this.clock,
      store: this.store,
      allocate: this.allocate,
      dryRun: opts.dryRun ?? false,
      ...(opts.user ? { user: opts.user } : {}),
      ...(opts.subresource ? { subresource: opts.subresource } : {}),
    };
  }

  private dryRunStored(obj: KubeObject): StoredObject {
    return {
      ...obj,
      metadata: {
        ...obj.metadata,
        name: obj.metadata.name!,
        // Upstream fills the system fields before it skips the write: a dry run shows a fresh UID.
        uid: obj.metadata.uid ?? randomUUID(),
        resourceVersion: '',
        creationTimestamp: formatTime(this.clock.now()),
      },
    } as StoredObject;
  }
}

const sampleObject = { apiVersion: '', kind: '', metadata: { name: '', uid: '', resourceVersion: '', creationTimestamp: '' } } as StoredObject;

function scope(def: ResourceDef, namespace: string | undefined): string | undefined {
  return def.namespaced ? namespace : undefined;
}

function clone<T>(v: T): T {
  return v === undefined ? v : structuredClone(v);
}

const GENERATE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** The suffix upstream appends to generateName: five characters without vowels or confusable digits. */
export function generateName(base: string): string {
  const prefix = base.length > 58 ? base.slice(0, 58) : base;
  let suffix = '';
  for (let i = 0; i < 5; i++) suffix += GENERATE_ALPHABET[randomInt(GENERATE_ALPHABET.length)];
  return prefix + suffix;
}

/**
 * The manager recorded for a write without `?fieldManager=`: the User-Agent's program name. The
 * learners' kubectl dispatcher runs binaries named `kubectl.1.32`; a real cluster would see `kubectl`.
 */
export function managerFromUserAgent(userAgent: string | undefined): string {
  const program = (userAgent ?? '').split('/')[0]!.slice(0, 128);
  return program.replace(/^kubectl\.\d+\.\d+$/, 'kubectl') || 'unknown';
}

function specChanged(a: KubeObject, b: KubeObject): boolean {
  const strip = (o: KubeObject) => {
    const { metadata: _m, status: _s, apiVersion: _a, kind: _k, ...rest } = o;
    return rest;
  };
  return JSON.stringify(strip(a)) !== JSON.stringify(strip(b));
}

function unchanged(current: StoredObject, next: KubeObject): boolean {
  return JSON.stringify({ ...next, metadata: { ...next.metadata, resourceVersion: current.metadata.resourceVersion } }) === JSON.stringify(current);
}

function hasResourceVersion(patch: unknown): boolean {
  if (Array.isArray(patch)) return patch.some((op) => typeof op?.path === 'string' && op.path === '/metadata/resourceVersion');
  const meta = (patch as { metadata?: { resourceVersion?: unknown } } | null)?.metadata;
  return typeof meta?.resourceVersion === 'string' && meta.resourceVersion !== '';
}

function validateMetadata(obj: KubeObject): FieldError[] {
  const problems: FieldError[] = [];
  for (const [field, map] of [
    ['metadata.labels', obj.metadata.labels],
    ['metadata.annotations', obj.metadata.annotations],
  ] as const) {
    if (map === undefined || map === null) continue;
    if (typeof map !== 'object' || Array.isArray(map)) {
      problems.push({ field, reason: 'FieldValueInvalid', message: 'Invalid value: must be a map of strings' });
      continue;
    }
    for (const [k, v] of Object.entries(map)) {
      if (typeof v !== 'string') problems.push({ field: `${field}.${k}`, reason: 'FieldValueInvalid', message: `Invalid value: ${JSON.stringify(v)}: must be a string` });
    }
  }
  return problems;
}

/** The autoscaling/v1 Scale view of a workload. */
export function toScale(obj: StoredObject): StoredObject {
  const o = obj as StoredObject & { spec?: { replicas?: number; selector?: unknown }; status?: { replicas?: number } };
  const selector = o.spec?.selector;
  // Deployments and ReplicaSets hold a LabelSelector; ReplicationControllers a plain map.
  const requirements =
    selector && typeof selector === 'object' && ('matchLabels' in selector || 'matchExpressions' in selector)
      ? fromLabelSelector(selector as LabelSelectorObject)
      : fromMap(selector as Record<string, string> | undefined);
  const selectorText = requirements ? formatSelector(requirements) : '';
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata: {
      name: obj.metadata.name,
      namespace: obj.metadata.namespace,
      uid: obj.metadata.uid,
      resourceVersion: obj.metadata.resourceVersion,
      creationTimestamp: obj.metadata.creationTimestamp,
    },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, ...(selectorText ? { selector: selectorText } : {}) },
  } as unknown as StoredObject;
}
