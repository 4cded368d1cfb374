import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from './quantity.ts';

// apimachinery pkg/api/resource Quantity.String (CanonicalizeBytes).
describe('canonicalQuantity', () => {
  it.each([
    ['20Gi', '20Gi'],
    ['2048Mi', '2Gi'],
    ['1536Mi', '1536Mi'],
    ['1.5Gi', '1536Mi'],
    ['0.5Gi', '512Mi'],
    ['512Ki', '512Ki'],
    ['0.5Ki', '512'], // binary below 1024 becomes decimal
    ['100m', '100m'],
    ['0.5', '500m'],
    ['1000m', '1'],
    ['1500m', '1500m'],
    ['2000', '2k'],
    ['1500', '1500'],
    ['4', '4'],
    ['10G', '10G'],
    ['0', '0'],
    ['0Gi', '0'],
    ['1e3', '1e3'],
    ['12e2', '1200'],
    ['-1.5', '-1500m'],
    ['1.0000000001', '1000000001n'], // finer than nano rounds up
  ])('%s → %s', (input, want) => {
    expect(canonicalQuantity(input)).toBe(want);
  });

  it('keeps what does not parse, and reads numbers', () => {
    expect(canonicalQuantity('lots')).toBe('lots');
    expect(canonicalQuantity(3)).toBe('3');
  });
});
