/**
 * Cron schedules as CronJobs read them (robfig/cron's standard parser): five fields (minute, hour, day of
 * month, month, day of week) with `*`, `?`, lists, ranges, steps and month/day names; the descriptors
 * @yearly @annually @monthly @weekly @daily @midnight @hourly and @every <duration>; an optional
 * `TZ=` / `CRON_TZ=` prefix. `next()` works on the wall clock of the schedule's time zone.
 */
import { wallFromInstant, instantFromWall } from './zone.ts';

interface Bounds {
  min: number;
  max: number;
  names?: Record<string, number>;
}

const MONTHS: Record<string, number> = { jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, oct: 10, nov: 11, dec: 12 };
const DAYS: Record<string, number> = { sun: 0, mon: 1, tue: 2, wed: 3, thu: 4, fri: 5, sat: 6 };
const FIELDS: Bounds[] = [
  { min: 0, max: 59 },
  { min: 0, max: 23 },
  { min: 1, max: 31 },
  { min: 1, max: 12, names: MONTHS },
  { min: 0, max: 6, names: DAYS },
];
const DESCRIPTORS: Record<string, string> = {
  '@yearly': '0 0 1 1 *',
  '@annually': '0 0 1 1 *',
  '@monthly': '0 0 1 * *',
  '@weekly': '0 0 * * 0',
  '@daily': '0 0 * * *',
  '@midnight': '0 0 * * *',
  '@hourly': '0 * * * *',
};

export class CronError extends Error {}

export interface Schedule {
  /** The first activation strictly after `ms` (epoch milliseconds), or undefined if none within 5 years. */
  next(ms: number): number | undefined;
}

/** A field: the set of allowed values, and whether it was a bare `*`/`?` (for the day-of-month/day-of-week rule). */
interface Field {
  values: Set<number>;
  star: boolean;
}

function parseValue(text: string, b: Bounds): number {
  const named = b.names?.[text.toLowerCase()];
  if (named !== undefined) return named;
  if (!/^\d+$/.test(text)) throw new CronError(`failed to parse int from ${text}: strconv.Atoi: parsing "${text}": invalid syntax`);
  return Number(text);
}

function parseField(text: string, b: Bounds): Field {
  const values = new Set<number>();
  let star = false;
  for (const part of text.split(',')) {
    const [range, stepText, ...extra] = part.split('/');
    if (extra.length > 0) throw new CronError(`too many slashes: ${part}`);
    let start: number;
    let end: number;
    let isStar = false;
    if (range === '*' || range === '?') {
      start = b.min;
      end = b.max;
      isStar = true;
    } else {
      const bounds = range!.split('-');
      if (bounds.length > 2) throw new CronError(`too many hyphens: ${part}`);
      start = parseValue(bounds[0]!, b);
      end = bounds.length === 2 ? parseValue(bounds[1]!, b) : start;
    }
    let step = 1;
    if (stepText !== undefined) {
      if (!/^\d+$/.test(stepText)) throw new CronError(`failed to parse int from ${stepText}: strconv.Atoi: parsing "${stepText}": invalid syntax`);
      step = Number(stepText);
      // `N/step` means N through the maximum.
      if (!range!.includes('-') && !isStar) end = b.max;
      if (step > 1) isStar = false;
    }
    if (start < b.min) throw new CronError(`beginning of range (${start}) below minimum (${b.min}): ${part}`);
    if (end > b.max) throw new CronError(`end of range (${end}) above maximum (${b.max}): ${part}`);
    if (start > end) throw new CronError(`beginning of range (${start}) beyond end of range (${end}): ${part}`);
    if (step === 0) throw new CronError(`step of range should be a positive number: ${part}`);
    for (let v = start; v <= end; v += step) values.add(v);
    star ||= isStar;
  }
  return { values, star };
}

/** Parses a CronJob schedule; throws CronError with robfig-style messages. */
export function parseSchedule(spec: string, defaultZone?: string): Schedule {
  let text = spec.trim();
  let zone = defaultZone;
  const tz = /^(?:CRON_TZ|TZ)=(\S+)\s+/.exec(text);
  if (tz) {
    zone = tz[1];
    text = text.slice(tz[0].length).trim();
  }
  if (zone) wallFromInstant(0, zone); // throws on an unknown zone
  if (text.startsWith('@every ')) return everySchedule(text.slice(7).trim());
  if (text.startsWith('@')) {
    const d = DESCRIPTORS[text];
    if (!d) throw new CronError(`unrecognized descriptor: ${text}`);
    text = d;
  }
  const parts = text.split(/\s+/).filter(Boolean);
  if (parts.length !== 5) throw new CronError(`expected exactly 5 fields, found ${parts.length}: [${parts.join(' ')}]`);
  const [minute, hour, dom, month, dow] = parts.map((p, i) => parseField(p, FIELDS[i]!)) as [Field, Field, Field, Field, Field];
  return {
    next(ms) {
      return nextTime({ minute, hour, dom, month, dow }, ms, zone);
    },
  };
}

function everySchedule(text: string): Schedule {
  const m = /^(\d+h)?(\d+m)?(\d+s)?$/.exec(text);
  if (!m || text === '') throw new CronError(`failed to parse duration @every ${text}: time: invalid duration "${text}"`);
  const seconds = (Number(m[1]?.slice(0, -1) ?? 0) * 60 + Number(m[2]?.slice(0, -1) ?? 0)) * 60 + Number(m[3]?.slice(0, -1) ?? 0);
  const delay = Math.max(1, seconds) * 1000;
  return { next: (ms) => Math.floor(ms / 1000) * 1000 + delay };
}

interface Spec {
  minute: Field;
  hour: Field;
  dom: Field;
  month: Field;
  dow: Field;
}

function dayMatches(s: Spec, d: Date): boolean {
  const domMatch = s.dom.values.has(d.getUTCDate());
  const dowMatch = s.dow.values.has(d.getUTCDay());
  if (s.dom.star || s.dow.star) return domMatch && dowMatch;
  return domMatch || dowMatch;
}

/** robfig's Next on wall-clock time: move forward field by field, from the month down to the minute. */
function nextTime(s: Spec, ms: number, zone: string | undefined): number | undefined {
  // Work on the wall clock encoded as a UTC instant, then map back.
  let t = new Date(Math.floor(wallFromInstant(ms, zone) / 1000) * 1000 + 1000);
  const yearLimit = t.getUTCFullYear() + 5;
  let added = false;
  const reset = (y: number, mo: number, d = 1, h = 0, mi = 0) => new Date(Date.UTC(y, mo, d, h, mi, 0));
  wrap: for (;;) {
    if (t.getUTCFullYear() > yearLimit) return undefined;
    while (!s.month.values.has(t.getUTCMonth() + 1)) {
      if (!added) {
        added = true;
        t = reset(t.getUTCFullYear(), t.getUTCMonth());
      }
      t = reset(t.getUTCFullYear(), t.getUTCMonth() + 1);
      if (t.getUTCMonth() === 0) continue wrap;
    }
    while (!dayMatches(s, t)) {
      if (!added) {
        added = true;
        t = reset(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
      }
      t = reset(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1);
      if (t.getUTCDate() === 1) continue wrap;
    }
    while (!s.hour.values.has(t.getUTCHours())) {
      if (!added) {
        added = true;
        t = reset(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours());
      }
      t = new Date(t.getTime() + 3_600_000);
      if (t.getUTCHours() === 0) continue wrap;
    }
    while (!s.minute.values.has(t.getUTCMinutes())) {
      if (!added) {
        added = true;
        t = reset(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate(), t.getUTCHours(), t.getUTCMinutes());
      }
      t = new Date(t.getTime() + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
    }
    if (t.getUTCSeconds() !== 0) {
      t = new Date(Math.floor(t.getTime() / 60_000) * 60_000 + 60_000);
      if (t.getUTCMinutes() === 0) continue wrap;
      continue wrap;
    }
    break;
  }
  return instantFromWall(t.getTime(), zone);
}
