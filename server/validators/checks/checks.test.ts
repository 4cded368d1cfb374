import { describe, expect, it } from 'vitest';
import { authoredCheckSchema } from '../../../src/schemas/check.ts';
import { evaluateCheck } from '../evaluate.ts';
import { fakeContext } from '../testing/context.ts';

const check = (raw: unknown) => authoredCheckSchema.parse(raw);

describe('object checks', () => {
  it('passes when every condition holds, with one sub-result each', async () => {
    const { ctx, cluster } = fakeContext();
    cluster.apply({ kind: 'Deployment', metadata: { name: 'web' }, spec: { replicas: 3 }, status: { readyReplicas: 3 } });
    const r = await evaluateCheck(
      check({ object: { kind: 'Deployment', name: 'web', where: [{ path: 'spec.replicas', equals: 3 }, { path: 'status.readyReplicas', equals: 3 }] }, message: 'm', title: 'web runs 3 pods' }),
      ctx,
      { index: 2 },
    );
    expect(r).toMatchObject({ index: 2, title: 'web runs 3 pods', status: 'passed', message: 'm' });
    expect(r.results.map((x) => x.subject)).toEqual(['deployment/web (namespace default): spec.replicas', 'deployment/web (namespace default): status.readyReplicas']);
  });

  it('looks in the cluster the check names, and says so', async () => {
    const { ctx, clusters } = fakeContext({ clusters: ['workshop', 'prod'] });
    clusters.get('prod')!.apply({ kind: 'Node', metadata: { name: 'n1' } });
    const r = await evaluateCheck(check({ object: { kind: 'Node', name: 'n1', cluster: 'prod' }, message: 'm' }), ctx);
    expect(r.results[0]).toEqual({ ok: true, subject: 'node/n1 (cluster prod)', expected: 'a Node named n1 in cluster prod', seen: 'it exists' });
    const missing = await evaluateCheck(check({ object: { kind: 'Node', name: 'n1' }, message: 'm' }), ctx);
    expect(missing.status).toBe('failed');
  });
});

describe('absent and count checks', () => {
  it('passes when nothing matches', async () => {
    const { ctx } = fakeContext();
    const r = await evaluateCheck(check({ absent: { kind: 'Pod', selector: 'app=old' }, message: 'm' }), ctx);
    expect(r).toMatchObject({ status: 'passed', results: [{ seen: 'there are none' }] });
    const all = await evaluateCheck(check({ absent: { kind: 'Pod', namespace: 'shop' }, message: 'm' }), ctx);
    expect(all.results[0]).toMatchObject({ ok: true, subject: 'pods in namespace shop', expected: 'no pods in namespace shop' });
  });

  it('does not count objects being deleted', async () => {
    const { ctx, cluster } = fakeContext();
    cluster.apply({ kind: 'Pod', metadata: { name: 'a', labels: { app: 'web' } } });
    cluster.apply({ kind: 'Pod', metadata: { name: 'b', labels: { app: 'web' }, deletionTimestamp: '2025-01-01T00:00:00Z' } });
    const r = await evaluateCheck(check({ count: { kind: 'Pod', selector: 'app=web', atMost: 1 }, message: 'm' }), ctx);
    expect(r.results[0]).toMatchObject({ ok: true, expected: 'at most 1', seen: '1: a' });
    const zero = await evaluateCheck(check({ count: { kind: 'Pod', selector: 'app=db', atLeast: 1 }, message: 'm' }), ctx);
    expect(zero.results[0]).toMatchObject({ ok: false, seen: '0' });
  });
});

describe('command checks', () => {
  it('compares the exit status and the output', async () => {
    const { ctx, sandbox } = fakeContext();
    sandbox.answer = (cmd) => (cmd === 'echo hi' ? { code: 0, stdout: 'hi\n', stderr: '', timedOut: false } : { code: 3, stdout: '', stderr: '', timedOut: false });
    expect((await evaluateCheck(check({ command: { run: 'echo hi', stdout: { equals: 'hi' } }, message: 'm' }), ctx)).results[0]).toEqual({
      ok: true,
      subject: '$ echo hi',
      expected: 'exit status 0 and output "hi"',
      seen: 'exit status 0, output: hi',
    });
    expect((await evaluateCheck(check({ command: { run: 'echo hi', stdout: { matches: '^h' } }, message: 'm' }), ctx)).status).toBe('passed');
    expect((await evaluateCheck(check({ command: { run: 'false', exitCode: 3 }, message: 'm' }), ctx)).results[0]).toMatchObject({
      ok: true,
      expected: 'exit status 3',
      seen: 'exit status 3 and no output',
    });
    expect((await evaluateCheck(check({ command: { run: 'false' }, message: 'm' }), ctx)).results[0]?.seen).toBe('exit status 3 and no output');
  });

  it('turns a sandbox failure into an error', async () => {
    const { ctx, sandbox } = fakeContext();
    sandbox.answer = () => {
      throw new Error('the sandbox is not running');
    };
    const r = await evaluateCheck(check({ command: { run: 'true' }, message: 'm' }), ctx);
    expect(r).toMatchObject({ status: 'error', results: [{ seen: 'Podium could not check this: the sandbox is not running' }] });
  });
});

describe('file checks', () => {
  it('finds text and YAML fields', async () => {
    const { ctx, sandbox } = fakeContext();
    sandbox.files.set('web.yaml', 'kind: Deployment\nspec:\n  replicas: 3\n');
    expect((await evaluateCheck(check({ file: { path: 'web.yaml' }, message: 'm' }), ctx)).results[0]?.seen).toBe('it exists (3 lines)');
    expect((await evaluateCheck(check({ file: { path: 'web.yaml', contains: 'replicas: 3' }, message: 'm' }), ctx)).results[0]).toMatchObject({ ok: true, seen: 'found on line 3' });
    const yaml = await evaluateCheck(check({ file: { path: 'web.yaml', contains: 'kind', yaml: [{ path: 'spec.replicas', atLeast: 2 }] }, message: 'm' }), ctx);
    expect(yaml.status).toBe('passed');
    expect(yaml.results.map((r) => r.subject)).toEqual(['~/web.yaml', '~/web.yaml: spec.replicas']);
    expect((await evaluateCheck(check({ file: { path: 'gone.txt', exists: false }, message: 'm' }), ctx)).results[0]).toMatchObject({ ok: true, seen: 'there is none' });
  });

  it('passes a file of several documents when one meets every condition', async () => {
    const { ctx, sandbox } = fakeContext();
    sandbox.files.set('all.yaml', 'kind: Service\n---\nkind: Deployment\nspec: { replicas: 3 }\n');
    const r = await evaluateCheck(check({ file: { path: 'all.yaml', yaml: [{ path: 'kind', equals: 'Deployment' }, { path: 'spec.replicas', equals: 3 }] }, message: 'm' }), ctx);
    expect(r.status).toBe('passed');
  });
});

describe('ran checks', () => {
  it('matches subcommands by their first words', async () => {
    const { ctx, sandbox } = fakeContext();
    sandbox.typed('kubectl rollout undo deployment/web', 'kubectl rollout undo');
    expect((await evaluateCheck(check({ ran: { kubectl: 'rollout' }, message: 'm' }), ctx)).status).toBe('passed');
    expect((await evaluateCheck(check({ ran: { kubectl: 'rollout status' }, message: 'm' }), ctx)).status).toBe('failed');
    expect((await evaluateCheck(check({ ran: { kubectl: 'roll' }, message: 'm' }), ctx)).status).toBe('failed');
  });

  it('needs both when both are given', async () => {
    const { ctx, sandbox } = fakeContext();
    sandbox.typed('kubectl scale deploy web --replicas=3', 'kubectl scale');
    const both = await evaluateCheck(check({ ran: { kubectl: 'scale', shell: 'replicas=3' }, message: 'm' }), ctx);
    expect(both.status).toBe('passed');
    expect(both.results[1]).toMatchObject({ subject: 'your shell history', seen: 'kubectl scale deploy web --replicas=3' });
    expect((await evaluateCheck(check({ ran: { kubectl: 'scale', shell: 'replicas=4' }, message: 'm' }), ctx)).status).toBe('failed');
  });

  it('says when nothing was run yet', async () => {
    const { ctx } = fakeContext();
    const r = await evaluateCheck(check({ ran: { kubectl: 'scale', shell: 'x' }, message: 'm' }), ctx);
    expect(r.results.map((x) => x.seen)).toEqual(['no kubectl command yet', 'no commands yet']);
  });
});
