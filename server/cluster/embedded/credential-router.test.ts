import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { ApiError } from '../emulator/meta/errors.ts';
import type { ClusterRuntime } from '../emulator/apiserver/http/runtime.ts';
import { createCredentialRouter } from './credential-router.ts';

/** A runtime that accepts one token (and throws 401 for other tokens, as the authenticator does). */
function runtime(id: string, token: string, calls: string[]): ClusterRuntime {
  return {
    id,
    authenticate(req: IncomingMessage) {
      calls.push(id);
      const auth = req.headers.authorization;
      if (!auth) return { username: 'system:anonymous', groups: ['system:unauthenticated'] };
      if (auth === `Bearer ${token}`) return { username: `owner-of-${id}`, groups: ['system:authenticated'] };
      throw new ApiError(401, 'Unauthorized', 'Unauthorized');
    },
  } as unknown as ClusterRuntime;
}

const request = (authorization?: string) => ({ headers: authorization ? { authorization } : {} }) as IncomingMessage;

describe('the credential router of a learner socket', () => {
  it('routes a request to the cluster that accepts its token, and remembers the answer', () => {
    const calls: string[] = [];
    const clusters = new Map([
      ['c-1', runtime('c-1', 'one', calls)],
      ['c-2', runtime('c-2', 'two', calls)],
    ]);
    const route = createCredentialRouter(() => [...clusters.keys()], (id) => clusters.get(id));
    expect(route(request('Bearer two'))?.id).toBe('c-2');
    expect(calls).toEqual(['c-1', 'c-2']);
    expect(route(request('Bearer two'))?.id).toBe('c-2');
    expect(calls).toHaveLength(2);
    expect(route(request('Bearer one'))?.id).toBe('c-1');
  });

  it('sends anonymous requests and unknown tokens to the first cluster, which refuses them itself', () => {
    const clusters = new Map([
      ['c-1', runtime('c-1', 'one', [])],
      ['c-2', runtime('c-2', 'two', [])],
    ]);
    const route = createCredentialRouter(() => [...clusters.keys()], (id) => clusters.get(id));
    expect(route(request())?.id).toBe('c-1');
    expect(route(request('Bearer someone-elses'))?.id).toBe('c-1');
  });

  it('forgets a cluster that is gone and finds nothing when there are none', () => {
    const clusters = new Map([
      ['c-1', runtime('c-1', 'one', [])],
      ['c-2', runtime('c-2', 'two', [])],
    ]);
    const route = createCredentialRouter(() => [...clusters.keys()], (id) => clusters.get(id));
    expect(route(request('Bearer two'))?.id).toBe('c-2');
    clusters.delete('c-2');
    expect(route(request('Bearer two'))?.id).toBe('c-1');
    clusters.clear();
    expect(route(request('Bearer one'))).toBeUndefined();
  });
});
