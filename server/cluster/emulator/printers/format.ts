/** Cell formatting shared by several kinds, after upstream's helpers in printers.go, labels and metav1. */
import { formatSelector, fromLabelSelector, type LabelSelectorObject } from '../meta/selectors.ts';
import { records, rec, str, type Json } from './fields.ts';

/** `labels.FormatLabels`: `k=v` sorted by key, joined with `,`; `<none>` when empty. */
export function formatLabels(map: unknown): string {
  const entries = Object.entries(rec(map))
    .map(([k, v]) => `${k}=${str(v)}`)
    .sort();
  return entries.length ? entries.join(',') : '<none>';
}

const OPERATORS = new Set(['In', 'NotIn', 'Exists', 'DoesNotExist']);

/**
 * `metav1.LabelSelectorAsSelector(sel).String()`: '' for a nil or empty selector,
 * undefined when the selector is invalid (an unknown operator or a wrong number of values).
 */
export function labelSelectorString(sel: unknown): string | undefined {
  if (sel === null || typeof sel !== 'object') return '';
  const s = sel as LabelSelectorObject;
  for (const e of s.matchExpressions ?? []) {
    if (!OPERATORS.has(e.operator)) return undefined;
    const n = e.values?.length ?? 0;
    if ((e.operator === 'In' || e.operator === 'NotIn') === (n === 0)) return undefined;
  }
  return formatSelector(fromLabelSelector(s) ?? []);
}

/** `metav1.FormatLabelSelector`: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(sel: unknown): string {
  const s = labelSelectorString(sel);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** `layoutContainerCells`: container names and images, each joined with `,`. */
export function containerCells(containers: unknown): [string, string] {
  const cs = records(containers);
  return [cs.map((c) => str(c.name)).join(','), cs.map((c) => str(c.image)).join(',')];
}

/** `listWithMoreString`: at most `max` items, then ` + N more...`; `<unset>` when empty. */
export function listWithMore(items: string[], max = 3, empty = '<unset>'): string {
  if (items.length > max) return `${items.slice(0, max).join(',')} + ${items.length - max} more...`;
  return items.length ? items.join(',') : empty;
}

/** `net.JoinHostPort`: IPv6 hosts in brackets. */
export function joinHostPort(host: string, port: number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** `printBoolPtr`: `True`, `False`, or `<unset>` for a nil pointer. */
export function boolPtr(value: unknown): string {
  return typeof value === 'boolean' ? (value ? 'True' : 'False') : '<unset>';
}

/**
 * The load balancer stringers: ingress IPs (or hostnames when no IP), de-duplicated and sorted, joined with `,`.
 * The API server always prints wide, so the 16-character clipping of the non-wide form never applies.
 */
export function loadBalancerIngress(status: unknown): string {
  const seen = new Set<string>();
  for (const ing of records(rec(status).ingress)) {
    const v = str(ing.ip) || str(ing.hostname);
    if (v) seen.add(v);
  }
  return [...seen].sort().join(',');
}

/** The condition of a type, looked up the way upstream does through a map keyed by type: the last one listed wins. */
export function lastCondition(conditions: unknown, type: string): Json | undefined {
  let found: Json | undefined;
  for (const c of records(conditions)) if (c.type === type) found = c;
  return found;
}
