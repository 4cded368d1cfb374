/**
 * Kubernetes label selectors as text (`app=web,tier!=db`, `env in (dev,qa)`, `!legacy`): parsed to
 * catch an author's typo early, and matched against labels (by test fakes and by validators).
 */

export type Requirement =
  | { key: string; op: 'exists' | 'notExists' }
  | { key: string; op: 'in' | 'notIn'; values: string[] };

export type ParsedSelector = { ok: true; requirements: Requirement[] } | { ok: false; error: string };

const keyPattern = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const valuePattern = /^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$/;

function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim());
}

export function parseSelector(text: string): ParsedSelector {
  const requirements: Requirement[] = [];
  if (text.trim() === '') return { ok: true, requirements };
  for (const part of splitTop(text)) {
    const r = requirement(part);
    if (typeof r === 'string') return { ok: false, error: `${r} in selector "${text}"` };
    requirements.push(r);
  }
  return { ok: true, requirements };
}

function requirement(part: string): Requirement | string {
  if (part === '') return 'an empty requirement';
  const set = /^(\S+)\s+(in|notin)\s*\(([^)]*)\)$/.exec(part);
  if (set) {
    const values = set[3]!.split(',').map((v) => v.trim());
    const bad = values.find((v) => !valuePattern.test(v));
    if (!keyPattern.test(set[1]!)) return `"${set[1]}" is not a label key`;
    if (bad !== undefined) return `"${bad}" is not a label value`;
    return { key: set[1]!, op: set[2] === 'in' ? 'in' : 'notIn', values };
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(.*)$/.exec(part);
  if (cmp) {
    const [, key, op, value] = cmp as unknown as [string, string, string, string];
    if (!keyPattern.test(key)) return `"${key}" is not a label key`;
    if (!valuePattern.test(value)) return `"${value}" is not a label value`;
    return { key, op: op === '!=' ? 'notIn' : 'in', values: [value] };
  }
  const neg = /^!\s*(\S+)$/.exec(part);
  if (neg) return keyPattern.test(neg[1]!) ? { key: neg[1]!, op: 'notExists' } : `"${neg[1]}" is not a label key`;
  if (keyPattern.test(part)) return { key: part, op: 'exists' };
  return `"${part}" is not a requirement (write key=value, key!=value, key in (a,b), key or !key)`;
}

export function matchesSelector(requirements: Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return requirements.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists':
        return has;
      case 'notExists':
        return !has;
      case 'in':
        return has && r.values.includes(l[r.key]!);
      case 'notIn':
        return !has || !r.values.includes(l[r.key]!);
    }
  });
}
