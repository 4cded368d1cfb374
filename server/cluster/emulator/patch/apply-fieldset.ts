/**
 * Sets of field paths, as server-side apply records them in `metadata.managedFields` (FieldsV1).
 * A path element is kept in its serialized form: `f:<field>`, `k:<json of key fields>` (an item of an
 * associative list), `v:<json value>` (an item of a set), `i:<index>`. A node is a *member* when the path
 * leading to it is itself in the set (FieldsV1 writes `.` for members that also have children).
 */
export class FieldSet {
  member = false;
  readonly children = new Map<string, FieldSet>();

  static fromFieldsV1(fields: unknown): FieldSet {
    const set = new FieldSet();
    if (!fields || typeof fields !== 'object') return set;
    for (const [key, value] of Object.entries(fields)) {
      if (key === '.') {
        set.member = true;
        continue;
      }
      const child = FieldSet.fromFieldsV1(value);
      if (child.children.size === 0) child.member = true;
      set.children.set(key, child);
    }
    return set;
  }

  toFieldsV1(): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    if (this.member && this.children.size > 0) out['.'] = {};
    for (const key of [...this.children.keys()].sort(comparePathElements)) out[key] = this.children.get(key)!.toFieldsV1();
    return out;
  }

  /** Adds `path` (a list of serialized path elements) as a member. */
  insert(path: readonly string[]): void {
    let node: FieldSet = this;
    for (const pe of path) node = node.child(pe);
    node.member = true;
  }

  has(path: readonly string[]): boolean {
    let node: FieldSet | undefined = this;
    for (const pe of path) {
      node = node.children.get(pe);
      if (!node) return false;
    }
    return node.member;
  }

  child(pe: string): FieldSet {
    let c = this.children.get(pe);
    if (!c) {
      c = new FieldSet();
      this.children.set(pe, c);
    }
    return c;
  }

  get empty(): boolean {
    return !this.member && this.children.size === 0;
  }

  clone(): FieldSet {
    const out = new FieldSet();
    out.member = this.member;
    for (const [k, v] of this.children) out.children.set(k, v.clone());
    return out;
  }

  union(other: FieldSet): FieldSet {
    const out = this.clone();
    out.member ||= other.member;
    for (const [k, v] of other.children) out.children.set(k, out.children.has(k) ? out.children.get(k)!.union(v) : v.clone());
    return out;
  }

  /** Members of this set that are not members of `other`. */
  difference(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && !other.member;
    for (const [k, v] of this.children) {
      const o = other.children.get(k);
      const d = o ? v.difference(o) : v.clone();
      if (!d.empty) out.children.set(k, d);
    }
    return out;
  }

  intersection(other: FieldSet): FieldSet {
    const out = new FieldSet();
    out.member = this.member && other.member;
    for (const [k, v] of this.children) {
      const o = other.children.get(k);
      if (!o) continue;
      const i = v.intersection(o);
      if (!i.empty) out.children.set(k, i);
    }
    return out;
  }

  /** Every member path, members of a level before its children, each level in path-element order. */
  paths(prefix: string[] = []): string[][] {
    const keys = [...this.children.keys()].sort(comparePathElements);
    const out: string[][] = [];
    for (const k of keys) if (this.children.get(k)!.member) out.push([...prefix, k]);
    for (const k of keys) {
      const c = this.children.get(k)!;
      if (c.children.size > 0) out.push(...c.paths([...prefix, k]));
    }
    return out;
  }

  /** Removes the given paths (and what lies under them). */
  without(paths: readonly (readonly string[])[]): FieldSet {
    const out = this.clone();
    for (const path of paths) {
      let node: FieldSet | undefined = out;
      for (const pe of path.slice(0, -1)) {
        node = node.children.get(pe);
        if (!node) break;
      }
      if (node) node.children.delete(path[path.length - 1]!);
      prune(out);
    }
    return out;
  }
}

function prune(set: FieldSet): void {
  for (const [k, v] of set.children) {
    prune(v);
    if (v.empty) set.children.delete(k);
  }
}

const RANK: Record<string, number> = { f: 0, k: 1, v: 2, i: 3 };

/** Field names, then list keys, then set values, then indexes; each kind in string order. */
export function comparePathElements(a: string, b: string): number {
  const ra = RANK[a[0]!] ?? 4;
  const rb = RANK[b[0]!] ?? 4;
  if (ra !== rb) return ra - rb;
  if (a[0] === 'i' && b[0] === 'i') return Number(a.slice(2)) - Number(b.slice(2));
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A path as upstream prints it in conflict messages: `.spec.containers[name="nginx"].image`. */
export function describePath(path: readonly string[]): string {
  return path
    .map((pe) => {
      const rest = pe.slice(2);
      switch (pe[0]) {
        case 'f':
          return `.${rest}`;
        case 'k': {
          const keys = JSON.parse(rest) as Record<string, unknown>;
          return `[${Object.keys(keys)
            .sort()
            .map((k) => `${k}=${JSON.stringify(keys[k])}`)
            .join(',')}]`;
        }
        case 'v':
          return `[=${rest}]`;
        default:
          return `[${rest}]`;
      }
    })
    .join('');
}

/** The path element of a field. */
export const fieldPE = (name: string): string => `f:${name}`;

/** The path element of an associative list item: its key fields, sorted, as JSON. */
export function keyPE(item: Record<string, unknown>, keys: readonly string[]): string {
  const sorted = [...keys].sort();
  return `k:{${sorted.map((k) => `${JSON.stringify(k)}:${JSON.stringify(item[k])}`).join(',')}}`;
}

export const valuePE = (value: unknown): string => `v:${JSON.stringify(value)}`;
