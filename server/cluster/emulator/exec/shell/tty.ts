/**
 * The terminal line discipline of a `kubectl exec -t` session: the client sends raw keystrokes, the container's
 * tty echoes and edits them (backspace, Ctrl-U, Ctrl-W, history for shells), turns Ctrl-C into an interrupt and
 * Ctrl-D on an empty line into end of input, and writes `\n` as `\r\n`.
 */
import type { Input, Output } from './io.ts';

export const INTERRUPTED = Symbol('interrupted');

export interface LineRequest {
  /** Written before reading (and again after Ctrl-L). */
  prompt?: string;
  /** Lines for up/down arrows, oldest first (shells only). */
  history?: string[];
}

export interface Terminal {
  output: Output;
  /** One edited line; undefined on Ctrl-D at an empty line; INTERRUPTED on Ctrl-C. */
  readLine(req?: LineRequest): Promise<string | undefined | typeof INTERRUPTED>;
  /** While set, Ctrl-C typed outside readLine calls it (the foreground command is interrupted). */
  onInterrupt: (() => void) | undefined;
  /** Rows and columns, updated when the client resizes its window. */
  size: { rows: number; cols: number };
  /** Input for programs: cooked lines, Ctrl-D ends it. */
  input: Input;
}

/** Translates `\n` to `\r\n` (the ONLCR output flag). */
class TerminalOutput implements Output {
  constructor(private readonly raw: Output) {}
  write(text: string): void {
    this.raw.write(text.replace(/\r?\n/g, '\r\n'));
  }
}

export class Tty implements Terminal {
  readonly output: Output;
  onInterrupt: (() => void) | undefined;
  private pending = '';
  private ended = false;
  private reader: ((ch: string | undefined) => void) | undefined;
  readonly input: Input;

  constructor(
    private readonly raw: Input,
    rawOutput: Output,
    readonly size: { rows: number; cols: number } = { rows: 24, cols: 80 },
  ) {
    this.output = new TerminalOutput(rawOutput);
    void this.pump();
    const self = this;
    this.input = {
      async readLine() {
        const line = await self.readLine();
        return line === INTERRUPTED ? undefined : line;
      },
      async readAll() {
        const lines: string[] = [];
        for (;;) {
          const line = await self.readLine();
          if (line === undefined || line === INTERRUPTED) return lines.map((l) => `${l}\n`).join('');
          lines.push(line);
        }
      },
      async read() {
        const line = await self.readLine();
        return line === undefined || line === INTERRUPTED ? undefined : `${line}\n`;
      },
    };
  }

  /** Reads raw input continuously, so that Ctrl-C reaches a running command. */
  private async pump(): Promise<void> {
    for (;;) {
      const chunk = await this.raw.read();
      if (chunk === undefined) {
        this.ended = true;
        this.deliver(undefined);
        return;
      }
      for (const ch of chunk) {
        if (ch === '\x03' && !this.reader && this.onInterrupt) {
          this.pending = '';
          this.output.write('^C');
          this.onInterrupt();
          continue;
        }
        this.pending += ch;
      }
      this.deliver('');
    }
  }

  private deliver(ch: string | undefined): void {
    const r = this.reader;
    this.reader = undefined;
    r?.(ch);
  }

  private async nextChar(): Promise<string | undefined> {
    for (;;) {
      if (this.pending) {
        const esc = /^\x1b(\[[0-9;]*[A-Za-z~]|O[A-Z])/.exec(this.pending);
        const ch = esc ? esc[0] : this.pending[0]!;
        this.pending = this.pending.slice(ch.length);
        return ch;
      }
      if (this.ended) return undefined;
      await new Promise<string | undefined>((resolve) => {
        this.reader = resolve;
      });
    }
  }

  async readLine(req: LineRequest = {}): Promise<string | undefined | typeof INTERRUPTED> {
    const out = this.output;
    if (req.prompt) out.write(req.prompt);
    let line = '';
    const history = req.history ?? [];
    let hist = history.length;
    const replace = (text: string) => {
      out.write('\b \b'.repeat(line.length) + text);
      line = text;
    };
    for (;;) {
      const ch = await this.nextChar();
      if (ch === undefined) return line === '' ? undefined : line;
      switch (ch) {
        case '\r':
        case '\n':
          out.write('\n');
          return line;
        case '\x03':
          out.write('^C\n');
          return INTERRUPTED;
        case '\x04':
          if (line === '') return undefined;
          continue;
        case '\x7f':
        case '\b':
          if (line) {
            line = line.slice(0, -1);
            out.write('\b \b');
          }
          continue;
        case '\x15':
          replace('');
          continue;
        case '\x17': {
          const kept = line.replace(/\S+\s*$/, '');
          out.write('\b \b'.repeat(line.length - kept.length));
          line = kept;
          continue;
        }
        case '\x0c':
          out.write(`\x1b[H\x1b[2J${req.prompt ?? ''}${line}`);
          continue;
        case '\x1b[A':
        case '\x1bOA':
          if (hist > 0) replace(history[--hist]!);
          continue;
        case '\x1b[B':
        case '\x1bOB':
          if (hist < history.length) {
            hist++;
            replace(history[hist] ?? '');
          }
          continue;
        case '\t':
          continue;
      }
      if (ch.startsWith('\x1b') || ch < ' ') continue;
      line += ch;
      out.write(ch);
    }
  }
}
