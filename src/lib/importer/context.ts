import type { DeckBuilder } from './deck-model.ts';
import type { Report } from './report.ts';

/** What every part of one import shares. */
export interface ImportContext {
  report: Report;
  builder: DeckBuilder;
  /** `reveal_hugo.templates` of the frontmatter, for `{{< slide template="…" >}}`. */
  templates: Record<string, Record<string, unknown>>;
}
