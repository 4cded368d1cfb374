import { InvalidArgumentError, type Command } from 'commander';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { formatReport, importDeck, type DeckOverrides, type Flavor } from '../../src/lib/importer/index.ts';

interface ImportOpts {
  output?: string;
  title?: string;
  description?: string;
  duration?: number;
  order?: number;
  flavor?: Flavor;
}

const wholeNumber = (what: string, min: number, max: number) => (value: string) => {
  const n = Number(value);
  if (!/^-?\d+$/.test(value.trim()) || n < min || n > max) throw new InvalidArgumentError(`${what} must be a whole number from ${min} to ${max}.`);
  return n;
};

const flavor = (value: string): Flavor => {
  if (value !== 'hugo' && value !== 'reveal') throw new InvalidArgumentError('use `hugo` (reveal-hugo) or `reveal` (reveal.js markdown).');
  return value;
};

export function registerImport(program: Command): void {
  program
    .command('import')
    .description('convert a reveal-hugo or reveal.js markdown deck into a Podium MDX deck; what cannot be converted is listed on stderr')
    .argument('<file>', 'the markdown deck to convert')
    .option('-o, --output <file>', 'MDX file to write, e.g. slides/<deck>.mdx (default: standard output)')
    .option('--title <title>', 'deck title (default: the frontmatter title, else the first heading)')
    .option('--description <text>', 'deck description (default: the frontmatter description or summary)')
    .option('--duration <minutes>', 'presenting time (default: from the frontmatter, else 2 minutes a slide)', wholeNumber('--duration', 1, 600))
    .option('--order <n>', 'position in the catalogue (default: the frontmatter weight)', wholeNumber('--order', -1e9, 1e9))
    .option('--flavor <flavor>', 'hugo or reveal (default: hugo when the file has frontmatter or shortcodes)', flavor)
    .action(async (file: string, opts: ImportOpts) => {
      if (opts.output !== undefined && path.extname(opts.output) !== '.mdx') {
        throw new Error(`--output must name an .mdx file, e.g. slides/${path.parse(file).name}.mdx`);
      }
      const source = await readFile(file, 'utf8').catch((err: NodeJS.ErrnoException) => {
        throw new Error(`cannot read ${file}: ${err.code === 'ENOENT' ? 'no such file' : err.message}`);
      });
      const overrides: DeckOverrides = {
        ...(opts.title !== undefined ? { title: opts.title } : {}),
        ...(opts.description !== undefined ? { description: opts.description } : {}),
        ...(opts.duration !== undefined ? { duration: opts.duration } : {}),
        ...(opts.order !== undefined ? { order: opts.order } : {}),
      };
      const result = importDeck(source, { fileName: path.basename(file), overrides, ...(opts.flavor ? { flavor: opts.flavor } : {}) });
      process.stderr.write(formatReport(file, result.report));
      const missing = result.report.filter((r) => r.kind === 'not-converted').length;
      const changed = result.report.length - missing;
      process.stderr.write(`podium import: ${missing} not converted, ${changed} changed (read as ${result.flavor === 'hugo' ? 'reveal-hugo' : 'reveal.js markdown'})\n`);
      if (opts.output === undefined) {
        process.stdout.write(result.mdx);
        return;
      }
      await mkdir(path.dirname(path.resolve(opts.output)), { recursive: true });
      await writeFile(opts.output, result.mdx);
      console.log(`Wrote ${opts.output}`);
    });
}
