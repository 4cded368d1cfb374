/** Lines lit in one highlight step: line numbers as displayed, or every line. */
export type LineGroup = 'all' | readonly number[];

/** What the meta after a code fence's language asks for (docs/decks.md, "Code"). */
export interface CodeMeta {
  /** `{1|3-4|all}` → three groups; one group is a static highlight; none when there are no braces. */
  groups: LineGroup[];
  lineNumbers: boolean;
  /** Number shown on the first line (`ln=10`). */
  start: number;
  title?: string;
}

export interface ParsedCodeMeta {
  meta: CodeMeta;
  problems: string[];
}

const SYNTAX_HINT = 'write e.g. {1|3-4|all}, {2-3}, ln, ln=10 or title="~/.kube/config"';

function parseGroup(text: string, problems: string[]): LineGroup | undefined {
  const trimmed = text.trim();
  if (trimmed === 'all') return 'all';
  const lines = new Set<number>();
  for (const part of trimmed.split(',')) {
    const range = /^\s*(\d+)\s*(?:-\s*(\d+)\s*)?$/.exec(part);
    if (!range) {
      problems.push(`"${part.trim() || trimmed}" in {…} is not a line, a range or "all": ${SYNTAX_HINT}.`);
      return undefined;
    }
    const from = Number(range[1]);
    const to = range[2] === undefined ? from : Number(range[2]);
    if (to < from) {
      problems.push(`the range ${from}-${to} runs backwards: write ${to}-${from}.`);
      return undefined;
    }
    for (let n = from; n <= to; n++) lines.add(n);
  }
  return [...lines].sort((a, b) => a - b);
}

/** Splits meta into its options: `{…}` (spaces allowed inside), `name="quoted value"`, or bare words. */
export function codeMetaTokens(raw: string): string[] {
  return raw.match(/\{[^}]*\}?|[^\s=]+=(?:"[^"]*"?|'[^']*'?|\S*)|\S+/g) ?? [];
}

/** Reads one option into `meta`, pushing what is wrong with it; false when it is no option at all. */
function readOption(token: string, meta: CodeMeta, problems: string[]): boolean {
  if (token.startsWith('{')) {
    if (!token.endsWith('}')) problems.push(`"${token}" has no closing "}": ${SYNTAX_HINT}.`);
    else if (meta.groups.length > 0) problems.push('write the line highlights once, in a single {…}.');
    else {
      const groups = token.slice(1, -1).split('|').map((g) => parseGroup(g, problems));
      if (groups.every((g) => g !== undefined)) meta.groups = groups;
      meta.lineNumbers = true;
    }
  } else if (token === 'ln') meta.lineNumbers = true;
  else if (token.startsWith('ln=')) {
    const start = /^ln=(\d+)$/.exec(token);
    if (start) {
      meta.lineNumbers = true;
      meta.start = Number(start[1]);
    } else problems.push(`"${token}": write ln=10 to number lines from 10.`);
  } else if (token.startsWith('title=')) {
    const value = /^title=(?:"([^"]*)"|'([^']*)'|([^"'\s]+))$/.exec(token);
    if (value) meta.title = value[1] ?? value[2] ?? value[3];
    else problems.push(`${token} has no closing quote: write title="~/.kube/config".`);
  } else {
    problems.push(`unknown "${token}" after the language: ${SYNTAX_HINT}.`);
    return false;
  }
  return true;
}

/** Reads `{1|3-4|all} ln=10 title="…"`; problems say what to write instead. */
export function parseCodeMeta(raw: string | undefined): ParsedCodeMeta {
  const meta: CodeMeta = { groups: [], lineNumbers: false, start: 1 };
  const problems: string[] = [];
  for (const token of codeMetaTokens(raw ?? '')) readOption(token, meta, problems);
  return { meta, problems };
}

/** One option (a token of `codeMetaTokens`) read alone: what is wrong with it; `unknown` when it is no option at all. */
export function parseCodeMetaOption(token: string): { problems: string[]; unknown: boolean } {
  const problems: string[] = [];
  const known = readOption(token, { groups: [], lineNumbers: false, start: 1 }, problems);
  return { problems, unknown: !known };
}

/** Highlight numbers that name no line of the block. */
export function checkLineNumbers(meta: CodeMeta, lineCount: number): string[] {
  const last = meta.start + lineCount - 1;
  const missing = new Set<number>();
  for (const group of meta.groups) {
    if (group === 'all') continue;
    for (const n of group) if (n < meta.start || n > last) missing.add(n);
  }
  if (missing.size === 0) return [];
  const list = [...missing].join(', ');
  const which = missing.size === 1 ? `line ${list} is` : `lines ${list} are`;
  const shown = meta.start === 1 ? '' : ` (highlights use the numbers shown, which start at ln=${meta.start})`;
  return [`${which} not in this code block, whose lines are numbered ${meta.start}–${last}${shown}.`];
}
