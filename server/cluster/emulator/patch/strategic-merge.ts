import type { SchemaNode } from '../openapi/schema-nav.ts';
import { isObject } from './merge-patch.ts';

/**
 * Strategic merge patch as kube-apiserver applies it (apimachinery `strategicpatch`, applying side):
 * maps merge key by key (`null` deletes); lists follow their field's `x-kubernetes-patch-strategy`:
 * `merge` lists of objects merge items by `x-kubernetes-patch-merge-key`, `merge` lists of scalars
 * take the union, all other lists are replaced. Directives:
 * - `$patch: replace` (a map is replaced; in a list, the list is replaced by the other items),
 *   `$patch: delete` (a map becomes empty; in a list, the item with that merge key goes);
 * - `$retainKeys: [...]`: keys of the original map not listed are cleared first;
 * - `$setElementOrder/<list>: [...]`: the order of the merged list's items;
 * - `$deleteFromPrimitiveList/<list>: [...]`: values removed from a list of scalars.
 * The node describes the patched map's type; without one (unknown fields) lists are replaced.
 */
export function strategicMergePatch(original: Record<string, unknown>, patch: Record<string, unknown>, node: SchemaNode | undefined): Record<string, unknown> {
  return mergeMap(structuredClone(original), structuredClone(patch), node);
}

/** Why a strategic merge patch cannot be applied, classified as upstream answers it. */
export class StrategicMergeError extends Error {
  constructor(
    /** `badRequest` → 400, `invalid` → 422, `internal` → 500. */
    readonly kind: 'badRequest' | 'invalid' | 'internal',
    message: string,
  ) {
    super(message);
  }
}

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const SET_ORDER = '$setElementOrder/';
const DELETE_FROM = '$deleteFromPrimitiveList/';

const bad = (message: string) => new StrategicMergeError('badRequest', message);
const internal = (message: string) => new StrategicMergeError('internal', message);
const errBadRetainKeys = () => bad('invalid patch format of retainKeys');
const errNoMergeKey = (m: unknown, key: string) => internal(`map: ${goValue(m)} does not contain declared merge key: ${key}`);

type Obj = Record<string, unknown>;

function mergeMap(original: Obj | undefined, patch: Obj, node: SchemaNode | undefined): Obj {
  if (DIRECTIVE in patch) {
    const directive = patch[DIRECTIVE];
    if (directive === 'replace') {
      delete patch[DIRECTIVE];
      return stripDirectives(patch) as Obj;
    }
    if (directive === 'delete') return {};
    throw internal(`unknown patch type: ${String(directive)} in map: ${goValue(patch)}`);
  }
  const out: Obj = original ?? {};
  applyRetainKeys(out, patch);
  applySetElementOrder(out, patch, node);

  for (const [rawKey, patchValue] of Object.entries(patch)) {
    let key = rawKey;
    const isDeleteList = rawKey.startsWith(DELETE_FROM);
    if (isDeleteList) key = rawKey.slice(DELETE_FROM.length);
    else if (rawKey.startsWith('$')) {
      if (rawKey.startsWith(SET_ORDER) || rawKey === RETAIN_KEYS) continue;
    }
    if (patchValue === null) {
      delete out[key];
      continue;
    }
    const current = out[key];
    if (!(key in out) || kindOf(current) !== kindOf(patchValue)) {
      if (!isDeleteList) setStripped(out, key, discardNulls(patchValue));
      continue;
    }
    const field = node?.field(key);
    if (Array.isArray(current)) {
      out[key] = mergeListField(current, patchValue as unknown[], field, isDeleteList);
    } else if (isObject(current)) {
      if (strategyOf(field) === 'replace') out[key] = patchValue;
      else out[key] = mergeMap(current, patchValue as Obj, field?.node);
    } else {
      setStripped(out, key, patchValue);
    }
  }
  return out;
}

function mergeListField(current: unknown[], patchList: unknown[], field: ReturnType<SchemaNode['field']>, isDeleteList: boolean): unknown[] {
  if (strategyOf(field) === 'merge' || isDeleteList) return mergeList(current, patchList, field?.node.items(), field?.mergeKey ?? '', isDeleteList);
  return patchList;
}

/** The field's strategy without `retainKeys`, which only matters when patches are computed. */
function strategyOf(field: ReturnType<SchemaNode['field']>): string {
  const strategies = field?.strategies ?? [];
  if (strategies.length > 2) throw internal(`unexpected patch strategy: [${strategies.join(' ')}]`);
  return strategies.find((s) => s !== 'retainKeys') ?? '';
}

function applyRetainKeys(original: Obj, patch: Obj): void {
  if (!(RETAIN_KEYS in patch)) return;
  const retain = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!Array.isArray(retain)) throw errBadRetainKeys();
  const keep = new Set(retain);
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM) || k.startsWith(SET_ORDER)) continue;
    if (!keep.has(k)) throw errBadRetainKeys();
  }
  for (const k of Object.keys(original)) if (!keep.has(k)) delete original[k];
}

/** `$setElementOrder/<list>`: merges that list now and puts its items in the requested order. */
function applySetElementOrder(original: Obj, patch: Obj, node: SchemaNode | undefined): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ORDER)) continue;
    const order = patch[key];
    delete patch[key];
    if (!Array.isArray(order)) throw internal(`expected a []interface {}, but received a ${goType(order)}`);
    const listKey = key.slice(SET_ORDER.length);
    const hasOriginal = listKey in original;
    const hasPatch = listKey in patch;
    const originalList = hasOriginal ? original[listKey] : undefined;
    const patchList = hasPatch ? patch[listKey] : undefined;
    if (hasOriginal && !Array.isArray(originalList)) throw internal(`expected a []interface {}, but received a ${goType(originalList)}`);
    if (hasPatch && !Array.isArray(patchList)) throw internal(`expected a []interface {}, but received a ${goType(patchList)}`);
    const field = node?.field(listKey);
    const mergeKey = field?.mergeKey ?? '';
    validateOrder((patchList as unknown[] | undefined) ?? [], order, mergeKey);
    let merged: unknown[];
    if (hasOriginal && !hasPatch) merged = originalList as unknown[];
    else if (!hasOriginal && hasPatch) merged = stripDirectives(patchList) as unknown[];
    else if (hasOriginal && hasPatch) merged = mergeListField(originalList as unknown[], patchList as unknown[], field, false);
    else continue;
    const objects = elementKind([...((originalList as unknown[]) ?? []), ...((patchList as unknown[]) ?? [])]) === 'object';
    const [inPatch, serverOnly] = partition(merged, order, mergeKey, objects);
    original[listKey] = normalizeOrder(inPatch, serverOnly, order, (originalList as unknown[]) ?? [], mergeKey, objects);
    delete patch[listKey];
  }
}

/** The order list must name the patch list's items (deletions aside) in the same relative order. */
function validateOrder(patchList: unknown[], order: unknown[], mergeKey: string): void {
  if (order.length === 0 || patchList.length === 0) return;
  const items = mergeKey ? patchList.filter((v) => !(isObject(v) && v[DIRECTIVE] === 'delete')) : patchList;
  let p = 0;
  let o = 0;
  while (p < items.length && o < order.length) {
    if (isObject(items[p]) && DIRECTIVE in (items[p] as Obj)) {
      p++;
      continue;
    }
    if (sameItem(items[p], order[o], mergeKey)) p++;
    o++;
  }
  if (p < items.length && o >= order.length) {
    throw internal(`The order in patch list:\n${goValue(patchList)}\n doesn't match $setElementOrder list:\n${goValue(order)}\n`);
  }
}

function sameItem(a: unknown, b: unknown, mergeKey: string): boolean {
  if (!mergeKey) return a === b;
  if (!isObject(a)) throw internal(`expected a map[string]interface {}, but received a ${goType(a)}`);
  if (!isObject(b)) throw internal(`expected a map[string]interface {}, but received a ${goType(b)}`);
  if (!(mergeKey in a)) throw errNoMergeKey(a, mergeKey);
  if (!(mergeKey in b)) throw errNoMergeKey(b, mergeKey);
  return a[mergeKey] === b[mergeKey];
}

function mergeList(original: unknown[], patch: unknown[], items: SchemaNode | undefined, mergeKey: string, isDeleteList: boolean): unknown[] {
  if (original.length === 0 && patch.length === 0) return original;
  const kind = elementKind([...original, ...patch]);
  if (kind !== 'object') {
    if (isDeleteList) {
      const gone = new Set(patch);
      return original.filter((v) => !gone.has(v));
    }
    const merged = dedupe([...original, ...patch]);
    const [inPatch, serverOnly] = partition(merged, patch, '', false);
    return normalizeOrder(inPatch, serverOnly, patch, original, '', false);
  }
  if (!mergeKey) throw internal(`cannot merge lists without merge key for ${items?.schema.type ?? 'Struct'}`);
  let base = original;
  const plain: Obj[] = [];
  let replace = false;
  for (const item of patch as Obj[]) {
    if (!(DIRECTIVE in item)) {
      plain.push(item);
      continue;
    }
    const directive = item[DIRECTIVE];
    if (directive === 'delete') {
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      base = base.filter((o) => !(isObject(o) && mergeKey in o && o[mergeKey] === item[mergeKey]));
    } else if (directive === 'replace') {
      replace = true;
    } else if (directive === 'merge') {
      throw internal('merging lists cannot yet be specified in the patch');
    } else {
      throw internal(`unknown patch type: ${String(directive)} in map: ${goValue(item)}`);
    }
  }
  let patchItems: Obj[] = plain;
  if (replace) {
    base = plain;
    patchItems = [];
  }
  const merged = [...base];
  for (const item of patchItems) {
    if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
    const at = merged.findIndex((o) => {
      if (!isObject(o)) throw internal('value for key is not a map');
      return mergeKey in o && o[mergeKey] === item[mergeKey];
    });
    if (at >= 0) merged[at] = mergeMap(merged[at] as Obj, item, items);
    else merged.push(item);
  }
  const [inPatch, serverOnly] = partition(merged, patchItems, mergeKey, true);
  return normalizeOrder(inPatch, serverOnly, patchItems, base, mergeKey, true);
}

/** Splits items into those the `by` list names and the rest, each keeping its order. */
function partition(items: unknown[], by: unknown[], mergeKey: string, objects: boolean): [unknown[], unknown[]] {
  const inBy: unknown[] = [];
  const rest: unknown[] = [];
  for (const item of items) {
    if (objects) {
      if (!isObject(item)) throw internal(`expected a map[string]interface {}, but received a ${goType(item)}`);
      if (!(mergeKey in item)) throw errNoMergeKey(item, mergeKey);
      (by.some((b) => isObject(b) && b[mergeKey] === item[mergeKey]) ? inBy : rest).push(item);
    } else {
      (by.includes(item) ? inBy : rest).push(item);
    }
  }
  return [inBy, rest];
}

/**
 * Orders patch items as the patch (or `$setElementOrder`) lists them and server-only items as they were,
 * then interleaves the two by their positions in the original list.
 */
function normalizeOrder(patchItems: unknown[], serverOnly: unknown[], patchOrder: unknown[], serverOrder: unknown[], mergeKey: string, objects: boolean): unknown[] {
  const left = sortByOrder(serverOnly, serverOrder, mergeKey, objects);
  const right = sortByOrder(patchItems, patchOrder, mergeKey, objects);
  const out: unknown[] = [];
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    if (i >= left.length) out.push(right[j++]);
    else if (j >= right.length) out.push(left[i++]);
    else {
      const li = indexIn(serverOrder, left[i], mergeKey, objects);
      const ri = indexIn(serverOrder, right[j], mergeKey, objects);
      if (li >= 0 && ri >= 0 && li < ri) out.push(left[i++]);
      else out.push(right[j++]);
    }
  }
  return out;
}

/** A stable insertion sort with upstream's comparator: items missing from `order` compare as smaller. */
function sortByOrder(items: unknown[], order: unknown[], mergeKey: string, objects: boolean): unknown[] {
  let list = [...items];
  const deleted: unknown[] = [];
  if (objects) {
    for (const v of [...list, ...order]) if (!isObject(v) || !(mergeKey in v)) throw errNoMergeKey(v, mergeKey);
    deleted.push(...list.filter((v) => (v as Obj)[DIRECTIVE] === 'delete'));
    list = list.filter((v) => (v as Obj)[DIRECTIVE] !== 'delete');
  }
  const less = (a: unknown, b: unknown) => {
    const ia = indexIn(order, a, mergeKey, objects);
    if (ia < 0) return true;
    const ib = indexIn(order, b, mergeKey, objects);
    return ib < 0 ? true : ia < ib;
  };
  for (let i = 1; i < list.length; i++) {
    for (let j = i; j > 0 && less(list[j], list[j - 1]); j--) [list[j], list[j - 1]] = [list[j - 1], list[j]];
  }
  return [...list, ...deleted];
}

function indexIn(list: unknown[], item: unknown, mergeKey: string, objects: boolean): number {
  if (!objects) return list.indexOf(item);
  const key = isObject(item) ? item[mergeKey] : undefined;
  return list.findIndex((v) => (isObject(v) ? v[mergeKey] : undefined) === key);
}

function dedupe(values: unknown[]): unknown[] {
  const seen = new Set<unknown>();
  return values.filter((v) => (seen.has(v) ? false : (seen.add(v), true)));
}

/** Kind of the elements of a list; lists of lists are not supported. */
function elementKind(values: unknown[]): 'object' | 'scalar' | 'none' {
  let kind: 'object' | 'scalar' | 'none' = 'none';
  for (const v of values) {
    if (Array.isArray(v)) throw new StrategicMergeError('invalid', 'lists of lists are not supported');
    const k = isObject(v) ? 'object' : 'scalar';
    if (kind !== 'none' && k !== kind) throw internal(`mismatched types: ${kind} and ${k}`);
    kind = k;
  }
  return kind;
}

function kindOf(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  return typeof v;
}

/** Stores a value taken from the patch, without directives (a directive-only map disappears). */
function setStripped(target: Obj, key: string, value: unknown): void {
  const stripped = stripDirectives(value);
  if (stripped === REMOVED) delete target[key];
  else target[key] = stripped;
}

const REMOVED = Symbol('removed');

/** Drops maps carrying `$patch` and directive keys: what survives a round trip through the Go types. */
function stripDirectives(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(stripDirectives).filter((v) => v !== REMOVED);
  if (!isObject(value)) return value;
  if (DIRECTIVE in value) return REMOVED;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) {
    if (k === RETAIN_KEYS || k.startsWith(SET_ORDER) || k.startsWith(DELETE_FROM)) continue;
    const s = stripDirectives(v);
    if (s !== REMOVED) out[k] = s;
  }
  return out;
}

/** Removes `null` members from maps taken whole from the patch (nothing to delete there). */
function discardNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(discardNulls);
  if (!isObject(value)) return value;
  const out: Obj = {};
  for (const [k, v] of Object.entries(value)) if (v !== null) out[k] = discardNulls(v);
  return out;
}

/** Go's `%v` of a decoded JSON value, close enough for error messages. */
function goValue(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(goValue).join(' ')}]`;
  if (isObject(v)) return `map[${Object.keys(v).sort().map((k) => `${k}:${goValue(v[k])}`).join(' ')}]`;
  if (v === null || v === undefined) return '<nil>';
  return String(v);
}

function goType(v: unknown): string {
  if (Array.isArray(v)) return '[]interface {}';
  if (isObject(v)) return 'map[string]interface {}';
  if (typeof v === 'string') return 'string';
  if (typeof v === 'number') return 'float64';
  if (typeof v === 'boolean') return 'bool';
  return '<nil>';
}
