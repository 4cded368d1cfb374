import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface AppPieces {
  /** Folder of the static site built by Astro. */
  siteDir: string;
}

/** Routes of the workshop server, built from injected pieces so tests can call `app.request()` in memory. */
export function createApp(pieces: AppPieces): Hono {
  const app = new Hono();
  const root = path.relative(process.cwd(), pieces.siteDir) || '.';
  const notFoundPage = path.join(pieces.siteDir, '404.html');
  const notFoundHtml = existsSync(notFoundPage) ? readFileSync(notFoundPage, 'utf8') : undefined;

  app.get('/healthz', (c) => c.json({ ok: true }));

  app.use('/_astro/*', async (c, next) => {
    await next();
    // Astro fingerprints everything under /_astro/: cache it for a year.
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root }));
  app.notFound((c) => (notFoundHtml ? c.html(notFoundHtml, 404) : c.text('Not found', 404)));
  return app;
}
