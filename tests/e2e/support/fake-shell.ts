/**
 * A pretend shell for the fake server: echoes what is typed, understands Enter, Backspace and
 * Ctrl+C, and answers a few commands. Keeps everything it wrote so a reconnect can replay the screen.
 */
export class FakeShell {
  /** Every byte written to the screen, for restoring it on reconnect. */
  screen = '';
  readonly history: string[] = [];
  /** Every byte received from the browser. */
  received = '';
  private line = '';

  constructor(
    private readonly user: string,
    private readonly output: (text: string) => void,
    private readonly onCommand: (command: string) => void,
  ) {}

  get prompt(): string {
    return `\x1b[1;32m${this.user}@podium\x1b[0m:\x1b[1;34m~\x1b[0m$ `;
  }

  banner(): void {
    this.write(`Welcome to your lab shell. kubectl talks to your own cluster.\r\n${this.prompt}`);
  }

  input(data: string): void {
    this.received += data;
    for (const ch of data) {
      if (ch === '\r' || ch === '\n') {
        this.write('\r\n');
        const command = this.line.trim();
        this.line = '';
        if (command) {
          this.history.push(command);
          this.run(command);
          this.onCommand(command);
        }
        if (command !== 'exit') this.write(this.prompt);
      } else if (ch === '\x7f' || ch === '\b') {
        if (this.line) {
          this.line = this.line.slice(0, -1);
          this.write('\b \b');
        }
      } else if (ch === '\x03') {
        this.line = '';
        this.write(`^C\r\n${this.prompt}`);
      } else if (ch >= ' ') {
        this.line += ch;
        this.write(ch);
      }
    }
  }

  write(text: string): void {
    this.screen = (this.screen + text).slice(-200_000);
    this.output(text);
  }

  private run(command: string): void {
    const [program, ...args] = command.split(/\s+/);
    if (program === 'echo') this.write(`${args.join(' ')}\r\n`);
    else if (command === 'kubectl get pods') {
      this.write('NAME                   READY   STATUS    RESTARTS   AGE\r\nweb-7d4b9c8f6d-x2x9q   1/1     Running   0          12s\r\n');
    } else if (program === 'kubectl' && args[0] === 'create') this.write(`${args[1]}.apps/${args[2]} created\r\n`);
    else if (program === 'kubectl' && args[0] === 'scale') this.write('deployment.apps/web scaled\r\n');
    else if (program === 'kubectl' && args[0] === 'expose') this.write('service/web exposed\r\n');
    else if (program === 'unicode') this.write('Unicode: ✓ ✗ → 日本語 — emoji 🚀\r\n');
    else if (program === 'seq') {
      const n = Math.min(Number(args[0]) || 10, 5000);
      this.write(Array.from({ length: n }, (_, i) => `line ${i + 1}`).join('\r\n') + '\r\n');
    } else if (program !== 'exit' && program !== 'clear') this.write(`(fake shell) ran: ${command}\r\n`);
    if (program === 'clear') this.write('\x1b[H\x1b[2J');
  }
}
