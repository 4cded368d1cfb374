import { expect, test } from '@playwright/test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { PDFDocument } from 'pdf-lib';

const root = path.resolve(import.meta.dirname, '../..');
let dir: string;

test.beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'podium-pdf-'));
});
test.afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the real command, as an author would. */
function exportPdf(args: string[]): { file: string; output: string } {
  const file = path.join(dir, `${args.join('-').replace(/[^a-z0-9-]/gi, '')}.pdf`);
  const output = execFileSync('node', ['bin/podium.mjs', 'export-pdf', ...args, '-o', file], { cwd: root, encoding: 'utf8' });
  return { file, output };
}

async function pageCount(file: string): Promise<number> {
  return (await PDFDocument.load(readFileSync(file))).getPageCount();
}

test.describe.configure({ timeout: 120_000 });

test('one page per slide', async () => {
  // authoring-tour: 7 horizontal slides, one of them a stack of two → 8 slides.
  const { file, output } = exportPdf(['authoring-tour']);
  expect(await pageCount(file)).toBe(8);
  expect(output).toContain('(8 pages)');
  const pdf = await PDFDocument.load(readFileSync(file));
  const { width, height } = pdf.getPage(0).getSize();
  expect(width / height).toBeCloseTo(16 / 9, 1);
});

test('one page per fragment step with --fragments', async () => {
  // Slides with n fragment steps give n + 1 pages: 3 component fragments, 3 ordered items, 2 code steps.
  const { file } = exportPdf(['authoring-tour', '--fragments']);
  expect(await pageCount(file)).toBe(8 + 3 + 3 + 2);
});

test('speaker notes on their own pages with --notes', async () => {
  const { file, output } = exportPdf(['authoring-tour', '--notes']);
  // Every slide of the tour has notes: each is followed by a notes page.
  expect(await pageCount(file)).toBe(16);
  expect(output).toContain('(16 pages)');
});

test('an unknown deck is a clear error', async () => {
  let message = '';
  try {
    execFileSync('node', ['bin/podium.mjs', 'export-pdf', 'no-such-deck'], { cwd: root, encoding: 'utf8', stdio: 'pipe' });
  } catch (e) {
    message = String((e as { stderr?: string }).stderr);
  }
  expect(message).toContain('no deck "no-such-deck"; built decks: authoring-tour');
});
