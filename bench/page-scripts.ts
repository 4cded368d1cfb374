import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** A JavaScript file a page loads, directly or through static imports. */
export interface ShippedScript {
  file: string;
  bytes: number;
  /** Fetched only when the page asks for it (a dynamic import), not at load. */
  onDemand: boolean;
}

/** Every JavaScript file a built page loads: its module scripts and, recursively, their static imports. */
export function pageScripts(siteDir: string, pagePath: string): ShippedScript[] {
  const html = readFileSync(path.join(siteDir, pagePath), 'utf8');
  const seen = new Map<string, ShippedScript>();
  const queue: { url: string; onDemand: boolean }[] = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => ({ url: m[1]!, onDemand: false }));
  // Inline module scripts import chunks too.
  for (const inline of html.matchAll(/<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    queue.push(...importsOf(inline[1]!, '/', false));
  }
  while (queue.length > 0) {
    const { url, onDemand } = queue.shift()!;
    const known = seen.get(url);
    if (known) {
      if (!onDemand) known.onDemand = false;
      continue;
    }
    if (/^https?:/.test(url)) continue;
    const file = path.join(siteDir, url);
    if (!existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    seen.set(url, { file: url, bytes: Buffer.byteLength(code), onDemand });
    queue.push(...importsOf(code, path.posix.dirname(url), onDemand));
  }
  return [...seen.values()];
}

/** Static imports keep the importer's on-demand status; dynamic `import("…")` ones are on demand. */
function importsOf(code: string, baseDir: string, onDemand: boolean): { url: string; onDemand: boolean }[] {
  const resolve = (s: string) => (s.startsWith('/') ? s : path.posix.join(baseDir, s));
  const staticImports = [...code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,$]*from\s*)?["']([^"']+\.js)["']/g)].map((m) => ({
    url: resolve(m[1]!),
    onDemand,
  }));
  const dynamicImports = [...code.matchAll(/import\(\s*["']([^"']+\.js)["']\s*\)/g)].map((m) => ({ url: resolve(m[1]!), onDemand: true }));
  return [...staticImports, ...dynamicImports];
}
