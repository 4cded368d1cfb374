/** The log styles of log-styles.yaml, rendered onto a container's clock. */
import { DataError, loadYaml } from '../../data-file.ts';
import type { Rng } from '../../random.ts';

interface LineSpec {
  at?: number | [number, number];
  text: string;
  /** Repeat the line once per value of this list variable. */
  each?: string;
}

interface Style {
  start: LineSpec[];
  access?: string;
  vars?: Record<string, Record<string, string>>;
}

interface StylesFile {
  styles: Record<string, Style>;
  errors: Record<string, LineSpec[]>;
}

function check(raw: unknown, file: string): StylesFile {
  const doc = raw as StylesFile;
  if (!doc?.styles || typeof doc.styles !== 'object') throw new DataError(file, 'styles', 'expected a map of styles');
  for (const [name, style] of Object.entries(doc.styles)) {
    if (!Array.isArray(style.start)) throw new DataError(file, `styles.${name}`, 'start must be a list of lines');
    style.start.forEach((l, i) => {
      if (typeof l.text !== 'string') throw new DataError(file, `styles.${name}.start[${i}]`, 'text is required');
    });
  }
  return { styles: doc.styles, errors: doc.errors ?? {} };
}

const file = () => loadYaml(new URL('./log-styles.yaml', import.meta.url), check);

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');
const p3 = (n: number) => String(n).padStart(3, '0');

/** The timestamp formats the styles use, at epoch ms `ms` (with a stable sub-millisecond part `micro`). */
export function timestamp(kind: string, ms: number, micro = 0): string {
  const d = new Date(ms);
  const Y = d.getUTCFullYear();
  const M = p2(d.getUTCMonth() + 1);
  const D = p2(d.getUTCDate());
  const hms = `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
  const milli = p3(d.getUTCMilliseconds());
  const micros = `${milli}${p3(micro % 1000)}`;
  switch (kind) {
    case 'nginx':
      return `${Y}/${M}/${D} ${hms}`;
    case 'clf':
      return `${D}/${MONTHS[d.getUTCMonth()]}/${Y}:${hms} +0000`;
    case 'redis':
      return `${D} ${MONTHS[d.getUTCMonth()]} ${Y} ${hms}.${milli}`;
    case 'httpd':
      return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${D} ${hms}.${micros} ${Y}`;
    case 'pg':
      return `${Y}-${M}-${D} ${hms}.${milli} UTC`;
    case 'pgs':
      return `${Y}-${M}-${D} ${hms} UTC`;
    case 'mysql':
      return `${Y}-${M}-${D} ${hms}+00:00`;
    case 'mysqlz':
      return `${Y}-${M}-${D}T${hms}.${micros}Z`;
    case 'klog':
      return `${M}${D} ${hms}.${micros}`;
    case 'logrus':
      return `${Y}-${M}-${D}T${hms}Z`;
    case 'spring':
      return `${Y}-${M}-${D}T${hms}.${milli}Z`;
    case 'gin':
      return `${Y}/${M}/${D} - ${hms}`;
    default:
      return `${Y}-${M}-${D}T${hms}Z`;
  }
}

export function render(template: string, vars: Record<string, string | number>, at: number, micro = 0): string {
  return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (_, key: string) => {
    if (key.startsWith('ts.')) return timestamp(key.slice(3), at, micro);
    const v = vars[key];
    return v === undefined ? '' : String(v);
  });
}

export interface TimedLine {
  /** ms since the process started */
  t: number;
  text: string;
}

function lines(specs: LineSpec[], vars: Record<string, string | number | (string | number)[]>, startedAt: number, rng: Rng): TimedLine[] {
  const out: TimedLine[] = [];
  let t = 0;
  for (const spec of specs) {
    if (spec.at !== undefined) t += Array.isArray(spec.at) ? rng.int(spec.at[0], spec.at[1]) : spec.at;
    else t += rng.int(0, 1);
    const values = spec.each ? ([] as (string | number)[]).concat(vars[spec.each] ?? []) : [undefined];
    for (const value of values) {
      const flat: Record<string, string | number> = {};
      for (const [k, v] of Object.entries(vars)) if (!Array.isArray(v)) flat[k] = v;
      if (spec.each && value !== undefined) flat[spec.each] = value;
      out.push({ t, text: render(spec.text, flat, startedAt + t, rng.int(0, 999)) });
    }
  }
  return out;
}

/** A style's start-up lines; `flavour` picks per-flavour style variables (gcc version of alpine builds…). */
export function startLines(style: string, vars: Record<string, string | number | (string | number)[]>, flavour: string, startedAt: number, rng: Rng): TimedLine[] {
  const s = file().styles[style];
  if (!s) return [];
  const styleVars: Record<string, string> = {};
  for (const [k, byFlavour] of Object.entries(s.vars ?? {})) styleVars[k] = byFlavour[flavour] ?? byFlavour.default ?? '';
  return lines(s.start, { ...styleVars, ...vars }, startedAt, rng);
}

export function errorLines(name: string, vars: Record<string, string | number>, startedAt: number, rng: Rng): TimedLine[] {
  return lines(file().errors[name] ?? [], vars, startedAt, rng);
}

export function accessTemplate(style: string): string | undefined {
  return file().styles[style]?.access;
}
