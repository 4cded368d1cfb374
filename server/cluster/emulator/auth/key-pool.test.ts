import { describe, expect, it } from 'vitest';
import { parseJwt, signJwt, verifyJwt } from './jwt.ts';
import { SigningKeyPool } from './key-pool.ts';

describe('signing key pool', () => {
  it('hands out RS256 keys at once and refills in the background', async () => {
    const pool = new SigningKeyPool(1);
    const first = pool.take();
    expect(first.alg).toBe('RS256');
    const token = signJwt(first, { sub: 'system:serviceaccount:default:bot' });
    expect(JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString())).toEqual({ alg: 'RS256', kid: first.kid });
    expect(verifyJwt(parseJwt(token)!, first)).toBe(true);
    const deadline = Date.now() + 10_000;
    while (pool.available === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(pool.available).toBe(1);
    const second = pool.take();
    expect([second.alg, second.kid === first.kid]).toEqual(['RS256', false]);
  });
});
