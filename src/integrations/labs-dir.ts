/**
 * Where the labs are: `labs/` by default; `PODIUM_LABS_DIR` (relative to the project, or absolute)
 * builds another folder instead, e.g. the fixture labs the browser tests use.
 */
export function labsDir(env: Record<string, string | undefined> = process.env): string {
  const dir = env.PODIUM_LABS_DIR?.trim();
  return dir ? dir.replace(/\/+$/, '') : './labs';
}
