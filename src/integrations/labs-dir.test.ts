import { describe, expect, it } from 'vitest';
import { labsDir } from './labs-dir.ts';

describe('labsDir', () => {
  it('is labs/ unless PODIUM_LABS_DIR names another folder', () => {
    expect(labsDir({})).toBe('./labs');
    expect(labsDir({ PODIUM_LABS_DIR: ' ' })).toBe('./labs');
    expect(labsDir({ PODIUM_LABS_DIR: 'tests/fixtures/labs/' })).toBe('tests/fixtures/labs');
  });
});
