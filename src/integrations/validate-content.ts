import type { AstroIntegration } from 'astro';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkFrontmatter, formatIssue } from '../lib/content/frontmatter.ts';
import { deckSchema } from '../schemas/deck.ts';
import { checkLabFolder, formatLabIssue } from '../lib/labs/lab-issues.ts';
import { deckNames, labFolderNames, readLabFolder } from '../lib/labs/lab-folder-fs.ts';
import { labsDir } from './labs-dir.ts';

/** Checks every deck and lab before Astro builds, so a mistake stops the build with file, line and fix. */
export function validateContent(): AstroIntegration {
  return {
    name: 'podium:validate-content',
    hooks: {
      'astro:config:setup': ({ config, logger }) => {
        const root = fileURLToPath(config.root);
        const decks = checkDecks(root);
        if (decks.length > 0) {
          throw new Error(`${decks.length} mistake(s) in deck frontmatter:\n\n${decks.join('\n\n')}\n`);
        }
        const labs = checkLabs(root, labsDir());
        if (labs.length > 0) {
          throw new Error(`${labs.length} mistake(s) in labs:\n\n${labs.join('\n\n')}\n`);
        }
        logger.debug('deck and lab frontmatter checked');
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

/**
 * Every mistake in the labs folder (`labs/` or another, relative to `root`), formatted
 * `labs/x/steps/01-a.mdx:line:col: …`: frontmatter against the schemas, step file names, files
 * named by `setup` and `validator`, the deck, unique step ids.
 */
export function checkLabs(root: string, dir = './labs', slidesDir = path.join(root, 'slides')): string[] {
  const base = path.resolve(root, dir);
  const decks = deckNames(slidesDir);
  return labFolderNames(base).flatMap((name) => checkLabFolder(readLabFolder(path.join(base, name), root), { decks }).map(formatLabIssue));
}
