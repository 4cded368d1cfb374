/**
 * Memory of embedded clusters, measured in a process of its own started with --expose-gc:
 * the heap an idle cluster adds, and a cluster holding 100 running pods.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedBackend } from '../server/cluster/embedded/index.ts';
import { printTable } from './report.ts';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

const settle = async (msWait: number) => new Promise((r) => setTimeout(r, msWait));
const heap = async () => {
  for (let i = 0; i < 3; i++) {
    gc!();
    await settle(50);
  }
  return process.memoryUsage().heapUsed;
};
const mib = (b: number) => `${(b / 1024 / 1024).toFixed(2)} MiB`;

const dir = mkdtempSync(path.join(tmpdir(), 'podium-mem-'));
const backend = await startEmbeddedBackend({ dataDir: dir, port: 0 });
// The first cluster pays for shared, once-per-process pieces (schemas, stage data): leave it out.
await backend.provision('warm', { name: 'warm' });
await settle(3000);

const N = 20;
const before = await heap();
for (let i = 0; i < N; i++) await backend.provision(`learner-${i}`, { name: 'workshop' });
await settle(5000);
const idle = ((await heap()) - before) / N;

const handle = await backend.provision('busy', { name: 'busy', nodeGroups: [{ name: 'ng-1', instanceType: 'm5.2xlarge', desired: 2 }] });
const busy = backend.host.built(handle.id)!.cluster;
const beforeBusy = await heap();
const deploy = busy.registry.lookup('apps', 'v1', 'deployments')!;
busy.api.create(deploy, 'default', {
  apiVersion: 'apps/v1',
  kind: 'Deployment',
  metadata: { name: 'web' },
  spec: { replicas: 100, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] } } },
});
const pods = busy.registry.lookup('', 'v1', 'pods')!;
const deadline = Date.now() + 120_000;
while (Date.now() < deadline) {
  const running = busy.api.list(pods, 'default').items.filter((p) => (p as { status?: { phase?: string } }).status?.phase === 'Running').length;
  if (running >= 100) break;
  await settle(500);
}
const withPods = (await heap()) - beforeBusy + idle;

printTable('Memory per embedded cluster (JS heap, after GC; target for an idle cluster: < 5 MiB)', [
  { cluster: `idle (2 × t3.medium, system pods running; mean of ${N})`, heap: mib(idle) },
  { cluster: 'holding 100 running nginx pods', heap: mib(withPods) },
]);
await backend.close();
rmSync(dir, { recursive: true, force: true });
