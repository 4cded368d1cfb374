/**
 * The value tree go-cmp builds before reporting: two values walked through the Go type model, with
 * per-node counts of equal and differing leaves, child counts and depths (which decide how a difference
 * is printed). Slices are paired by an edit script; Quantities compare by value, as their Equal method does.
 */
import './go-core-types.ts';
import { compareQuantity, parseQuantity } from './quantity.ts';
import { goQuote } from './go.ts';
import { INTSTR_STRUCT, QUANTITY_STRUCT, intstrStruct, quantityStruct } from './go-lower.ts';
import { deepEqual, isObj } from './json.ts';
import { fieldValue, resolve, structFields, type GoType, type TypeRef } from './go-model.ts';

export interface Rec {
  key: string;
  node: VNode;
}

export interface VNode {
  t: GoType;
  x: unknown;
  y: unknown;
  hasX: boolean;
  hasY: boolean;
  same: number;
  diff: number;
  records: Rec[];
  child?: VNode;
  children: number;
  depth: number;
}

export const nil = (v: unknown) => v === undefined || v === null;

/** A value's Go type after lowering Quantity/IntOrString to structs, and its JSON in that shape. */
export function lower(t: GoType, v: unknown): [GoType, unknown] {
  if (t.kind === 'intstr') return [INTSTR_STRUCT, nil(v) ? undefined : intstrStruct(v)];
  if (t.kind === 'quantity') return [QUANTITY_STRUCT, nil(v) ? undefined : quantityStruct(v)];
  return [t, v];
}

function leaf(t: GoType, x: unknown, y: unknown, hasX: boolean, hasY: boolean, equal: boolean): VNode {
  return { t, x, y, hasX, hasY, same: equal ? 1 : 0, diff: equal ? 0 : 1, records: [], children: 0, depth: 0 };
}

function withChildren(node: VNode, kids: VNode[]): VNode {
  for (const k of kids) {
    node.same += k.same;
    node.diff += k.diff;
    node.children++;
    node.depth = Math.max(node.depth, k.depth + 1);
  }
  return node;
}

function primitiveEqual(t: GoType, x: unknown, y: unknown): boolean {
  const zero = t.kind === 'string' ? '' : t.kind === 'bool' ? false : 0;
  return (nil(x) ? zero : x) === (nil(y) ? zero : y);
}

function quantityEqual(x: unknown, y: unknown): boolean {
  const a = parseQuantity(nil(x) ? '0' : x);
  const b = parseQuantity(nil(y) ? '0' : y);
  return a && b ? compareQuantity(a, b) === 0 : deepEqual(x, y);
}

/** Pairs slice elements: positionally for equal lengths, else around a longest common subsequence. */
function editScript(xs: unknown[], ys: unknown[]): [number, number][] {
  if (xs.length === ys.length) return xs.map((_, i) => [i, i]);
  const n = xs.length;
  const m = ys.length;
  const lcs: number[][] = Array.from({ length: n + 1 }, () => new Array<number>(m + 1).fill(0));
  for (let i = n - 1; i >= 0; i--) {
    for (let j = m - 1; j >= 0; j--) lcs[i]![j] = deepEqual(xs[i], ys[j]) ? lcs[i + 1]![j + 1]! + 1 : Math.max(lcs[i + 1]![j]!, lcs[i]![j + 1]!);
  }
  const out: [number, number][] = [];
  let gapX: number[] = [];
  let gapY: number[] = [];
  const flush = () => {
    const paired = Math.min(gapX.length, gapY.length);
    for (let k = 0; k < paired; k++) out.push([gapX[k]!, gapY[k]!]);
    for (const i of gapX.slice(paired)) out.push([i, -1]);
    for (const j of gapY.slice(paired)) out.push([-1, j]);
    gapX = [];
    gapY = [];
  };
  let i = 0;
  let j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && deepEqual(xs[i], ys[j])) {
      flush();
      out.push([i++, j++]);
    } else if (j >= m || (i < n && lcs[i + 1]![j]! >= lcs[i]![j + 1]!)) gapX.push(i++);
    else gapY.push(j++);
  }
  flush();
  return out;
}

export function compare(ref: TypeRef, x: unknown, y: unknown, hasX = true, hasY = true): VNode {
  const t0 = resolve(ref);
  if (!hasX || !hasY) return leaf(t0, x, y, hasX, hasY, false);
  if (t0.kind === 'quantity') return leaf(t0, x, y, true, true, quantityEqual(x, y));
  const [t, lx] = lower(t0, x);
  const [, ly] = lower(t0, y);
  const node: VNode = { t, x: lx, y: ly, hasX, hasY, same: 0, diff: 0, records: [], children: 0, depth: 0 };
  switch (t.kind) {
    case 'string':
    case 'int':
    case 'bool':
    case 'float':
      return leaf(t, lx, ly, true, true, primitiveEqual(t, lx, ly));
    case 'ptr': {
      if (nil(lx) || nil(ly)) return leaf(t, lx, ly, true, true, nil(lx) && nil(ly));
      node.child = compare(t.elem, lx, ly);
      return withChildren(node, [node.child]);
    }
    case 'slice': {
      if (!Array.isArray(lx) || !Array.isArray(ly)) return leaf(t, lx, ly, true, true, nil(lx) && nil(ly));
      node.records = editScript(lx, ly).map(([i, j]) => ({ key: '', node: compare(t.elem, lx[i], ly[j], i >= 0, j >= 0) }));
      return withChildren(node, node.records.map((r) => r.node));
    }
    case 'map': {
      if (!isObj(lx) || !isObj(ly)) return leaf(t, lx, ly, true, true, nil(lx) && nil(ly));
      const keys = [...new Set([...Object.keys(lx), ...Object.keys(ly)])].sort();
      node.records = keys.map((k) => ({ key: goQuote(k), node: compare(t.elem, lx[k], ly[k], k in lx, k in ly) }));
      return withChildren(node, node.records.map((r) => r.node));
    }
    case 'struct': {
      const fields = structFields(t, { ...(isObj(lx) ? lx : {}), ...(isObj(ly) ? ly : {}) });
      node.records = fields.map((f) => ({ key: f.go, node: compare(f.type, fieldValue(f, lx), fieldValue(f, ly)) }));
      return withChildren(node, node.records.map((r) => r.node));
    }
    default:
      return node;
  }
}
