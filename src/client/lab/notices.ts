import { h, icon, richText } from './dom.ts';

/** A message from the instructor or the platform, at the top of the instructions until dismissed. */
export function showNotice(level: 'info' | 'warning', text: string): void {
  const box = document.querySelector<HTMLElement>('[data-notices]');
  if (!box) return;
  const close = h('button', { type: 'button', class: 'icon-btn notice-close', 'aria-label': 'Dismiss' }, icon('close'));
  const notice = h(
    'div',
    { class: `notice notice-${level}`, 'data-notice': level },
    icon(level === 'warning' ? 'alert' : 'bulb', 'notice-icon'),
    h('p', {}, h('span', { class: 'visually-hidden' }, level === 'warning' ? 'Warning: ' : 'Notice: '), richText(text)),
    close,
  );
  close.addEventListener('click', () => notice.remove());
  box.append(notice);
  while (box.children.length > 3) box.firstElementChild?.remove();
}
