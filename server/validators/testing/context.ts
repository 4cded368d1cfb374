/** A CheckContext made of fakes: one cluster `workshop` (or several), a fake sandbox. */
import type { CheckContext } from '../types.ts';
import { FakeCluster } from './fake-cluster.ts';
import { FakeSandbox } from './fake-sandbox.ts';

export interface FakeContext {
  ctx: CheckContext;
  cluster: FakeCluster;
  clusters: Map<string, FakeCluster>;
  sandbox: FakeSandbox;
}

export function fakeContext(opts: { clusters?: string[]; labDir?: string } = {}): FakeContext {
  const names = opts.clusters ?? ['workshop'];
  const clusters = new Map(names.map((n) => [n, new FakeCluster()]));
  const sandbox = new FakeSandbox();
  return {
    ctx: { clusters, defaultCluster: names[0]!, sandbox, commands: sandbox, labDir: opts.labDir ?? '/nonexistent' },
    cluster: clusters.get(names[0]!)!,
    clusters,
    sandbox,
  };
}
