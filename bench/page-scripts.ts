import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';

/** A JavaScript file a page loads, directly or through static imports. */
export interface ShippedScript {
  file: string;
  bytes: number;
}

/** Every JavaScript file a built page loads: its module scripts and, recursively, their static imports. */
export function pageScripts(siteDir: string, pagePath: string): ShippedScript[] {
  const html = readFileSync(path.join(siteDir, pagePath), 'utf8');
  const seen = new Map<string, number>();
  const queue = [...html.matchAll(/<script[^>]*\ssrc="([^"]+)"/g)].map((m) => m[1]!);
  // Inline module scripts import chunks too.
  for (const inline of html.matchAll(/<script[^>]*type="module"[^>]*>([\s\S]*?)<\/script>/g)) {
    queue.push(...importsOf(inline[1]!, '/'));
  }
  while (queue.length > 0) {
    const url = queue.shift()!;
    if (seen.has(url) || /^https?:/.test(url)) continue;
    const file = path.join(siteDir, url);
    if (!existsSync(file)) continue;
    const code = readFileSync(file, 'utf8');
    seen.set(url, Buffer.byteLength(code));
    queue.push(...importsOf(code, path.posix.dirname(url)));
  }
  return [...seen].map(([file, bytes]) => ({ file, bytes }));
}

function importsOf(code: string, baseDir: string): string[] {
  const specs = [...code.matchAll(/(?:import|export)\s*(?:[\w*{}\s,]*from\s*)?["']([^"']+\.js)["']/g)].map((m) => m[1]!);
  return specs.map((s) => (s.startsWith('/') ? s : path.posix.join(baseDir, s)));
}
