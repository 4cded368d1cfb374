import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pageScripts } from './page-scripts.ts';
import { kib, printTable } from './report.ts';

/** Times `astro build` and lists the JavaScript every deck page ships. */
export function benchSite(root: string): void {
  const started = performance.now();
  const build = spawnSync('npx', ['astro', 'build'], { cwd: root, encoding: 'utf8' });
  const seconds = (performance.now() - started) / 1000;
  if (build.status !== 0) {
    console.log(build.stdout, build.stderr);
    throw new Error('astro build failed');
  }
  const siteDir = path.join(root, 'dist');
  const decks = readdirSync(path.join(siteDir, 'slides'));
  printTable('Site build', [{ step: 'astro build', 'wall time': `${seconds.toFixed(1)} s`, decks: decks.length }]);

  const rows = decks.flatMap((deck) =>
    (['slides', 'present'] as const).map((route) => {
      const scripts = pageScripts(siteDir, `${route}/${deck}/index.html`);
      const bytes = scripts.reduce((s, x) => s + x.bytes, 0);
      const gz = scripts.reduce((s, x) => s + gzipSync(readFileSync(path.join(siteDir, x.file))).length, 0);
      return {
        page: `/${route}/${deck}/`,
        files: scripts.length,
        js: kib(bytes),
        'js gzip': kib(gz),
        contents: scripts.map((s) => `${path.basename(s.file)} (${kib(s.bytes)})`).join(', '),
      };
    }),
  );
  printTable('JavaScript shipped per deck page', rows);
}
