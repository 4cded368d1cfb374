/**
 * What makes a loop periodic: two iterations that change the same counters by the same steps, while no
 * counter steers the loop (its condition, tests, `if`, `exit`, `break`).
 */
import type { Node, Word } from './parse.ts';

/** Variables that changed between two iterations by a whole-number step; undefined if any other change. */
export function stepsBetween(a: Map<string, string>, b: Map<string, string>): Map<string, number> | undefined {
  const steps = new Map<string, number>();
  for (const k of new Set([...a.keys(), ...b.keys()])) {
    const x = a.get(k);
    const y = b.get(k);
    if (x === y) continue;
    if (x === undefined || y === undefined || !/^-?\d+$/.test(x) || !/^-?\d+$/.test(y)) return undefined;
    steps.set(k, Number(y) - Number(x));
  }
  return steps;
}

export function sameSteps(a: Map<string, number>, b: Map<string, number>): boolean {
  return a.size === b.size && [...a].every(([k, v]) => b.get(k) === v);
}

const controlCache = new WeakMap<Node, Set<string>>();

/** Variables a loop's control flow reads: in its condition, tests, `if`/`for` heads, `exit`, `break`, `case`. */
export function controlVars(loop: Node): Set<string> {
  const cached = controlCache.get(loop);
  if (cached) return cached;
  const out = new Set<string>();
  const fromWord = (w: Word) => {
    for (const seg of w) {
      if (seg.kind === 'var') out.add(seg.name);
      if (seg.kind === 'arith') for (const m of seg.expr.matchAll(/[A-Za-z_][A-Za-z0-9_]*/g)) out.add(m[0]);
      if (seg.kind === 'cmd') walk(seg.script, true);
    }
  };
  const walk = (n: Node, control: boolean): void => {
    switch (n.type) {
      case 'list':
        for (const i of n.items) walk(i.node, control);
        return;
      case 'and':
      case 'or':
        walk(n.left, true);
        walk(n.right, control);
        return;
      case 'not':
        walk(n.node, true);
        return;
      case 'pipe':
        for (const c of n.commands) walk(c, control);
        return;
      case 'group':
        walk(n.body, control);
        return;
      case 'if':
        for (const b of n.branches) {
          walk(b.cond, true);
          walk(b.body, control);
        }
        if (n.otherwise) walk(n.otherwise, control);
        return;
      case 'for':
        for (const w of n.items ?? []) fromWord(w);
        walk(n.body, control);
        return;
      case 'while':
        walk(n.cond, true);
        walk(n.body, control);
        return;
      case 'simple': {
        const name = n.words[0]?.map((s) => (s.kind === 'lit' ? s.text : '')).join('') ?? '';
        if (control || ['test', '[', '[[', 'exit', 'break', 'continue', 'return', 'case'].includes(name)) n.words.forEach(fromWord);
        return;
      }
    }
  };
  if (loop.type === 'while') {
    walk(loop.cond, true);
    walk(loop.body, false);
  }
  controlCache.set(loop, out);
  return out;
}
