import type { LabState } from '../../lib/labs/api.ts';
import { progressOf } from '../../lib/labs/step-view.ts';
import { announce, scrollBehavior } from './dom.ts';

/** Shows the completion panel once every step has passed; brings it into view when it just happened. */
export function updateCompletion(state: LabState, previous: LabState | undefined): void {
  const panel = document.querySelector<HTMLElement>('[data-complete]');
  if (!panel) return;
  const complete = progressOf(state).complete;
  const wasComplete = previous ? progressOf(previous).complete : false;
  panel.hidden = !complete;
  const banner = document.querySelector<HTMLElement>('[data-done-banner]');
  if (banner) banner.hidden = !complete;
  document.body.toggleAttribute('data-lab-complete', complete);
  if (complete && previous && !wasComplete) {
    announce('Lab complete. Every step is done.');
    panel.scrollIntoView({ behavior: scrollBehavior(), block: 'start' });
    panel.focus({ preventScroll: true });
  }
}
