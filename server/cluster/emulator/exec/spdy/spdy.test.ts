import { constants, createDeflate, inflateSync } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { adler32, SPDY3_DICTIONARY } from './dictionary.ts';
import { controlFrame, dataFrame, FrameReader, SYN_REPLY, SYN_STREAM, u32 } from './frames.ts';
import { decodePairs, encodePairs, HeaderCompressor, HeaderDecompressor } from './header-block.ts';
import { SpdyServerConnection, type ByteChannel } from './connection.ts';

describe('SPDY/3 header compression', () => {
  test('the dictionary is the one both ends use (1423 bytes, Adler-32 e3c6a7c2)', () => {
    expect(SPDY3_DICTIONARY.length).toBe(1423);
    expect(adler32(SPDY3_DICTIONARY).toString(16)).toBe('e3c6a7c2');
  });

  test('our blocks form one zlib stream a standard inflater reads, each ending at a flush point', () => {
    const c = new HeaderCompressor();
    const a = c.compress(new Map());
    const b = c.compress(new Map([['streamtype', 'data']]));
    expect(a.subarray(0, 6).toString('hex')).toBe('7820e3c6a7c2');
    expect(a.subarray(-5).toString('hex')).toBe('000000ffff');
    const all = inflateSync(Buffer.concat([a, b]), { dictionary: SPDY3_DICTIONARY, finishFlush: constants.Z_SYNC_FLUSH });
    expect(decodePairs(all.subarray(4))).toEqual(new Map([['streamtype', 'data']]));
  });

  test('the peer’s blocks, one zlib stream flushed after each (as Go’s framer writes them), are read one at a time', async () => {
    const deflate = createDeflate({ dictionary: SPDY3_DICTIONARY });
    const out: Buffer[] = [];
    deflate.on('data', (c: Buffer) => out.push(c));
    const block = async (m: Map<string, string>) => {
      out.length = 0;
      deflate.write(encodePairs(m));
      await new Promise((r) => deflate.flush(constants.Z_SYNC_FLUSH, () => r(undefined)));
      return Buffer.concat(out);
    };
    const d = new HeaderDecompressor();
    const error = new Map([['streamtype', 'error'], ['port', '80'], ['requestid', '0']]);
    const data = new Map([['streamtype', 'data'], ['port', '80'], ['requestid', '0']]);
    expect(d.decompress(await block(error))).toEqual(error);
    expect(d.decompress(await block(data))).toEqual(data);
    deflate.close();
  });
});

describe('a server connection', () => {
  test('accepts streams with an empty SYN_REPLY, echoes data back when asked, ends with FIN', () => {
    const sent: Buffer[] = [];
    let deliver: (d: Buffer) => void = () => undefined;
    const channel: ByteChannel = { write: (d) => sent.push(d), onData: (cb) => (deliver = cb), onClose: () => undefined, close: () => undefined };
    new SpdyServerConnection(channel, (s) => {
      s.onData((d) => s.write(d));
      s.onEnd(() => s.end());
    });
    const client = new HeaderCompressor();
    deliver(controlFrame(SYN_STREAM, 0, Buffer.concat([u32(1, 0), Buffer.from([0, 0]), client.compress(new Map([['streamtype', 'data']]))])));
    deliver(dataFrame(1, 1, Buffer.from('ping')));
    const frames = new FrameReader().push(Buffer.concat(sent));
    expect(frames.map((f) => (f.control ? `ctl ${f.type}` : `data ${f.streamId} ${f.flags} ${f.data.toString()}`))).toEqual([`ctl ${SYN_REPLY}`, 'data 1 0 ping', 'data 1 1 ']);
  });
});
