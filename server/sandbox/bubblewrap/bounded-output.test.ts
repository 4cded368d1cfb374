import { describe, expect, it } from 'vitest';
import { BoundedOutput } from './bounded-output.ts';

describe('BoundedOutput', () => {
  it('keeps everything under the bound', () => {
    const out = new BoundedOutput(10);
    out.push(Buffer.from('hello '));
    out.push(Buffer.from('you'));
    expect(out.text()).toBe('hello you');
  });

  it('keeps the first bytes and says how many were dropped', () => {
    const out = new BoundedOutput(4);
    out.push(Buffer.from('abc'));
    out.push(Buffer.from('defg'));
    out.push(Buffer.from('hij'));
    expect(out.text()).toBe('abcd\n[podium: 6 more bytes of output were dropped]\n');
  });
});
