/** batch/v1 CronJobs: defaults, schedule parsing with robfig/cron's messages, and the job template. */
import { CronError, parseSchedule } from '../../controllers/cronjob/cron.ts';
import type { Strategy } from '../../registry/strategy.ts';
import type { KindContext } from '../kind.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { goLabelSelector } from '../shared/go.ts';
import { child, defaultPtr, defaultStr, isNil, isObj, rec, str, type Json } from '../shared/json.ts';
import { defaultPodTemplate, embeddedMeta } from '../pod/template.ts';
import { nonNegative } from './common.ts';
import { validateJobSpec } from './job-spec.ts';

const POLICIES = ['Allow', 'Forbid', 'Replace'];

function validateSchedule(schedule: string, timeZone: unknown, oldSchedule: string | undefined): FieldError[] {
  const errs: FieldError[] = [];
  try {
    parseSchedule(schedule);
  } catch (e) {
    errs.push(fe.invalid('spec.schedule', schedule, e instanceof CronError || e instanceof Error ? e.message : String(e)));
  }
  const allowTZ = oldSchedule !== undefined && oldSchedule.includes('TZ');
  if (allowTZ && schedule.includes('TZ') && !isNil(timeZone)) {
    errs.push(fe.invalid('spec.schedule', schedule, 'cannot use both timeZone field and TZ or CRON_TZ in schedule'));
  } else if (!allowTZ && schedule.includes('TZ')) {
    errs.push(fe.invalid('spec.schedule', schedule, 'cannot use TZ or CRON_TZ in schedule, use timeZone field instead'));
  }
  return errs;
}

function validateTimeZone(tz: unknown): FieldError[] {
  if (isNil(tz)) return [];
  const zone = str(tz);
  if (zone === '') return [fe.invalid('spec.timeZone', zone, 'timeZone must be nil or non-empty string')];
  for (const part of zone.split('/')) {
    if (part === '.' || part === '..' || part.startsWith('-') || !/^[A-Za-z.\-_0-9+]{1,14}$/.test(part)) {
      return [fe.invalid('spec.timeZone', zone, `unknown time zone ${zone}`)];
    }
  }
  if (zone.toLowerCase() === 'local') return [fe.invalid('spec.timeZone', zone, 'timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones')];
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return [fe.invalid('spec.timeZone', zone, `unknown time zone ${zone}`)];
  }
  return [];
}

export function cronJobStrategy(k: KindContext): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    defaults(obj) {
      const spec = child(obj, 'spec');
      defaultStr(spec, 'concurrencyPolicy', 'Allow');
      defaultPtr(spec, 'suspend', false);
      defaultPtr(spec, 'successfulJobsHistoryLimit', 3);
      defaultPtr(spec, 'failedJobsHistoryLimit', 1);
      const jobTemplate = child(spec, 'jobTemplate');
      embeddedMeta(jobTemplate);
      defaultPodTemplate(child(jobTemplate, 'spec'), 'template', k.decode);
    },
    prepareForCreate(obj) {
      obj.status = {};
    },
    validate(obj, old) {
      const spec = rec(obj.spec) as Json;
      const errs: FieldError[] = [];
      const schedule = str(spec.schedule);
      if (!schedule) errs.push(fe.required('spec.schedule'));
      else errs.push(...validateSchedule(schedule, spec.timeZone, old ? str(rec(old.spec).schedule) : undefined));
      errs.push(...nonNegative(spec.startingDeadlineSeconds, 'spec.startingDeadlineSeconds'));
      if (!old || rec(old.spec).timeZone !== spec.timeZone) errs.push(...validateTimeZone(spec.timeZone));
      const policy = str(spec.concurrencyPolicy);
      if (!policy) errs.push(fe.required('spec.concurrencyPolicy'));
      else if (!POLICIES.includes(policy)) errs.push(fe.notSupported('spec.concurrencyPolicy', policy, POLICIES));
      const jobSpec = rec(rec(spec.jobTemplate).spec);
      errs.push(...validateJobSpec(jobSpec, 'spec.jobTemplate.spec'));
      if (isObj(jobSpec.selector)) errs.push(fe.invalidRaw('spec.jobTemplate.spec.selector', goLabelSelector(jobSpec.selector), '`selector` will be auto-generated'));
      if (jobSpec.manualSelector === true) errs.push(fe.notSupported('spec.jobTemplate.spec.manualSelector', true, ['nil', 'false']));
      errs.push(...nonNegative(spec.successfulJobsHistoryLimit, 'spec.successfulJobsHistoryLimit'));
      errs.push(...nonNegative(spec.failedJobsHistoryLimit, 'spec.failedJobsHistoryLimit'));
      const name = obj.metadata.name ?? '';
      if (!old && name.length > 52) errs.push(fe.invalid('metadata.name', name, 'must be no more than 52 characters'));
      return errs;
    },
  };
}
