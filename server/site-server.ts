import { createApp } from './app.ts';
import type { ServerConfig } from './config.ts';
import { assertBuiltSite, listen } from './http/listen.ts';

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

/** Serves the built site alone (no learners, no clusters): what PDF export needs. */
export async function startSiteServer(config: Pick<ServerConfig, 'siteDir' | 'host' | 'port'>): Promise<RunningServer> {
  assertBuiltSite(config.siteDir);
  const { server, url } = await listen(createApp({ siteDir: config.siteDir }), config);
  return {
    url,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
