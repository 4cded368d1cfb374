import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { startEmbeddedBackend } from '../server/cluster/embedded/index.ts';
import { median, ms, printTable } from './report.ts';

const RUNS = 15;

/** kubectl against the embedded cluster: `get pods` with 50 pods next to `version --client`, and a 20-object apply. */
export async function benchClusterKubectl(): Promise<void> {
  const dir = mkdtempSync(path.join(tmpdir(), 'podium-bench-'));
  const backend = await startEmbeddedBackend({ dataDir: dir, port: 0 });
  try {
    const handle = await backend.provision('bench', { name: 'bench', nodeGroups: [{ name: 'ng-1', instanceType: 'm5.xlarge', desired: 2 }] });
    const kubeconfig = path.join(dir, 'kubeconfig');
    writeFileSync(kubeconfig, await backend.kubeconfig(handle));
    const env = { ...process.env, KUBECONFIG: kubeconfig, KUBECACHEDIR: path.join(dir, 'cache'), HOME: dir };
    // The server runs in this process: kubectl must run asynchronously, never blocking its event loop.
    const exec = promisify(execFile);
    const run = async (bin: string, args: string[]) => {
      const started = performance.now();
      await exec(bin, args, { env, encoding: 'utf8' });
      return performance.now() - started;
    };
    const times = async (bin: string, args: string[]) => {
      const out: number[] = [];
      for (let i = 0; i < RUNS; i++) out.push(await run(bin, args));
      return out;
    };

    await run('kubectl', ['create', 'deployment', 'web', '--image=nginx:1.27', '--replicas=50']);
    const ready = Date.now() + 60_000;
    while (Date.now() < ready) {
      const { stdout } = await exec('kubectl', ['get', 'pods', '--no-headers'], { env, encoding: 'utf8' });
      if (stdout.trim().split('\n').filter((l) => l.includes('Running')).length >= 50) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const direct = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
    const rows: Record<string, string | number>[] = [];
    for (const [label, bin] of [['kubectl (PATH dispatcher)', 'kubectl'], ['kubectl.1.32 (binary)', direct]] as const) {
      await run(bin, ['get', 'pods']); // warm the discovery cache
      const client = median(await times(bin, ['version', '--client']));
      const pods = median(await times(bin, ['get', 'pods']));
      rows.push({ kubectl: label, 'version --client (median)': ms(client), 'get pods, 50 pods (median)': ms(pods), ratio: (pods / client).toFixed(2), runs: RUNS });
    }
    printTable('kubectl get pods against the embedded cluster (target ratio ≤ 1.5)', rows);

    const manifest = Array.from({ length: 10 }, (_, i) =>
      [
        `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cfg-${i}\ndata:\n  key: value-${i}`,
        `apiVersion: v1\nkind: Service\nmetadata:\n  name: svc-${i}\nspec:\n  selector:\n    app: app-${i}\n  ports:\n  - port: 80`,
      ].join('\n---\n'),
    ).join('\n---\n');
    const applies: number[] = [];
    for (let i = 0; i < 5; i++) {
      const file = path.join(dir, `objects-${i}.yaml`);
      writeFileSync(file, manifest.replaceAll('value-', `value${i}-`));
      applies.push(await run('kubectl', ['apply', '-f', file]));
    }
    printTable('kubectl apply of a 20-object manifest', [
      { 'first apply (creates)': ms(applies[0]!), 'later applies (median, all configured)': ms(median(applies.slice(1))), runs: applies.length },
    ]);
  } finally {
    await backend.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
