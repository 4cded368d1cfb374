/**
 * The server's copy of one terminal's screen: every byte of output is parsed by a headless xterm,
 * so a client that (re)attaches first receives the screen as it is, then the live output.
 */
import headless from '@xterm/headless';
import { SerializeAddon } from '@xterm/addon-serialize';

const { Terminal } = headless;

export class ScreenMirror {
  private readonly term: InstanceType<typeof Terminal>;
  private readonly serializer = new SerializeAddon();
  private disposed = false;

  /** `scrollback` caps the lines kept above the screen, and so the memory of a session. */
  constructor(opts: { cols: number; rows: number; scrollback: number }) {
    this.term = new Terminal({ cols: opts.cols, rows: opts.rows, scrollback: opts.scrollback, allowProposedApi: true });
    this.term.loadAddon(this.serializer);
  }

  get cols(): number {
    return this.term.cols;
  }

  get rows(): number {
    return this.term.rows;
  }

  /** Queues output for parsing; `onParsed` runs once it is part of the screen. */
  write(data: string, onParsed?: () => void): void {
    if (!this.disposed) this.term.write(data, onParsed);
  }

  resize(cols: number, rows: number): void {
    if (!this.disposed && (cols !== this.term.cols || rows !== this.term.rows)) this.term.resize(cols, rows);
  }

  /**
   * The screen (and up to `scrollback` lines above it) as escape sequences that redraw it, once
   * everything written so far has been parsed; output written after this call is not in it.
   */
  snapshot(scrollback?: number): Promise<string> {
    return new Promise((resolve) => {
      if (this.disposed) return resolve('');
      this.term.write('', () => resolve(this.disposed ? '' : this.serializer.serialize(scrollback === undefined ? {} : { scrollback })));
    });
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.term.dispose();
  }
}
