import { describe, expect, it } from 'vitest';
import { durationJson, intOrStringJson, microTimeJson, timeJson } from './well-known.ts';

describe('well-known protobuf types as JSON', () => {
  it('formats Time and MicroTime', () => {
    expect(timeJson(0, 0)).toBeNull();
    expect(timeJson(1767261600, 0)).toBe('2026-01-01T10:00:00Z');
    expect(microTimeJson(1767261600, 123456789)).toBe('2026-01-01T10:00:00.123456Z');
  });

  it('formats Duration as Go does', () => {
    expect(durationJson(0)).toBe('0s');
    expect(durationJson(3600e9)).toBe('1h0m0s');
    expect(durationJson(90e9)).toBe('1m30s');
    expect(durationJson(1.5e9)).toBe('1.5s');
    expect(durationJson(300e6)).toBe('300ms');
    expect(durationJson(-2e9)).toBe('-2s');
  });

  it('picks the IntOrString variant', () => {
    expect(intOrStringJson(0, 8080, '')).toBe(8080);
    expect(intOrStringJson(1, 0, 'http')).toBe('http');
  });
});
