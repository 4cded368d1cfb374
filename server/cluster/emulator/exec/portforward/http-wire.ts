/** HTTP/1.x requests read off a byte stream (pipelining allowed), and responses written back as bytes. */
import type { HttpRequest, HttpResponse } from '../http-message.ts';

export class RequestParser {
  private buf: Buffer = Buffer.alloc(0);

  /** Complete requests in the bytes received so far; `bad` when the bytes are not HTTP at all. */
  push(chunk: Buffer, remoteAddress: string): HttpRequest[] | 'bad' {
    this.buf = Buffer.concat([this.buf, chunk]);
    const out: HttpRequest[] = [];
    for (;;) {
      const end = this.buf.indexOf('\r\n\r\n');
      if (end < 0) return this.buf.length > 65536 ? 'bad' : out;
      const head = this.buf.toString('latin1', 0, end).split('\r\n');
      const m = /^([A-Z]+) (\S+) (HTTP\/1\.[01])$/.exec(head[0] ?? '');
      if (!m) return 'bad';
      const headers = head.slice(1).map((l): [string, string] => {
        const i = l.indexOf(':');
        return [l.slice(0, i).trim(), l.slice(i + 1).trim()];
      });
      const length = Number(headers.find(([k]) => k.toLowerCase() === 'content-length')?.[1] ?? 0);
      if (this.buf.length < end + 4 + length) return out;
      const body = this.buf.toString('utf8', end + 4, end + 4 + length);
      this.buf = this.buf.subarray(end + 4 + length);
      out.push({ method: m[1]!, target: m[2]!, version: m[3]!, headers, body, remoteAddress });
    }
  }
}

export function responseBytes(req: HttpRequest, res: HttpResponse): Buffer {
  const head = `${req.version === 'HTTP/1.0' ? 'HTTP/1.0' : 'HTTP/1.1'} ${res.status} ${res.reason}\r\n${res.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('')}\r\n`;
  return Buffer.concat([Buffer.from(head, 'latin1'), req.method === 'HEAD' ? Buffer.alloc(0) : Buffer.from(res.body, 'utf8')]);
}

/** Whether the server closes the connection after answering. */
export function closesAfter(req: HttpRequest): boolean {
  const conn = req.headers.find(([k]) => k.toLowerCase() === 'connection')?.[1]?.toLowerCase();
  return conn === 'close' || (req.version === 'HTTP/1.0' && conn !== 'keep-alive');
}
