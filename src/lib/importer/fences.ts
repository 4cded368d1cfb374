/** Code fences: recognising them, and carrying reveal.js line-number steps over to Podium's meta. */
import { codeMetaTokens, parseCodeMetaOption } from '../slides/code-meta.ts';
import { checkCodeMeta } from '../slides/code-steps.ts';

export interface FenceOpen {
  indent: string;
  marker: string;
  info: string;
}

/** A fence may sit in a blockquote (`> \`\`\``); the prefix is kept as written. */
const OPEN = /^((?:[ \t]*>)*[ \t]*)(`{3,}|~{3,})(.*)$/;

/** The fence a line opens, if it opens one (a backtick fence's info may not hold backticks). */
export function fenceOpen(line: string): FenceOpen | undefined {
  const m = OPEN.exec(line);
  if (!m) return undefined;
  const [, indent = '', marker = '', info = ''] = m;
  if (marker.startsWith('`') && info.includes('`')) return undefined;
  return { indent, marker, info: info.trim() };
}

/** Whether a line closes the fence `open`. */
export function closesFence(line: string, open: FenceOpen): boolean {
  const m = /^(?:[ \t]*>)*[ \t]*(`{3,}|~{3,})\s*$/.exec(line);
  return !!m?.[1] && m[1][0] === open.marker[0] && m[1].length >= open.marker.length;
}

const STEPS = /\[\s*(?:(\d*):)?\s*([\s\d,|-]*)\]/;
const HUGO_ATTRS = /\{([^{}]*(?:=|linenos)[^{}]*)\}/;

/**
 * The opening line as Podium writes it: trailing spaces dropped (`\`\`\` ` opens a fence too),
 * reveal.js's `js [1|3-4]` / `js [5: 2]` as Podium's `js {1|3-4}` / `js {2} ln=5`, Hugo's
 * `go {linenos=table,hl_lines=[2,"4-5"]}` as `go {2,4-5}`. Podium's own meta (`{1|3}`, `ln=10`,
 * `title="my file"`) is read by the deck's parser (src/lib/slides/code-meta.ts); what it would reject is passed
 * to `dropped` (with why, unless it is no option at all) and left out.
 */
export function podiumFenceOpen(open: FenceOpen, lineCount: number, dropped: (meta: string, why?: string) => void): string {
  let info = open.info;
  const meta: string[] = [];
  const steps = STEPS.exec(info);
  if (steps) {
    const start = steps[1] ? Number(steps[1]) : 1;
    const lines = shift((steps[2] ?? '').replace(/\s+/g, ''), start);
    meta.push(lines ? `{${lines}}` : '', steps[1] ? `ln=${start}` : lines ? '' : 'ln');
    info = info.replace(STEPS, ' ');
  }
  const hugo = HUGO_ATTRS.exec(info);
  if (hugo) {
    meta.push(...hugoMeta(hugo[1] ?? ''));
    info = info.replace(hugo[0], ' ');
  }
  // The language runs to the first space, as in CommonMark; the rest is meta, read as the deck reads it.
  const [, first = '', rest = ''] = /^(\S*)\s*([\s\S]*)$/.exec(info.trim()) ?? [];
  let lang: string | undefined = first || undefined;
  if (lang !== undefined && !/^[\w#+.-]+$/.test(lang)) {
    dropped(lang);
    lang = undefined;
  }
  for (const option of codeMetaTokens(rest)) {
    const { problems, unknown } = parseCodeMetaOption(option);
    if (problems.length === 0) meta.push(option);
    else dropped(option, unknown ? undefined : problems.join(' '));
  }
  const kept = checkedMeta(meta.filter(Boolean), lineCount, dropped);
  const words = [lang ?? (kept.length > 0 ? 'text' : ''), ...kept].filter(Boolean);
  return `${open.indent}${open.marker}${words.join(' ')}`;
}

/** Meta Podium accepts for a block of `lineCount` lines; all of it is dropped when any of it is wrong. */
export function checkedMeta(meta: readonly string[], lineCount: number, dropped: (meta: string, why?: string) => void): string[] {
  const { problems } = checkCodeMeta(meta.join(' '), lineCount);
  if (problems.length === 0) return [...meta];
  dropped(meta.join(' '), problems.join(' '));
  return [];
}

/** Hugo highlight options (`linenos=table,hl_lines=[2,"4-5"],linenostart=10`) as Podium meta words. */
export function hugoMeta(options: string): string[] {
  const opts = new Map<string, string>();
  for (const m of options.matchAll(/([\w]+)\s*=\s*(\[[^\]]*\]|"[^"]*"|[^,]*)/g)) opts.set(m[1] ?? '', (m[2] ?? '').trim());
  const start = /^\d+$/.exec(opts.get('linenostart') ?? '')?.[0];
  const hl = shift((opts.get('hl_lines') ?? '').replace(/[[\]"]/g, ' ').trim().split(/[\s,]+/).filter(Boolean).join(','), Number(start ?? 1));
  const numbered = !['', 'false'].includes(opts.get('linenos') ?? '');
  return [hl ? `{${hl}}` : '', start ? `ln=${start}` : numbered && !hl ? 'ln' : ''].filter(Boolean);
}

/**
 * reveal.js and Hugo count highlighted lines from the top of the block; Podium uses the numbers shown,
 * which start at `ln=`. Shifts every line number of `1,3-4|5` by `start - 1`.
 */
function shift(groups: string, start: number): string {
  return start === 1 ? groups : groups.replace(/\d+/g, (n) => String(Number(n) + start - 1));
}
