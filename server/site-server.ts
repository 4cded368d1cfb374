import { serve } from '@hono/node-server';
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the built site alone (no learners, no clusters): what PDF export needs. */
export async function startSiteServer(config: Pick<ServerConfig, 'siteDir' | 'host' | 'port'>): Promise<RunningServer> {
  if (!existsSync(path.join(config.siteDir, 'index.html'))) {
    throw new Error(`No built site in ${config.siteDir}: run \`npm run build\` first (\`npm start\` does both).`);
  }
  const app = createApp({ siteDir: config.siteDir });
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, () => resolve(s as Server));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  return {
    url: `http://${shownHost}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
