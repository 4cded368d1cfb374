/**
 * Wall-clock time in an IANA time zone, for CronJob `timeZone`. A wall time is represented as the epoch
 * milliseconds the same calendar reading would have in UTC.
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
      });
    } catch {
      throw new Error(`unknown time zone ${zone}`);
    }
    formatters.set(zone, f);
  }
  return f;
}

export function isKnownZone(zone: string): boolean {
  try {
    formatter(zone);
    return true;
  } catch {
    return false;
  }
}

/** The wall-clock reading of `ms` in `zone` (UTC when no zone). */
export function wallFromInstant(ms: number, zone: string | undefined): number {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return ms;
  const parts = Object.fromEntries(formatter(zone).formatToParts(new Date(ms)).map((p) => [p.type, p.value]));
  const wall = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return wall + (ms % 1000);
}

/** The instant whose wall-clock reading in `zone` is `wall` (the earlier one across a DST overlap). */
export function instantFromWall(wall: number, zone: string | undefined): number {
  if (!zone || zone === 'UTC' || zone === 'Etc/UTC') return wall;
  let guess = wall;
  for (let i = 0; i < 3; i++) {
    const offset = wallFromInstant(guess, zone) - guess;
    guess = wall - offset;
  }
  return guess;
}
