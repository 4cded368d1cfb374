/** `file`: a file in the learner's home exists, contains some text, or is YAML meeting conditions. */
import { parseAllDocuments } from 'yaml';
import type { Check, Condition } from '../../../src/schemas/check.ts';
import { evaluateCondition } from '../conditions.ts';
import { clip, plural, quote } from '../text.ts';
import type { CheckContext, SubResult } from '../types.ts';

type FileCheck = Extract<Check, { file: unknown }>;

function lineCount(text: string): number {
  return text === '' ? 0 : text.replace(/\n$/, '').split('\n').length;
}

export async function evaluateFile(check: FileCheck, ctx: CheckContext): Promise<SubResult[]> {
  const spec = check.file;
  const subject = `~/${spec.path}`;
  const content = await ctx.sandbox.readFile(spec.path);
  if (!spec.exists) {
    return [{ ok: content === undefined, subject, expected: `no file ${subject}`, seen: content === undefined ? 'there is none' : 'the file exists' }];
  }
  if (content === undefined) return [{ ok: false, subject, expected: `a file ${subject}`, seen: 'no such file' }];
  const results: SubResult[] = [];
  if (spec.contains === undefined && spec.yaml === undefined) {
    results.push({ ok: true, subject, expected: `a file ${subject}`, seen: `it exists (${plural(lineCount(content), 'line')})` });
  }
  if (spec.contains !== undefined) {
    const at = content.indexOf(spec.contains);
    results.push({
      ok: at >= 0,
      subject,
      expected: `the text ${quote(spec.contains)}`,
      seen: at >= 0 ? `found on line ${content.slice(0, at).split('\n').length}` : `not in the file (${plural(lineCount(content), 'line')})`,
    });
  }
  if (spec.yaml !== undefined) results.push(...yamlResults(content, spec.yaml, subject));
  return results;
}

/**
 * A file of several YAML documents passes when one document meets every condition; the results
 * shown are those of that document, or of the one that came closest.
 */
function yamlResults(content: string, conditions: Condition[], subject: string): SubResult[] {
  const docs = parseAllDocuments(content);
  const list = Array.isArray(docs) ? docs : [];
  const broken = list.find((d) => d.errors.length > 0);
  if (broken || !Array.isArray(docs)) {
    const error = broken?.errors[0];
    const pos = error?.linePos?.[0];
    const message = clip((error?.message ?? 'not a YAML document').split('\n')[0]!, 160).replace(/ at line \d+, column \d+:?$/, '');
    return [{ ok: false, subject, expected: 'valid YAML', seen: `${pos ? `a YAML error on line ${pos.line}, column ${pos.col}` : 'a YAML error'}: ${message}` }];
  }
  const values: unknown[] = list.length > 0 ? list.map((d) => d.toJS()) : [null];
  let best: SubResult[] | undefined;
  let bestScore = -1;
  values.forEach((value, i) => {
    const name = describeDoc(value);
    const prefix = values.length > 1 ? `${subject} (document ${i + 1}${name ? `, ${name}` : ''})` : subject;
    const results = conditions.map((c) => evaluateCondition(value, c, prefix));
    const score = results.filter((r) => r.ok).length;
    if (score > bestScore) {
      best = results;
      bestScore = score;
    }
  });
  return best ?? [];
}

/** `Deployment web`, for a manifest. */
function describeDoc(value: unknown): string {
  if (typeof value !== 'object' || value === null) return '';
  const v = value as { kind?: unknown; metadata?: { name?: unknown } };
  return [v.kind, v.metadata?.name].filter((x) => typeof x === 'string').join(' ');
}
