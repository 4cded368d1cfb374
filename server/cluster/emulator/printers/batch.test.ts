import { describe, expect, it } from 'vitest';
import { cronJobPrinter, jobPrinter } from './batch.ts';
import { ago, ctx, NOW, obj } from './test-fixtures.ts';

const iso = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');
const pi = { spec: { containers: [{ name: 'pi', image: 'perl:5.34.0', command: ['perl', '-Mbignum=bpi', '-wle', 'print bpi(2000)'] }], restartPolicy: 'Never' } };
const selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': '3f1c0b2a-9d8e-4c7b-a6f5-0e1d2c3b4a59' } };

function job(spec: Record<string, unknown>, status: Record<string, unknown>, meta: Record<string, unknown> = {}) {
  return obj('batch/v1', 'Job', { name: 'pi', namespace: 'default', ...meta }, { spec: { selector, template: pi, ...spec }, status }, '6m');
}
const cond = (type: string, status = 'True') => ({ type, status, lastTransitionTime: ago('1m') });

// printers.go jobColumnDefinitions and printJob.
describe('job', () => {
  it('has the 1.32 columns, STATUS first', () => {
    expect(jobPrinter.columns.map((c) => `${c.name}:${c.priority}`)).toEqual([
      'Name:0',
      'Status:0',
      'Completions:0',
      'Duration:0',
      'Age:0',
      'Containers:1',
      'Images:1',
      'Selector:1',
    ]);
  });

  it('prints a completed job with its run time', () => {
    const done = job(
      { completions: 1, parallelism: 1, backoffLimit: 4 },
      { startTime: iso(NOW - 300_000), completionTime: iso(NOW - 300_000 + 13_000), succeeded: 1, conditions: [cond('SuccessCriteriaMet'), cond('Complete')] },
    );
    expect(jobPrinter.cells(done, ctx)).toEqual([
      'pi',
      'Complete',
      '1/1',
      '13s',
      '6m',
      'pi',
      'perl:5.34.0',
      'batch.kubernetes.io/controller-uid=3f1c0b2a-9d8e-4c7b-a6f5-0e1d2c3b4a59',
    ]);
  });

  it('prints a running job with the time so far, and the completions forms', () => {
    expect(jobPrinter.cells(job({ completions: 5, parallelism: 2 }, { startTime: ago('45s'), active: 2, succeeded: 2 }), ctx).slice(1, 4)).toEqual(['Running', '2/5', '45s']);
    expect(jobPrinter.cells(job({ parallelism: 3 }, { startTime: ago('3m'), active: 3 }), ctx)[2]).toBe('0/1 of 3');
    expect(jobPrinter.cells(job({ parallelism: 1 }, {}), ctx).slice(2, 4)).toEqual(['0/1', '']);
  });

  it('prints Failed, Suspended, FailureTarget and Terminating', () => {
    const failed = job({ completions: 1, backoffLimit: 0 }, { startTime: ago('5m'), failed: 1, conditions: [cond('FailureTarget'), cond('Failed')] });
    expect(jobPrinter.cells(failed, ctx)[1]).toBe('Failed');
    const suspended = job({ completions: 1, suspend: true }, { conditions: [cond('Suspended')] });
    expect(jobPrinter.cells(suspended, ctx).slice(1, 4)).toEqual(['Suspended', '0/1', '']);
    expect(jobPrinter.cells(job({ completions: 1 }, { startTime: ago('2m'), conditions: [cond('FailureTarget')] }), ctx)[1]).toBe('FailureTarget');
    expect(jobPrinter.cells(job({ completions: 1 }, { conditions: [cond('Suspended', 'False')] }), ctx)[1]).toBe('Running');
    const deleting = job({ completions: 1 }, { startTime: ago('2m'), conditions: [cond('Suspended')] }, { deletionTimestamp: ago('1s') });
    expect(jobPrinter.cells(deleting, ctx)[1]).toBe('Terminating');
    const deletedDone = job({ completions: 1 }, { succeeded: 1, conditions: [cond('Complete')] }, { deletionTimestamp: ago('1s') });
    expect(jobPrinter.cells(deletedDone, ctx)[1]).toBe('Complete');
  });
});

// printers.go printCronJob, printBoolPtr.
describe('cronjob', () => {
  const cron = (spec: Record<string, unknown>, status: Record<string, unknown> = {}) =>
    obj('batch/v1', 'CronJob', { name: 'hello', namespace: 'default' }, { spec: { schedule: '*/5 * * * *', jobTemplate: { spec: { template: pi } }, ...spec }, status }, '1h');

  it('prints schedule, timezone, suspend, active and last schedule', () => {
    const cj = cron({ suspend: false, concurrencyPolicy: 'Allow' }, { active: [{ kind: 'Job', name: 'hello-29145600', namespace: 'default' }], lastScheduleTime: ago('2m') });
    expect(cronJobPrinter.cells(cj, ctx)).toEqual(['hello', '*/5 * * * *', '<none>', 'False', 1, '2m', '60m', 'pi', 'perl:5.34.0', '<none>']);
    expect(cronJobPrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual([
      'Name:string',
      'Schedule:string',
      'Timezone:string',
      'Suspend:boolean',
      'Active:integer',
      'Last Schedule:string',
      'Age:string',
      'Containers:string',
      'Images:string',
      'Selector:string',
    ]);
  });

  it('prints a suspended cronjob with a time zone that never ran', () => {
    expect(cronJobPrinter.cells(cron({ suspend: true, timeZone: 'Europe/Paris' }), ctx).slice(2, 6)).toEqual(['Europe/Paris', 'True', 0, '<none>']);
    expect(cronJobPrinter.cells(cron({}), ctx)[3]).toBe('False');
  });
});
