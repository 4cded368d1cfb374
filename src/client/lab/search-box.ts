import type { ISearchOptions } from '@xterm/addon-search';
import type { LabTerminal } from './terminal.ts';

/** The terminal's search box: opens with Ctrl+Shift+F or its button; Enter / Shift+Enter move between matches. */
export function bindSearch(terminal: LabTerminal, form: HTMLFormElement, toggle: HTMLButtonElement): () => void {
  const input = form.querySelector<HTMLInputElement>('input')!;
  const count = form.querySelector<HTMLElement>('[data-search-count]')!;
  const styles = getComputedStyle(document.documentElement);
  const options = (incremental: boolean): ISearchOptions => ({
    incremental,
    decorations: {
      matchBackground: styles.getPropertyValue('--term-match').trim() || '#6e5a00',
      activeMatchBackground: styles.getPropertyValue('--term-match-active').trim() || '#d29922',
      matchOverviewRuler: '#d29922',
      activeMatchColorOverviewRuler: '#f2cc60',
    },
  });
  terminal.search.onDidChangeResults(({ resultIndex, resultCount }) => {
    if (!input.value) count.textContent = '';
    else if (resultCount === 0) count.textContent = 'No matches';
    else count.textContent = resultIndex >= 0 ? `${resultIndex + 1} of ${resultCount}` : `${resultCount} matches`;
  });

  const open = () => {
    form.hidden = false;
    toggle.setAttribute('aria-expanded', 'true');
    input.focus();
    input.select();
    terminal.fit();
  };
  const close = () => {
    form.hidden = true;
    toggle.setAttribute('aria-expanded', 'false');
    terminal.search.clearDecorations();
    count.textContent = '';
    terminal.fit();
    terminal.focus();
  };
  toggle.addEventListener('click', () => (form.hidden ? open() : close()));
  input.addEventListener('input', () => {
    if (input.value) terminal.search.findNext(input.value, options(true));
    else terminal.search.clearDecorations();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value) terminal.search.findNext(input.value, options(false));
  });
  form.querySelector('[data-search="prev"]')!.addEventListener('click', () => input.value && terminal.search.findPrevious(input.value, options(false)));
  form.querySelector('[data-search="close"]')!.addEventListener('click', close);
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      close();
    } else if (event.key === 'Enter' && event.shiftKey) {
      event.preventDefault();
      if (input.value) terminal.search.findPrevious(input.value, options(false));
    }
  });
  terminal.onSearchRequested(open);
  return open;
}
