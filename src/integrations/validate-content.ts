import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFrontmatter, formatIssue } from '../lib/content/frontmatter.ts';
import { deckSchema } from '../schemas/deck.ts';

/** Checks every deck's frontmatter before Astro builds, so a mistake stops the build with file, line and fix. */
export function validateContent(): AstroIntegration {
  return {
    name: 'podium:validate-content',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const root = fileURLToPath(config.root);
        const problems = checkDecks(root);
        if (problems.length > 0) {
          throw new Error(`${problems.length} mistake(s) in deck frontmatter:\n\n${problems.join('\n\n')}\n`);
        }
        logger.debug('deck frontmatter checked');
      },
    },
  };
}

/** Every frontmatter mistake in `slides/*.mdx`, formatted `slides/x.mdx:line:col: …`. */
export function checkDecks(root: string): string[] {
  const dir = path.join(root, 'slides');
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.endsWith('.mdx'))
    .sort()
    .flatMap((f) => {
      const rel = path.posix.join('slides', f);
      return checkFrontmatter(readFileSync(path.join(dir, f), 'utf8'), deckSchema).map((i) => formatIssue(rel, i));
    });
}
