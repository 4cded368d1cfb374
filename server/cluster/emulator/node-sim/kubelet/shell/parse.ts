/**
 * A parser for the POSIX shell subset container commands use: lists with `;`, `&&`, `||`, `&` and newlines,
 * pipelines, `while`/`until`/`for`/`if`, `{ }` and `( )` groups, assignments, redirections, quoting, and the
 * expansions `$VAR`, `${VAR:-x}`, `$(…)`, `` `…` `` and `$((…))`.
 */

export type Segment =
  | { kind: 'lit'; text: string; quoted: boolean }
  | { kind: 'var'; name: string; op?: string; arg?: Word; quoted: boolean }
  | { kind: 'cmd'; script: Node; quoted: boolean }
  | { kind: 'arith'; expr: string; quoted: boolean };

export type Word = Segment[];

export interface Redirect {
  fd: number;
  op: '>' | '>>' | '<' | '>&';
  target: Word;
}

export type Node =
  | { type: 'list'; items: { node: Node; background: boolean }[] }
  | { type: 'and'; left: Node; right: Node }
  | { type: 'or'; left: Node; right: Node }
  | { type: 'not'; node: Node }
  | { type: 'pipe'; commands: Node[] }
  | { type: 'simple'; assigns: { name: string; value: Word }[]; words: Word[]; redirects: Redirect[]; line: number }
  | { type: 'while'; until: boolean; cond: Node; body: Node; redirects: Redirect[] }
  | { type: 'for'; name: string; items: Word[] | undefined; body: Node }
  | { type: 'if'; branches: { cond: Node; body: Node }[]; otherwise?: Node }
  | { type: 'group'; body: Node; subshell: boolean; redirects: Redirect[] };

export class ShellSyntaxError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

type Token =
  | { t: 'word'; word: Word; raw: string; line: number }
  | { t: 'op'; op: string; line: number }
  | { t: 'redir'; fd: number; op: Redirect['op']; line: number }
  | { t: 'nl'; line: number }
  | { t: 'eof'; line: number };

const OPS = ['&&', '||', ';;', ';', '&', '|', '(', ')'];

/** Reads the text of `$(...)` / `$((...))` up to the matching parenthesis. */
function matchParen(src: string, start: number): number {
  let depth = 0;
  for (let i = start; i < src.length; i++) {
    const c = src[i];
    if (c === '\\') {
      i++;
      continue;
    }
    if (c === "'") {
      const end = src.indexOf("'", i + 1);
      if (end < 0) return -1;
      i = end;
      continue;
    }
    if (c === '(') depth++;
    if (c === ')') {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

class Lexer {
  private i = 0;
  private line = 1;
  constructor(private readonly src: string) {}

  tokens(): Token[] {
    const out: Token[] = [];
    for (;;) {
      const tok = this.next();
      out.push(tok);
      if (tok.t === 'eof') return out;
    }
  }

  private next(): Token {
    const s = this.src;
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (c === ' ' || c === '\t') this.i++;
      else if (c === '\\' && s[this.i + 1] === '\n') {
        this.i += 2;
        this.line++;
      } else if (c === '#') {
        while (this.i < s.length && s[this.i] !== '\n') this.i++;
      } else break;
    }
    const line = this.line;
    if (this.i >= s.length) return { t: 'eof', line };
    const c = s[this.i]!;
    if (c === '\n') {
      this.i++;
      this.line++;
      return { t: 'nl', line };
    }
    const redir = /^(\d?)(>>|>&|>|<|&>)/.exec(s.slice(this.i));
    if (redir && (redir[1] || !/^&&/.test(s.slice(this.i)))) {
      this.i += redir[0].length;
      const op = redir[2]!;
      if (op === '&>') return { t: 'redir', fd: -1, op: '>', line };
      return { t: 'redir', fd: redir[1] ? Number(redir[1]) : op === '<' ? 0 : 1, op: op as Redirect['op'], line };
    }
    for (const op of OPS) {
      if (s.startsWith(op, this.i)) {
        this.i += op.length;
        return { t: 'op', op, line };
      }
    }
    return this.word(line);
  }

  private word(line: number): Token {
    const s = this.src;
    const segs: Segment[] = [];
    const start = this.i;
    let lit = '';
    let litQuoted = false;
    let sawQuote = false;
    const flush = () => {
      if (lit) segs.push({ kind: 'lit', text: lit, quoted: litQuoted });
      lit = '';
    };
    const pushLit = (text: string, quoted: boolean) => {
      if (lit && litQuoted !== quoted) flush();
      litQuoted = quoted;
      lit += text;
    };
    while (this.i < s.length) {
      const c = s[this.i]!;
      if (/[\s;&|()<>]/.test(c)) break;
      if (c === '\\') {
        pushLit(s[this.i + 1] ?? '', true);
        this.i += 2;
      } else if (c === "'") {
        const end = s.indexOf("'", this.i + 1);
        if (end < 0) throw new ShellSyntaxError('Unterminated quoted string', line);
        pushLit(s.slice(this.i + 1, end), true);
        sawQuote = true;
        this.line += (s.slice(this.i, end).match(/\n/g) ?? []).length;
        this.i = end + 1;
      } else if (c === '"') {
        this.i++;
        let any = false;
        while (this.i < s.length && s[this.i] !== '"') {
          const d = s[this.i]!;
          if (d === '\\' && /["\\$`\n]/.test(s[this.i + 1] ?? '')) {
            pushLit(s[this.i + 1]!, true);
            this.i += 2;
          } else if (d === '$' || d === '`') {
            flush();
            segs.push(this.expansion(true, line));
          } else {
            if (d === '\n') this.line++;
            pushLit(d, true);
            this.i++;
          }
          any = true;
        }
        if (s[this.i] !== '"') throw new ShellSyntaxError('Unterminated quoted string', line);
        this.i++;
        sawQuote ||= !any;
      } else if (c === '$' || c === '`') {
        const exp = this.expansion(false, line);
        flush();
        segs.push(exp);
      } else {
        pushLit(c, false);
        this.i++;
      }
    }
    flush();
    if (segs.length === 0 && sawQuote) segs.push({ kind: 'lit', text: '', quoted: true });
    return { t: 'word', word: segs, raw: s.slice(start, this.i), line };
  }

  private expansion(quoted: boolean, line: number): Segment {
    const s = this.src;
    if (s[this.i] === '`') {
      const end = s.indexOf('`', this.i + 1);
      if (end < 0) throw new ShellSyntaxError('Unterminated quoted string', line);
      const script = parse(s.slice(this.i + 1, end));
      this.i = end + 1;
      return { kind: 'cmd', script, quoted };
    }
    // s[i] === '$'
    const rest = s.slice(this.i + 1);
    if (rest.startsWith('((')) {
      const end = matchParen(s, this.i + 1);
      if (end < 0) throw new ShellSyntaxError('Missing ))', line);
      const expr = s.slice(this.i + 3, end - 1);
      this.i = end + 1;
      return { kind: 'arith', expr, quoted };
    }
    if (rest.startsWith('(')) {
      const end = matchParen(s, this.i + 1);
      if (end < 0) throw new ShellSyntaxError('Missing )', line);
      const script = parse(s.slice(this.i + 2, end));
      this.i = end + 1;
      return { kind: 'cmd', script, quoted };
    }
    if (rest.startsWith('{')) {
      const end = s.indexOf('}', this.i);
      if (end < 0) throw new ShellSyntaxError('Missing }', line);
      const inner = s.slice(this.i + 2, end);
      this.i = end + 1;
      const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!])(?:(:?[-=+?]|#|%)(.*))?$/s.exec(inner);
      if (!m) throw new ShellSyntaxError(`\${${inner}}: bad substitution`, line);
      return { kind: 'var', name: m[1]!, ...(m[2] ? { op: m[2], arg: wordOf(m[3] ?? '') } : {}), quoted };
    }
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9@*#?$!])/.exec(rest);
    if (!m) {
      this.i++;
      return { kind: 'lit', text: '$', quoted };
    }
    this.i += 1 + m[1]!.length;
    return { kind: 'var', name: m[1]!, quoted };
  }
}

/** The word of a `${VAR:-word}` argument, with its own expansions. */
function wordOf(text: string): Word {
  if (text === '') return [{ kind: 'lit', text: '', quoted: true }];
  const tok = new Lexer(`"${text.replace(/"/g, '\\"')}"`).tokens()[0]!;
  return tok.t === 'word' ? tok.word : [{ kind: 'lit', text, quoted: true }];
}

const RESERVED = new Set(['do', 'done', 'then', 'else', 'elif', 'fi', '}', 'in']);

class Parser {
  private p = 0;
  constructor(private readonly toks: Token[]) {}

  private peek(): Token {
    return this.toks[this.p]!;
  }
  private take(): Token {
    return this.toks[this.p++]!;
  }
  private isWord(tok: Token, text?: string): boolean {
    return tok.t === 'word' && (text === undefined || (tok.raw === text && tok.word.every((s) => s.kind === 'lit' && !s.quoted)));
  }
  private skipNewlines(): void {
    while (this.peek().t === 'nl') this.take();
  }
  private expectWord(text: string): void {
    this.skipNewlines();
    const tok = this.take();
    if (!this.isWord(tok, text)) throw new ShellSyntaxError(`Syntax error: ${describe(tok)} unexpected (expecting "${text}")`, tok.line);
  }

  script(): Node {
    const list = this.list(new Set());
    const tok = this.peek();
    if (tok.t !== 'eof') throw new ShellSyntaxError(`Syntax error: ${describe(tok)} unexpected`, tok.line);
    return list;
  }

  /** A list ending at EOF, `)` or one of the `stop` words. */
  private list(stop: Set<string>): Node {
    const items: { node: Node; background: boolean }[] = [];
    for (;;) {
      this.skipNewlines();
      const tok = this.peek();
      if (tok.t === 'eof' || (tok.t === 'op' && tok.op === ')') || (tok.t === 'word' && stop.has(tok.raw))) break;
      const node = this.andOr();
      let background = false;
      const sep = this.peek();
      if (sep.t === 'op' && (sep.op === ';' || sep.op === '&')) {
        background = sep.op === '&';
        this.take();
      } else if (sep.t === 'nl') this.take();
      items.push({ node, background });
    }
    return { type: 'list', items };
  }

  private andOr(): Node {
    let left = this.pipeline();
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'op' && (tok.op === '&&' || tok.op === '||')) {
        this.take();
        this.skipNewlines();
        const right = this.pipeline();
        left = tok.op === '&&' ? { type: 'and', left, right } : { type: 'or', left, right };
      } else return left;
    }
  }

  private pipeline(): Node {
    let negate = false;
    if (this.isWord(this.peek(), '!')) {
      this.take();
      negate = true;
    }
    const commands = [this.command()];
    while (this.peek().t === 'op' && (this.peek() as { op: string }).op === '|') {
      this.take();
      this.skipNewlines();
      commands.push(this.command());
    }
    const node: Node = commands.length === 1 ? commands[0]! : { type: 'pipe', commands };
    return negate ? { type: 'not', node } : node;
  }

  private command(): Node {
    const tok = this.peek();
    if (this.isWord(tok, 'while') || this.isWord(tok, 'until')) {
      this.take();
      const cond = this.list(new Set(['do']));
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      return { type: 'while', until: tok.t === 'word' && tok.raw === 'until', cond, body, redirects: this.redirects() };
    }
    if (this.isWord(tok, 'for')) {
      this.take();
      const name = this.take();
      if (name.t !== 'word') throw new ShellSyntaxError(`Syntax error: Bad for loop variable`, name.line);
      let items: Word[] | undefined;
      this.skipNewlines();
      if (this.isWord(this.peek(), 'in')) {
        this.take();
        items = [];
        while (this.peek().t === 'word' && !this.isWord(this.peek(), 'do')) items.push((this.take() as { word: Word }).word);
      }
      const sep = this.peek();
      if (sep.t === 'op' && sep.op === ';') this.take();
      this.expectWord('do');
      const body = this.list(new Set(['done']));
      this.expectWord('done');
      return { type: 'for', name: name.raw, items, body };
    }
    if (this.isWord(tok, 'if')) {
      this.take();
      const branches: { cond: Node; body: Node }[] = [];
      let otherwise: Node | undefined;
      for (;;) {
        const cond = this.list(new Set(['then']));
        this.expectWord('then');
        const body = this.list(new Set(['elif', 'else', 'fi']));
        branches.push({ cond, body });
        this.skipNewlines();
        const next = this.take();
        if (this.isWord(next, 'elif')) continue;
        if (this.isWord(next, 'else')) {
          otherwise = this.list(new Set(['fi']));
          this.expectWord('fi');
        } else if (!this.isWord(next, 'fi')) throw new ShellSyntaxError(`Syntax error: ${describe(next)} unexpected (expecting "fi")`, next.line);
        break;
      }
      return { type: 'if', branches, ...(otherwise ? { otherwise } : {}) };
    }
    if (this.isWord(tok, '{')) {
      this.take();
      const body = this.list(new Set(['}']));
      this.expectWord('}');
      return { type: 'group', body, subshell: false, redirects: this.redirects() };
    }
    if (tok.t === 'op' && tok.op === '(') {
      this.take();
      const body = this.list(new Set());
      const close = this.take();
      if (close.t !== 'op' || close.op !== ')') throw new ShellSyntaxError('Syntax error: end of file unexpected (expecting ")")', close.line);
      return { type: 'group', body, subshell: true, redirects: this.redirects() };
    }
    return this.simple();
  }

  private redirects(): Redirect[] {
    const out: Redirect[] = [];
    while (this.peek().t === 'redir') {
      const r = this.take() as Extract<Token, { t: 'redir' }>;
      const target = this.take();
      if (target.t !== 'word') throw new ShellSyntaxError(`Syntax error: ${describe(target)} unexpected`, target.line);
      if (r.fd === -1) {
        out.push({ fd: 1, op: '>', target: target.word }, { fd: 2, op: '>&', target: [{ kind: 'lit', text: '1', quoted: false }] });
      } else out.push({ fd: r.fd, op: r.op, target: target.word });
    }
    return out;
  }

  private simple(): Node {
    const assigns: { name: string; value: Word }[] = [];
    const words: Word[] = [];
    const redirects: Redirect[] = [];
    const line = this.peek().line;
    for (;;) {
      const tok = this.peek();
      if (tok.t === 'redir') {
        redirects.push(...this.redirects());
        continue;
      }
      if (tok.t !== 'word') break;
      if (words.length === 0 && RESERVED.has(tok.raw) && tok.word.every((s) => s.kind === 'lit' && !s.quoted)) break;
      this.take();
      const assign = words.length === 0 ? asAssignment(tok.word) : undefined;
      if (assign) assigns.push(assign);
      else words.push(tok.word);
    }
    if (words.length === 0 && assigns.length === 0 && redirects.length === 0) {
      const tok = this.peek();
      throw new ShellSyntaxError(`Syntax error: ${describe(tok)} unexpected`, tok.line);
    }
    return { type: 'simple', assigns, words, redirects, line };
  }
}

function asAssignment(word: Word): { name: string; value: Word } | undefined {
  const first = word[0];
  if (!first || first.kind !== 'lit' || first.quoted) return undefined;
  const m = /^([A-Za-z_][A-Za-z0-9_]*)=/.exec(first.text);
  if (!m) return undefined;
  const rest = first.text.slice(m[0].length);
  const value: Word = [...(rest ? [{ ...first, text: rest }] : []), ...word.slice(1)];
  return { name: m[1]!, value: value.length ? value : [{ kind: 'lit', text: '', quoted: true }] };
}

function describe(tok: Token): string {
  if (tok.t === 'eof') return 'end of file';
  if (tok.t === 'nl') return 'newline';
  if (tok.t === 'op') return `"${tok.op}"`;
  if (tok.t === 'redir') return 'redirection';
  return `"${tok.raw}"`;
}

export function parse(src: string): Node {
  return new Parser(new Lexer(src).tokens()).script();
}
