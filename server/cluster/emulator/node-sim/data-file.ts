import { readFileSync } from 'node:fs';
import { parse } from 'yaml';

const cache = new Map<string, unknown>();

/** Parses a YAML data file shipped beside the code, once per process. `url` is `new URL('x.yaml', import.meta.url)`. */
export function loadYaml<T>(url: URL, check: (raw: unknown, file: string) => T): T {
  const key = url.href;
  if (!cache.has(key)) {
    const file = url.pathname;
    const raw: unknown = parse(readFileSync(url, 'utf8'));
    cache.set(key, check(raw, file));
  }
  return cache.get(key) as T;
}

/** An error in a data file, naming the file and the entry. */
export class DataError extends Error {
  constructor(file: string, where: string, message: string) {
    super(`${file}: ${where}: ${message}`);
  }
}
