import type { Block } from './blocks.ts';
import { escapeMdx, notConvertedComment } from './escape.ts';
import { checkedMeta, fenceOpen, hugoMeta, podiumFenceOpen } from './fences.ts';
import { htmlToJsx } from './html-to-jsx.ts';
import type { Report } from './report.ts';

/** Blocks whose content is not markdown, as Podium MDX: code stays exactly as written. */

const HUGO_ESCAPED = /\{\{([<%])\/\*([\s\S]*?)\*\/([>%])\}\}/g;

/** A fenced block: only its opening line changes (meta); Hugo's escaped shortcodes show as Hugo showed them. */
export function fenceChunk(block: Extract<Block, { kind: 'fence' }>, report: Report): string {
  const open = fenceOpen(block.open);
  if (!open) return block.open;
  const body = block.body.map((l) => l.replace(HUGO_ESCAPED, '{{$1$2$3}}'));
  let close = block.close;
  if (close === undefined) {
    report.notConverted(block.line, 'code fence never closed; closed after its last line');
    close = `${open.indent}${open.marker}`;
  }
  const opening = podiumFenceOpen(open, body.length, (meta, why) =>
    report.notConverted(block.line, `"${meta}" after the code fence's language: ${why?.replace(/\.$/, '') ?? 'Podium has no such option'}; left out`),
  );
  return [opening, ...body, close.trimEnd()].join('\n');
}

/** An indented code block as a fence: MDX has no indented code, it would read the lines as text. */
export function indentedChunk(body: readonly string[]): string {
  return codeFence('', body.map((l) => l.replace(/^( {4}|\t)/, '')));
}

/** Hugo's `{{< highlight go "hl_lines=2" >}}` as a fence with Podium meta. */
export function highlightChunk(block: Extract<Block, { kind: 'highlight' }>, report: Report): string {
  if (!block.closed) report.notConverted(block.line, `${block.sc.raw} is never closed; the code runs to the end of the input`);
  const meta = checkedMeta(hugoMeta(block.sc.positional[1] ?? ''), block.body.length, (meta, why) =>
    report.notConverted(block.line, `highlight options "${meta}": ${why ?? ''}; left out`),
  );
  return codeFence([block.sc.positional[0] ?? 'text', ...meta].join(' '), block.body);
}

/** `<pre>`/`<textarea>` as JSX with their text verbatim; `<script>`/`<style>` kept in a comment, out of the slide. */
export function rawHtmlChunk(block: Extract<Block, { kind: 'raw-html' }>, report: Report): string {
  if (block.tag === 'script' || block.tag === 'style') {
    report.notConverted(block.line, `<${block.tag}> block; kept in an MDX comment, out of the slide`);
    return notConvertedComment(block.text, 'block');
  }
  return htmlToJsx(block.text, block.line, report) || escapeMdx(block.text);
}

function codeFence(info: string, body: readonly string[]): string {
  const longest = Math.max(2, ...body.map((l) => /^\s*(`+)/.exec(l)?.[1]?.length ?? 0));
  const fence = '`'.repeat(longest + 1);
  return [`${fence}${info}`, ...body, fence].join('\n');
}
