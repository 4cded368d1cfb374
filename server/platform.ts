import { randomBytes, randomInt } from 'node:crypto';
import { chmod, stat } from 'node:fs/promises';
import path from 'node:path';
import { createApp } from './app.ts';
import { startEmbeddedBackend } from './cluster/embedded/index.ts';
import type { ServerConfig } from './config.ts';
import { assertBuiltSite, listen } from './http/listen.ts';
import { createSocketHandler } from './http/websockets.ts';
import { LabService } from './labs/lab-service.ts';
import { LiveHub } from './labs/live-hub.ts';
import { createBubblewrapDriver } from './sandbox/index.ts';
import { TerminalSessions } from './sandbox/sessions/terminal-sessions.ts';
import { CookieSigner } from './sessions/cookie.ts';
import { JoinService } from './sessions/join.ts';
import { CommandLogStore } from './store/command-log.ts';
import { openDatabase } from './store/database.ts';
import { Learners } from './store/learners.ts';
import { Progress } from './store/progress.ts';
import { Screens } from './store/screens.ts';
import { Settings } from './store/settings.ts';
import { Workshops, type Workshop } from './store/workshops.ts';
import { loadLabs } from './validators/index.ts';
import type { LabDefinition } from '../src/lib/labs/definition.ts';

export interface RunningPlatform {
  url: string;
  workshop: Workshop;
  labs: string[];
  close(): Promise<void>;
}

/**
 * The workshop server: the site, learners joining, their labs (clusters, sandboxes, validators) and
 * the WebSockets of the lab pages, built from the configuration.
 */
export async function startPlatform(config: ServerConfig): Promise<RunningPlatform> {
  assertBuiltSite(config.siteDir);
  const db = openDatabase(path.join(config.dataDir, 'podium.db'));
  // Learners' sandboxes run as their own users and must walk through the data dir to their homes
  // (never list it: homes/ and run/ are 711 and each learner's folder is theirs alone).
  await chmod(config.dataDir, (await stat(config.dataDir)).mode | 0o111);
  const settings = new Settings(db);
  const workshops = new Workshops(db);
  const learners = new Learners(db);
  const progress = new Progress(db);
  const commands = new CommandLogStore(db);
  const screens = new Screens(db);

  const code = config.workshop.code ?? (await settings.getOrCreate('workshop.code', () => `kube-${randomInt(1000, 10000)}`));
  const workshop = workshops.ensure(code, config.workshop.title);
  const cookies = new CookieSigner(await settings.getOrCreate('cookie.secret', () => randomBytes(32).toString('base64url')));

  const labs = new Map<string, LabDefinition>();
  for (const loaded of loadLabs(config.labsDir)) {
    if (loaded.ok) labs.set(loaded.lab.name, loaded.lab);
    else console.error(`lab not served:\n${loaded.message}`);
  }

  const backend = await startEmbeddedBackend({
    db,
    dataDir: config.dataDir,
    port: config.apiPort,
    onRequest: (clusterId, record) => {
      const owner = backend.host.record(clusterId)?.owner;
      if (owner && record.kubectlCommand) commands.record(owner, clusterId, record.kubectlCommand, record.kubectlSession, record.time);
    },
  });
  const driver = await createBubblewrapDriver();
  const live = new LiveHub();
  const labService = new LabService({
    labs,
    labsDir: config.labsDir,
    dataDir: config.dataDir,
    backend,
    driver,
    progress,
    commands,
    live,
    useUids: process.getuid?.() === 0,
  });
  const terminals = new TerminalSessions({
    driver,
    specFor: (key) => {
      const learner = learners.get(key.learnerId);
      if (!learner) throw new Error(`no learner ${key.learnerId}`);
      return labService.sandboxSpec(learner, key.lab);
    },
    screens: {
      load: async (learner, lab) => screens.get(learner, lab),
      save: async (learner, lab, screen) => screens.save(learner, lab, screen),
    },
  });
  terminals.onPrompt((learnerId, lab) => labService.promptShown(learnerId, lab));

  const routes = { join: new JoinService(workshops, learners), learners, cookies, labs: labService };
  const { server, url } = await listen(createApp({ siteDir: config.siteDir, routes }), config);
  const sockets = createSocketHandler({ routes, labs: labService, live, terminals });
  server.on('upgrade', sockets.handleUpgrade);
  return {
    url,
    workshop,
    labs: [...labs.keys()],
    async close() {
      // Shells first (their last screens are saved), then the pages' sockets, then HTTP.
      await terminals.shutdown();
      sockets.closeAll();
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      await labService.close();
      await backend.close();
      db.close();
    },
  };
}
