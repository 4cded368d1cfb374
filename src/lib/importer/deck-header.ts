import { stringify } from 'yaml';
import { show, type DeckFields, type Leftover } from './deck-fields.ts';

/** Values given on the command line; they win over the input's frontmatter. */
export interface DeckOverrides {
  title?: string;
  description?: string;
  duration?: number;
  order?: number;
}

export interface HeaderInput {
  fields: DeckFields;
  leftovers: readonly Leftover[];
  overrides: DeckOverrides;
  /** The input's file name, without folders. */
  fileName: string;
  /** Text of the first heading of the deck, if it has one. */
  firstHeading?: string;
  slideCount: number;
}

/** Minutes per slide when the input gives no duration. */
const MINUTES_PER_SLIDE = 2;

/** The deck's required fields, filled from the overrides, the input's frontmatter, or a fallback. */
function completeFields(input: HeaderInput): DeckFields & { title: string; description: string; duration: number } {
  const { fields, overrides } = input;
  const estimate = Math.min(600, Math.max(1, input.slideCount * MINUTES_PER_SLIDE));
  const order = overrides.order ?? fields.order;
  return {
    title: overrides.title ?? fields.title ?? input.firstHeading ?? input.fileName.replace(/\.[^.]+$/, ''),
    description: overrides.description ?? fields.description ?? `Imported from ${input.fileName}.`,
    duration: overrides.duration ?? fields.duration ?? estimate,
    ...(fields.theme ? { theme: fields.theme } : {}),
    ...(fields.transition ? { transition: fields.transition } : {}),
    ...(order !== undefined ? { order } : {}),
    ...(fields.tags ? { tags: fields.tags } : {}),
    ...(fields.draft !== undefined ? { draft: fields.draft } : {}),
  };
}

/** `---` YAML frontmatter, then the leftovers as an MDX comment so nothing is dropped silently. */
export function renderHeader(input: HeaderInput): string {
  const yaml = stringify(completeFields(input), { lineWidth: 0 }).trimEnd();
  const head = `---\n${yaml}\n---\n`;
  if (input.leftovers.length === 0) return head;
  const lines = input.leftovers.map((l) => `  ${l.path} = ${show(l.value)}`.replaceAll('*/', '*\\/'));
  return `${head}\n{/* podium import: not converted from the frontmatter:\n${lines.join('\n')}\n*/}\n`;
}
