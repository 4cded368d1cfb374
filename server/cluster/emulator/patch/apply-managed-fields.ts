import { FieldSet } from './apply-fieldset.ts';
import { isObject } from './merge-patch.ts';

/** One `metadata.managedFields` entry. */
export interface ManagedFieldsEntry {
  manager: string;
  operation: 'Apply' | 'Update';
  apiVersion: string;
  time?: string;
  fieldsType: 'FieldsV1';
  fieldsV1: Record<string, unknown>;
  subresource?: string;
}

/** A manager's fields, keyed by its identifier (manager, operation, and for updates the apiVersion). */
export interface ManagerFields {
  entry: Omit<ManagedFieldsEntry, 'fieldsV1' | 'fieldsType'>;
  set: FieldSet;
}

export type Managers = Map<string, ManagerFields>;

/**
 * The identity of a manager as upstream builds it: the entry without time and fields, serialized;
 * appliers are one manager whatever apiVersion they used.
 */
export function managerIdentifier(e: { manager: string; operation: string; apiVersion?: string; subresource?: string }): string {
  return JSON.stringify({
    manager: e.manager,
    operation: e.operation,
    ...(e.operation === 'Apply' || !e.apiVersion ? {} : { apiVersion: e.apiVersion }),
    ...(e.subresource ? { subresource: e.subresource } : {}),
  });
}

/** How conflict messages name a manager: `"kubectl-client-side-apply" using apps/v1`, `"kubectl"`. */
export function printManager(identifier: string): string {
  const e = JSON.parse(identifier) as { manager: string; operation: string; apiVersion?: string; subresource?: string };
  let out = JSON.stringify(e.manager);
  if (e.subresource) out += ` with subresource ${JSON.stringify(e.subresource)}`;
  if (e.operation === 'Update') out += ` using ${e.apiVersion ?? ''}`;
  return out;
}

export function decodeManagedFields(entries: unknown): Managers {
  const managers: Managers = new Map();
  if (!Array.isArray(entries)) return managers;
  for (const raw of entries) {
    if (!isObject(raw) || typeof raw.manager !== 'string') continue;
    const operation = raw.operation === 'Apply' ? 'Apply' : 'Update';
    const entry = {
      manager: raw.manager,
      operation,
      apiVersion: typeof raw.apiVersion === 'string' ? raw.apiVersion : '',
      ...(typeof raw.time === 'string' ? { time: raw.time } : {}),
      ...(typeof raw.subresource === 'string' && raw.subresource ? { subresource: raw.subresource } : {}),
    } as ManagerFields['entry'];
    managers.set(managerIdentifier(entry), { entry, set: FieldSet.fromFieldsV1(raw.fieldsV1) });
  }
  return managers;
}

/** Entries in upstream's order: Apply before Update, then by time, manager, apiVersion, subresource. */
export function encodeManagedFields(managers: Managers): ManagedFieldsEntry[] {
  const entries = [...managers.values()]
    .map(({ entry, set }) => ({ entry, set: set.without(STRIPPED) }))
    .filter((m) => !m.set.empty)
    .map(
      ({ entry, set }): ManagedFieldsEntry => ({
        manager: entry.manager,
        operation: entry.operation,
        apiVersion: entry.apiVersion,
        ...(entry.time ? { time: entry.time } : {}),
        fieldsType: 'FieldsV1',
        fieldsV1: set.toFieldsV1(),
        ...(entry.subresource ? { subresource: entry.subresource } : {}),
      }),
    );
  const seconds = (t?: string) => (t ? Math.floor(Date.parse(t) / 1000) : 0);
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  return entries.sort(
    (p, q) =>
      cmp(p.operation, q.operation) ||
      seconds(p.time) - seconds(q.time) ||
      cmp(p.manager, q.manager) ||
      cmp(p.apiVersion, q.apiVersion) ||
      cmp(p.subresource ?? '', q.subresource ?? ''),
  );
}

/** Fields no managedFields entry records: identity and bookkeeping kept by the server. */
const STRIPPED: string[][] = [
  ['f:apiVersion'],
  ['f:kind'],
  ...['name', 'namespace', 'creationTimestamp', 'selfLink', 'uid', 'clusterName', 'generation', 'managedFields', 'resourceVersion'].map((f) => ['f:metadata', `f:${f}`]),
];

/**
 * Removes the fields that writes to this place do not own: `status` for writes to a resource whose
 * status has its own subresource; everything but `status` for writes to that subresource.
 * (Server-kept metadata is owned while a write is computed and dropped when entries are encoded.)
 */
export function ownedPart(set: FieldSet, scope: 'object' | 'object-with-status-subresource' | 'status'): FieldSet {
  let out = set;
  if (scope === 'object-with-status-subresource') out = out.without([['f:status']]);
  if (scope === 'status') {
    const status = out.children.get('f:status');
    out = new FieldSet();
    if (status) out.children.set('f:status', status.clone());
  }
  return out;
}
