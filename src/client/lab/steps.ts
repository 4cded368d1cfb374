import type { LabState, StepState } from '../../lib/labs/api.ts';
import { progressOf, stepView } from '../../lib/labs/step-view.ts';
import { decorateCodeBlocks, type RunInTerminal } from './code-blocks.ts';
import { announce, h, richText, scrollBehavior, setIcon } from './dom.ts';
import { ApiError, NotJoined, type LabApi } from './http.ts';
import type { LabStore } from './store.ts';
import { renderResults } from './step-results.ts';

interface StepElements {
  root: HTMLElement;
  statusLabel: HTMLElement;
  statusIcon: SVGSVGElement | null;
  check: HTMLButtonElement;
  hint: HTMLButtonElement | null;
  solutionButton: HTMLButtonElement | null;
  checked: HTMLElement;
  hints: HTMLOListElement;
  solution: HTMLElement;
  results: HTMLElement;
  /** What was last drawn, so unchanged parts are not redrawn. */
  drawn: { results?: string; hints?: number; solution?: boolean };
}

function elementsOf(root: HTMLElement): StepElements {
  const q = <T extends Element>(selector: string) => root.querySelector<T>(selector);
  return {
    root,
    statusLabel: q<HTMLElement>('[data-step-status-label]')!,
    statusIcon: q<SVGSVGElement>('[data-step-status] svg'),
    check: q<HTMLButtonElement>('[data-action="check"]')!,
    hint: q<HTMLButtonElement>('[data-action="hint"]'),
    solutionButton: q<HTMLButtonElement>('[data-action="solution"]'),
    checked: q<HTMLElement>('[data-checked]')!,
    hints: q<HTMLOListElement>('[data-hints]')!,
    solution: q<HTMLElement>('[data-solution]')!,
    results: q<HTMLElement>('[data-results]')!,
    drawn: {},
  };
}

/** The steps on the page: draws each StepState, and turns the buttons into API calls. */
export function bindSteps(store: LabStore, api: LabApi, run: RunInTerminal, onNotJoined: () => void): void {
  const steps = new Map<string, StepElements>();
  for (const root of document.querySelectorAll<HTMLElement>('[data-step]')) steps.set(root.dataset.step!, elementsOf(root));

  const act = async (button: HTMLButtonElement, busyLabel: string, call: () => Promise<StepState>, after?: (s: StepState) => void) => {
    if (button.getAttribute('aria-busy') === 'true' || button.getAttribute('aria-disabled') === 'true') return;
    const label = button.querySelector('[data-label]')!;
    const before = label.textContent;
    button.setAttribute('aria-busy', 'true');
    label.textContent = busyLabel;
    const el = steps.get(button.closest<HTMLElement>('[data-step]')!.dataset.step!)!;
    try {
      const step = await call();
      label.textContent = before;
      store.step(step);
      after?.(step);
    } catch (e) {
      label.textContent = before;
      if (e instanceof NotJoined) return onNotJoined();
      el.checked.textContent = e instanceof ApiError ? `Something went wrong: ${e.message}. Try again.` : 'No answer from the server. Check your connection and try again.';
      el.checked.dataset.kind = 'error';
    } finally {
      button.removeAttribute('aria-busy');
    }
  };

  for (const [id, el] of steps) {
    el.check.addEventListener('click', () => void act(el.check, 'Checking…', () => api.check(id)));
    el.hint?.addEventListener('click', () => void act(el.hint!, 'Loading hint…', () => api.hint(id)));
    el.solutionButton?.addEventListener('click', () =>
      void act(el.solutionButton!, 'Loading…', () => api.solution(id), () => el.solution.querySelector<HTMLElement>('.solution-title')?.focus()),
    );
  }

  store.subscribe((state, previous) => {
    state.steps.forEach((step, index) => {
      const el = steps.get(step.id);
      if (!el) return;
      const before = previous?.steps.find((s) => s.id === step.id);
      drawStep(el, step, index === state.current, run);
      if (before && before.status !== 'passed' && step.status === 'passed') celebrate(el, state, index);
    });
    drawProgress(state);
  });
}

function drawStep(el: StepElements, step: StepState, isCurrent: boolean, run: RunInTerminal): void {
  // Which step is current follows from the lab's progress: a step that has just become current says so.
  const view = stepView(isCurrent && step.status === 'pending' ? { ...step, status: 'current' } : step);
  el.root.dataset.status = step.status;
  el.root.toggleAttribute('data-current', isCurrent);
  el.statusLabel.textContent = view.label;
  setIcon(el.statusIcon, view.icon);

  if (view.hintButton && el.hint) {
    el.hint.querySelector('[data-label]')!.textContent = view.hintButton.label;
    el.hint.setAttribute('aria-disabled', String(view.hintButton.exhausted));
  }
  if (el.drawn.hints !== step.hints.length) {
    el.drawn.hints = step.hints.length;
    el.hints.replaceChildren(...step.hints.map((hint, i) => h('li', { class: 'hint', 'data-hint': String(i + 1) }, h('span', { class: 'hint-label' }, `Hint ${i + 1}`), h('span', {}, richText(hint)))));
    el.hints.hidden = step.hints.length === 0;
  }
  if (el.solutionButton) el.solutionButton.hidden = !view.offerSolution;
  if (step.solution && !el.drawn.solution) {
    el.drawn.solution = true;
    el.solution.replaceChildren(
      h('p', { class: 'solution-title', tabindex: '-1' }, 'Solution'),
      h('pre', { 'data-language': 'sh', class: 'solution-code' }, h('code', {}, step.solution.join('\n'))),
    );
    decorateCodeBlocks(el.solution, run);
    el.solution.hidden = false;
  }

  const resultsKey = JSON.stringify([step.checks, step.checkedAt]);
  if (el.drawn.results !== resultsKey) {
    el.drawn.results = resultsKey;
    el.results.hidden = step.checks.length === 0;
    el.results.replaceChildren(...(step.checks.length > 0 ? [renderResults(view.checks, view.summary, step.checkedAt)] : []));
    el.checked.textContent = '';
    delete el.checked.dataset.kind;
  }
}

function celebrate(el: StepElements, state: LabState, index: number): void {
  el.root.classList.remove('just-passed');
  void el.root.offsetWidth; // restart the animation
  el.root.classList.add('just-passed');
  const step = state.steps[index]!;
  const next = state.steps[index + 1];
  announce(`Step ${index + 1} done: ${step.title}.${next ? ` Next: ${next.title}.` : ''}`);
  // Follow the learner to the next step when they were looking at this one.
  const box = el.root.getBoundingClientRect();
  const visible = box.bottom > 0 && box.top < window.innerHeight;
  const nextEl = next ? document.querySelector<HTMLElement>(`[data-step="${CSS.escape(next.id)}"]`) : null;
  if (visible && nextEl && state.current === index + 1) {
    window.setTimeout(() => {
      // Not when the lab was completed meanwhile: the completion panel takes the view then.
      if (document.body.hasAttribute('data-lab-complete') || nextEl.dataset.status === 'passed') return;
      nextEl.scrollIntoView({ behavior: scrollBehavior(), block: 'nearest' });
    }, 700);
  }
}

function drawProgress(state: LabState): void {
  const progress = progressOf(state);
  const bar = document.querySelector<HTMLElement>('[data-progress] [role="progressbar"]');
  bar?.setAttribute('aria-valuenow', String(progress.passed));
  bar?.setAttribute('aria-valuetext', progress.label);
  const fill = bar?.querySelector<HTMLElement>('.progress-fill');
  if (fill) fill.style.width = `${progress.percent}%`;
  const label = document.querySelector('[data-progress-label]');
  if (label) label.textContent = progress.label;
  document.querySelector('[data-progress]')?.toggleAttribute('data-all-done', progress.complete);
}
