import type { Root, RootContent } from 'mdast';
import type { Properties } from 'hast';
import type { Position } from 'unist';
import type { Attribute } from './attribute-list.ts';
import { deckHtml, type DeckHtml } from './deck-html.ts';
import type { DeckIssues } from './issues.ts';
import { isJsx, readJsxAttributes, type JsxElement } from './jsx.ts';
import { setAttributes } from './properties.ts';
import { isSlideBreak, isStackBreak } from './separators.ts';
import { slideAttributes } from './slide-attributes.ts';
import { blocksOfOneLineSlide, rendersNothing, takeSlideComments } from './slide-content.ts';

/** One slide before it becomes a `<section>`: its reveal.js attributes and content. */
interface SlidePlan {
  attributes: Attribute[];
  children: RootContent[];
}
/** A column of slides (one horizontal position); a single slide is a column of one unless `explicit`. */
interface Column {
  slides: SlidePlan[];
  explicit: boolean;
}

type Token =
  | { kind: 'content'; node: RootContent }
  | { kind: 'break'; vertical: boolean; node: RootContent }
  | { kind: 'slide'; element: JsxElement }
  | { kind: 'stack'; element: JsxElement };

function tokenOf(node: RootContent, text: string): Token {
  if (isSlideBreak(node, text)) return { kind: 'break', vertical: false, node };
  if (isStackBreak(node, text)) return { kind: 'break', vertical: true, node };
  if (isJsx(node, 'Slide')) return { kind: 'slide', element: node };
  if (isJsx(node, 'Stack')) return { kind: 'stack', element: node };
  return { kind: 'content', node };
}

function spanOf(nodes: readonly { position?: Position }[]): Position | undefined {
  const start = nodes.find((n) => n.position)?.position?.start;
  const end = nodes.findLast((n) => n.position)?.position?.end;
  return start && end ? { start, end } : undefined;
}

function planOfRun(run: RootContent[], issues: DeckIssues): SlidePlan | undefined {
  if (rendersNothing(run)) return undefined;
  const attributes = takeSlideComments(run, issues);
  return { attributes, children: run };
}

function planOfSlide(element: JsxElement, text: string, issues: DeckIssues): SlidePlan {
  const { values, problems } = readJsxAttributes(element);
  const attributes = slideAttributes(values, problems);
  for (const problem of problems) issues.report(element, problem);
  const children = blocksOfOneLineSlide(element.children as RootContent[]);
  for (const child of children) {
    const token = tokenOf(child, text);
    if (token.kind === 'break') {
      issues.report(child, `"${token.vertical ? '--' : '---'}" inside <Slide> does nothing: close the slide with </Slide> first, then start the next one.`);
    } else if (token.kind === 'slide' || token.kind === 'stack') {
      issues.report(child, `<${token.kind === 'slide' ? 'Slide' : 'Stack'}> cannot sit inside a <Slide>: close the slide with </Slide> first.`);
    }
  }
  attributes.push(...takeSlideComments(children, issues));
  return { attributes, children };
}

/**
 * Splits a sequence of blocks into columns of slides. At the top level `---` starts the next column and `--`
 * a slide below; inside a `<Stack>` (`inStack`) both start a slide below.
 */
function columnsOf(nodes: readonly RootContent[], text: string, issues: DeckIssues, inStack: boolean): Column[] {
  const columns: Column[] = [];
  let run: RootContent[] = [];
  let below = false;
  const place = (plan: SlidePlan | undefined) => {
    if (!plan) return;
    const last = columns.at(-1);
    if ((below || inStack) && last && !last.explicit) last.slides.push(plan);
    else columns.push({ slides: [plan], explicit: false });
    below = false;
  };
  const flush = () => {
    if (run.length > 0) place(planOfRun(run, issues));
    run = [];
  };
  for (const node of nodes) {
    const token = tokenOf(node, text);
    if (token.kind === 'content') {
      run.push(token.node);
      continue;
    }
    flush();
    if (token.kind === 'break') below = token.vertical || inStack;
    else if (token.kind === 'slide') place(planOfSlide(token.element, text, issues));
    else if (inStack) issues.report(token.element, '<Stack> cannot sit inside another <Stack>: close the first with </Stack>.');
    else {
      if (below) issues.report(token.element, 'a <Stack> cannot go below a slide ("--" before it): use "---" before <Stack>.');
      columns.push({ slides: planOfStack(token.element, text, issues), explicit: true });
      below = false;
    }
  }
  flush();
  return columns;
}

function planOfStack(element: JsxElement, text: string, issues: DeckIssues): SlidePlan[] {
  if (element.attributes.length > 0) {
    issues.report(element, '<Stack> takes no attributes: put them on the <Slide> elements inside it.');
  }
  return columnsOf(element.children as RootContent[], text, issues, true).flatMap((c) => c.slides);
}

function section(plan: SlidePlan): DeckHtml {
  const properties: Properties = {};
  setAttributes(properties, plan.attributes);
  return deckHtml('section', properties, plan.children, spanOf(plan.children));
}

/** Rebuilds the root as reveal.js `<section>` elements; ES imports/exports stay first, at the top level. */
export function buildSections(tree: Root, text: string, issues: DeckIssues): void {
  const esm = tree.children.filter((n) => (n as { type: string }).type === 'mdxjsEsm');
  const body = tree.children.filter((n) => (n as { type: string }).type !== 'mdxjsEsm');
  const sections = columnsOf(body, text, issues, false).map((column) => {
    if (column.slides.length === 1 && !column.explicit) return section(column.slides[0]!);
    const slides = column.slides.map(section);
    return deckHtml('section', {}, slides, spanOf(slides));
  });
  tree.children = [...esm, ...sections];
}
