// Test helper: compiles deck MDX with @mdx-js/mdx and the deck plugin, then renders it to an HTML string with a
// tiny JSX runtime, so tests see the markup reveal.js will see without booting Astro.
import { evaluate } from '@mdx-js/mdx';
import remarkGfm from 'remark-gfm';
import remarkSmartypants from 'remark-smartypants';
import { VFile } from 'vfile';
import { remarkDeck } from '../remark-deck.ts';

interface Html {
  __html: string;
}
type Props = Record<string, unknown> & { children?: unknown };
type Component = (props: Props) => unknown;

const VOID = new Set(['area', 'br', 'col', 'hr', 'img', 'input', 'link', 'meta', 'source', 'wbr']);
const Fragment = Symbol('Fragment');

function escape(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

function render(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (Array.isArray(node)) return node.map(render).join('');
  if (typeof node === 'object' && '__html' in node) return (node as Html).__html;
  return escape(String(node));
}

function attributes(props: Props): string {
  return Object.entries(props)
    .filter(([name, value]) => name !== 'children' && value !== undefined && value !== null && value !== false)
    .map(([name, value]) => (value === true ? ` ${name}` : ` ${name}="${escape(String(value))}"`))
    .join('');
}

function jsx(type: string | Component | typeof Fragment, props: Props): Html {
  if (type === Fragment) return { __html: render(props.children) };
  if (typeof type === 'function') return { __html: render(type(props)) };
  const inner = VOID.has(type) ? '' : `${render(props.children)}</${type}>`;
  return { __html: `<${type}${attributes(props)}>${inner}` };
}

/** The presenter's `<Notes>` and the audience's (which renders nothing). */
export const presenterNotes: Component = (props) => ({ __html: `<aside class="notes">${render(props.children)}</aside>` });
export const noNotes: Component = () => null;

export const SLIDES_DIR = '/podium/slides';

/** Compiles and renders a deck; `path` defaults to a file in the decks folder. */
export async function renderDeck(source: string, options: { notes?: boolean; path?: string } = {}): Promise<string> {
  const file = new VFile({ value: source, path: options.path ?? `${SLIDES_DIR}/test.mdx`, cwd: '/podium' });
  const module = await evaluate(file, {
    jsx,
    jsxs: jsx,
    Fragment,
    // Astro's MDX runs GFM and smartypants (which turns `--` into a dash) before the project's plugins.
    remarkPlugins: [remarkGfm, remarkSmartypants, [remarkDeck, { slidesDir: SLIDES_DIR }]],
    elementAttributeNameCase: 'html',
    stylePropertyNameCase: 'css',
  } as never);
  const Content = module.default as unknown as Component;
  const Notes = options.notes ? presenterNotes : noNotes;
  return render(Content({ components: { Notes } }))
    .replace(/>\s+</g, '><')
    .trim();
}

/** The message a deck mistake fails with ('' when it compiles). */
export async function deckError(source: string): Promise<string> {
  try {
    await renderDeck(source);
    return '';
  } catch (error) {
    return String((error as Error).message);
  }
}
