import { describe, expect, it } from 'vitest';
import { eksVersion } from '../bootstrap/versions.ts';
import { DEFAULT_KERNEL_RELEASE } from './kernel.ts';

describe('kernel fallback', () => {
  it('is the kernel the default node image reports', () => {
    expect(DEFAULT_KERNEL_RELEASE).toBe(eksVersion('1.32').node.kernelVersion);
  });
});
