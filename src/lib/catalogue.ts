/** One card of the home page's catalogue: a deck or a lab. */
export interface CatalogueItem {
  kind: 'deck' | 'lab';
  slug: string;
  title: string;
  description: string;
  /** Minutes. */
  duration: number;
  order: number;
  tags: string[];
  /** Main link of the card. */
  href: string;
  /** Secondary links, e.g. the presenter's view of a deck. */
  links: { label: string; href: string }[];
}

export interface CatalogueSource {
  slug: string;
  title: string;
  description: string;
  duration: number;
  order: number;
  tags: string[];
  draft?: boolean;
}

export function deckItems(decks: CatalogueSource[]): CatalogueItem[] {
  return sortItems(
    decks
      .filter((d) => !d.draft)
      .map((d) => ({
        kind: 'deck' as const,
        ...pick(d),
        href: `/slides/${d.slug}/`,
        links: [{ label: 'Present', href: `/present/${d.slug}/` }],
      })),
  );
}

export function labItems(labs: CatalogueSource[]): CatalogueItem[] {
  return sortItems(
    labs.filter((l) => !l.draft).map((l) => ({ kind: 'lab' as const, ...pick(l), href: `/labs/${l.slug}/`, links: [] })),
  );
}

function pick(s: CatalogueSource) {
  return { slug: s.slug, title: s.title, description: s.description, duration: s.duration, order: s.order, tags: s.tags };
}

function sortItems(items: CatalogueItem[]): CatalogueItem[] {
  return [...items].sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
}

/** "45 min", "1 h", "1 h 30 min". */
export function formatDuration(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  if (h === 0) return `${m} min`;
  return m === 0 ? `${h} h` : `${h} h ${m} min`;
}

/** Total time of a list of items, formatted. */
export function totalDuration(items: CatalogueItem[]): string {
  return formatDuration(items.reduce((sum, i) => sum + i.duration, 0));
}
