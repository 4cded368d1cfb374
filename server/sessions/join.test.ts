import { describe, expect, it } from 'vitest';
import { openDatabase } from '../store/database.ts';
import { Learners } from '../store/learners.ts';
import { Workshops } from '../store/workshops.ts';
import { cleanName, JoinService } from './join.ts';
import { CookieSigner, readCookie } from './cookie.ts';

function setup() {
  const db = openDatabase(':memory:');
  const workshops = new Workshops(db);
  workshops.ensure('KUBE-42', 'EKS day');
  const learners = new Learners(db);
  return { service: new JoinService(workshops, learners), learners };
}

describe('joining a workshop', () => {
  it('creates a learner with a seat code and a Unix user of their own', () => {
    const { service } = setup();
    const a = service.join({ code: ' kube-42 ', name: '  Ada   Lovelace ' }, undefined);
    const b = service.join({ code: 'kube-42', name: 'Grace' }, undefined);
    expect(a.response).toMatchObject({ ok: true, me: { name: 'Ada Lovelace', workshop: { code: 'kube-42', title: 'EKS day' } } });
    expect(a.learner!.seatCode).toMatch(/^\d{6}$/);
    expect(b.learner!.uid).toBe(a.learner!.uid + 1);
  });

  it('refuses an unknown code and an empty name with a clear message', () => {
    const { service } = setup();
    expect(service.join({ code: 'nope', name: 'Ada' }, undefined).response).toMatchObject({ ok: false, reason: 'unknown-workshop' });
    expect(service.join({ code: 'kube-42', name: '   ' }, undefined).response).toMatchObject({ ok: false, reason: 'invalid-name' });
  });

  it('asks another browser for the seat code before giving it the seat', () => {
    const { service } = setup();
    const first = service.join({ code: 'kube-42', name: 'Ada' }, undefined).learner!;
    expect(service.join({ code: 'kube-42', name: 'ADA' }, first).learner?.id).toBe(first.id);
    expect(service.join({ code: 'kube-42', name: 'ada' }, undefined).response).toMatchObject({ ok: false, reason: 'seat-taken' });
    expect(service.join({ code: 'kube-42', name: 'ada', seatCode: 'x' }, undefined).response).toMatchObject({ ok: false, reason: 'wrong-seat-code' });
    expect(service.join({ code: 'kube-42', name: 'ada', seatCode: first.seatCode }, undefined).learner?.id).toBe(first.id);
  });

  it('stops guessing after five wrong seat codes', () => {
    const { service } = setup();
    const first = service.join({ code: 'kube-42', name: 'Ada' }, undefined).learner!;
    for (let i = 0; i < 5; i++) service.join({ code: 'kube-42', name: 'Ada', seatCode: '000000' === first.seatCode ? '111111' : '000000' }, undefined);
    const locked = service.join({ code: 'kube-42', name: 'Ada', seatCode: first.seatCode }, undefined);
    expect(locked.response).toMatchObject({ ok: false, reason: 'wrong-seat-code', message: expect.stringContaining('Too many') });
  });

  it('tidies names', () => {
    expect(cleanName('a'.repeat(41))).toMatchObject({ ok: false });
    expect(cleanName('---')).toMatchObject({ ok: false });
    expect(cleanName('Zoë\tK.')).toEqual({ ok: true, value: 'Zoë K.' });
  });
});

describe('session cookie', () => {
  it('signs and verifies, and rejects tampering', () => {
    const signer = new CookieSigner('secret');
    const value = signer.sign('l123');
    expect(signer.verify(value)).toBe('l123');
    expect(signer.verify(value.replace('l123', 'l124'))).toBeUndefined();
    expect(new CookieSigner('other').verify(value)).toBeUndefined();
    expect(readCookie(`a=b; podium_session=${encodeURIComponent(value)}`, 'podium_session')).toBe(value);
  });
});
