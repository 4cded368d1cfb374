/** When a CronJob should have run last, and when to look again (upstream's cronjob utils). */
import { parseTime } from '../../meta/time.ts';
import type { Schedule } from './cron.ts';
import type { CronJob } from './types.ts';

/** Look again this long after the next scheduled time. */
export const NEXT_SCHEDULE_DELTA_MS = 100;

export interface Recent {
  earliest: number;
  mostRecent?: number;
  missed: number;
}

export function mostRecentScheduleTime(cj: CronJob, now: number, schedule: Schedule, withDeadline: boolean): Recent {
  let earliest = parseTime(cj.status?.lastScheduleTime) ?? parseTime(cj.metadata.creationTimestamp) ?? now;
  if (withDeadline && cj.spec?.startingDeadlineSeconds !== undefined) {
    const deadline = now - cj.spec.startingDeadlineSeconds * 1000;
    if (deadline > earliest) earliest = deadline;
  }
  const t1 = schedule.next(earliest);
  if (t1 === undefined || now < t1) return { earliest, missed: 0 };
  const t2 = schedule.next(t1);
  if (t2 === undefined || now < t2) return { earliest, mostRecent: t1, missed: 1 };
  const between = Math.round((t2 - t1) / 1000);
  if (between < 1) throw new Error('time difference between two schedules is less than 1 second');
  const missed = Math.floor(Math.floor((now - t1) / 1000) / between) + 1;
  let mostRecent = t1 + (missed - 1) * between * 1000;
  for (let t = schedule.next(mostRecent); t !== undefined && t <= now; t = schedule.next(t)) mostRecent = t;
  return { earliest, mostRecent, missed };
}

/** Milliseconds until the schedule's next time after the most recent one (plus a small delta). */
export function nextScheduleDelay(cj: CronJob, now: number, schedule: Schedule): number | undefined {
  let from: number;
  try {
    const r = mostRecentScheduleTime(cj, now, schedule, false);
    from = r.mostRecent ?? r.earliest;
  } catch {
    from = now;
  }
  const next = schedule.next(from);
  return next === undefined ? undefined : next + NEXT_SCHEDULE_DELTA_MS - now;
}
