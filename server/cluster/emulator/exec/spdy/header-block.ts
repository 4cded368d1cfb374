/**
 * SPDY/3 header blocks: name/value pairs compressed with one zlib stream per direction, primed with the SPDY
 * dictionary. We send stored (uncompressed) deflate blocks each closed by a sync-flush marker, which any zlib reader accepts; we read the peer's
 * stream by inflating everything received so far with a sync flush.
 */
import { constants, inflateSync } from 'node:zlib';
import { adler32, SPDY3_DICTIONARY } from './dictionary.ts';

export type Headers = Map<string, string>;

export function encodePairs(headers: Headers): Buffer {
  const parts: Buffer[] = [u32(headers.size)];
  for (const [k, v] of headers) {
    const name = Buffer.from(k.toLowerCase(), 'utf8');
    const value = Buffer.from(v, 'utf8');
    parts.push(u32(name.length), name, u32(value.length), value);
  }
  return Buffer.concat(parts);
}

export function decodePairs(buf: Buffer): Headers {
  const headers: Headers = new Map();
  let off = 0;
  const count = buf.readUInt32BE(off);
  off += 4;
  for (let i = 0; i < count && off < buf.length; i++) {
    const nl = buf.readUInt32BE(off);
    const name = buf.toString('utf8', off + 4, off + 4 + nl);
    off += 4 + nl;
    const vl = buf.readUInt32BE(off);
    const value = buf.toString('utf8', off + 4, off + 4 + vl);
    off += 4 + vl;
    headers.set(name, value);
  }
  return headers;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32BE(n >>> 0);
  return b;
}

/** Our side's compression stream: a zlib header naming the dictionary once, then stored blocks. */
export class HeaderCompressor {
  private started = false;

  compress(headers: Headers): Buffer {
    const raw = encodePairs(headers);
    const parts: Buffer[] = [];
    if (!this.started) {
      this.started = true;
      const cmf = 0x78;
      let flg = 0x20;
      flg += (31 - ((cmf * 256 + flg) % 31)) % 31;
      const dictId = Buffer.alloc(4);
      dictId.writeUInt32BE(adler32(SPDY3_DICTIONARY));
      parts.push(Buffer.from([cmf, flg]), dictId);
    }
    for (let off = 0; off < raw.length; off += 0xffff) {
      const chunk = raw.subarray(off, off + 0xffff);
      const head = Buffer.alloc(5);
      head.writeUInt16LE(chunk.length, 1);
      head.writeUInt16LE(~chunk.length & 0xffff, 3);
      parts.push(head, chunk);
    }
    // An empty stored block, as a sync flush ends: inflaters (Go's among them) hand out the data only at a flush point.
    parts.push(Buffer.from([0, 0, 0, 0xff, 0xff]));
    return Buffer.concat(parts);
  }
}

/** The peer's compression stream, decoded incrementally. */
export class HeaderDecompressor {
  private input: Buffer[] = [];
  private produced = 0;

  decompress(block: Buffer): Headers {
    this.input.push(block);
    const all = inflateSync(Buffer.concat(this.input), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    const fresh = all.subarray(this.produced);
    this.produced = all.length;
    return decodePairs(fresh);
  }
}
