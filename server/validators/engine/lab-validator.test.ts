import { describe, expect, it, vi } from 'vitest';
import type { CheckResult, StepState } from '../../../src/lib/labs/api.ts';
import { authoredCheckSchema, type Check } from '../../../src/schemas/check.ts';
import { evaluateCheck } from '../evaluate.ts';
import { fakeContext } from '../testing/context.ts';
import { FakeClock, flush } from '../testing/fake-clock.ts';
import { LabValidator, type EngineStep, type LabValidatorOptions } from './lab-validator.ts';

const c = (raw: unknown): Check => authoredCheckSchema.parse({ message: 'm', ...(raw as object) });

function step(id: string, checks: Check[]): EngineStep {
  return { id, title: `Step ${id}`, checks, hints: ['h1', 'h2'], solution: ['true'], showSolution: true };
}

const deployment = (replicas: number, ready = replicas) => ({
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas },
  status: { readyReplicas: ready },
});

const createStep = step('create', [c({ object: { kind: 'Deployment', name: 'web' } })]);
const scaleStep = step('scale', [
  c({ object: { kind: 'Deployment', name: 'web', where: [{ path: 'status.readyReplicas', equals: 3 }] } }),
  c({ ran: { kubectl: 'scale' } }),
]);

function setup(steps: EngineStep[], more: Partial<LabValidatorOptions> = {}) {
  const f = fakeContext();
  const clock = new FakeClock();
  const changes: StepState[] = [];
  const engine = new LabValidator({ steps, ctx: f.ctx, clock, onChange: (_, changed) => changes.push(changed), ...more });
  return { ...f, clock, engine, changes, statuses: () => engine.states().map((s) => s.status) };
}

describe('LabValidator', () => {
  it('passes a step within the debounce time of a cluster change', async () => {
    const t = setup([createStep, scaleStep]);
    t.engine.start();
    await t.engine.idle();
    expect(t.statuses()).toEqual(['current', 'pending']);
    expect(t.cluster.watchers).toBe(1);

    t.cluster.apply(deployment(1));
    await t.clock.advance(100);
    expect(t.statuses()).toEqual(['current', 'pending']);
    await t.clock.advance(50);
    await t.engine.idle();
    expect(t.statuses()).toEqual(['passed', 'current']);
    expect(t.changes.map((s) => s.id)).toEqual(['create']);
    expect(t.changes[0]).toMatchObject({ status: 'passed', completedAt: '2025-01-01T10:00:00.150Z', checks: [{ status: 'passed' }] });
  });

  it('merges a burst of changes into one evaluation, and evaluates at least every maxWait', async () => {
    const t = setup([createStep]);
    t.engine.start();
    await t.engine.idle();
    const before = t.cluster.reads;
    for (let i = 0; i < 10; i++) {
      t.cluster.emit();
      await t.clock.advance(10);
    }
    await t.clock.advance(200);
    await t.engine.idle();
    expect(t.cluster.reads - before).toBe(3); // one evaluation: a get, and two lists to say what exists

    const steady = t.cluster.reads;
    for (let i = 0; i < 6; i++) {
      t.cluster.emit();
      await t.clock.advance(100);
    }
    await t.engine.idle();
    expect(t.cluster.reads - steady).toBe(3); // the 500 ms cap fired once while changes kept coming
  });

  it('evaluates ran checks after a prompt, and keeps their result for cluster changes', async () => {
    const t = setup([scaleStep]);
    t.cluster.apply(deployment(3, 1));
    t.engine.start();
    await t.engine.idle();

    t.sandbox.typed('kubectl scale deploy web --replicas=3', 'kubectl scale');
    t.engine.notifyPrompt();
    await t.engine.idle();
    expect(t.statuses()).toEqual(['current']); // pods not ready yet

    t.cluster.apply(deployment(3, 3));
    await t.clock.advance(150);
    await t.engine.idle();
    expect(t.statuses()).toEqual(['passed']);
    expect(t.changes[0]?.checks.map((r) => r.status)).toEqual(['passed', 'passed']);
  });

  it('skips a step on cluster changes while its shell-only checks fail', async () => {
    const t = setup([scaleStep]);
    t.cluster.apply(deployment(3));
    t.engine.start();
    await t.engine.idle();
    const reads = t.cluster.reads;
    t.cluster.emit();
    await t.clock.advance(150);
    await t.engine.idle();
    expect(t.cluster.reads).toBe(reads);
    expect(t.statuses()).toEqual(['current']);
  });

  it('runs the cheap checks first and stops at the first failure', async () => {
    const t = setup([step('svc', [c({ command: { run: 'curl web' } }), c({ object: { kind: 'Service', name: 'web' } })])]);
    t.engine.start();
    await t.engine.idle();
    expect(t.sandbox.runs).toEqual([]);
    t.cluster.apply({ kind: 'Service', metadata: { name: 'web' } });
    await t.clock.advance(150);
    await t.engine.idle();
    expect(t.sandbox.runs).toEqual(['curl web']);
    expect(t.statuses()).toEqual(['passed']);
  });

  it('keeps a passed step passed', async () => {
    const t = setup([createStep, scaleStep]);
    t.cluster.apply(deployment(1));
    t.engine.start();
    await t.engine.idle();
    expect(t.statuses()[0]).toBe('passed');
    t.cluster.remove('Deployment', 'web');
    await t.clock.advance(150);
    t.engine.notifyPrompt();
    await t.engine.idle();
    expect(t.statuses()).toEqual(['passed', 'current']);
    expect(t.engine.current).toBe(1);
  });

  it('answers the Check button with every result, and keeps a failure on display', async () => {
    const t = setup([scaleStep]);
    t.cluster.apply(deployment(1));
    t.engine.start();
    await t.engine.idle();
    const state = await t.engine.check('scale');
    expect(state.status).toBe('failed');
    expect(state.checkedAt).toBe('2025-01-01T10:00:00.000Z');
    expect(state.checks.map((r) => [r.index, r.status, r.results[0]?.seen])).toEqual([
      [0, 'failed', '1'],
      [1, 'failed', 'no kubectl command yet'],
    ]);

    t.cluster.apply(deployment(2));
    await t.clock.advance(150);
    await t.engine.idle();
    expect(t.engine.states()[0]).toMatchObject({ status: 'failed', checks: state.checks });

    t.cluster.apply(deployment(3));
    t.sandbox.typed('kubectl scale deploy web --replicas=3', 'kubectl scale');
    t.engine.notifyPrompt();
    await t.engine.idle();
    expect(t.engine.states()[0]?.status).toBe('passed');
  });

  it('checks a passed step again on request without taking its pass away', async () => {
    const t = setup([createStep]);
    t.cluster.apply(deployment(1));
    t.engine.start();
    await t.engine.idle();
    t.cluster.remove('Deployment', 'web');
    const state = await t.engine.check('create');
    expect(state).toMatchObject({ status: 'passed', checks: [{ status: 'failed' }] });
    await expect(t.engine.check('nope')).rejects.toThrow('no step "nope"');
  });

  it('never evaluates one step twice at once, and merges triggers that arrive meanwhile', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const gates: (() => void)[] = [];
    const evaluate = async (check: Check, ctx: Parameters<typeof evaluateCheck>[1], opts: Parameters<typeof evaluateCheck>[2]): Promise<CheckResult> => {
      running++;
      calls++;
      most = Math.max(most, running);
      await new Promise<void>((resolve) => gates.push(resolve));
      running--;
      return evaluateCheck(check, ctx, opts);
    };
    const t = setup([createStep], { evaluate });
    t.engine.start();
    await flush();
    for (let i = 0; i < 5; i++) t.engine.notifyPrompt();
    const explicit = t.engine.check('create');
    const again = t.engine.check('create');
    while (gates.length > 0) {
      gates.shift()!();
      await flush();
    }
    await t.engine.idle();
    expect(most).toBe(1);
    expect(calls).toBe(2); // the start; then the explicit checks, which the merged prompts ride along with
    expect(await explicit).toEqual(await again);
  });

  it('evaluates an explicit check first, then the current step, then the others', async () => {
    const order: number[] = [];
    const steps = [step('a', [c({ ran: { shell: 'a' } })]), step('b', [c({ ran: { shell: 'b' } })]), step('c', [c({ ran: { shell: 'c' } })])];
    const t = setup(steps, {
      sequential: false,
      restore: { a: { completedAt: '2025-01-01T09:00:00.000Z' } },
      evaluate: async (check, ctx, opts) => {
        order.push(steps.findIndex((s) => s.checks.includes(check)));
        return evaluateCheck(check, ctx, opts);
      },
    });
    expect(t.statuses()).toEqual(['passed', 'current', 'pending']);
    t.engine.notifyPrompt();
    void t.engine.check('c');
    await t.engine.idle();
    expect(order).toEqual([1, 2]); // b was already running; then c's explicit check (covering its prompt)
    order.length = 0;
    t.engine.notifyPrompt();
    void t.engine.check('a');
    await t.engine.idle();
    expect(order).toEqual([1, 0, 2]);
  });

  it('lets steps pass in order, one after the other in a row for a learner ahead', async () => {
    const cleanUp = step('clean-up', [c({ absent: { kind: 'Pod', name: 'debug' } })]);
    const t = setup([createStep, scaleStep, cleanUp]);
    t.engine.start();
    await t.engine.idle();
    expect(t.statuses()).toEqual(['current', 'pending', 'pending']); // clean-up's check holds, but not yet

    t.sandbox.typed('kubectl scale deploy web --replicas=3', 'kubectl scale');
    t.cluster.apply(deployment(3));
    await t.clock.advance(150);
    await t.engine.idle();
    expect(t.statuses()).toEqual(['passed', 'passed', 'passed']);
    expect(t.changes.map((s) => s.id)).toEqual(['create', 'scale', 'clean-up']);
  });

  it('lets the Check button pass a later step', async () => {
    const cleanUp = step('clean-up', [c({ absent: { kind: 'Pod', name: 'debug' } })]);
    const t = setup([createStep, cleanUp]);
    t.engine.start();
    await t.engine.idle();
    expect((await t.engine.check('clean-up')).status).toBe('passed');
    expect(t.statuses()).toEqual(['current', 'passed']);
  });

  it('survives a cluster that cannot be reached', async () => {
    const t = setup([createStep]);
    t.cluster.failure = new Error('connect ECONNREFUSED');
    t.engine.start();
    await t.engine.idle();
    const state = await t.engine.check('create');
    expect(state).toMatchObject({ status: 'failed', checks: [{ status: 'error', results: [{ seen: 'Podium could not check this: connect ECONNREFUSED' }] }] });
    t.cluster.failure = undefined;
    t.cluster.apply(deployment(1));
    await t.clock.advance(150);
    await t.engine.idle();
    expect(t.statuses()).toEqual(['passed']);
  });

  it('reports a failing listener without stopping', async () => {
    const onError = vi.fn();
    const t = setup([createStep], {
      onChange: () => {
        throw new Error('socket closed');
      },
      onError,
    });
    t.cluster.apply(deployment(1));
    t.engine.start();
    await t.engine.idle();
    expect(t.statuses()).toEqual(['passed']);
    expect(onError).toHaveBeenCalledWith(new Error('socket closed'));
  });

  it('stops watching and answers pending checks when stopped', async () => {
    const t = setup([createStep], {
      evaluate: () => new Promise(() => {}),
    });
    t.engine.start();
    const pending = t.engine.check('create');
    t.engine.stop();
    expect(t.cluster.watchers).toBe(0);
    expect((await pending).status).toBe('current');
    t.cluster.emit();
    await t.clock.advance(1000);
    expect(t.clock.pending).toBe(0);
  });

  it('shows the hints and solution the learner revealed', () => {
    const t = setup([createStep], { reveals: () => ({ hints: 1, solution: true }) });
    expect(t.engine.states()[0]).toMatchObject({ hints: ['h1'], hintsTotal: 2, solution: ['true'], solutionAvailable: true });
  });
});

describe('LabValidator with a broken evaluator', () => {
  it('still answers the Check button', async () => {
    const onError = vi.fn();
    const t = setup([createStep], {
      onError,
      evaluate: async () => {
        throw new Error('bug');
      },
    });
    expect((await t.engine.check('create')).status).toBe('current');
    expect(onError).toHaveBeenCalledWith(new Error('bug'));
  });
});
