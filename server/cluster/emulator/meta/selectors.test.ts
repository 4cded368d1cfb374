import { describe, expect, it } from 'vitest';
import { formatSelector, fromLabelSelector, matches, matchesFields, parseFieldSelector, parseLabelSelector } from './selectors.ts';

describe('label selectors', () => {
  it('parses every operator', () => {
    expect(parseLabelSelector('app=web, tier!=db,env in (prod, stage),!legacy,release,x==y')).toEqual([
      { key: 'app', operator: 'Equals', values: ['web'] },
      { key: 'tier', operator: 'NotEquals', values: ['db'] },
      { key: 'env', operator: 'In', values: ['prod', 'stage'] },
      { key: 'legacy', operator: 'DoesNotExist', values: [] },
      { key: 'release', operator: 'Exists', values: [] },
      { key: 'x', operator: 'Equals', values: ['y'] },
    ]);
    expect(parseLabelSelector('')).toEqual([]);
  });

  it('matches labels', () => {
    const sel = parseLabelSelector('app=web,env notin (dev),!legacy');
    expect(matches(sel, { app: 'web', env: 'prod' })).toBe(true);
    expect(matches(sel, { app: 'web' })).toBe(true);
    expect(matches(sel, { app: 'web', env: 'dev' })).toBe(false);
    expect(matches(sel, { app: 'web', legacy: 'true' })).toBe(false);
    expect(matches(sel, {})).toBe(false);
  });

  it('rejects bad syntax with upstream-like messages', () => {
    expect(() => parseLabelSelector('app=we b')).toThrowError(/unable to parse requirement/);
    expect(() => parseLabelSelector('env in prod')).toThrowError(/expected: '\('/);
    expect(() => parseLabelSelector('-bad=1')).toThrowError(/name part must consist of alphanumeric/);
  });

  it('converts LabelSelector objects and prints sorted', () => {
    const sel = fromLabelSelector({ matchLabels: { tier: 'web', app: 'shop' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['b', 'a'] }] });
    expect(formatSelector(sel!)).toBe('app=shop,env in (a,b),tier=web');
    expect(fromLabelSelector(null)).toBeUndefined();
    expect(matches(fromLabelSelector({})!, { any: 'thing' })).toBe(true);
  });
});

describe('field selectors', () => {
  it('parses and matches with escapes', () => {
    const reqs = parseFieldSelector('metadata.name=web,status.phase!=Running,spec.x=a\\,b');
    expect(reqs).toEqual([
      { field: 'metadata.name', operator: 'Equals', value: 'web' },
      { field: 'status.phase', operator: 'NotEquals', value: 'Running' },
      { field: 'spec.x', operator: 'Equals', value: 'a,b' },
    ]);
    expect(matchesFields(reqs, { 'metadata.name': 'web', 'status.phase': 'Pending', 'spec.x': 'a,b' })).toBe(true);
    expect(matchesFields(reqs, { 'metadata.name': 'web', 'status.phase': 'Running', 'spec.x': 'a,b' })).toBe(false);
    expect(() => parseFieldSelector('nonsense')).toThrowError(/invalid selector/);
  });
});
