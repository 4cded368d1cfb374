import { describe, expect, it } from 'vitest';
import { humanDuration, translateTimestampSince } from './duration.ts';
import { ago, NOW } from './test-fixtures.ts';

const s = 1000;
const m = 60 * s;
const h = 60 * m;
const d = 24 * h;
const y = 365 * d;

// apimachinery pkg/util/duration HumanDuration, threshold by threshold.
describe('humanDuration', () => {
  it.each([
    [-2 * s, '<invalid>'],
    [-1999, '0s'], // truncates to -1s: tolerated clock skew
    [-1 * s, '0s'],
    [-1, '0s'],
    [0, '0s'],
    [999, '0s'],
    [1 * s, '1s'],
    [59 * s, '59s'],
    [60 * s, '60s'],
    [90 * s, '90s'],
    [119 * s + 999, '119s'],
    [2 * m, '2m'],
    [2 * m + 1 * s, '2m1s'],
    [5 * m + 10 * s, '5m10s'],
    [9 * m + 59 * s, '9m59s'],
    [10 * m, '10m'],
    [10 * m + 30 * s, '10m'],
    [59 * m, '59m'],
    [2 * h + 59 * m + 59 * s, '179m'],
    [3 * h, '3h'],
    [3 * h + 10 * m, '3h10m'],
    [7 * h + 59 * m, '7h59m'],
    [8 * h, '8h'],
    [8 * h + 30 * m, '8h'],
    [47 * h + 59 * m, '47h'],
    [48 * h, '2d'],
    [2 * d + 3 * h, '2d3h'],
    [7 * d + 23 * h, '7d23h'],
    [8 * d, '8d'],
    [8 * d + 5 * h, '8d'],
    [120 * d, '120d'],
    [729 * d + 23 * h, '729d'],
    [2 * y, '2y'],
    [2 * y + 100 * d, '2y100d'],
    [7 * y + 364 * d, '7y364d'],
    [8 * y, '8y'],
    [8 * y + 200 * d, '8y'],
    [30 * y, '30y'],
  ])('%d ms → %s', (ms, want) => {
    expect(humanDuration(ms)).toBe(want);
  });
});

// printers.go translateTimestampSince.
describe('translateTimestampSince', () => {
  it('prints the age of a timestamp', () => {
    expect(translateTimestampSince(ago('45s'), NOW)).toBe('45s');
    expect(translateTimestampSince('2025-05-31T12:00:00Z', NOW)).toBe('24h');
    expect(translateTimestampSince('2025-06-01T11:59:59.123456Z', NOW)).toBe('0s');
  });

  it('prints <unknown> for a missing or zero timestamp', () => {
    expect(translateTimestampSince(undefined, NOW)).toBe('<unknown>');
    expect(translateTimestampSince(null, NOW)).toBe('<unknown>');
    expect(translateTimestampSince('', NOW)).toBe('<unknown>');
  });

  it('prints <invalid> for a timestamp in the future', () => {
    expect(translateTimestampSince('2025-06-01T12:05:00Z', NOW)).toBe('<invalid>');
  });
});
