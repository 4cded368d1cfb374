function normalise(path: string): string {
  return path.replaceAll('\\', '/');
}

/**
 * True for `<slidesDir>/<deck>.mdx`: only decks go through the deck plugin; lab MDX (`labs/…`) shares the
 * Astro markdown pipeline and must be left as written.
 */
export function isDeckFile(path: string | undefined, slidesDir: string): boolean {
  if (!path) return false;
  const dir = `${normalise(slidesDir).replace(/\/+$/, '')}/`;
  const file = normalise(path);
  if (!file.startsWith(dir)) return false;
  const name = file.slice(dir.length);
  return !name.includes('/') && name.endsWith('.mdx');
}
