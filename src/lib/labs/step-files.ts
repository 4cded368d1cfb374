/** Step files are `steps/NN-<id>.mdx`: the number orders them, the rest is the step's id. */
export type StepFileName =
  | { ok: true; number: number; id: string }
  | { ok: false; suggestion?: string };

const STEP_FILE = /^(\d{2,3})-([a-z0-9]+(?:-[a-z0-9]+)*)\.mdx$/;

export function parseStepFileName(file: string): StepFileName {
  const match = STEP_FILE.exec(file);
  if (match) return { ok: true, number: Number(match[1]), id: match[2]! };
  return { ok: false, suggestion: suggestStepFileName(file) };
}

/** A likely intended name: `1_Scale Up.md` → `01-scale-up.mdx`. */
function suggestStepFileName(file: string): string | undefined {
  const stem = file.replace(/\.mdx?$/i, '');
  const number = /^(\d+)/.exec(stem)?.[1];
  const rest = stem
    .slice(number?.length ?? 0)
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  if (!rest) return undefined;
  return `${(number ?? '1').padStart(2, '0')}-${rest}.mdx`;
}

/** Collection entry id of a step (`<lab>/<file without .mdx>`) → lab and step id. */
export function stepEntryParts(entryId: string): { lab: string; file: string; number: number; id: string } | undefined {
  const [lab, file] = entryId.split('/');
  if (!lab || !file) return undefined;
  const parsed = parseStepFileName(`${file}.mdx`);
  return parsed.ok ? { lab, file, number: parsed.number, id: parsed.id } : undefined;
}

/** Entry id of a lab from its file path relative to the labs folder: `deploy/lab.mdx` → `deploy`. */
export function labEntryId(entry: string): string {
  return entry.split('/')[0]!;
}

/** Entry id of a step from its path relative to the labs folder: `deploy/steps/01-run.mdx` → `deploy/01-run`. */
export function stepEntryId(entry: string): string {
  const parts = entry.split('/');
  return `${parts[0]}/${parts[parts.length - 1]!.replace(/\.mdx$/, '')}`;
}
