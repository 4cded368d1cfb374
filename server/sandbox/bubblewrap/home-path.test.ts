import { describe, expect, it } from 'vitest';
import { homeRelativePath, isWithin } from './home-path.ts';

describe('homeRelativePath', () => {
  it.each([
    ['notes.txt', 'notes.txt'],
    ['~/notes.txt', 'notes.txt'],
    ['/home/learner/.kube/config', '.kube/config'],
    ['a/./b/../c', 'a/c'],
    ['dir/', 'dir'],
    ['~', ''],
    ['/home/learner', ''],
  ])('%s → %s', (name, rel) => expect(homeRelativePath(name)).toBe(rel));

  it.each(['../other/secret', 'a/../../x', '/etc/passwd', '/home/learnerx/f', 'a\0b', '..'])('refuses %s', (name) => {
    expect(homeRelativePath(name)).toBeUndefined();
  });

  it('does not expand ~user: it is an ordinary name', () => {
    expect(homeRelativePath('~other/f')).toBe('~other/f');
  });
});

describe('isWithin', () => {
  it('compares whole path components', () => {
    expect(isWithin('/data/homes/a', '/data/homes/a/x')).toBe(true);
    expect(isWithin('/data/homes/a', '/data/homes/a')).toBe(true);
    expect(isWithin('/data/homes/a', '/data/homes/ab/x')).toBe(false);
    expect(isWithin('/', '/etc')).toBe(true);
  });
});
