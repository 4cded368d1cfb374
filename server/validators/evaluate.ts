/**
 * `evaluateCheck`: one check of a step → its result (passed, failed, or error when it could not be
 * evaluated), with sub-results that say what was expected and what was seen. Never throws.
 */
import type { Check } from '../../src/schemas/check.ts';
import { evaluateAbsent } from './checks/absent.ts';
import { evaluateCommand, type CommandOptions } from './checks/command.ts';
import { evaluateCount } from './checks/count.ts';
import { evaluateFile } from './checks/file.ts';
import { evaluateObject } from './checks/object.ts';
import { evaluateRan } from './checks/ran.ts';
import { evaluateValidator, type ValidatorOptions } from './checks/validator.ts';
import { checkTitle } from './title.ts';
import { errorText } from './text.ts';
import type { CheckContext, CheckResult, SubResult } from './types.ts';

export interface EvaluateOptions {
  /** Index of the check in its step (default 0). */
  index?: number;
  command?: CommandOptions;
  validator?: ValidatorOptions;
}

function subResultsOf(check: Check, ctx: CheckContext, opts: EvaluateOptions): Promise<SubResult[]> {
  if ('object' in check) return evaluateObject(check, ctx);
  if ('absent' in check) return evaluateAbsent(check, ctx);
  if ('count' in check) return evaluateCount(check, ctx);
  if ('command' in check) return evaluateCommand(check, ctx, opts.command);
  if ('file' in check) return evaluateFile(check, ctx);
  if ('ran' in check) return evaluateRan(check, ctx);
  return evaluateValidator(check, ctx, opts.validator);
}

export async function evaluateCheck(check: Check, ctx: CheckContext, opts: EvaluateOptions = {}): Promise<CheckResult> {
  const base = { index: opts.index ?? 0, title: checkTitle(check), message: check.message };
  try {
    const results = await subResultsOf(check, ctx, opts);
    const passed = results.length > 0 && results.every((r) => r.ok);
    return { ...base, status: passed ? 'passed' : 'failed', results };
  } catch (e) {
    return {
      ...base,
      status: 'error',
      results: [{ ok: false, subject: base.title, expected: 'a result', seen: `Podium could not check this: ${errorText(e)}` }],
    };
  }
}

/** Whether a step's checks all passed. */
export function allPassed(results: CheckResult[]): boolean {
  return results.length > 0 && results.every((r) => r.status === 'passed');
}
