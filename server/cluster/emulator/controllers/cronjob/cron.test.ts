import { describe, expect, it } from 'vitest';
import { parseSchedule } from './cron.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString());

describe('cron schedules', () => {
  it('finds the next minute, step and list matches', () => {
    expect(iso(parseSchedule('*/1 * * * *').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-02T09:01:00.000Z');
    expect(iso(parseSchedule('*/15 * * * *').next(at('2026-03-02T09:00:30Z')))).toBe('2026-03-02T09:15:00.000Z');
    expect(iso(parseSchedule('5,35 9-10 * * *').next(at('2026-03-02T09:35:00Z')))).toBe('2026-03-02T10:05:00.000Z');
    expect(iso(parseSchedule('0 0 1 JAN *').next(at('2026-03-02T09:00:00Z')))).toBe('2027-01-01T00:00:00.000Z');
  });

  it('handles descriptors and the day-of-month / day-of-week OR rule', () => {
    expect(iso(parseSchedule('@hourly').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-02T10:00:00.000Z');
    expect(iso(parseSchedule('@daily').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-03T00:00:00.000Z');
    expect(iso(parseSchedule('@weekly').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-08T00:00:00.000Z');
    // 2026-03-02 is a Monday: "on the 15th or on Fridays" next fires Friday the 6th.
    expect(iso(parseSchedule('0 12 15 * FRI').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-06T12:00:00.000Z');
    expect(iso(parseSchedule('@every 1h30m').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-02T10:30:00.000Z');
  });

  it('runs on the wall clock of a time zone', () => {
    // 03:00 in Seoul (UTC+9) is 18:00 UTC the day before.
    expect(iso(parseSchedule('0 3 * * *', 'Asia/Seoul').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-02T18:00:00.000Z');
    expect(iso(parseSchedule('TZ=America/New_York 30 8 * * *').next(at('2026-03-02T09:00:00Z')))).toBe('2026-03-02T13:30:00.000Z');
  });

  it('rejects malformed schedules with robfig messages', () => {
    expect(() => parseSchedule('* * *')).toThrow('expected exactly 5 fields, found 3: [* * *]');
    expect(() => parseSchedule('61 * * * *')).toThrow('end of range (61) above maximum (59): 61');
  });
});
