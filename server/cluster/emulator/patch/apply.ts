import { ApiError, errors } from '../meta/errors.ts';
import type { KubeObject } from '../meta/types.ts';
import { loadGoFacts } from '../openapi/facts-file.ts';
import { SchemaNode } from '../openapi/schema-nav.ts';
import type { TypeSchema } from '../openapi/schema-provider.ts';
import { describePath, FieldSet } from './apply-fieldset.ts';
import {
  decodeManagedFields,
  encodeManagedFields,
  managerIdentifier,
  ownedPart,
  printManager,
  type ManagedFieldsEntry,
} from './apply-managed-fields.ts';
import { compareTyped, deepEqual, mergeTyped, removeItems, rootSlot, toFieldSet, withNamedFields, type Comparison } from './apply-typed.ts';
import { withGoZeros } from './apply-go-zero.ts';
import { checkAppliedConfiguration } from './apply-validate.ts';
import { isObject } from './merge-patch.ts';

export interface ApplyRequest {
  type: TypeSchema;
  /** The object as stored, or undefined when the apply creates it. */
  live: KubeObject | undefined;
  /** The applied configuration (the PATCH body). */
  config: Record<string, unknown>;
  manager: string;
  force: boolean;
  /** apiVersion of the request, recorded in managedFields. */
  apiVersion: string;
  /** RFC 3339 time of the write. */
  now: string;
  /** The resource has a status subresource: applies to the object neither set nor own `status`. */
  statusSubresource: boolean;
  /** `status` for applies to …/status. */
  subresource?: string;
}

/**
 * Server-side apply (`application/apply-patch+yaml`): merges the configuration into the live object,
 * removes what this manager applied before and applies no longer (unless another manager owns it),
 * records ownership in `metadata.managedFields`, and refuses with 409 when the change would take a field
 * another manager owns with a different value, unless forced (then the other manager loses it).
 */
export function serverSideApply(req: ApplyRequest): KubeObject {
  const meta = req.config.metadata;
  if (isObject(meta) && Array.isArray(meta.managedFields) && meta.managedFields.length > 0) {
    throw errors.badRequest('metadata.managedFields must be nil');
  }
  const scope = req.subresource === 'status' ? 'status' : req.statusSubresource ? 'object-with-status-subresource' : 'object';
  const config = withoutManagedFields(req.config);
  if (scope === 'object-with-status-subresource') delete config.status;
  const slot = rootSlot(SchemaNode.root(req.type));
  checkAppliedConfiguration(config, slot);
  const live = req.live ? withoutManagedFields(req.live) : {};
  const managers = decodeManagedFields(req.live?.metadata.managedFields);

  let merged = mergeTyped(live, config, slot) as Record<string, unknown>;
  const applied = ownedPart(toFieldSet(config, slot), scope);
  const id = managerIdentifier({ manager: req.manager, operation: 'Apply', ...(req.subresource ? { subresource: req.subresource } : {}) });
  const last = managers.get(id);
  managers.set(id, { entry: { manager: req.manager, operation: 'Apply', apiVersion: req.apiVersion, ...(last?.entry.time ? { time: last.entry.time } : {}), ...(req.subresource ? { subresource: req.subresource } : {}) }, set: applied });

  if (last && !last.set.empty) {
    let owned = new FieldSet();
    for (const m of managers.values()) owned = owned.union(m.set);
    const gone = withNamedFields(last.set, slot).difference(withNamedFields(owned, slot));
    merged = removeItems(merged, gone, slot) as Record<string, unknown>;
  }

  const changes = ownedChanges(compareTyped(live, merged, slot), scope);
  const conflicts = new Map<string, FieldSet>();
  for (const [other, m] of managers) {
    if (other === id) continue;
    const c = m.set.intersection(changes.modified.union(changes.added));
    if (!c.empty) conflicts.set(other, c);
  }
  if (conflicts.size > 0 && !req.force) throw conflictError(conflicts);
  for (const [other, c] of conflicts) managers.get(other)!.set = managers.get(other)!.set.difference(c);
  for (const [other, m] of managers) if (other !== id) m.set = m.set.difference(changes.removed);

  const changed = !deepEqual(live, merged);
  const self = managers.get(id)!;
  if (changed || !last || !last.entry.time) self.entry = { ...self.entry, time: req.now };
  return withManagedFields(merged, encodeManagedFields(managers));
}

export interface UpdateRequest {
  type: TypeSchema;
  /** The object before the write; undefined for a create. */
  old: KubeObject | undefined;
  /** The object as it will be stored (after defaulting). */
  next: KubeObject;
  manager: string;
  apiVersion: string;
  now: string;
  statusSubresource: boolean;
  subresource?: string;
}

/**
 * The `metadata.managedFields` after a write that is not an apply (create, update, merge/JSON/strategic
 * patch): the writer takes every field it added or changed, other managers lose those fields and
 * the ones it removed. Returns the entries to store with `next`.
 */
export function trackUpdate(req: UpdateRequest): ManagedFieldsEntry[] {
  const scope = req.subresource === 'status' ? 'status' : req.statusSubresource ? 'object-with-status-subresource' : 'object';
  const slot = rootSlot(SchemaNode.root(req.type));
  const incoming = req.next.metadata.managedFields;
  const previous = req.old?.metadata.managedFields;
  // A client that sends managedFields different from the stored ones replaces them (e.g. to reset ownership).
  const source = Array.isArray(incoming) && incoming.length > 0 && !deepEqual(incoming, previous) ? incoming : previous;
  const managers = decodeManagedFields(source);
  const facts = loadGoFacts();
  // Only compared, never stored: a shallow copy without managedFields will do.
  const old = withGoZeros(req.old ? omitManagedFields(req.old) : {}, slot.node, facts);
  const next = withGoZeros(omitManagedFields(req.next), slot.node, facts);
  const changes = ownedChanges(compareTyped(old, next, slot), scope);
  const id = managerIdentifier({ manager: req.manager, operation: 'Update', apiVersion: req.apiVersion, ...(req.subresource ? { subresource: req.subresource } : {}) });
  const taken = changes.modified.union(changes.added);
  for (const [other, m] of managers) if (other !== id) m.set = m.set.difference(taken).difference(changes.removed);
  const mine = managers.get(id);
  const set = (mine?.set ?? new FieldSet()).difference(changes.removed).union(taken);
  const changed = !taken.empty || !changes.removed.empty;
  managers.set(id, {
    entry: {
      manager: req.manager,
      operation: 'Update',
      apiVersion: req.apiVersion,
      ...(changed || !mine?.entry.time ? { time: req.now } : { time: mine.entry.time }),
      ...(req.subresource ? { subresource: req.subresource } : {}),
    },
    set,
  });
  return encodeManagedFields(managers);
}

function ownedChanges(c: Comparison, scope: Parameters<typeof ownedPart>[1]): Comparison {
  return { added: ownedPart(c.added, scope), modified: ownedPart(c.modified, scope), removed: ownedPart(c.removed, scope) };
}

/** 409 as upstream words it: one line for one conflict, else grouped by manager. */
export function conflictError(conflicts: Map<string, FieldSet>): ApiError {
  const all: { manager: string; path: string }[] = [];
  for (const [manager, set] of conflicts) for (const p of set.paths()) all.push({ manager, path: describePath(p) });
  let message: string;
  if (all.length === 1) {
    message = `Apply failed with 1 conflict: conflict with ${printManager(all[0]!.manager)}: ${all[0]!.path}`;
  } else {
    const lines: string[] = [];
    for (const manager of [...conflicts.keys()].sort()) {
      lines.push(`conflicts with ${printManager(manager)}:`);
      for (const c of all) if (c.manager === manager) lines.push(`- ${c.path}`);
    }
    message = `Apply failed with ${all.length} conflicts: ${lines.join('\n')}`;
  }
  return new ApiError(409, 'Conflict', message, {
    causes: all.map((c) => ({ reason: 'FieldManagerConflict', message: `conflict with ${printManager(c.manager)}`, field: c.path })),
  });
}

function withoutManagedFields(obj: Record<string, unknown>): Record<string, unknown> {
  const out = structuredClone(obj);
  if (isObject(out.metadata)) delete out.metadata.managedFields;
  return out;
}

/** `obj` without `metadata.managedFields`, sharing everything else with it: for reading only. */
function omitManagedFields(obj: Record<string, unknown>): Record<string, unknown> {
  if (!isObject(obj.metadata)) return obj;
  const { managedFields: _m, ...metadata } = obj.metadata;
  return { ...obj, metadata };
}

function withManagedFields(obj: Record<string, unknown>, entries: ManagedFieldsEntry[]): KubeObject {
  const metadata = isObject(obj.metadata) ? { ...obj.metadata } : {};
  if (entries.length) metadata.managedFields = entries;
  else delete metadata.managedFields;
  return { ...obj, metadata } as KubeObject;
}

