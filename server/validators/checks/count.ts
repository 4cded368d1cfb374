/** `count`: how many objects (matching `selector` and `where`) there are. */
import type { Check } from '../../../src/schemas/check.ts';
import { describeCondition, evaluateCondition } from '../conditions.ts';
import { collection, isTerminating, listOrNone, nameOf, targetOf } from '../target.ts';
import { nameList } from '../text.ts';
import type { CheckContext, SubResult } from '../types.ts';

type CountCheck = Extract<Check, { count: unknown }>;

/** `exactly 3`, `at least 2`, `between 2 and 4`. */
export function describeCount(spec: { equals?: number; atLeast?: number; atMost?: number }): string {
  if (spec.equals !== undefined) return `exactly ${spec.equals}`;
  if (spec.atLeast !== undefined && spec.atMost !== undefined) return `between ${spec.atLeast} and ${spec.atMost}`;
  if (spec.atLeast !== undefined) return `at least ${spec.atLeast}`;
  if (spec.atMost !== undefined) return `at most ${spec.atMost}`;
  return 'any number';
}

export async function evaluateCount(check: CountCheck, ctx: CheckContext): Promise<SubResult[]> {
  const spec = check.count;
  const t = targetOf(spec, ctx);
  const where = spec.where.map((c) => `${c.path}: ${describeCondition(c)}`).join('; ');
  const subject = `number of ${collection(t, spec.selector)}${where ? ` where ${where}` : ''}`;
  const found = await listOrNone(t, spec.selector);
  const live = found.filter((o) => !isTerminating(o));
  const meeting = live.filter((o) => spec.where.every((c) => evaluateCondition(o, c, '').ok));
  const n = meeting.length;
  const ok = (spec.equals === undefined || n === spec.equals) && (spec.atLeast === undefined || n >= spec.atLeast) && (spec.atMost === undefined || n <= spec.atMost);
  const names = meeting.map(nameOf).sort();
  let seen = n === 0 ? '0' : `${n}: ${nameList(names)}`;
  const others = live.length - n;
  if (spec.where.length > 0 && others > 0) {
    const rest = live.filter((o) => !meeting.includes(o)).map(nameOf).sort();
    seen += ` (${others} other${others === 1 ? " doesn't" : "s don't"} meet the conditions: ${nameList(rest, 4)})`;
  }
  return [{ ok, subject, expected: describeCount(spec), seen }];
}
