import { describe, expect, it } from 'vitest';
import { fieldOfRefusal, joinFormErrors, joinHref, safeNext } from './join.ts';

describe('join helpers', () => {
  it('goes on only to a path of this site', () => {
    expect(safeNext('/labs/deploy/')).toBe('/labs/deploy/');
    expect(safeNext(null)).toBe('/');
    expect(safeNext('https://evil.example/')).toBe('/');
    expect(safeNext('//evil.example/')).toBe('/');
    expect(safeNext('/\\evil.example')).toBe('/');
  });

  it('sends a visitor to /join with the page to come back to', () => {
    expect(joinHref('/labs/deploy/', '?x=1')).toBe('/join?next=%2Flabs%2Fdeploy%2F%3Fx%3D1');
  });

  it('shows a refusal next to its field', () => {
    expect(fieldOfRefusal('unknown-workshop')).toBe('code');
    expect(fieldOfRefusal('invalid-name')).toBe('name');
    expect(fieldOfRefusal('wrong-seat-code')).toBe('seatCode');
  });

  it('checks the form before sending it', () => {
    expect(joinFormErrors({ code: ' ', name: 'Ana', seatAsked: false })).toHaveProperty('code');
    expect(joinFormErrors({ code: 'K', name: '', seatAsked: false })).toHaveProperty('name');
    expect(joinFormErrors({ code: 'K', name: 'Ana', seatAsked: true, seatCode: '' })).toHaveProperty('seatCode');
    expect(joinFormErrors({ code: 'K', name: 'Ana', seatAsked: true, seatCode: '4821' })).toEqual({});
  });
});
