import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const fixtureLabsDir = path.resolve('tests/fixtures/labs');

/**
 * The site built with the fixture labs (PODIUM_LABS_DIR), in a folder of its own so `dist/` is left
 * alone. `PODIUM_LABS_UI_SITE` names an already built one and skips the build.
 */
export function buildFixtureSite(): string {
  const given = process.env.PODIUM_LABS_UI_SITE;
  if (given) {
    if (!existsSync(path.join(given, 'index.html'))) throw new Error(`PODIUM_LABS_UI_SITE=${given} has no index.html`);
    return path.resolve(given);
  }
  const outDir = mkdtempSync(path.join(tmpdir(), 'podium-labs-ui-'));
  let last = '';
  // Other builds may run in the same checkout; one retry covers a clash over Astro's cache.
  for (let attempt = 0; attempt < 2; attempt++) {
    const result = spawnSync('npx', ['astro', 'build', '--outDir', outDir], {
      env: { ...process.env, PODIUM_LABS_DIR: fixtureLabsDir },
      encoding: 'utf8',
      timeout: 180_000,
    });
    if (result.status === 0 && existsSync(path.join(outDir, 'labs', 'first-deployment', 'index.html'))) return outDir;
    last = `${result.stdout}\n${result.stderr}`;
  }
  throw new Error(`building the fixture site failed:\n${last.slice(-4000)}`);
}
