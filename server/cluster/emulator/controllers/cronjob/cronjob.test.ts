import { describe, expect, it } from 'vitest';
import { harness, T0, type Harness } from '../testing.ts';
import { GarbageCollector } from '../gc/controller.ts';
import { JobController } from '../job/controller.ts';
import type { Job } from '../job/types.ts';
import { CronJobController } from './controller.ts';
import type { CronJob } from './types.ts';

function cronManifest(spec: Record<string, unknown> = {}) {
  return {
    apiVersion: 'batch/v1',
    kind: 'CronJob',
    metadata: { name: 'hello', namespace: 'default' },
    spec: {
      schedule: '*/1 * * * *',
      jobTemplate: { spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } },
      ...spec,
    },
  };
}

const cron = (h: Harness) => h.get<CronJob>('cronjobs', 'default', 'hello')!;
const jobNames = (h: Harness) => h.list<Job>('jobs', 'default').map((j) => j.metadata.name).sort();
const minutes = (iso: string) => Math.floor(Date.parse(iso) / 60_000);

describe('CronJob controller', () => {
  it('creates Jobs named after the scheduled minute, at the scheduled time', () => {
    const h = harness({ controllers: [new CronJobController(), new JobController()] });
    h.create('cronjobs', cronManifest());
    expect(jobNames(h)).toEqual([]);
    h.advance(59_000, 100);
    expect(jobNames(h)).toEqual([]);
    h.advance(1_100, 100);
    expect(jobNames(h)).toEqual([`hello-${minutes('2026-03-02T09:01:00Z')}`]);
    const job = h.list<Job>('jobs', 'default')[0]!;
    expect(job.metadata.annotations).toEqual({ 'batch.kubernetes.io/cronjob-scheduled-timestamp': '2026-03-02T09:01:00Z' });
    expect(job.metadata.ownerReferences?.[0]).toMatchObject({ kind: 'CronJob', name: 'hello', controller: true, blockOwnerDeletion: true });
    expect(cron(h).status).toEqual({
      active: [{ kind: 'Job', namespace: 'default', name: job.metadata.name, uid: job.metadata.uid, apiVersion: 'batch/v1', resourceVersion: expect.stringMatching(/^\d+$/) }],
      lastScheduleTime: '2026-03-02T09:01:00Z',
    });
    expect(h.events('default', 'hello')).toEqual([`SuccessfulCreate: Created job ${job.metadata.name}`]);
    // The job finishes: it leaves the active list, lastSuccessfulTime is set.
    h.finishPod(h.pods()[0]!, 0);
    expect(cron(h).status).toEqual({ lastScheduleTime: '2026-03-02T09:01:00Z', lastSuccessfulTime: '2026-03-02T09:01:00Z' });
    expect(h.events('default', 'hello').at(-1)).toBe(`SawCompletedJob: Saw completed job: ${job.metadata.name}, condition: Complete`);
  });

  it('keeps successfulJobsHistoryLimit finished Jobs', () => {
    const h = harness({ controllers: [new CronJobController(), new JobController(), new GarbageCollector()] });
    h.create('cronjobs', cronManifest({ successfulJobsHistoryLimit: 2 }));
    h.advance(100, 100); // jobs start 100ms after the minute
    for (let i = 0; i < 4; i++) {
      h.advance(60_000, 100);
      for (const p of h.pods('default', (p) => p.status?.phase !== 'Succeeded')) h.finishPod(p, 0);
    }
    const expected = [3, 4].map((m) => `hello-${Math.floor(T0 / 60_000) + m}`);
    expect(jobNames(h)).toEqual(expected);
    expect(h.events('default', 'hello').filter((e) => e.startsWith('SuccessfulDelete'))).toEqual([
      `SuccessfulDelete: Deleted job hello-${Math.floor(T0 / 60_000) + 1}`,
      `SuccessfulDelete: Deleted job hello-${Math.floor(T0 / 60_000) + 2}`,
    ]);
  });

  it('Forbid skips a run while one is active; suspend stops scheduling', () => {
    const h = harness({ controllers: [new CronJobController(), new JobController()] });
    h.create('cronjobs', cronManifest({ concurrencyPolicy: 'Forbid' }));
    h.advance(120_100, 100);
    expect(jobNames(h)).toHaveLength(1);
    expect(h.events('default', 'hello')).toContain('JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid');
    h.update<CronJob>('cronjobs', cron(h), (c) => (c.spec!.suspend = true));
    for (const p of h.pods()) h.finishPod(p, 0);
    h.advance(180_000);
    expect(jobNames(h)).toHaveLength(1);
  });

  it('Replace deletes the running Job before starting the next', () => {
    const h = harness({ controllers: [new CronJobController(), new JobController()] });
    h.create('cronjobs', cronManifest({ concurrencyPolicy: 'Replace' }));
    h.advance(60_100, 100);
    const [first] = jobNames(h);
    h.advance(60_000, 100);
    expect(jobNames(h)).toEqual([`hello-${Math.floor(T0 / 60_000) + 2}`]);
    expect(h.events('default', 'hello')).toContain(`SuccessfulDelete: Deleted job ${first}`);
  });

  it('schedules in the CronJob time zone and records the scheduled time in it', () => {
    const h = harness({ controllers: [new CronJobController()], start: Date.parse('2026-03-02T17:59:00Z') });
    h.create('cronjobs', cronManifest({ schedule: '0 3 * * *', timeZone: 'Asia/Seoul' }));
    h.advance(61_000);
    const [job] = h.list<Job>('jobs', 'default');
    expect(job!.metadata.name).toBe(`hello-${minutes('2026-03-02T18:00:00Z')}`);
    expect(job!.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp']).toBe('2026-03-03T03:00:00+09:00');
  });
});
