import { Hono } from 'hono';
import { serveStatic } from '@hono/node-server/serve-static';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { apiRoutes, learnerFrom, type RoutePieces } from './http/routes.ts';

export interface AppPieces {
  /** Folder of the static site built by Astro. */
  siteDir: string;
  /** The learner API (join, labs); without it the server only serves the site (decks). */
  routes?: RoutePieces;
}

/** Routes of the workshop server, built from injected pieces so tests can call `app.request()` in memory. */
export function createApp(pieces: AppPieces): Hono {
  const app = new Hono();
  const root = path.relative(process.cwd(), pieces.siteDir) || '.';
  const notFoundPage = path.join(pieces.siteDir, '404.html');
  const notFoundHtml = existsSync(notFoundPage) ? readFileSync(notFoundPage, 'utf8') : undefined;

  app.get('/healthz', (c) => c.json({ ok: true }));

  if (pieces.routes) {
    const routes = pieces.routes;
    app.route('/api', apiRoutes(routes));
    // Lab pages need a learner: others are sent to join first, and come back afterwards.
    app.use('/labs/*', async (c, next) => {
      if (!learnerFrom(routes, c.req.header('cookie'))) {
        const next_ = new URL(c.req.url).pathname;
        return c.redirect(`/join?next=${encodeURIComponent(next_)}`, 302);
      }
      await next();
      return undefined;
    });
  }

  app.use('/_astro/*', async (c, next) => {
    await next();
    // Astro fingerprints everything under /_astro/: cache it for a year.
    if (c.res.status === 200) c.res.headers.set('Cache-Control', 'public, max-age=31536000, immutable');
  });
  app.use('*', serveStatic({ root }));
  app.notFound((c) => (notFoundHtml ? c.html(notFoundHtml, 404) : c.text('Not found', 404)));
  return app;
}
