import { ApiError } from '../meta/errors.ts';
import { SchemaNode, type FieldInfo } from '../openapi/schema-nav.ts';
import { fieldPE, FieldSet, keyPE, valuePE } from './apply-fieldset.ts';
import { isObject } from './merge-patch.ts';

/**
 * The typed-value operations of server-side apply (structured-merge-diff, simplified): field sets of
 * objects, merging an applied configuration into a live object, comparing two objects, removing fields.
 * A slot is what the schema says about one place: its type, and for lists how items are identified.
 * Lists without `x-kubernetes-list-type` are atomic; maps and structs are granular unless
 * `x-kubernetes-map-type: atomic`; places the schema does not describe are maps and atomic lists.
 */
export interface Slot {
  node?: SchemaNode;
  listType?: string;
  listMapKeys?: string[];
  atomic?: boolean;
}

export function rootSlot(node: SchemaNode): Slot {
  return { node, atomic: node.atomic };
}

export function childSlot(slot: Slot, key: string): Slot {
  const field = slot.node?.field(key);
  return field ? slotOf(field) : {};
}

function slotOf(field: FieldInfo): Slot {
  const listType = field.listType;
  const keys = field.listMapKeys;
  return {
    node: field.node,
    ...(listType ? { listType } : {}),
    ...(keys ? { listMapKeys: keys } : {}),
    atomic: field.mapType === 'atomic' || field.node.atomic,
  };
}

function itemSlot(slot: Slot): Slot {
  const node = slot.node?.items();
  return node ? { node, atomic: node.atomic } : {};
}

const isDeclared = (slot: Slot, key: string) => slot.node?.schema.properties?.[key] !== undefined;

const associative = (slot: Slot) => slot.listType === 'map' || slot.listType === 'set';

/** Key fields with a default value, used when an item leaves them out (`protocol` of ports). */
const KEY_DEFAULTS: Record<string, unknown> = { protocol: 'TCP' };

/** The path element of one item of an associative list. */
export function itemPE(slot: Slot, item: unknown, path: readonly string[]): string {
  if (slot.listType === 'set') return valuePE(item);
  const keys = slot.listMapKeys ?? [];
  if (!isObject(item)) throw typedError(path, 'associative list with keys has an element that is not a map');
  const withDefaults: Record<string, unknown> = {};
  for (const k of keys) {
    if (item[k] !== undefined && item[k] !== null) withDefaults[k] = item[k];
    else if (k in KEY_DEFAULTS) withDefaults[k] = KEY_DEFAULTS[k];
    else throw typedError(path, `associative list with keys has an element that omits key field ${JSON.stringify(k)} (and doesn't have default value)`);
  }
  return keyPE(withDefaults, keys);
}

/** A value that does not fit its type; `detail` is `<path>: <problem>` as structured-merge-diff words it. */
export class TypedValueError extends ApiError {
  constructor(readonly detail: string) {
    super(500, '', `failed to create typed patch object: ${detail}`);
  }
}

function typedError(path: readonly string[], message: string): TypedValueError {
  const where = path.map((pe) => (pe.startsWith('f:') ? `.${pe.slice(2)}` : `[${pe.slice(2)}]`)).join('');
  return new TypedValueError(`${where}: ${message}`);
}

/** The fields a value sets: every leaf, every list item of an associative list, every map entry. */
export function toFieldSet(value: unknown, slot: Slot, path: string[] = [], set = new FieldSet()): FieldSet {
  if (Array.isArray(value)) {
    if (!associative(slot)) {
      if (path.length) set.insert(path);
      return set;
    }
    const seen = new Set<string>();
    for (const item of value) {
      const pe = itemPE(slot, item, path);
      const itemPath = [...path, pe];
      if (seen.has(pe)) {
        set.insert(itemPath);
        continue;
      }
      seen.add(pe);
      toFieldSet(item, itemSlot(slot), itemPath, set);
      set.insert(itemPath);
    }
    return set;
  }
  if (isObject(value)) {
    if (slot.atomic) {
      if (path.length) set.insert(path);
      return set;
    }
    for (const [key, child] of Object.entries(value)) {
      const childPath = [...path, fieldPE(key)];
      toFieldSet(child, childSlot(slot, key), childPath, set);
      if (child === null || (isObject(child) && Object.keys(child).length === 0) || !isDeclared(slot, key)) set.insert(childPath);
    }
    return set;
  }
  if (path.length) set.insert(path);
  return set;
}

/** The live object with the applied configuration merged in (configuration wins; lists by key). */
export function mergeTyped(live: unknown, config: unknown, slot: Slot, path: string[] = []): unknown {
  if (config === undefined) return live;
  if (live === undefined || live === null) return structuredClone(config);
  if (Array.isArray(live) && Array.isArray(config) && associative(slot)) return mergeList(live, config, slot, path);
  if (isObject(live) && isObject(config) && !slot.atomic) {
    const out: Record<string, unknown> = { ...live };
    for (const [key, value] of Object.entries(config)) {
      if (value === null) delete out[key];
      else out[key] = mergeTyped(live[key], value, childSlot(slot, key), [...path, fieldPE(key)]);
    }
    return out;
  }
  return structuredClone(config);
}

/** Associative lists keep the configuration's order for its items, live-only items where they were. */
function mergeList(live: unknown[], config: unknown[], slot: Slot, path: string[]): unknown[] {
  const index = (list: unknown[]) => {
    const pes: string[] = [];
    const byPE = new Map<string, unknown>();
    for (const item of list) {
      const pe = itemPE(slot, item, path);
      if (!byPE.has(pe)) {
        byPE.set(pe, item);
        pes.push(pe);
      }
    }
    return { pes, byPE };
  };
  const l = index(live);
  const r = index(config);
  const shared = r.pes.filter((pe) => l.byPE.has(pe));
  let nextShared = shared.shift();
  const done = new Set<string>();
  const out: unknown[] = [];
  const merged = (pe: string) => mergeTyped(l.byPE.get(pe), r.byPE.get(pe), itemSlot(slot), [...path, pe]);
  let li = 0;
  let ri = 0;
  while (li < l.pes.length || ri < r.pes.length) {
    if (li < l.pes.length && ri < r.pes.length) {
      const pe = l.pes[li]!;
      if (pe === r.pes[ri]) {
        done.add(pe);
        out.push(merged(pe));
        li++;
        ri++;
        nextShared = shared.shift();
        continue;
      }
      if (r.byPE.has(pe) && nextShared !== undefined && nextShared !== pe) {
        li++;
        continue;
      }
    }
    if (li < l.pes.length) {
      const pe = l.pes[li]!;
      if (!r.byPE.has(pe)) {
        out.push(l.byPE.get(pe));
        li++;
        continue;
      }
      if (done.has(pe)) li++;
    }
    if (ri < r.pes.length) {
      const pe = r.pes[ri]!;
      done.add(pe);
      out.push(merged(pe));
      ri++;
      if (nextShared === pe) nextShared = shared.shift();
    }
  }
  return out;
}

export interface Comparison {
  added: FieldSet;
  modified: FieldSet;
  removed: FieldSet;
}

/** What changed from `lhs` to `rhs`, as field paths; containers that appear or disappear count too. */
export function compareTyped(lhs: unknown, rhs: unknown, slot: Slot): Comparison {
  const cmp = { added: new FieldSet(), modified: new FieldSet(), removed: new FieldSet() };
  compareAt(lhs, rhs, slot, [], cmp);
  return cmp;
}

function compareAt(lhs: unknown, rhs: unknown, slot: Slot, path: string[], cmp: Comparison): void {
  if (lhs === undefined && rhs === undefined) return;
  const leaf = () => {
    if (!path.length) return;
    if (lhs === undefined) cmp.added.insert(path);
    else if (rhs === undefined) cmp.removed.insert(path);
    else if (!deepEqual(lhs, rhs)) cmp.modified.insert(path);
  };
  // A null list or map (a nil slice or map in Go) is there but empty: its items compare against nothing.
  const kind = lhs === undefined || lhs === null ? shapeOf(rhs) : shapeOf(lhs);
  const other = lhs === undefined || lhs === null ? lhs : rhs;
  if (other !== undefined && other !== null && shapeOf(other) !== kind) return leaf();
  if ((lhs === null || rhs === null) && kind === 'scalar') return leaf();
  if (kind === 'list') {
    const empty = (v: unknown) => v === undefined || v === null || (v as unknown[]).length === 0;
    if (!associative(slot) || (empty(lhs) && empty(rhs))) return leaf();
    const l = new Map<string, unknown>();
    const r = new Map<string, unknown>();
    for (const item of (lhs as unknown[] | undefined) ?? []) if (!l.has(itemPE(slot, item, path))) l.set(itemPE(slot, item, path), item);
    for (const item of (rhs as unknown[] | undefined) ?? []) if (!r.has(itemPE(slot, item, path))) r.set(itemPE(slot, item, path), item);
    for (const pe of new Set([...l.keys(), ...r.keys()])) compareAt(l.get(pe), r.get(pe), itemSlot(slot), [...path, pe], cmp);
  } else if (kind === 'map') {
    const empty = (v: unknown) => v === undefined || v === null || Object.keys(v as object).length === 0;
    if (slot.atomic || (empty(lhs) && empty(rhs))) return leaf();
    const l = (lhs ?? {}) as Record<string, unknown>;
    const r = (rhs ?? {}) as Record<string, unknown>;
    for (const key of new Set([...Object.keys(l), ...Object.keys(r)])) compareAt(l[key], r[key], childSlot(slot, key), [...path, fieldPE(key)], cmp);
  } else {
    return leaf();
  }
  if (!path.length) return;
  if (lhs === undefined) cmp.added.insert(path);
  else if (rhs === undefined) cmp.removed.insert(path);
}

function shapeOf(v: unknown): 'list' | 'map' | 'scalar' {
  if (Array.isArray(v)) return 'list';
  if (isObject(v)) return 'map';
  return 'scalar';
}

/** Removes every member of `set` from the value (a member removes its whole subtree). */
export function removeItems(value: unknown, set: FieldSet, slot: Slot, path: string[] = []): unknown {
  if (set.children.size === 0) return value;
  if (isObject(value)) {
    const out: Record<string, unknown> = { ...value };
    for (const [pe, child] of set.children) {
      if (!pe.startsWith('f:')) continue;
      const key = pe.slice(2);
      if (!(key in out)) continue;
      if (child.member) delete out[key];
      else out[key] = removeItems(out[key], child, childSlot(slot, key), [...path, pe]);
    }
    return out;
  }
  if (Array.isArray(value) && associative(slot)) {
    const out: unknown[] = [];
    for (const item of value) {
      const pe = itemPE(slot, item, path);
      const child = set.children.get(pe);
      if (!child) out.push(item);
      else if (!child.member) out.push(removeItems(item, child, itemSlot(slot), [...path, pe]));
    }
    return out;
  }
  return value;
}

/** The set with every declared struct field on its paths made a member (upstream's "named fields"). */
export function withNamedFields(set: FieldSet, slot: Slot): FieldSet {
  const out = new FieldSet();
  out.member = set.member;
  for (const [pe, child] of set.children) {
    if (pe.startsWith('f:')) {
      const key = pe.slice(2);
      const c = withNamedFields(child, childSlot(slot, key));
      if (isDeclared(slot, key)) c.member = true;
      out.children.set(pe, c);
    } else {
      out.children.set(pe, withNamedFields(child, itemSlot(slot)));
    }
  }
  return out;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a)) return Array.isArray(b) && a.length === b.length && a.every((v, i) => deepEqual(v, b[i]));
  if (isObject(a) && isObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && deepEqual(a[k], b[k]));
  }
  return false;
}
