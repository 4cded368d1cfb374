import { Hono, type Context, type MiddlewareHandler } from 'hono';
import type { JoinRequest } from '../../src/lib/labs/api.ts';
import { CookieSigner, readCookie, SESSION_COOKIE, sessionCookie } from '../sessions/cookie.ts';
import type { JoinService } from '../sessions/join.ts';
import type { Learner, Learners } from '../store/learners.ts';
import { LabError, type LabApi } from './lab-api.ts';

export interface RoutePieces {
  join: JoinService;
  learners: Learners;
  cookies: CookieSigner;
  labs: LabApi;
}

type Env = { Variables: { learner: Learner | undefined } };

/** The learner's session from the signed cookie, if any. */
export function learnerFrom(pieces: Pick<RoutePieces, 'cookies' | 'learners'>, cookieHeader: string | undefined): Learner | undefined {
  const id = pieces.cookies.verify(readCookie(cookieHeader, SESSION_COOKIE));
  return id ? pieces.learners.get(id) : undefined;
}

/**
 * Requests that change something must come from this site's own pages: a browser sends Origin on
 * them, and it must name the host the request went to.
 */
export function sameOrigin(origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function apiRoutes(pieces: RoutePieces): Hono<Env> {
  const api = new Hono<Env>();

  const session: MiddlewareHandler<Env> = async (c, next) => {
    c.set('learner', learnerFrom(pieces, c.req.header('cookie')));
    if (c.req.method !== 'GET' && c.req.method !== 'HEAD' && !sameOrigin(c.req.header('origin'), c.req.header('host'))) {
      return c.json({ error: 'This request did not come from this site.' }, 403);
    }
    await next();
    return undefined;
  };
  api.use('*', session);

  api.post('/join', async (c) => {
    const body = await readJson<JoinRequest>(c);
    if (!body) return c.json({ ok: false, reason: 'invalid-name', message: 'Send a JSON body with code and name.' }, 400);
    const outcome = pieces.join.join(body, c.get('learner'));
    if (outcome.learner) {
      const secure = new URL(c.req.url).protocol === 'https:';
      c.header('Set-Cookie', sessionCookie(pieces.cookies.sign(outcome.learner.id), secure));
    }
    return c.json(outcome.response, outcome.response.ok ? 200 : outcome.response.reason === 'unknown-workshop' ? 404 : 409);
  });

  api.get('/me', (c) => {
    const learner = c.get('learner');
    if (!learner) return c.json({ error: 'Join a workshop first.' }, 401);
    pieces.learners.touch(learner.id);
    return c.json(pieces.join.me(learner));
  });

  const labRoute = (handler: (learner: Learner, lab: string, c: Context<Env>) => Promise<unknown>) => async (c: Context<Env>) => {
    const learner = c.get('learner');
    if (!learner) return c.json({ error: 'Join a workshop first.' }, 401);
    const lab = c.req.param('lab') ?? '';
    if (!pieces.labs.exists(lab)) return c.json({ error: `There is no lab "${lab}".` }, 404);
    try {
      return c.json(await handler(learner, lab, c));
    } catch (err) {
      if (err instanceof LabError) return c.json({ error: err.message }, err.status);
      console.error(`lab ${lab} for ${learner.id}:`, err);
      return c.json({ error: 'Something went wrong on the server; try again in a moment.' }, 500);
    }
  };

  api.get('/labs/:lab/state', labRoute((l, lab) => pieces.labs.state(l, lab)));
  api.post('/labs/:lab/start', labRoute((l, lab) => pieces.labs.start(l, lab)));
  api.post('/labs/:lab/steps/:step/check', labRoute((l, lab, c) => pieces.labs.check(l, lab, c.req.param('step') ?? '')));
  api.post('/labs/:lab/steps/:step/hint', labRoute((l, lab, c) => pieces.labs.hint(l, lab, c.req.param('step') ?? '')));
  api.post('/labs/:lab/steps/:step/solution', labRoute((l, lab, c) => pieces.labs.solution(l, lab, c.req.param('step') ?? '')));

  api.notFound((c) => c.json({ error: 'No such API route.' }, 404));
  return api;
}

async function readJson<T>(c: Context): Promise<T | undefined> {
  const text = await c.req.text();
  if (text.length > 16 * 1024) return undefined;
  try {
    return JSON.parse(text) as T;
  } catch {
    return undefined;
  }
}
