import type { CheckView } from '../../lib/labs/step-view.ts';
import type { SubResult } from '../../lib/labs/api.ts';
import { h, icon, richText } from './dom.ts';

const checkStatus = {
  passed: { icon: 'check', label: 'Passed' },
  failed: { icon: 'cross', label: 'Not yet' },
  error: { icon: 'alert', label: 'Could not check' },
} as const;

/** The last verdict of a step's checks: each failed sub-result with what was expected and seen. */
export function renderResults(checks: CheckView[], summary: string | undefined, checkedAt: string | undefined): HTMLElement {
  const failing = checks.filter((c) => c.status !== 'passed');
  const time = checkedAt ? new Date(checkedAt) : undefined;
  return h(
    'div',
    { class: 'results' },
    h(
      'p',
      { class: 'results-summary' },
      h('strong', {}, summary ?? ''),
      time && !Number.isNaN(time.getTime()) ? h('time', { datetime: checkedAt }, ` Checked at ${time.toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' })}`) : undefined,
    ),
    h('ul', { class: 'check-list' }, ...failing.map(renderFailure), ...checks.filter((c) => c.status === 'passed').map(renderPass)),
  );
}

function renderFailure(check: CheckView): HTMLElement {
  const status = checkStatus[check.status];
  return h(
    'li',
    { class: `check check-${check.status}`, 'data-check': String(check.index) },
    h('div', { class: 'check-head' }, icon(status.icon, 'check-icon'), h('span', { class: 'check-title' }, richText(check.title)), h('span', { class: 'check-badge' }, status.label)),
    check.message ? h('p', { class: 'check-message' }, richText(check.message)) : undefined,
    check.failures.length > 0 ? h('div', { class: 'subs' }, ...check.failures.map((s) => renderSub(s, check.message))) : undefined,
    check.passes.length > 0
      ? h('p', { class: 'check-also' }, icon('check', 'check-also-icon'), `Already right: ${check.passes.map((p) => p.subject).join('; ')}`)
      : undefined,
  );
}

function renderSub(sub: SubResult, checkMessage: string): HTMLElement {
  return h(
    'div',
    { class: 'sub', 'data-sub': sub.subject },
    h('p', { class: 'sub-subject' }, h('code', {}, sub.subject)),
    h(
      'dl',
      { class: 'compare' },
      h('div', { class: 'compare-expected' }, h('dt', {}, 'Expected'), h('dd', {}, h('code', {}, sub.expected || '—'))),
      h('div', { class: 'compare-seen' }, h('dt', {}, 'Seen'), h('dd', {}, h('code', {}, sub.seen || 'nothing'))),
    ),
    sub.message && sub.message !== checkMessage ? h('p', { class: 'sub-message' }, richText(sub.message)) : undefined,
  );
}

function renderPass(check: CheckView): HTMLElement {
  return h(
    'li',
    { class: 'check check-passed', 'data-check': String(check.index) },
    h('div', { class: 'check-head' }, icon('check', 'check-icon'), h('span', { class: 'check-title' }, richText(check.title)), h('span', { class: 'check-badge' }, 'Passed')),
  );
}
