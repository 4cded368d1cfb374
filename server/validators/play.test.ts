import { describe, expect, it } from 'vitest';
import { authoredCheckSchema, type Check } from '../../src/schemas/check.ts';
import { playLab, type PlayableLab, type PlayReport, type RunSolutionCommand } from './play.ts';
import { formatPlayReport } from './play-report.ts';
import { fakeContext } from './testing/context.ts';
import { FakeClock, flush } from './testing/fake-clock.ts';

const c = (raw: unknown): Check => authoredCheckSchema.parse({ message: 'm', ...(raw as object) });

const lab: PlayableLab = {
  name: 'demo',
  steps: [
    { id: 'create', title: 'Create web', checks: [c({ object: { kind: 'Deployment', name: 'web', where: [{ path: 'status.readyReplicas', equals: 1 }] } })], solution: ['kubectl create deployment web --image=nginx'] },
    { id: 'scale', title: 'Scale web', checks: [c({ object: { kind: 'Deployment', name: 'web', where: [{ path: 'status.readyReplicas', equals: 3 }] } }), c({ ran: { kubectl: 'scale' } })], solution: ['kubectl scale deployment web --replicas=3'] },
  ],
};

/** A cluster whose pods get ready two seconds after a command, as the emulated kubelet's are. */
function world() {
  const f = fakeContext();
  const clock = new FakeClock();
  const ready = (n: number) => clock.setTimeout(() => f.cluster.apply({ kind: 'Deployment', metadata: { name: 'web' }, status: { readyReplicas: n } }), 2000);
  const run: RunSolutionCommand = async (command) => {
    f.sandbox.typed(command, `kubectl ${command.split(' ')[1]}`);
    if (command.includes('create deployment')) {
      f.cluster.apply({ kind: 'Deployment', metadata: { name: 'web' }, status: {} });
      ready(1);
    } else if (command.includes('scale')) ready(3);
    else if (command.includes('boom')) return { code: 1, stdout: '', stderr: 'error: boom' };
    return { code: 0, stdout: 'ok\n', stderr: '' };
  };
  return { ...f, clock, run };
}

async function drive(clock: FakeClock, play: Promise<PlayReport>): Promise<PlayReport> {
  let done: PlayReport | undefined;
  void play.then((r) => (done = r));
  for (let i = 0; i < 1000 && !done; i++) await clock.advance(50);
  await flush();
  if (!done) throw new Error('playLab did not finish');
  return done;
}

describe('playLab', () => {
  it('plays each solution and waits for the checks to pass', async () => {
    const w = world();
    const report = await drive(w.clock, playLab(lab, w.ctx, w.run, { clock: w.clock }));
    expect(report.ok).toBe(true);
    expect(report.exitCode).toBe(0);
    expect(report.steps.map((s) => [s.id, s.status, s.ms])).toEqual([
      ['create', 'passed', 2000],
      ['scale', 'passed', 2000],
    ]);
    expect(report.steps[0]!.before[0]!.status).toBe('failed');
    expect(report.steps[0]!.commands).toEqual([{ command: 'kubectl create deployment web --image=nginx', code: 0, output: 'ok', ms: 0 }]);
    expect(formatPlayReport(report)).toBe(
      [
        'Lab demo',
        '✓ 1 create: Create web (2.0 s)',
        '    $ kubectl create deployment web --image=nginx  → exit 0, 0 ms',
        '    ✓ deployment/web',
        '✓ 2 scale: Scale web (2.0 s)',
        '    $ kubectl scale deployment web --replicas=3  → exit 0, 0 ms',
        '    ✓ deployment/web',
        '    ✓ ran kubectl scale',
        '',
        'All 2 steps pass with their solutions (4.0 s).',
      ].join('\n'),
    );
  });

  it('fails a step whose checks pass before its solution', async () => {
    const w = world();
    const trivial: PlayableLab = { name: 'x', steps: [{ id: 'noop', title: 'Nothing', checks: [c({ absent: { kind: 'Pod', name: 'x' } })], solution: ['true'] }] };
    const report = await drive(w.clock, playLab(trivial, w.ctx, w.run, { clock: w.clock }));
    expect(report.ok).toBe(false);
    expect(report.steps[0]!.problems).toEqual(['its checks already pass before its step is done: a check that cannot fail proves nothing']);
    expect(formatPlayReport(report)).toContain('    ✓ no pod/x (already passed before the solution)');
  });

  it('gives up after the timeout, says what still fails, and skips the rest', async () => {
    const w = world();
    const stuck: PlayableLab = { name: 'x', steps: [{ ...lab.steps[1]!, solution: ['kubectl get pods'] }, lab.steps[0]!] };
    const report = await drive(w.clock, playLab(stuck, w.ctx, w.run, { clock: w.clock, timeoutMs: 5000 }));
    expect(report.exitCode).toBe(1);
    expect(report.steps[0]).toMatchObject({ status: 'failed', ms: 5000, problems: ['after its solution, "deployment/web", "ran kubectl scale" still do not pass (waited 5 s)'] });
    expect(report.steps[1]!.status).toBe('skipped');
    const text = formatPlayReport(report);
    expect(text).toContain('    ✗ deployment/web\n        ✗ deployment/web (namespace default)\n          expected: a Deployment named web in namespace default\n          seen:     no such Deployment (there are no deployments in namespace default)');
    expect(text).toContain('- 2 create: skipped (an earlier step failed)');
    expect(text).toContain('0 of 2 steps pass; the lab does not');
  });

  it('stops a step at a failing solution command', async () => {
    const w = world();
    const broken: PlayableLab = { name: 'x', steps: [{ ...lab.steps[0]!, solution: ['kubectl boom', 'kubectl create deployment web'] }] };
    const report = await drive(w.clock, playLab(broken, w.ctx, w.run, { clock: w.clock }));
    expect(report.steps[0]).toMatchObject({ status: 'failed', problems: ['the solution command `kubectl boom` failed with exit status 1'] });
    expect(report.steps[0]!.commands).toEqual([{ command: 'kubectl boom', code: 1, output: 'error: boom', ms: 0 }]);
    expect(formatPlayReport(report)).toContain('    $ kubectl boom  → exit 1, 0 ms\n      error: boom');
  });
});
