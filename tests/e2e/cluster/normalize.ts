/**
 * Makes kubectl output comparable with text written from a real cluster: what a real cluster would also
 * print differently on every run (ages, generated name suffixes, IPs, UIDs, times) becomes a placeholder,
 * and tables are laid out again the way kubectl lays them out, so that a placeholder of another width than
 * the value it replaced keeps the columns aligned.
 */

/** The alphabet of generateName suffixes and pod-template-hash values (upstream's SafeEncodeString). */
const SAFE = '[bcdfghjklmnpqrstvwxz2456789]';

const VALUE_RULES: [RegExp, string][] = [
  // RFC 3339 times (yaml, json, CREATED AT) and describe's RFC 1123Z dates.
  [/\b\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z\b/g, '<time>'],
  [/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), \d\d (Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) \d{4} \d\d:\d\d:\d\d [+-]\d{4}\b/g, '<date>'],
  [/\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b/g, '<uid>'],
  [/\bip-192-168-\d+-\d+\.us-west-2\.compute\.internal\b/g, '<node>'],
  [/\b\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}\b/g, '<ip>'],
  [/containerd:\/\/[0-9a-f]{64}/g, 'containerd://<id>'],
  [/@sha256:[0-9a-f]{64}/g, '@sha256:<digest>'],
  // Names made by controllers: <rs>-<hash>-<suffix>, <deployment>-<hash>, <generateName><suffix>, <cronjob>-<minutes>.
  [new RegExp(`(?<=[a-z0-9])-${SAFE}{6,10}-${SAFE}{5}\\b`, 'g'), '-<hash>-<id>'],
  [new RegExp(`(?<=[a-z0-9])-(?=[a-z0-9]*[0-9])${SAFE}{6,10}\\b`, 'g'), '-<hash>'],
  [new RegExp(`(?<=[a-z0-9])-${SAFE}{5}\\b`, 'g'), '-<id>'],
  [/(?<=[a-z0-9])-\d{8}\b/g, '-<sched>'],
  [/\bpod-template-hash=\w+/g, 'pod-template-hash=<hash>'],
];

/** Replaces run-dependent values inside free text (describe values, yaml, messages). */
export function normValues(text: string): string {
  let out = text;
  for (const [re, to] of VALUE_RULES) out = out.replace(re, to);
  return out;
}

const DURATION = /^(\d+(y|d|h|m|s))+$/;

/** A table cell: values, then ages (`5s`, `3m20s`, `2 (5s ago)`, `3s (x2 over 14s)`). */
export function normCell(cell: string): string {
  const v = normValues(cell);
  if (DURATION.test(v)) return '<age>';
  return v
    .replace(/^(\d+) \((\d+[ydhms])+ ago\)$/, '$1 (<age> ago)')
    .replace(/^(\d+[ydhms])+ \(x(\d+) over (\d+[ydhms])+\)$/, '<age> (x$2 over <age>)');
}

/** Column start offsets of a header line: where each run of non-space text (single spaces allowed) begins. */
function columnStarts(header: string): number[] {
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  for (let m = re.exec(header); m; m = re.exec(header)) starts.push(m.index);
  return starts;
}

function cells(line: string, starts: number[]): string[] {
  return starts.map((s, i) => line.slice(s, starts[i + 1] ?? undefined).trim());
}

/** Lays rows out as Go's tabwriter does (min width, padding; the last column is not padded). */
export function layout(rows: string[][], opts: { padding: number; minWidth: number; indent?: string }): string[] {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((c, i) => {
      if (i < row.length - 1) widths[i] = Math.max(widths[i] ?? 0, Math.max(c.length + opts.padding, opts.minWidth));
    });
  }
  return rows.map((row) => (opts.indent ?? '') + row.map((c, i) => (i < row.length - 1 ? c.padEnd(widths[i]!) : c)).join('').trimEnd());
}

/**
 * A `kubectl get` table (or several, separated by blank lines, as `get all` prints them) with every cell
 * normalised and the columns laid out again (kubectl's tabwriter: min width 6, padding 3).
 */
export function normTable(text: string, cell: (c: string) => string = normCell): string {
  const blocks = text.replace(/\n+$/, '').split(/\n\s*\n/);
  return blocks
    .map((block) => {
      const lines = block.split('\n');
      const starts = columnStarts(lines[0]!);
      const rows = lines.map((l, i) => cells(l, starts).map((c) => (i === 0 ? c : cell(c))));
      return layout(rows, { padding: 3, minWidth: 6 }).join('\n');
    })
    .join('\n\n');
}

/**
 * `kubectl describe` output: values normalised line by line, and every table (a header line followed by a
 * line of dashes) laid out again as describe's tabwriter does (padding 2).
 */
export function normDescribe(text: string): string {
  const lines = text.replace(/\n+$/, '').split('\n');
  const out: string[] = [];
  for (let i = 0; i < lines.length; i++) {
    const dashes = lines[i + 1];
    if (dashes !== undefined && /^\s+-+(\s+-+)*\s*$/.test(dashes) && lines[i]!.trim() !== '') {
      const indent = /^\s*/.exec(dashes)![0];
      const starts = columnStarts(dashes);
      const rows = [cells(lines[i]!, starts), cells(dashes, starts)];
      let j = i + 2;
      while (j < lines.length && lines[j]!.startsWith(indent) && lines[j]!.trim() !== '') {
        rows.push(cells(lines[j]!, starts).map(normCell));
        j++;
      }
      out.push(...layout(rows, { padding: 2, minWidth: 0, indent }));
      i = j - 1;
      continue;
    }
    out.push(normValues(lines[i]!));
  }
  return out.join('\n');
}

/** The rows of a describe Events table as `Type Reason From: Message`, for order-independent checks. */
export function eventLines(describe: string): string[] {
  const lines = describe.split('\n');
  const at = lines.findIndex((l) => /^Events:\s+Type\b/.test(l) || /^\s+Type\s+Reason\s+Age\s+From\s+Message$/.test(l));
  if (at < 0) return [];
  const header = lines[at]!.replace(/^Events:/, '       ');
  const starts = columnStarts(header);
  const rows: string[] = [];
  for (const line of lines.slice(at + 2)) {
    if (!line.startsWith('  ') || line.trim() === '') break;
    const [type, reason, , from, message] = cells(line, starts);
    rows.push(`${type} ${reason} ${from}: ${normValues(message ?? '')}`);
  }
  return rows;
}
