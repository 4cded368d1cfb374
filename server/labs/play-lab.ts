import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LabDefinition } from '../../src/lib/labs/definition.ts';
import { startEmbeddedBackend } from '../cluster/embedded/index.ts';
import { createBubblewrapDriver } from '../sandbox/index.ts';
import { playLab, type PlayOptions, type PlayReport } from '../validators/index.ts';
import { buildCheckContext } from './check-context.ts';
import { labSandboxSpec, prepareEnvironment } from './lab-environment.ts';

/** The Unix user `podium check` plays labs as (well apart from learners'). */
const CHECK_UID = 59999;
const CHECK_LEARNER = 'podiumcheck';

/**
 * Plays a lab's solutions, step by step, in a fresh sandbox against fresh clusters, as a learner
 * would, and reports every check. Everything it creates goes when it ends.
 */
export async function playLabFresh(lab: LabDefinition, labsDir: string, opts: PlayOptions = {}): Promise<PlayReport> {
  const dataDir = await mkdtemp(path.join(tmpdir(), 'podium-check-'));
  // The sandbox's user walks through this folder to its home.
  await chmod(dataDir, 0o711);
  const commands: { cluster: string; command: string }[] = [];
  const backend = await startEmbeddedBackend({
    dataDir,
    port: 0,
    onRequest: (cluster, record) => {
      if (record.kubectlCommand && commands.at(-1)?.command !== `${record.kubectlSession}:${record.kubectlCommand}`) {
        commands.push({ cluster, command: `${record.kubectlSession}:${record.kubectlCommand}` });
      }
    },
  });
  const driver = await createBubblewrapDriver({ runtimeParent: dataDir });
  const uid = process.getuid?.() === 0 ? CHECK_UID : undefined;
  try {
    const env = await prepareEnvironment({ backend, dataDir, labsDir }, CHECK_LEARNER, uid, lab);
    await backend.openOwnerSocket(CHECK_LEARNER, env.paths.apiSocket, uid !== undefined ? { uid } : {});
    const spec = labSandboxSpec(CHECK_LEARNER, uid, lab.name, env);
    const { ctx, readers } = await buildCheckContext(
      {
        backend,
        driver,
        labsDir,
        kubectlCommands: async (ids) => commands.filter((c) => ids.includes(c.cluster)).map((c) => c.command.slice(c.command.indexOf(':') + 1)),
      },
      lab,
      env,
      spec,
    );
    try {
      // Solution commands run as lines typed at the learner's prompt: in their home, with their environment.
      return await playLab(lab, ctx, (command) => driver.exec(spec, command, { timeoutMs: 120_000 }), opts);
    } finally {
      for (const r of readers) r.close();
    }
  } finally {
    await backend.close();
    await driver.close();
    await rm(dataDir, { recursive: true, force: true });
  }
}
