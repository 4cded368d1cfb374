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
      const all = pageScripts(siteDir, `${route}/${deck}/index.html`);
      const atLoad = all.filter((s) => !s.onDemand);
      const bytes = atLoad.reduce((s, x) => s + x.bytes, 0);
      const gz = atLoad.reduce((s, x) => s + gzipSync(readFileSync(path.join(siteDir, x.file))).length, 0);
      // Chunks are named after their module; the deck page's own script is Podium's.
      const name = (s: { file: string; bytes: number }) =>
        `${path.basename(s.file).replace(/\.[\w-]{8}\.js$/, '').replace(/^Deck\.astro.*/, 'podium')} ${kib(s.bytes)}`;
      return {
        page: `/${route}/${deck}/`,
        'js at load': kib(bytes),
        gzip: kib(gz),
        'loaded at start': atLoad.map(name).join(' + '),
        'on demand': all.filter((s) => s.onDemand).map(name).join(' + ') || '-',
      };
    }),
  );
  printTable('JavaScript shipped per deck page', rows);
}
