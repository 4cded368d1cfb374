import { describe, expect, it } from 'vitest';
import { decodeClientMessage, encodeOutput, encodeStatus } from './protocol.ts';

describe('terminal protocol', () => {
  it('decodes input, resize and ack', () => {
    expect(decodeClientMessage('ils -l\r', 100)).toEqual({ type: 'input', data: 'ls -l\r' });
    expect(decodeClientMessage('r120,40', 100)).toEqual({ type: 'resize', cols: 120, rows: 40 });
    expect(decodeClientMessage('a16384', 100)).toEqual({ type: 'ack', count: 16384 });
  });

  it('refuses oversized input and malformed frames', () => {
    expect(decodeClientMessage(`i${'x'.repeat(101)}`, 100)).toMatchObject({ type: 'invalid' });
    for (const frame of ['', 'r0,10', 'r10', 'r1e3,5', 'a-1', 'a', 'zzz', 'a99999999999']) {
      expect(decodeClientMessage(frame, 100).type, frame).toBe('invalid');
    }
  });

  it('encodes output and status', () => {
    expect(encodeOutput('hi')).toBe('ohi');
    expect(encodeStatus({ readOnly: true, shell: 'running' })).toBe('s{"readOnly":true,"shell":"running"}');
  });
});
