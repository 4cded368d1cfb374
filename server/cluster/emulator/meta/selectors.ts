/** Label and field selectors: parsing the query-string forms and matching objects, as upstream does. */

export type Operator = 'In' | 'NotIn' | 'Exists' | 'DoesNotExist' | 'Equals' | 'NotEquals' | 'Gt' | 'Lt';

export interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export type Selector = Requirement[];

export class SelectorError extends Error {}

/** Parses `app=web,tier!=db,env in (prod,stage),!legacy,release` into requirements. An empty string selects everything. */
export function parseLabelSelector(text: string): Selector {
  const reqs: Selector = [];
  let i = 0;
  const s = text;
  const skipSpace = () => {
    while (i < s.length && s[i] === ' ') i++;
  };
  const readKey = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-/]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  const readValue = (): string => {
    const start = i;
    while (i < s.length && /[A-Za-z0-9._\-]/.test(s[i]!)) i++;
    return s.slice(start, i);
  };
  skipSpace();
  if (i >= s.length) return reqs;
  for (;;) {
    skipSpace();
    let negated = false;
    if (s[i] === '!') {
      negated = true;
      i++;
      skipSpace();
    }
    const key = readKey();
    if (!key) throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ''}', expected: identifier`);
    validateLabelKey(key);
    skipSpace();
    if (negated) {
      reqs.push({ key, operator: 'DoesNotExist', values: [] });
    } else if (i >= s.length || s[i] === ',') {
      reqs.push({ key, operator: 'Exists', values: [] });
    } else if (s.startsWith('==', i) || s.startsWith('!=', i) || s[i] === '=') {
      const op: Operator = s[i] === '!' ? 'NotEquals' : 'Equals';
      i += s.startsWith('==', i) || s.startsWith('!=', i) ? 2 : 1;
      skipSpace();
      const value = readValue();
      validateLabelValue(value);
      reqs.push({ key, operator: op, values: [value] });
    } else if (s[i] === '>' || s[i] === '<') {
      const op: Operator = s[i] === '>' ? 'Gt' : 'Lt';
      i++;
      skipSpace();
      const value = readValue();
      if (!/^-?\d+$/.test(value)) throw new SelectorError(`unable to parse requirement: for 'Gt', 'Lt' operators, the value must be an integer`);
      reqs.push({ key, operator: op, values: [value] });
    } else {
      const word = /^(notin|in)\b/.exec(s.slice(i));
      if (!word) throw new SelectorError(`unable to parse requirement: found '${s[i]}', expected: in, notin, =, ==, !=, gt, lt`);
      i += word[1]!.length;
      skipSpace();
      if (s[i] !== '(') throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ''}', expected: '('`);
      i++;
      const values: string[] = [];
      for (;;) {
        skipSpace();
        const v = readValue();
        validateLabelValue(v);
        values.push(v);
        skipSpace();
        if (s[i] === ',') {
          i++;
          continue;
        }
        if (s[i] === ')') {
          i++;
          break;
        }
        throw new SelectorError(`unable to parse requirement: found '${s[i] ?? ''}', expected: ',', ')' or identifier`);
      }
      reqs.push({ key, operator: word[1] === 'in' ? 'In' : 'NotIn', values });
    }
    skipSpace();
    if (i >= s.length) break;
    if (s[i] !== ',') throw new SelectorError(`unable to parse requirement: found '${s[i]}', expected: ','`);
    i++;
  }
  return reqs;
}

const nameRe = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;

function validateLabelKey(key: string): void {
  const [prefix, name] = key.includes('/') ? [key.slice(0, key.indexOf('/')), key.slice(key.indexOf('/') + 1)] : ['', key];
  if (!name || name.length > 63 || !nameRe.test(name) || (prefix && !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(prefix))) {
    throw new SelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${key}": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')`,
    );
  }
}

function validateLabelValue(value: string): void {
  if (value !== '' && (value.length > 63 || !nameRe.test(value))) {
    throw new SelectorError(
      `unable to parse requirement: <nil>: Invalid value: "${value}": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')`,
    );
  }
}

/** `metav1.LabelSelector` (matchLabels + matchExpressions) as requirements. `null`/undefined selects nothing, `{}` everything. */
export function fromLabelSelector(sel: LabelSelectorObject | null | undefined): Selector | undefined {
  if (!sel) return undefined;
  const reqs: Selector = Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'Equals', values: [v] }));
  for (const e of sel.matchExpressions ?? []) {
    reqs.push({ key: e.key, operator: e.operator as Operator, values: e.values ?? [] });
  }
  return reqs;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** A plain `map[string]string` selector (Service, ReplicationController): every pair must match. */
export function fromMap(map: Record<string, string> | undefined): Selector {
  return Object.entries(map ?? {}).map(([key, v]) => ({ key, operator: 'Equals', values: [v] }));
}

export function matches(selector: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return selector.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.operator) {
      case 'Equals':
      case 'In':
        return has && r.values.includes(v!);
      case 'NotEquals':
      case 'NotIn':
        return !has || !r.values.includes(v!);
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'Gt':
        return has && /^-?\d+$/.test(v!) && Number(v) > Number(r.values[0]);
      case 'Lt':
        return has && /^-?\d+$/.test(v!) && Number(v) < Number(r.values[0]);
      default:
        return false;
    }
  });
}

/** Prints a selector the way upstream's `String()` does (sorted by key): `app=web,tier!=db`. */
export function formatSelector(selector: Selector): string {
  return [...selector]
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => {
      switch (r.operator) {
        case 'Equals':
          return `${r.key}=${r.values[0]}`;
        case 'NotEquals':
          return `${r.key}!=${r.values[0]}`;
        case 'In':
          return `${r.key} in (${[...r.values].sort().join(',')})`;
        case 'NotIn':
          return `${r.key} notin (${[...r.values].sort().join(',')})`;
        case 'Exists':
          return r.key;
        case 'DoesNotExist':
          return `!${r.key}`;
        case 'Gt':
          return `${r.key}>${r.values[0]}`;
        case 'Lt':
          return `${r.key}<${r.values[0]}`;
        default:
          return '';
      }
    })
    .join(',');
}

export interface FieldRequirement {
  field: string;
  operator: 'Equals' | 'NotEquals';
  value: string;
}

/** Parses `metadata.name=web,status.phase!=Running`. Values may escape `\,` `\=` `\\`. */
export function parseFieldSelector(text: string): FieldRequirement[] {
  if (text.trim() === '') return [];
  return splitUnescaped(text, ',').map((part) => {
    const m = /^([^=!]+)(==|!=|=)(.*)$/s.exec(part);
    if (!m) throw new SelectorError(`invalid selector: '${text}'; can't understand '${part}'`);
    return {
      field: m[1]!.trim(),
      operator: m[2] === '!=' ? 'NotEquals' : 'Equals',
      value: m[3]!.replace(/\\(.)/g, '$1'),
    };
  });
}

function splitUnescaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let current = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      current += c + text[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(current);
      current = '';
    } else current += c;
  }
  parts.push(current);
  return parts;
}

export function matchesFields(reqs: FieldRequirement[], fields: Record<string, string>): boolean {
  return reqs.every((r) => {
    const v = fields[r.field] ?? '';
    return r.operator === 'Equals' ? v === r.value : v !== r.value;
  });
}
