/**
 * The server end of a SPDY/3.1 connection as the kubelet's streaming server runs it: the client opens streams
 * (SYN_STREAM with headers), the server accepts each with an empty SYN_REPLY, data flows both ways, either side
 * half-closes with FIN; PINGs are echoed. No flow control (the Go implementation kubectl uses sends none either).
 */
import { controlFrame, dataFrame, FLAG_FIN, FrameReader, GOAWAY, PING, RST_STREAM, SYN_REPLY, SYN_STREAM, u32, type Frame } from './frames.ts';
import { HeaderCompressor, HeaderDecompressor, type Headers } from './header-block.ts';

/** A byte stream under the SPDY connection: a TLS socket, or a WebSocket tunnel. */
export interface ByteChannel {
  write(data: Buffer): void;
  onData(cb: (data: Buffer) => void): void;
  onClose(cb: () => void): void;
  close(): void;
}

export class SpdyStream {
  private pending: Buffer[] = [];
  private ended = false;
  private dataCb: ((d: Buffer) => void) | undefined;
  private endCb: (() => void) | undefined;
  private localClosed = false;

  constructor(
    readonly id: number,
    readonly headers: Headers,
    private readonly conn: SpdyServerConnection,
  ) {}

  /** Data from the client; buffered until a reader is attached. */
  onData(cb: (d: Buffer) => void): void {
    this.dataCb = cb;
    for (const d of this.pending.splice(0)) cb(d);
  }

  /** The client half-closed (FIN) or reset the stream. */
  onEnd(cb: () => void): void {
    this.endCb = cb;
    if (this.ended) cb();
  }

  receive(data: Buffer): void {
    if (data.length === 0) return;
    if (this.dataCb) this.dataCb(data);
    else this.pending.push(data);
  }

  remoteEnd(): void {
    if (this.ended) return;
    this.ended = true;
    this.endCb?.();
  }

  get remoteEnded(): boolean {
    return this.ended;
  }

  write(data: Buffer): void {
    if (this.localClosed || data.length === 0) return;
    for (let off = 0; off < data.length; off += 0xffff) this.conn.send(dataFrame(this.id, 0, data.subarray(off, off + 0xffff)));
  }

  /** Half-closes our side (an empty DATA frame with FIN). */
  end(): void {
    if (this.localClosed) return;
    this.localClosed = true;
    this.conn.send(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
  }
}

export class SpdyServerConnection {
  private readonly reader = new FrameReader();
  private readonly compressor = new HeaderCompressor();
  private readonly decompressor = new HeaderDecompressor();
  private readonly streams = new Map<number, SpdyStream>();
  private closed = false;
  private readonly closeCbs: (() => void)[] = [];

  constructor(
    private readonly channel: ByteChannel,
    private readonly onStream: (s: SpdyStream) => void,
  ) {
    channel.onData((d) => {
      try {
        for (const f of this.reader.push(d)) this.handle(f);
      } catch {
        // A frame we cannot parse ends the connection, as a Go framer error does.
        this.close();
      }
    });
    channel.onClose(() => this.shutdown());
  }

  onClose(cb: () => void): void {
    if (this.closed) cb();
    else this.closeCbs.push(cb);
  }

  send(frame: Buffer): void {
    if (!this.closed) this.channel.write(frame);
  }

  close(): void {
    if (this.closed) return;
    this.send(controlFrame(GOAWAY, 0, u32(0, 0)));
    this.channel.close();
    this.shutdown();
  }

  private shutdown(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of this.streams.values()) s.remoteEnd();
    for (const cb of this.closeCbs.splice(0)) cb();
  }

  private handle(f: Frame): void {
    if (!f.control) {
      const s = this.streams.get(f.streamId);
      if (!s) return;
      s.receive(f.data);
      if (f.flags & FLAG_FIN) s.remoteEnd();
      return;
    }
    switch (f.type) {
      case SYN_STREAM: {
        const id = f.payload.readUInt32BE(0) & 0x7fffffff;
        const headers = this.decompressor.decompress(f.payload.subarray(10));
        const stream = new SpdyStream(id, headers, this);
        this.streams.set(id, stream);
        this.send(controlFrame(SYN_REPLY, 0, Buffer.concat([u32(id), this.compressor.compress(new Map())])));
        this.onStream(stream);
        if (f.flags & FLAG_FIN) stream.remoteEnd();
        return;
      }
      case RST_STREAM: {
        const id = f.payload.readUInt32BE(0) & 0x7fffffff;
        this.streams.get(id)?.remoteEnd();
        this.streams.delete(id);
        return;
      }
      case PING:
        this.send(controlFrame(PING, 0, f.payload));
        return;
      case GOAWAY:
        this.channel.close();
        this.shutdown();
        return;
      default:
        return;
    }
  }
}
