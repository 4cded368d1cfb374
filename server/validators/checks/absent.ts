/** `absent`: no such object — by name, by label selector, or none of the kind at all. */
import type { Check } from '../../../src/schemas/check.ts';
import { isUnknownKind } from '../errors.ts';
import { collection, isTerminating, listOrNone, nameOf, objectSubject, refOf, targetOf, whereText } from '../target.ts';
import { pluralOf } from '../../../src/lib/labs/kinds.ts';
import { article, nameList } from '../text.ts';
import type { CheckContext, K8sObject, SubResult } from '../types.ts';

type AbsentCheck = Extract<Check, { absent: unknown }>;

export async function evaluateAbsent(check: AbsentCheck, ctx: CheckContext): Promise<SubResult[]> {
  const spec = check.absent;
  const t = targetOf(spec, ctx);
  if (spec.name !== undefined) {
    const subject = objectSubject(t, spec.name);
    const expected = `no ${t.kind} named ${spec.name}${whereText(t)}`;
    let obj: K8sObject | undefined;
    try {
      obj = await t.reader.get({ ...refOf(t), name: spec.name });
    } catch (e) {
      if (!isUnknownKind(e)) throw e;
    }
    if (!obj) return [{ ok: true, subject, expected, seen: 'there is none' }];
    if (isTerminating(obj)) return [{ ok: true, subject, expected, seen: 'it is being deleted' }];
    return [{ ok: false, subject, expected, seen: 'it still exists' }];
  }
  const subject = collection(t, spec.selector);
  const expected = spec.selector ? `no ${t.kind} with labels ${spec.selector}${whereText(t)}` : `no ${collection(t)}`;
  const found = await listOrNone(t, spec.selector);
  const live = found.filter((o) => !isTerminating(o)).map(nameOf).sort();
  if (live.length === 0) return [{ ok: true, subject, expected, seen: found.length > 0 ? 'the last ones are being deleted' : 'there are none' }];
  return [{ ok: false, subject, expected, seen: `${live.length === 1 ? `${article(t.kind)} still exists` : `${live.length} ${pluralOf(t.kind)} still exist`}: ${nameList(live)}` }];
}
