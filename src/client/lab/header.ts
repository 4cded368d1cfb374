import type { Me } from '../../lib/labs/api.ts';

/** Who is learning, discreetly in the top bar, with the seat code another browser needs. */
export function showLearner(me: Me): void {
  const box = document.querySelector<HTMLElement>('[data-learner]');
  if (!box) return;
  box.querySelector('[data-learner-name]')!.textContent = me.name;
  box.querySelector('[data-seat-code]')!.textContent = me.seatCode;
  box.hidden = false;
}
