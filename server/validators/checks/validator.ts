/**
 * `validator`: a TypeScript file of the lab folder whose default export (see define.ts) returns
 * sub-results. Loaded with a dynamic import (the server runs through tsx), again when the file changes.
 */
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { validatorFile } from '../../../src/lib/labs/check-lint.ts';
import type { Check } from '../../../src/schemas/check.ts';
import type { CheckContext, SubResult, ValidatorFn } from '../types.ts';

type ValidatorCheck = Extract<Check, { validator: unknown }>;

export interface ValidatorOptions {
  /** How long a validator may take (default 15 s). */
  timeoutMs?: number;
}

/** The validator's file, inside the lab folder. */
export function validatorPath(labDir: string, name: string): string {
  const root = path.resolve(labDir);
  const file = path.resolve(root, validatorFile(name));
  if (file !== root && !file.startsWith(root + path.sep)) throw new Error(`validator "${name}" is outside the lab folder`);
  return file;
}

async function load(file: string, name: string): Promise<ValidatorFn> {
  const info = await stat(file).catch(() => undefined);
  if (!info) throw new Error(`the validator file ${validatorFile(name)} is missing from the lab folder`);
  const url = `${pathToFileURL(file).href}?v=${Math.floor(info.mtimeMs)}`;
  const mod = (await import(url)) as { default?: unknown };
  if (typeof mod.default !== 'function') throw new Error(`${validatorFile(name)} has no default export; write \`export default defineValidator(async (ctx) => …)\``);
  return mod.default as ValidatorFn;
}

function isSubResult(v: unknown): v is SubResult {
  if (typeof v !== 'object' || v === null) return false;
  const r = v as Record<string, unknown>;
  return typeof r.ok === 'boolean' && typeof r.subject === 'string' && typeof r.expected === 'string' && typeof r.seen === 'string';
}

export async function evaluateValidator(check: ValidatorCheck, ctx: CheckContext, opts: ValidatorOptions = {}): Promise<SubResult[]> {
  const name = check.validator;
  const fn = await load(validatorPath(ctx.labDir, name), name);
  const cluster = ctx.clusters.get(ctx.defaultCluster);
  if (!cluster) throw new Error(`the lab has no cluster "${ctx.defaultCluster}"`);
  const timeoutMs = opts.timeoutMs ?? 15_000;
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${validatorFile(name)} did not answer within ${timeoutMs / 1000} s`)), timeoutMs);
  });
  try {
    const results: unknown = await Promise.race([
      fn({ cluster, clusters: ctx.clusters, run: ctx.sandbox.run.bind(ctx.sandbox), readFile: ctx.sandbox.readFile.bind(ctx.sandbox), history: ctx.sandbox.history.bind(ctx.sandbox) }),
      timeout,
    ]);
    if (!Array.isArray(results) || !results.every(isSubResult)) {
      throw new Error(`${validatorFile(name)} must return a list of { ok, subject, expected, seen }`);
    }
    if (results.length === 0) throw new Error(`${validatorFile(name)} returned no results`);
    return results.map((r) => ({ ok: r.ok, subject: r.subject, expected: r.expected, seen: r.seen, ...(typeof r.message === 'string' ? { message: r.message } : {}) }));
  } finally {
    clearTimeout(timer);
  }
}
