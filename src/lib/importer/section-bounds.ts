import type { SrcLine } from './blocks.ts';

const TOKENS = /<(\/?)(section|script|textarea)\b[^>]*>/gi;

/**
 * The index of the line that closes the `<section>` opened on line `start`, counting nested
 * sections and skipping `<script>`/`<textarea>` templates; -1 when it is never closed.
 */
export function findSectionEnd(lines: readonly SrcLine[], start: number): number {
  let depth = 0;
  let raw = '';
  for (let i = start; i < lines.length; i++) {
    for (const m of (lines[i]?.text ?? '').matchAll(TOKENS)) {
      const closing = m[1] === '/';
      const name = (m[2] ?? '').toLowerCase();
      if (raw) {
        if (closing && name === raw) raw = '';
      } else if (name !== 'section') {
        if (!closing) raw = name;
      } else if (!closing) depth++;
      else if (--depth === 0) return i;
    }
  }
  return -1;
}
