import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp } from './app.ts';

let siteDir: string;

beforeAll(() => {
  siteDir = mkdtempSync(path.join(tmpdir(), 'podium-site-'));
  writeFileSync(path.join(siteDir, 'index.html'), '<h1>catalogue</h1>');
  writeFileSync(path.join(siteDir, '404.html'), '<h1>Nothing here</h1>');
  mkdirSync(path.join(siteDir, 'slides', 'intro'), { recursive: true });
  writeFileSync(path.join(siteDir, 'slides', 'intro', 'index.html'), '<div class="reveal"></div>');
  mkdirSync(path.join(siteDir, '_astro'));
  writeFileSync(path.join(siteDir, '_astro', 'deck.abc123.js'), 'console.log(1)');
});
afterAll(() => rmSync(siteDir, { recursive: true, force: true }));

describe('workshop server routes', () => {
  it('serves the catalogue and deck pages', async () => {
    const app = createApp({ siteDir });
    const home = await app.request('/');
    expect(home.status).toBe(200);
    expect(await home.text()).toContain('catalogue');
    const deck = await app.request('/slides/intro/');
    expect(await deck.text()).toContain('class="reveal"');
  });

  it('caches fingerprinted assets for a year', async () => {
    const res = await createApp({ siteDir }).request('/_astro/deck.abc123.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toContain('immutable');
  });

  it('answers unknown paths with the 404 page', async () => {
    const res = await createApp({ siteDir }).request('/nope');
    expect(res.status).toBe(404);
    expect(await res.text()).toContain('Nothing here');
  });

  it('does not serve files outside the site', async () => {
    const res = await createApp({ siteDir }).request('/..%2f..%2fetc/passwd');
    expect(res.status).toBe(404);
  });

  it('reports health', async () => {
    expect(await (await createApp({ siteDir }).request('/healthz')).json()).toEqual({ ok: true });
  });
});
