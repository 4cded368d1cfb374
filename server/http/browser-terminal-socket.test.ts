import { describe, expect, it } from 'vitest';
import { AckLedger } from './browser-terminal-socket.ts';

describe('AckLedger', () => {
  it('turns acknowledged bytes into characters, across frames and partial acks', () => {
    const ledger = new AckLedger();
    ledger.sent(5, 5); // "hello"
    ledger.sent(6, 2); // "é€" is 2 + 3 bytes … and 1 more ASCII
    expect(ledger.acked(3)).toBe(0);
    expect(ledger.acked(2)).toBe(5);
    expect(ledger.acked(6)).toBe(2);
    expect(ledger.acked(10)).toBe(0);
  });
});
