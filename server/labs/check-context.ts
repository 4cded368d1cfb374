import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { LabDefinition } from '../../src/lib/labs/definition.ts';
import type { ClusterBackend } from '../cluster/backend.ts';
import type { SandboxDriver, SandboxSpec } from '../sandbox/driver.ts';
import { KubeClusterReader, watchedKinds, type CheckContext, type ClusterReader } from '../validators/index.ts';
import type { LabEnvironment } from './lab-environment.ts';

export interface CheckContextDeps {
  backend: ClusterBackend;
  driver: SandboxDriver;
  labsDir: string;
  /** The learner's kubectl commands against these clusters, oldest first. */
  kubectlCommands(clusterIds: string[]): Promise<string[]>;
}

/** What a lab's checks look at for one learner: their clusters (platform identity), their sandbox, their commands. */
export async function buildCheckContext(
  deps: CheckContextDeps,
  lab: LabDefinition,
  env: LabEnvironment,
  spec: Omit<SandboxSpec, 'cols' | 'rows'>,
): Promise<{ ctx: CheckContext; readers: KubeClusterReader[] }> {
  const kinds = watchedKinds(lab.steps, lab.setup.clusters[0]!.name);
  const readers: KubeClusterReader[] = [];
  const clusters = new Map<string, ClusterReader>();
  for (const { name, handle } of env.clusters) {
    const reader = await KubeClusterReader.fromKubeconfig(await deps.backend.adminKubeconfig(handle), {
      watchKinds: kinds.get(name) ?? [],
      onWatchError: rateLimitedLog(`watch of ${lab.name}/${name} (cluster ${handle.id})`),
    });
    readers.push(reader);
    clusters.set(name, reader);
  }
  const clusterIds = env.clusters.map((c) => c.handle.id);
  const ctx: CheckContext = {
    clusters,
    defaultCluster: lab.setup.clusters[0]!.name,
    labDir: path.join(deps.labsDir, lab.name),
    sandbox: {
      run: (command, opts) => deps.driver.exec(spec, command, opts),
      readFile: (relative) => deps.driver.readHomeFile(env.paths.home, relative),
      history: async () => {
        const text = await readFile(path.join(env.paths.home, '.bash_history'), 'utf8').catch(() => '');
        return text.split('\n').filter((l) => l.trim() !== '');
      },
    },
    commands: { kubectlCommands: () => deps.kubectlCommands(clusterIds) },
  };
  return { ctx, readers };
}

/** A logger that says a failing watch's error at most once a minute (it retries with back-off meanwhile). */
function rateLimitedLog(what: string, everyMs = 60_000): (kind: { kind: string }, error: unknown) => void {
  let last = 0;
  let skipped = 0;
  return (kind, error) => {
    const now = Date.now();
    if (now - last < everyMs) {
      skipped++;
      return;
    }
    const more = skipped > 0 ? ` (${skipped} more since the last report)` : '';
    console.warn(`${what}: ${kind.kind}: ${error instanceof Error ? error.message : String(error)}${more}`);
    last = now;
    skipped = 0;
  };
}
