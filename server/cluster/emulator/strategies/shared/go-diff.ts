/**
 * `cmp.Diff(old, new)` from go-cmp, which upstream appends to some Forbidden messages ("pod updates may
 * not change fields other than …"). The values are walked through the Go type model (declaration order,
 * pointers, zero values), the report keeps go-cmp's rules — two records of context around differences,
 * `... // N identical fields` for the rest, type names on changed composite values, verbosity limits,
 * long strings diffed in pieces — and the text layout is go-cmp's. go-cmp deliberately varies its output
 * (spacing characters, the edit-script search); this renders its deterministic form.
 */
import { goQuote } from './go.ts';
import { compare, lower, nil, type Rec, type VNode } from './go-compare.ts';
import { fieldValue, isComposite, isZero, resolve, structFields, typeString, type GoType, type TypeRef } from './go-model.ts';
import { NIL, TextLine, TextList, TextWrap, compactString, render, textEqual, type TextNode } from './go-text.ts';

type Mode = 'unknown' | 'identical' | 'removed' | 'inserted';
type TypeMode = 'auto' | 'elide' | 'emit';

interface Opts {
  mode: Mode;
  typeMode: TypeMode;
  verbosity: number;
  limit: boolean;
}

const verbosityOf = (o: Opts) => Math.max(0, Math.min(16, o.verbosity));
const identicalLimit = (o: Opts) => ((1 << verbosityOf(o)) >> 1) << 2;

function formatType(t: GoType, s: TextNode, o: Opts): TextNode {
  if (o.typeMode === 'elide') return s;
  if (o.typeMode === 'auto') {
    if (!isComposite(t) || compactString(s) === 'nil' || o.mode === 'identical') return s;
  }
  const name = typeString(t);
  if (s instanceof TextWrap && ((s.prefix.startsWith('{') && s.suffix.endsWith('}')) || (s.prefix.startsWith('(') && s.suffix.endsWith(')')))) {
    return new TextWrap(name, s, '');
  }
  return new TextWrap(`${name}(`, s, ')');
}

/** go-cmp's FormatValue: a value on its own, zero struct fields left out, lists cut at the verbosity limit. */
function formatValue(ref: TypeRef, v: unknown, o: Opts, present = true): TextNode | undefined {
  if (!present) return undefined;
  const [t, lv] = lower(resolve(ref), v);
  switch (t.kind) {
    case 'string':
      return new TextLine(goQuote(typeof lv === 'string' ? lv : ''));
    case 'int':
    case 'float':
      return new TextLine(String(typeof lv === 'number' ? lv : 0));
    case 'bool':
      return new TextLine(String(lv === true));
    case 'ptr':
      if (nil(lv)) return NIL;
      return new TextWrap('&', formatValue(t.elem, lv, o)!, '');
    case 'slice':
    case 'map':
    case 'struct': {
      if (t.kind !== 'struct' && nil(lv)) return NIL;
      const inner: Opts = { ...o, typeMode: t.kind === 'struct' ? 'auto' : 'elide' };
      let max = Number.POSITIVE_INFINITY;
      if (o.limit) {
        max = identicalLimit(o);
        inner.verbosity--;
      }
      const list = new TextList();
      const entries: [string, TypeRef, unknown][] =
        t.kind === 'slice'
          ? (lv as unknown[]).map((e) => ['', t.elem, e])
          : t.kind === 'map'
            ? Object.keys(lv as object)
                .sort()
                .map((k) => [goQuote(k), t.elem, (lv as Record<string, unknown>)[k]])
            : structFields(t, lv)
                .filter((f) => !isZero(f.type, fieldValue(f, lv)))
                .map((f) => [f.go, f.type, fieldValue(f, lv)]);
      for (const [key, et, ev] of entries) {
        if (list.records.length === max) {
          list.appendEllipsis();
          break;
        }
        list.records.push({ diff: '', key, value: formatValue(et, ev, inner)! });
      }
      return formatType(t, new TextWrap('{', list, '}'), o);
    }
    default:
      return new TextLine('');
  }
}

function statsComment(counts: { identical?: number; removed?: number; inserted?: number; modified?: number }, name: string): string {
  const parts: string[] = [];
  let sum = 0;
  for (const label of ['identical', 'removed', 'inserted', 'modified'] as const) {
    const n = counts[label] ?? 0;
    if (n > 0) parts.push(`${n} ${label}`);
    sum += n;
  }
  let noun = name;
  if (sum > 1) noun = name === 'entry' ? 'entries' : `${name}s`;
  if (parts.length <= 2) return `${parts.join(' and ')} ${noun}`;
  return `${parts.slice(0, -1).join(', ')}, and ${parts[parts.length - 1]} ${noun}`;
}

/** A long string changed in place: common head and tail kept, the middle shown removed and inserted. */
function formatStringDiff(x: string, y: string): TextNode {
  let head = 0;
  while (head < x.length && head < y.length && x[head] === y[head]) head++;
  let tail = 0;
  while (tail < x.length - head && tail < y.length - head && x[x.length - 1 - tail] === y[y.length - 1 - tail]) tail++;
  if (head > 0 && head < 4) head = 0;
  if (tail > 0 && tail < 4) tail = 0;
  const list = new TextList();
  const chunks = (s: string, diff: '' | '-' | '+') => {
    for (let i = 0; i < s.length; i += 64) list.records.push({ diff, key: '', value: new TextLine(goQuote(s.slice(i, i + 64))) });
  };
  chunks(x.slice(0, head), '');
  chunks(x.slice(head, x.length - tail), '-');
  chunks(y.slice(head, y.length - tail), '+');
  chunks(x.slice(x.length - tail), '');
  return new TextWrap('strings.Join(', new TextWrap('{', list, '}'), ', "")');
}

const isLongStringDiff = (n: VNode) =>
  n.t.kind === 'string' && n.diff > 0 && typeof n.x === 'string' && typeof n.y === 'string' && n.x.length >= 32 && n.y.length >= 32 && !/[\n]/.test(n.x + n.y);

function shorter(a: TextNode | undefined, b: TextNode | undefined): TextNode | undefined {
  if (!a) return b;
  if (!b) return a;
  return compactString(a).length < compactString(b).length ? a : b;
}

/** Formats both sides, raising the verbosity while the two would print the same. */
function bothSides(o: Opts, format: (o: Opts) => [TextNode | undefined, TextNode | undefined]): [TextNode | undefined, TextNode | undefined] {
  let [x, y] = format(o);
  for (let i = 1; i <= 3 && x && y && textEqual(x, y); i++) [x, y] = format({ ...o, verbosity: verbosityOf(o) + 2 * i });
  return [x, y];
}

function formatDiff(n: VNode, o0: Opts): TextNode | undefined {
  let o = o0;
  if (o.mode === 'identical') o = { ...o, verbosity: 1, limit: true };
  else if (verbosityOf(o) < 3) o = { ...o, verbosity: 3, limit: true };
  if (o.mode === 'unknown' && isLongStringDiff(n)) return formatStringDiff(n.x as string, n.y as string);
  if (n.depth === 0) {
    if (o.mode === 'removed') return formatValue(n.t, n.x, o, n.hasX);
    if (o.mode === 'inserted') return formatValue(n.t, n.y, o, n.hasY);
    if (n.diff === 0) return shorter(formatValue(n.t, n.x, o, n.hasX), formatValue(n.t, n.y, o, n.hasY));
    const elide: Opts = { ...o, typeMode: 'elide' };
    const [x, y] = bothSides(elide, (p) => [formatValue(n.t, n.x, p, n.hasX), formatValue(n.t, n.y, p, n.hasY)]);
    const list = new TextList();
    if (x) list.records.push({ diff: '-', key: '', value: x });
    if (y) list.records.push({ diff: '+', key: '', value: y });
    return formatType(n.t, list, { ...o, typeMode: 'emit' });
  }
  if (n.t.kind === 'ptr') return new TextWrap('&', formatDiff(n.child!, o)!, '');
  return formatType(n.t, formatDiffList(n, o), o);
}

function formatDiffList(n: VNode, o0: Opts): TextNode {
  const kind = n.t.kind;
  const name = kind === 'struct' ? 'field' : kind === 'slice' ? 'element' : 'entry';
  const o: Opts = { ...o0, typeMode: kind === 'struct' ? 'auto' : 'elide' };
  let max = -1;
  if (o.limit) {
    max = o.mode === 'identical' ? identicalLimit(o) : (1 << verbosityOf(o)) << 1;
    o.verbosity--;
  }
  const list = new TextList();
  if (o.mode !== 'unknown') {
    let deferred = false;
    for (const r of n.records) {
      if (list.records.length === max) {
        deferred = true;
        break;
      }
      if (kind === 'struct') {
        const zero =
          o.mode === 'identical' ? isZero(r.node.t, r.node.x) || isZero(r.node.t, r.node.y) : o.mode === 'removed' ? isZero(r.node.t, r.node.x) : isZero(r.node.t, r.node.y);
        if (zero) continue;
      }
      const out = formatDiff(r.node, o);
      if (out) list.records.push({ diff: '', key: r.key, value: out });
    }
    if (deferred) list.appendEllipsis();
    return new TextWrap('{', list, '}');
  }
  const groups = groupRecords(n.records);
  let recs = n.records;
  let numDiffs = 0;
  const overflow = { identical: 0, removed: 0, inserted: 0, modified: 0 };
  let overflowed = false;
  groups.forEach((g, i) => {
    if (max >= 0 && numDiffs >= max) {
      overflowed = true;
      for (const k of Object.keys(overflow) as (keyof typeof overflow)[]) overflow[k] += g[k];
      return;
    }
    const diffs = g.removed + g.inserted + g.modified;
    if (diffs === 0) {
      const equal = g.identical;
      let lo = 0;
      let hi = 0;
      while (lo < 2 && lo + hi < equal && i !== 0) lo++;
      while (hi < 2 && lo + hi < equal && i !== groups.length - 1) hi++;
      if (equal - (lo + hi) === 1) hi++;
      const identical: Opts = { ...o, mode: 'identical' };
      for (const r of recs.slice(0, lo)) list.records.push({ diff: '', key: r.key, value: formatDiff(r.node, identical)! });
      if (equal > lo + hi) list.appendEllipsis(statsComment({ identical: equal - lo - hi }, name));
      for (const r of recs.slice(equal - hi, equal)) list.records.push({ diff: '', key: r.key, value: formatDiff(r.node, identical)! });
      recs = recs.slice(equal);
      return;
    }
    for (const r of recs.slice(0, diffs)) {
      if (isLongStringDiff(r.node)) list.records.push({ diff: '', key: r.key, value: formatStringDiff(r.node.x as string, r.node.y as string) });
      else if (r.node.children === r.node.depth) {
        const [x, y] = bothSides(o, (p) => [formatDiff(r.node, { ...p, mode: 'removed' }), formatDiff(r.node, { ...p, mode: 'inserted' })]);
        if (x) list.records.push({ diff: '-', key: r.key, value: x });
        if (y) list.records.push({ diff: '+', key: r.key, value: y });
      } else list.records.push({ diff: '', key: r.key, value: formatDiff(r.node, o)! });
    }
    recs = recs.slice(diffs);
    numDiffs += diffs;
  });
  if (overflowed) list.appendEllipsis(statsComment(overflow, name));
  return new TextWrap('{', list, '}');
}

interface Group {
  identical: number;
  removed: number;
  inserted: number;
  modified: number;
}

function groupRecords(records: Rec[]): Group[] {
  const groups: Group[] = [];
  let last = 0;
  for (const r of records) {
    const kind = r.node.diff === 0 ? 1 : 2;
    if (kind !== last) {
      groups.push({ identical: 0, removed: 0, inserted: 0, modified: 0 });
      last = kind;
    }
    const g = groups[groups.length - 1]!;
    if (kind === 1) g.identical++;
    else if (!r.node.hasY) g.removed++;
    else if (!r.node.hasX) g.inserted++;
    else g.modified++;
  }
  return groups;
}

/** `cmp.Diff(before, after)` for values of the Go type `type`; empty when they are equal. */
export function goDiff(type: TypeRef, before: unknown, after: unknown): string {
  const root = compare(type, before, after);
  if (root.diff === 0) return '';
  const text = formatDiff(root, { mode: 'unknown', typeMode: 'auto', verbosity: 0, limit: false });
  return text ? render(text) : '';
}
