import { Terminal, type IDisposable } from '@xterm/xterm';
import { FitAddon } from '@xterm/addon-fit';
import { SearchAddon } from '@xterm/addon-search';
import { Unicode11Addon } from '@xterm/addon-unicode11';
import { WebLinksAddon } from '@xterm/addon-web-links';
import { ClipboardAddon } from '@xterm/addon-clipboard';
import { copyText } from './clipboard.ts';
import { darkTheme, lightTheme } from './term-theme.ts';

/** What the rest of the page needs from a terminal; xterm.js stays behind this line. */
export interface LabTerminal {
  write(data: Uint8Array | string, done?: () => void): void;
  /** Clears screen and scrollback (a new connection sends its own screen). */
  reset(): void;
  onInput(listener: (data: string) => void): IDisposable;
  onBinaryInput(listener: (data: string) => void): IDisposable;
  onResize(listener: (size: { cols: number; rows: number }) => void): IDisposable;
  size(): { cols: number; rows: number };
  fit(): void;
  focus(): void;
  scrollToBottom(): void;
  changeFontSize(delta: number): number;
  readonly search: SearchAddon;
  /** Called for Ctrl+Shift+F (and Ctrl+F when the terminal has focus). */
  onSearchRequested(listener: () => void): void;
  dispose(): void;
}

const FONT_KEY = 'podium.terminal.fontSize';
const MONO = "ui-monospace, 'SFMono-Regular', 'Cascadia Mono', 'JetBrains Mono', 'DejaVu Sans Mono', 'Liberation Mono', Menlo, Consolas, monospace";

function initialFontSize(): number {
  const saved = Number(localStorage.getItem(FONT_KEY));
  if (saved >= 10 && saved <= 32) return saved;
  if (window.innerWidth >= 1800) return 17;
  if (window.innerWidth < 700) return 13;
  return 15;
}

export function createTerminal(container: HTMLElement): LabTerminal {
  const light = window.matchMedia('(prefers-color-scheme: light)');
  const term = new Terminal({
    allowProposedApi: true,
    fontFamily: MONO,
    fontSize: initialFontSize(),
    lineHeight: 1.15,
    cursorBlink: true,
    scrollback: 5000,
    macOptionIsMeta: true,
    theme: light.matches ? lightTheme : darkTheme,
    minimumContrastRatio: 4.5,
  });
  const fit = new FitAddon();
  const search = new SearchAddon();
  term.loadAddon(fit);
  term.loadAddon(search);
  term.loadAddon(new Unicode11Addon());
  term.unicode.activeVersion = '11';
  term.loadAddon(new WebLinksAddon((event, uri) => {
    event.preventDefault();
    window.open(uri, '_blank', 'noopener,noreferrer');
  }));
  term.loadAddon(new ClipboardAddon());
  term.open(container);

  const resizeListeners = new Set<(size: { cols: number; rows: number }) => void>();
  let searchRequested: () => void = () => {};

  const refit = () => {
    if (container.clientWidth === 0 || container.clientHeight === 0) return;
    const before = `${term.cols}x${term.rows}`;
    fit.fit();
    if (`${term.cols}x${term.rows}` !== before) resizeListeners.forEach((l) => l({ cols: term.cols, rows: term.rows }));
  };
  let frame = 0;
  const observer = new ResizeObserver(() => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(refit);
  });
  observer.observe(container);
  refit();

  const themeChanged = () => {
    term.options.theme = light.matches ? lightTheme : darkTheme;
  };
  light.addEventListener('change', themeChanged);

  // Tab belongs to the shell (completion); Escape then Tab leaves the terminal, so the keyboard is never trapped.
  let escapedAt = 0;
  const textarea = container.querySelector('textarea');
  textarea?.setAttribute('aria-describedby', 'term-keys');
  // Copy and paste as learners expect on every system, without taking Ctrl+C from the shell.
  term.attachCustomKeyEventHandler((event) => {
    if (event.type !== 'keydown') return true;
    if (event.key === 'Tab' && Date.now() - escapedAt < 1500) {
      escapedAt = 0;
      return false;
    }
    if (!['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) escapedAt = event.key === 'Escape' ? Date.now() : 0;
    const ctrl = event.ctrlKey || event.metaKey;
    const key = event.key.toLowerCase();
    if (ctrl && key === 'f' && (event.shiftKey || event.metaKey)) {
      event.preventDefault();
      searchRequested();
      return false;
    }
    if (ctrl && event.shiftKey && key === 'c') {
      event.preventDefault();
      if (term.hasSelection()) void copyText(term.getSelection());
      return false;
    }
    if (event.ctrlKey && !event.shiftKey && key === 'c' && term.hasSelection()) {
      event.preventDefault();
      void copyText(term.getSelection());
      term.clearSelection();
      return false;
    }
    // Ctrl+V and Ctrl+Shift+V: let the browser paste into xterm's text area.
    if (event.ctrlKey && key === 'v') return false;
    return true;
  });

  return {
    write: (data, done) => term.write(data, done),
    reset: () => term.reset(),
    onInput: (listener) => term.onData(listener),
    onBinaryInput: (listener) => term.onBinary(listener),
    onResize(listener) {
      resizeListeners.add(listener);
      return { dispose: () => resizeListeners.delete(listener) };
    },
    size: () => ({ cols: term.cols, rows: term.rows }),
    fit: refit,
    focus: () => term.focus(),
    scrollToBottom: () => term.scrollToBottom(),
    changeFontSize(delta) {
      const size = Math.min(32, Math.max(10, (term.options.fontSize ?? 15) + delta));
      term.options.fontSize = size;
      localStorage.setItem(FONT_KEY, String(size));
      refit();
      return size;
    },
    search,
    onSearchRequested(listener) {
      searchRequested = listener;
    },
    dispose() {
      observer.disconnect();
      light.removeEventListener('change', themeChanged);
      term.dispose();
    },
  };
}
