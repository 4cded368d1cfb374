import type { Command } from 'commander';
import path from 'node:path';
import { projectRoot } from '../config.ts';
import { exportPdf } from '../pdf/export.ts';

export function registerExportPdf(program: Command): void {
  program
    .command('export-pdf')
    .description('render a built deck to PDF through headless Chromium')
    .argument('<deck>', 'deck name, as in slides/<deck>.mdx')
    .option('-o, --output <file>', 'PDF file to write (default: <deck>.pdf)')
    .option('--fragments', 'one page per fragment step instead of one per slide', false)
    .option('--notes', 'speaker notes on a separate page after each slide', false)
    .action(async (deck: string, opts: { output?: string; fragments: boolean; notes: boolean }) => {
      const output = path.resolve(opts.output ?? `${deck}.pdf`);
      const result = await exportPdf({
        deck,
        siteDir: path.join(projectRoot, 'dist'),
        output,
        fragments: opts.fragments,
        notes: opts.notes,
      });
      const shown = path.relative(process.cwd(), result.output);
      console.log(`Wrote ${shown.startsWith('..') ? result.output : shown} (${result.pages} pages)`);
    });
}
