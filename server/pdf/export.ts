import { chromium } from 'playwright-core';
import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { chromiumLaunchOptions } from '../browser/chromium.ts';
import { startSiteServer } from '../site-server.ts';

export interface ExportOptions {
  deck: string;
  /** Built site (Astro's dist/). */
  siteDir: string;
  output: string;
  /** One page per fragment step instead of one per slide. */
  fragments: boolean;
  /** Speaker notes on a page of their own after each slide. */
  notes: boolean;
}

export interface ExportResult {
  output: string;
  pages: number;
}

/** The print address of a deck: reveal.js's print view of the audience page, or of the presenter page for notes. */
export function printPath(deck: string, opts: { fragments: boolean; notes: boolean }): string {
  const params = new URLSearchParams({ view: 'print' });
  if (opts.fragments) params.set('fragments', '1');
  if (opts.notes) params.set('notes', '1');
  return `/${opts.notes ? 'present' : 'slides'}/${encodeURIComponent(deck)}/?${params}`;
}

export function builtDecks(siteDir: string): string[] {
  const dir = path.join(siteDir, 'slides');
  return existsSync(dir) ? readdirSync(dir).filter((d) => existsSync(path.join(dir, d, 'index.html'))).sort() : [];
}

/** Renders a built deck to PDF through headless Chromium, one page per slide (or per fragment step). */
export async function exportPdf(opts: ExportOptions): Promise<ExportResult> {
  const decks = builtDecks(opts.siteDir);
  if (!decks.includes(opts.deck)) {
    throw new Error(
      decks.length === 0
        ? `no built decks in ${opts.siteDir}: run \`npm run build\` first`
        : `no deck "${opts.deck}"; built decks: ${decks.join(', ')}`,
    );
  }
  const server = await startSiteServer({ siteDir: opts.siteDir, host: '127.0.0.1', port: 0 });
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(server.url + printPath(opts.deck, opts), { waitUntil: 'load' });
    await page.waitForFunction(() => {
      const reveal = (window as unknown as { Reveal?: { isReady(): boolean } }).Reveal;
      return reveal?.isReady() === true && document.querySelector('.reveal .pdf-page') !== null;
    });
    // reveal.js lays out print pages after `ready`; wait for fonts and one more frame.
    await page.evaluate(async () => {
      await document.fonts.ready;
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    });
    // Slides (one per fragment step with --fragments), plus a page per slide's notes with --notes.
    const pages = await page.locator('.reveal .pdf-page, .reveal .speaker-notes-pdf[data-layout="separate-page"]').count();
    await page.pdf({ path: opts.output, printBackground: true, preferCSSPageSize: true });
    return { output: opts.output, pages };
  } finally {
    await browser.close();
    await server.close();
  }
}
