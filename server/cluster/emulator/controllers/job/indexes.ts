/** Completed indexes of an Indexed Job, kept as upstream's compressed interval text (`0-2,4`). */

export function parseIndexes(text: string | undefined, completions: number): Set<number> {
  const out = new Set<number>();
  for (const part of (text ?? '').split(',')) {
    if (!part) continue;
    const [a, b] = part.split('-').map(Number);
    if (a === undefined || Number.isNaN(a)) continue;
    for (let i = a; i <= (b ?? a); i++) if (i < completions) out.add(i);
  }
  return out;
}

export function formatIndexes(set: Set<number>): string {
  const sorted = [...set].sort((x, y) => x - y);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(i === j ? String(sorted[i]) : `${sorted[i]}-${sorted[j]}`);
    i = j + 1;
  }
  return parts.join(',');
}

export function completionIndex(annotations: Record<string, string> | undefined): number | undefined {
  const v = annotations?.['batch.kubernetes.io/job-completion-index'];
  if (v === undefined || !/^\d+$/.test(v)) return undefined;
  return Number(v);
}
