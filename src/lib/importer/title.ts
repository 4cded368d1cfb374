import { closesFence, fenceOpen, type FenceOpen } from './fences.ts';

const ATX = /^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$/;
const HTML_HEADING = /<h[1-6]\b[^>]*>([\s\S]*?)<\/h[1-6]\s*>/i;

/** The text of the first heading, markdown or HTML, outside code; undefined when there is none. */
export function firstHeading(lines: readonly string[]): string | undefined {
  let fence: FenceOpen | undefined;
  for (const line of lines) {
    if (fence) {
      if (closesFence(line, fence)) fence = undefined;
      continue;
    }
    fence = fenceOpen(line);
    if (fence) continue;
    const heading = ATX.exec(line)?.[1] ?? HTML_HEADING.exec(line)?.[1];
    const text = heading ? plain(heading) : '';
    if (text) return text;
  }
  return undefined;
}

/** Heading text without markup: tags, emphasis, code ticks, link syntax, shortcodes. */
function plain(text: string): string {
  return text
    .replace(/\s*\{[#.][^}]*\}/g, '')
    .replace(/\{\{[<%][\s\S]*?[>%]\}\}/g, '')
    .replace(/<[^>]*>/g, '')
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/[*_`]/g, '')
    .trim();
}
