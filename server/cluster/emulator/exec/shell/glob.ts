/** Pathname expansion: `*`, `?` and `[…]` matched one path component at a time against the container's files. */
import type { FileSystem } from './system.ts';

const GLOB = /[*?[]/;

/** Matches one path component against a glob pattern (`*`, `?`, `[a-z]`, `\x`). Leading dots need a literal dot. */
export function globMatch(pattern: string, name: string): boolean {
  if (name.startsWith('.') && !pattern.startsWith('.')) return false;
  let re = '^';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\') re += escapeRe(pattern[++i] ?? '');
    else if (c === '*') re += '.*';
    else if (c === '?') re += '.';
    else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) re += '\\[';
      else {
        let cls = pattern.slice(i + 1, end);
        if (cls.startsWith('!')) cls = '^' + cls.slice(1);
        re += `[${cls.replace(/\\/g, '\\\\')}]`;
        i = end;
      }
    } else re += escapeRe(c);
  }
  return new RegExp(re + '$', 's').test(name);
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** Whether a pattern component has an unescaped glob character. */
export function hasGlob(component: string): boolean {
  for (let i = 0; i < component.length; i++) {
    if (component[i] === '\\') i++;
    else if (GLOB.test(component[i]!)) return true;
  }
  return false;
}

export function unescapeGlob(component: string): string {
  return component.replace(/\\(.)/g, '$1');
}

const join = (base: string, name: string) => (base === '' ? name : base.endsWith('/') ? base + name : `${base}/${name}`);

/** The paths a pattern names (relative to `cwd` when the pattern is), sorted; none when nothing matches. */
export function globPaths(fs: FileSystem, cwd: string, pattern: string): string[] {
  const parts = pattern.split('/').filter((p) => p !== '');
  let found: string[] = [pattern.startsWith('/') ? '/' : ''];
  for (const part of parts) {
    const next: string[] = [];
    for (const base of found) {
      if (!hasGlob(part)) {
        next.push(join(base, unescapeGlob(part)));
        continue;
      }
      const names = fs.list(fs.absolute(base || '.', cwd));
      if (!Array.isArray(names)) continue;
      for (const n of names) if (globMatch(part, n)) next.push(join(base, n));
    }
    found = next;
  }
  const exists = (p: string) => typeof fs.lstat(fs.absolute(p, cwd)) === 'object';
  return found.filter((p) => p !== '' && exists(p)).sort();
}
