import { describe, expect, it } from 'vitest';
import { matchesSelector, parseSelector, type Requirement } from './selector.ts';

function reqs(text: string): Requirement[] {
  const parsed = parseSelector(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.requirements;
}

describe('label selectors', () => {
  it('parses every form', () => {
    expect(reqs('app=web, tier!=db,env in (dev, qa),!legacy,team,x==y,k notin (a)')).toEqual([
      { key: 'app', op: 'in', values: ['web'] },
      { key: 'tier', op: 'notIn', values: ['db'] },
      { key: 'env', op: 'in', values: ['dev', 'qa'] },
      { key: 'legacy', op: 'notExists' },
      { key: 'team', op: 'exists' },
      { key: 'x', op: 'in', values: ['y'] },
      { key: 'k', op: 'notIn', values: ['a'] },
    ]);
    expect(reqs('')).toEqual([]);
    expect(reqs('app.kubernetes.io/name=web')[0]?.key).toBe('app.kubernetes.io/name');
  });

  it('rejects typos', () => {
    expect(parseSelector('app=web,').ok).toBe(false);
    expect(parseSelector('app=we b').ok).toBe(false);
    expect(parseSelector('app:web')).toMatchObject({ ok: false, error: expect.stringContaining('"app:web" is not a requirement') });
  });

  it('matches labels', () => {
    const labels = { app: 'web', env: 'dev' };
    expect(matchesSelector(reqs('app=web'), labels)).toBe(true);
    expect(matchesSelector(reqs('app=web,env in (qa)'), labels)).toBe(false);
    expect(matchesSelector(reqs('tier!=db,!legacy'), labels)).toBe(true);
    expect(matchesSelector(reqs('env'), labels)).toBe(true);
    expect(matchesSelector(reqs('env notin (dev)'), labels)).toBe(false);
    expect(matchesSelector(reqs('app=web'), undefined)).toBe(false);
    expect(matchesSelector([], undefined)).toBe(true);
  });
});
