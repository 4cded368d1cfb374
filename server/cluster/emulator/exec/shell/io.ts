/** Byte-free text streams between the simulated shell, its commands and the client connection. */
import { ExitSignal } from './command.ts';

export interface Output {
  write(text: string): void;
}

/** What a command reads: a pipe's captured text, or the client's live standard input. */
export interface Input {
  /** One line without its newline; undefined at end of input. */
  readLine(): Promise<string | undefined>;
  /** Everything up to end of input. */
  readAll(): Promise<string>;
  /** Whatever has arrived (waiting for something); undefined at end of input. */
  read(): Promise<string | undefined>;
}

/** Input that has already ended: `</dev/null`, or a command with no stdin attached. */
export const emptyInput: Input = {
  readLine: async () => undefined,
  readAll: async () => '',
  read: async () => undefined,
};

/** A fixed text, as the left side of a pipe hands it to the right. */
export class TextInput implements Input {
  private pos = 0;
  constructor(private readonly text: string) {}

  async readLine(): Promise<string | undefined> {
    if (this.pos >= this.text.length) return undefined;
    const nl = this.text.indexOf('\n', this.pos);
    const end = nl < 0 ? this.text.length : nl;
    const line = this.text.slice(this.pos, end);
    this.pos = nl < 0 ? this.text.length : nl + 1;
    return line;
  }

  async readAll(): Promise<string> {
    const rest = this.text.slice(this.pos);
    this.pos = this.text.length;
    return rest;
  }

  async read(): Promise<string | undefined> {
    const rest = await this.readAll();
    return rest === '' ? undefined : rest;
  }
}

/**
 * Collects output, for pipes and command substitution. Past `limit` characters the writer gets SIGPIPE (exit
 * 141), as a real pipe's reader would stop it: `yes | head -1` ends.
 */
export class Capture implements Output {
  private readonly parts: string[] = [];
  private size = 0;

  constructor(private readonly limit = 1024 * 1024) {}

  write(text: string): void {
    if (this.size >= this.limit) throw new ExitSignal(141);
    this.size += text.length;
    this.parts.push(text);
  }
  text(): string {
    return this.parts.join('');
  }
}

/**
 * The client's standard input as it arrives: chunks pushed by the transport, read by lines or whole.
 * `end()` marks end of input (the v5 close frame, or the connection closing).
 */
export class StreamInput implements Input {
  private buffer = '';
  private ended = false;
  private waiter: (() => void) | undefined;

  push(text: string): void {
    this.buffer += text;
    this.wake();
  }

  end(): void {
    this.ended = true;
    this.wake();
  }

  get isEnded(): boolean {
    return this.ended && this.buffer === '';
  }

  async readLine(): Promise<string | undefined> {
    for (;;) {
      const nl = this.buffer.indexOf('\n');
      if (nl >= 0) {
        const line = this.buffer.slice(0, nl);
        this.buffer = this.buffer.slice(nl + 1);
        return line;
      }
      if (this.ended) {
        if (this.buffer === '') return undefined;
        const line = this.buffer;
        this.buffer = '';
        return line;
      }
      await this.wait();
    }
  }

  async readAll(): Promise<string> {
    while (!this.ended) await this.wait();
    const all = this.buffer;
    this.buffer = '';
    return all;
  }

  async read(): Promise<string | undefined> {
    while (this.buffer === '' && !this.ended) await this.wait();
    if (this.buffer === '') return undefined;
    const chunk = this.buffer;
    this.buffer = '';
    return chunk;
  }

  private wait(): Promise<void> {
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  private wake(): void {
    const w = this.waiter;
    this.waiter = undefined;
    w?.();
  }
}
