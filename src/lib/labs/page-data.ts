import { formatDuration } from '../catalogue.ts';
import { stepEntryParts } from './step-files.ts';

/** What the lab page is built from: the collections' entries, as plain data. */
export interface LabPageInput {
  lab: { slug: string; title: string; description: string; duration: number; deck?: string | undefined };
  /** Step entries of every lab (ids `<lab>/NN-<id>`); the page keeps its own. */
  steps: { entryId: string; title: string; hints: string[]; showSolution: boolean; checks: unknown[] }[];
  decks: { slug: string; title: string }[];
  labs: { slug: string; title: string; order: number; draft: boolean }[];
}

export interface LabPageStep {
  /** The step's id (file name after the number), as the API names it. */
  id: string;
  /** Collection entry id, to render the step's body. */
  entryId: string;
  /** 1, 2, 3… in the order of the files. */
  number: number;
  title: string;
  hintsTotal: number;
  /** The author allows revealing the solution. */
  showSolution: boolean;
  checksTotal: number;
  /** Element id of the step on the page. */
  anchor: string;
}

export interface LabPageData {
  slug: string;
  title: string;
  description: string;
  duration: string;
  steps: LabPageStep[];
  /** "3 steps", "1 step". */
  stepCount: string;
  /** The deck this lab follows, to review when done. */
  deck?: { title: string; href: string };
  /** The next lab in catalogue order. */
  next?: { title: string; href: string };
}

/** Everything the lab page shows, computed once; components only read it. */
export function labPageData(input: LabPageInput): LabPageData {
  const { lab } = input;
  const steps = input.steps
    .flatMap((s) => {
      const parts = stepEntryParts(s.entryId);
      return parts && parts.lab === lab.slug ? [{ ...s, parts }] : [];
    })
    .sort((a, b) => a.parts.number - b.parts.number || a.parts.file.localeCompare(b.parts.file))
    .map((s, i) => ({
      id: s.parts.id,
      entryId: s.entryId,
      number: i + 1,
      title: s.title,
      hintsTotal: s.hints.length,
      showSolution: s.showSolution,
      checksTotal: s.checks.length,
      anchor: `step-${s.parts.id}`,
    }));
  const deck = lab.deck ? input.decks.find((d) => d.slug === lab.deck) : undefined;
  const listed = input.labs
    .filter((l) => !l.draft || l.slug === lab.slug)
    .sort((a, b) => a.order - b.order || a.title.localeCompare(b.title));
  const after = listed[listed.findIndex((l) => l.slug === lab.slug) + 1];
  const next = after && after.slug !== lab.slug && !after.draft ? after : undefined;
  return {
    slug: lab.slug,
    title: lab.title,
    description: lab.description,
    duration: formatDuration(lab.duration),
    steps,
    stepCount: `${steps.length} step${steps.length === 1 ? '' : 's'}`,
    ...(deck ? { deck: { title: deck.title, href: `/slides/${deck.slug}/` } } : {}),
    ...(next ? { next: { title: next.title, href: `/labs/${next.slug}/` } } : {}),
  };
}
