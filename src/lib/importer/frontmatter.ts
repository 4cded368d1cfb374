import { parse as parseToml, TomlError } from 'smol-toml';
import { parse as parseYaml } from 'yaml';
import type { Report } from './report.ts';

export type FrontmatterFormat = 'toml' | 'yaml' | 'json';

/** The frontmatter block of the input, parsed. */
export interface SourceFrontmatter {
  format: FrontmatterFormat;
  data: Record<string, unknown>;
  /** The block's lines between its fences; `lines[0]` is line `firstLine` of the file. */
  lines: string[];
  firstLine: number;
}

export interface SplitSource {
  frontmatter?: SourceFrontmatter;
  /** The rest of the file; `bodyLines[0]` is line `bodyFirstLine` of the file. */
  bodyLines: string[];
  bodyFirstLine: number;
}

/** A mapping of the frontmatter (a TOML date is an object too, but not a mapping). */
export const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && !(v instanceof Date);

/**
 * Splits Hugo frontmatter (`+++` TOML, `---` YAML or a leading JSON object) from the body.
 * A leading `---` block that is not a YAML mapping is not frontmatter: in a reveal.js deck it is a
 * slide separator, so it stays in the body.
 */
export function splitFrontmatter(lines: string[], report: Report): SplitSource {
  const body = (from: number, fm?: SourceFrontmatter): SplitSource => ({
    ...(fm ? { frontmatter: fm } : {}),
    bodyLines: lines.slice(from),
    bodyFirstLine: from + 1,
  });
  const first = lines[0]?.trim();
  if (first === '+++') {
    const end = lines.findIndex((l, i) => i > 0 && l.trim() === '+++');
    if (end < 0) {
      report.notConverted(1, 'the `+++` frontmatter is never closed; the file is read as if it had none');
      return body(0);
    }
    const block = lines.slice(1, end);
    return body(end + 1, { format: 'toml', data: readToml(block, report), lines: block, firstLine: 2 });
  }
  if (first === '---') {
    const end = lines.findIndex((l, i) => i > 0 && (l.trim() === '---' || l.trim() === '...'));
    if (end < 0) return body(0);
    const block = lines.slice(1, end);
    const data = readYaml(block);
    return data ? body(end + 1, { format: 'yaml', data, lines: block, firstLine: 2 }) : body(0);
  }
  if (first === '{') {
    for (let end = 1; end < lines.length; end++) {
      if (!lines[end]?.trimEnd().endsWith('}')) continue;
      const data = readJson(lines.slice(0, end + 1));
      if (data) return body(end + 1, { format: 'json', data, lines: lines.slice(0, end + 1), firstLine: 1 });
    }
  }
  return body(0);
}

function readToml(block: string[], report: Report): Record<string, unknown> {
  try {
    return parseToml(block.join('\n')) as Record<string, unknown>;
  } catch (err) {
    const line = err instanceof TomlError ? err.line + 1 : 1;
    const message = err instanceof Error ? err.message.split('\n')[0] : String(err);
    report.notConverted(line, `TOML frontmatter could not be read (${message}); none of it is converted`);
    return {};
  }
}

function readYaml(block: string[]): Record<string, unknown> | undefined {
  if (block.every((l) => !l.trim())) return {};
  try {
    const data: unknown = parseYaml(block.join('\n'));
    return isRecord(data) ? data : undefined;
  } catch {
    return undefined;
  }
}

function readJson(block: string[]): Record<string, unknown> | undefined {
  try {
    const data: unknown = JSON.parse(block.join('\n'));
    return isRecord(data) ? data : undefined;
  } catch {
    return undefined;
  }
}
