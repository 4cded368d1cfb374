import type { Command } from 'commander';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { defaultDataDir, parsePort } from '../config.ts';
import { startEmbeddedBackend } from '../cluster/embedded/index.ts';

interface UpOptions {
  port: string;
  host: string;
  kubeconfig: string;
  name: string;
  dataDir?: string;
  nodes: string;
  instanceType: string;
}

/** `podium cluster up`: one embedded cluster on its own, for authors and tests. */
export function registerCluster(program: Command): void {
  const cluster = program.command('cluster').description('run an embedded cluster on its own');
  cluster
    .command('up')
    .description('start an embedded cluster and write an admin kubeconfig for it')
    .requiredOption('--kubeconfig <file>', 'where to write the kubeconfig')
    .option('-p, --port <port>', 'HTTPS port of the API', '6443')
    .option('--host <host>', 'interface to listen on', '127.0.0.1')
    .option('--name <name>', 'cluster name', 'dev')
    .option('--nodes <count>', 'nodes in the node group', '2')
    .option('--instance-type <type>', 'EC2 instance type of the nodes', 't3.medium')
    .option('--data-dir <dir>', 'where the cluster state is kept (default: $PODIUM_DATA_DIR or .podium/)')
    .action(async (opts: UpOptions) => {
      const started = performance.now();
      const dataDir = path.resolve(opts.dataDir ?? defaultDataDir(process.env));
      let rootId: string | undefined;
      const backend = await startEmbeddedBackend({
        dataDir,
        host: opts.host,
        port: parsePort(opts.port, 6443),
        rootClusterId: () => rootId,
      });
      const nodes = Number(opts.nodes);
      if (!Number.isInteger(nodes) || nodes < 0 || nodes > 100) throw new Error(`--nodes must be a whole number from 0 to 100, not "${opts.nodes}"`);
      const handle = await backend.provision('standalone', {
        name: opts.name,
        nodeGroups: [{ name: 'ng-1', instanceType: opts.instanceType, desired: nodes }],
      });
      rootId = handle.id;
      const kubeconfigFile = path.resolve(opts.kubeconfig);
      mkdirSync(path.dirname(kubeconfigFile), { recursive: true });
      writeFileSync(kubeconfigFile, await backend.kubeconfig(handle, { server: backend.url }), { mode: 0o600 });
      const ms = Math.round(performance.now() - started);
      console.log(`Cluster "${handle.name}" is ready at ${backend.url} (${ms} ms).`);
      console.log(`Kubeconfig: ${kubeconfigFile}`);
      console.log(`Try: KUBECONFIG=${kubeconfigFile} kubectl get nodes`);
      const stop = async (signal: string) => {
        await backend.close();
        console.log(`Stopped (${signal}); the cluster's state is kept in ${dataDir}.`);
        process.exit(0);
      };
      process.once('SIGINT', () => void stop('SIGINT'));
      process.once('SIGTERM', () => void stop('SIGTERM'));
    });
}
