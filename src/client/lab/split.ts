const KEY = 'podium.lab.split';
const MIN = 25;
const MAX = 75;
const DEFAULT = 45;

const clamp = (n: number) => Math.min(MAX, Math.max(MIN, Math.round(n * 10) / 10));

/**
 * The separator between instructions and terminal: drag it, or focus it and use the arrow keys
 * (Home/End for the limits, Enter to reset). The width is kept for the next visit.
 */
export function bindSplitter(splitter: HTMLElement, container: HTMLElement): void {
  const set = (percent: number, save = true) => {
    const value = clamp(percent);
    container.style.setProperty('--split', `${value}%`);
    splitter.setAttribute('aria-valuenow', String(Math.round(value)));
    splitter.setAttribute('aria-valuetext', `Instructions ${Math.round(value)}% of the width`);
    if (save) localStorage.setItem(KEY, String(value));
  };
  const saved = Number(localStorage.getItem(KEY));
  set(saved >= MIN && saved <= MAX ? saved : DEFAULT, false);

  splitter.addEventListener('pointerdown', (event) => {
    if (event.button !== 0) return;
    event.preventDefault();
    splitter.setPointerCapture(event.pointerId);
    container.classList.add('resizing');
    const box = container.getBoundingClientRect();
    const move = (e: PointerEvent) => set(((e.clientX - box.left) / box.width) * 100);
    const up = () => {
      container.classList.remove('resizing');
      splitter.removeEventListener('pointermove', move);
      splitter.removeEventListener('pointerup', up);
      splitter.removeEventListener('pointercancel', up);
    };
    splitter.addEventListener('pointermove', move);
    splitter.addEventListener('pointerup', up);
    splitter.addEventListener('pointercancel', up);
  });
  splitter.addEventListener('dblclick', () => set(DEFAULT));
  splitter.addEventListener('keydown', (event) => {
    const now = Number(splitter.getAttribute('aria-valuenow'));
    const step = event.shiftKey ? 10 : 2;
    const next =
      event.key === 'ArrowLeft' ? now - step
      : event.key === 'ArrowRight' ? now + step
      : event.key === 'Home' ? MIN
      : event.key === 'End' ? MAX
      : event.key === 'Enter' ? DEFAULT
      : undefined;
    if (next === undefined) return;
    event.preventDefault();
    set(next);
  });
}
