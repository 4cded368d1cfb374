import { describe, expect, it } from 'vitest';
import { healthReport } from './health-checks.ts';

const q = (s = '') => new URLSearchParams(s);

describe('health endpoints', () => {
  it('answers ok, or every check and a verdict when verbose', () => {
    expect(healthReport('readyz', undefined, q())).toBe('ok');
    const verbose = healthReport('readyz', undefined, q('verbose'))!.split('\n');
    expect(verbose.slice(0, 5)).toEqual(['[+]ping ok', '[+]log ok', '[+]etcd ok', '[+]etcd-readiness ok', '[+]informer-sync ok']);
    expect(verbose.slice(-3)).toEqual(['[+]shutdown ok', 'readyz check passed', '']);
    expect(verbose).toContain('[+]poststarthook/rbac/bootstrap-roles ok');
  });

  it('leaves readiness-only checks out of liveness', () => {
    const live = healthReport('livez', undefined, q('verbose=true'))!;
    expect(live).not.toMatch(/^\[\+\](etcd-readiness|informer-sync|shutdown) /m);
    expect(live.endsWith('[+]poststarthook/apiservice-openapiv3-controller ok\nlivez check passed\n')).toBe(true);
    expect(healthReport('healthz', undefined, q('verbose'))!.endsWith('healthz check passed\n')).toBe(true);
  });

  it('excludes checks by name and warns of names it does not know', () => {
    const text = healthReport('readyz', undefined, q('verbose&exclude=etcd&exclude=nope&exclude=bogus'))!;
    expect(text).toContain('[+]etcd excluded: ok\n');
    expect(text).toContain('[+]etcd-readiness ok\n');
    expect(text).toContain('warn: some health checks cannot be excluded: no matches for "bogus", "nope"\nreadyz check passed\n');
  });

  it('answers for one check, and not for a check it does not have', () => {
    expect(healthReport('readyz', 'etcd', q())).toBe('ok');
    expect(healthReport('readyz', 'poststarthook/rbac/bootstrap-roles', q())).toBe('ok');
    expect(healthReport('livez', 'shutdown', q())).toBeUndefined();
  });
});
