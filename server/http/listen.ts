import { serve } from '@hono/node-server';
import type { Hono } from 'hono';
import { existsSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/** Both servers serve the site Astro built: refuse to start without it. */
export function assertBuiltSite(siteDir: string): void {
  if (!existsSync(path.join(siteDir, 'index.html'))) {
    throw new Error(`No built site in ${siteDir}: run \`npm run build\` first (\`npm start\` does both).`);
  }
}

/** Serves `app` over HTTP once it listens; `url` is the address to show (localhost for a wildcard host). */
export async function listen(app: Hono, where: { host: string; port: number }): Promise<{ server: Server; url: string }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = serve({ fetch: app.fetch, port: where.port, hostname: where.host }, () => resolve(s as Server));
    s.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const shownHost = where.host === '0.0.0.0' || where.host === '::' ? 'localhost' : where.host;
  return { server, url: `http://${shownHost}:${port}` };
}
