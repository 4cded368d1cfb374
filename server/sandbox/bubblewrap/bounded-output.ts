/** Collects a stream's bytes up to a bound and notes what it dropped (pure). */
export class BoundedOutput {
  private readonly chunks: Buffer[] = [];
  private kept = 0;
  private dropped = 0;

  constructor(private readonly maxBytes: number) {}

  push(chunk: Buffer): void {
    const room = this.maxBytes - this.kept;
    if (room > 0) {
      const part = chunk.length <= room ? chunk : chunk.subarray(0, room);
      this.chunks.push(part);
      this.kept += part.length;
    }
    this.dropped += Math.max(0, chunk.length - Math.max(0, room));
  }

  /** The text kept, with a last line saying how much was left out. */
  text(): string {
    const text = Buffer.concat(this.chunks).toString('utf8');
    return this.dropped === 0 ? text : `${text}\n[podium: ${this.dropped} more bytes of output were dropped]\n`;
  }
}
