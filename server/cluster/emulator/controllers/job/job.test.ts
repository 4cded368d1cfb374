import { describe, expect, it } from 'vitest';
import { harness, type Harness } from '../testing.ts';
import type { Pod } from '../shared/types.ts';
import { GarbageCollector } from '../gc/controller.ts';
import { JobController } from './controller.ts';
import { TtlAfterFinishedController } from './ttl.ts';
import type { Job } from './types.ts';

function jobManifest(name: string, spec: Record<string, unknown> = {}, restartPolicy = 'Never') {
  return {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: { name, namespace: 'default' },
    spec: { template: { spec: { restartPolicy, containers: [{ name: 'work', image: 'busybox' }] } }, ...spec },
  };
}

const job = (h: Harness, name = 'pi') => h.get<Job>('jobs', 'default', name)!;
const active = (h: Harness) => h.pods('default', (p) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');

describe('Job controller', () => {
  it('runs one pod with the job labels and tracking finalizer, and completes with 1.32 conditions', () => {
    const h = harness({ controllers: [new JobController()] });
    const created = h.create<Job>('jobs', jobManifest('pi'));
    const [pod] = h.pods() as [Pod];
    expect(pod.metadata.name).toMatch(/^pi-[a-z0-9]{5}$/);
    expect(pod.metadata.labels).toEqual({
      'batch.kubernetes.io/controller-uid': created.metadata.uid,
      'batch.kubernetes.io/job-name': 'pi',
      'controller-uid': created.metadata.uid,
      'job-name': 'pi',
    });
    expect(pod.metadata.finalizers).toEqual(['batch.kubernetes.io/job-tracking']);
    expect(job(h).status).toEqual({ startTime: '2026-03-02T09:00:00Z', active: 1, terminating: 0, uncountedTerminatedPods: {}, ready: 0 });
    h.markPodRunningAndReady(pod);
    expect(job(h).status?.ready).toBe(1);
    h.advance(5_000);
    h.finishPod(pod, 0);
    const s = job(h).status!;
    expect(s).toMatchObject({ succeeded: 1, ready: 0, terminating: 0, uncountedTerminatedPods: {}, completionTime: '2026-03-02T09:00:05Z' });
    expect(s.active).toBeUndefined();
    expect(s.conditions!.map((c) => [c.type, c.status, c.reason, c.message])).toEqual([
      ['SuccessCriteriaMet', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
      ['Complete', 'True', 'CompletionsReached', 'Reached expected number of succeeded pods'],
    ]);
    expect(h.get<Pod>('pods', 'default', pod.metadata.name)!.metadata.finalizers).toBeUndefined();
    expect(h.events('default', 'pi')).toEqual([`SuccessfulCreate: Created pod: ${pod.metadata.name}`, 'Completed: Job completed']);
  });

  it('keeps `parallelism` pods running until `completions` succeeded', () => {
    const h = harness({ controllers: [new JobController()] });
    h.create('jobs', jobManifest('pi', { completions: 5, parallelism: 2 }));
    const done: string[] = [];
    for (let round = 0; round < 10 && !job(h).status?.conditions?.some((c) => c.type === 'Complete'); round++) {
      const running = active(h);
      expect(running.length).toBeLessThanOrEqual(2);
      const p = running[0]!;
      h.finishPod(p, 0);
      done.push(p.metadata.name);
      expect(job(h).status?.succeeded).toBe(done.length);
    }
    expect(done).toHaveLength(5);
    expect(job(h).status).toMatchObject({ succeeded: 5, ready: 0 });
    expect(h.pods()).toHaveLength(5);
  });

  it('backs off 10s, 20s… between failed pods and fails with BackoffLimitExceeded', () => {
    const h = harness({ controllers: [new JobController()] });
    h.create('jobs', jobManifest('fail', { backoffLimit: 2 }));
    const j = () => h.get<Job>('jobs', 'default', 'fail')!;
    h.finishPod(active(h)[0]!, 1);
    expect(active(h)).toHaveLength(0);
    expect(j().status).toMatchObject({ failed: 1 });
    h.advance(9_000);
    expect(active(h)).toHaveLength(0);
    h.advance(1_000);
    expect(active(h)).toHaveLength(1);
    h.finishPod(active(h)[0]!, 1);
    h.advance(19_000);
    expect(active(h)).toHaveLength(0);
    h.advance(1_000);
    expect(active(h)).toHaveLength(1);
    h.finishPod(active(h)[0]!, 1);
    const s = j().status!;
    expect(s.failed).toBe(3);
    expect(s.conditions!.map((c) => [c.type, c.reason, c.message])).toEqual([
      ['FailureTarget', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
      ['Failed', 'BackoffLimitExceeded', 'Job has reached the specified backoff limit'],
    ]);
    expect(s.completionTime).toBeUndefined();
    expect(h.events('default', 'fail').at(-1)).toBe('BackoffLimitExceeded: Job has reached the specified backoff limit');
    expect(h.pods()).toHaveLength(3);
  });

  it('stops a Job past activeDeadlineSeconds, deleting its pods first', () => {
    const h = harness({ controllers: [new JobController()] });
    h.create('jobs', jobManifest('slow', { activeDeadlineSeconds: 30 }));
    h.markPodRunningAndReady(active(h)[0]!);
    h.advance(30_000);
    const s = h.get<Job>('jobs', 'default', 'slow')!.status!;
    expect(s.conditions?.map((c) => c.type)).toEqual(['FailureTarget', 'Failed']);
    expect(s.conditions?.[1]).toMatchObject({ reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' });
    expect(s).toMatchObject({ failed: 1, terminating: 0, ready: 0 });
    expect(h.pods()).toHaveLength(0);
  });

  it('suspends and resumes', () => {
    const h = harness({ controllers: [new JobController()] });
    h.create('jobs', jobManifest('pi', { suspend: true }));
    expect(h.pods()).toHaveLength(0);
    expect(job(h).status?.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'True', reason: 'JobSuspended', message: 'Job suspended' });
    expect(job(h).status?.startTime).toBeUndefined();
    h.update<Job>('jobs', job(h), (j) => (j.spec!.suspend = false));
    expect(active(h)).toHaveLength(1);
    expect(job(h).status?.conditions?.[0]).toMatchObject({ type: 'Suspended', status: 'False', reason: 'JobResumed', message: 'Job resumed' });
    // As upstream, pods are created before the condition changes.
    expect(h.events('default', 'pi')).toEqual(['Suspended: Job suspended', `SuccessfulCreate: Created pod: ${active(h)[0]!.metadata.name}`, 'Resumed: Job resumed']);
  });

  it('runs Indexed Jobs with one pod per completion index', () => {
    const h = harness({ controllers: [new JobController()] });
    h.create('jobs', jobManifest('idx', { completions: 3, parallelism: 3, completionMode: 'Indexed' }));
    const pods = active(h).sort((a, b) => a.metadata.annotations!['batch.kubernetes.io/job-completion-index']!.localeCompare(b.metadata.annotations!['batch.kubernetes.io/job-completion-index']!));
    expect(pods.map((p) => p.metadata.name)).toEqual([expect.stringMatching(/^idx-0-[a-z0-9]{5}$/), expect.stringMatching(/^idx-1-/), expect.stringMatching(/^idx-2-/)]);
    expect(pods[1]!.spec?.hostname).toBe('idx-1');
    h.finishPod(pods[0]!, 0);
    h.finishPod(pods[2]!, 0);
    expect(h.get<Job>('jobs', 'default', 'idx')!.status).toMatchObject({ completedIndexes: '0,2', succeeded: 2 });
    h.finishPod(pods[1]!, 0);
    expect(h.get<Job>('jobs', 'default', 'idx')!.status).toMatchObject({ completedIndexes: '0-2', succeeded: 3 });
  });

  it('deletes a finished Job and its pods after ttlSecondsAfterFinished', () => {
    const h = harness({ controllers: [new JobController(), new TtlAfterFinishedController(), new GarbageCollector()] });
    h.create('jobs', jobManifest('pi', { ttlSecondsAfterFinished: 60 }));
    h.finishPod(active(h)[0]!, 0);
    h.advance(59_000);
    expect(h.get('jobs', 'default', 'pi')).toBeDefined();
    h.advance(1_000);
    expect(h.get('jobs', 'default', 'pi')).toBeUndefined();
    expect(h.pods()).toHaveLength(0);
  });
});
