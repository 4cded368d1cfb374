import { describe, expect, it } from 'vitest';
import { canonicalQuantity } from './quantity.ts';

describe('canonical quantities', () => {
  it('prints fractional binary quantities in the largest whole unit', () => {
    expect(canonicalQuantity('0.5Gi')).toBe('512Mi');
    expect(canonicalQuantity('1.5Gi')).toBe('1536Mi');
    expect(canonicalQuantity('1.5Ki')).toBe('1536');
    expect(canonicalQuantity('0.3Ki')).toBe('307200m');
  });

  it('prints decimal quantities with an SI suffix', () => {
    expect(canonicalQuantity('0.5')).toBe('500m');
    expect(canonicalQuantity('2000m')).toBe('2');
    expect(canonicalQuantity('1024Mi')).toBe('1Gi');
    expect(canonicalQuantity(1e3)).toBe('1k');
  });
});
