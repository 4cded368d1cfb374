import { readFileSync } from 'node:fs';
import { parseGoFacts, type GoFacts } from './facts.ts';

let cached: GoFacts | undefined;

/** The Go facts of Kubernetes 1.32, read once from `data/go-facts-1.32.json` (60 KB). */
export function loadGoFacts(): GoFacts {
  cached ??= parseGoFacts(JSON.parse(readFileSync(new URL('./data/go-facts-1.32.json', import.meta.url), 'utf8')) as Record<string, string[]>);
  return cached;
}
