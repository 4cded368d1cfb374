/** `object`: the object exists and its fields meet every `where` condition. */
import type { Check } from '../../../src/schemas/check.ts';
import { evaluateCondition } from '../conditions.ts';
import { isUnknownKind } from '../errors.ts';
import { aNamed, collection, nameOf, objectSubject, refOf, targetOf, type Target } from '../target.ts';
import { nameList } from '../text.ts';
import type { CheckContext, SubResult } from '../types.ts';

type ObjectCheck = Extract<Check, { object: unknown }>;

export async function evaluateObject(check: ObjectCheck, ctx: CheckContext): Promise<SubResult[]> {
  const spec = check.object;
  const t = targetOf(spec, ctx);
  const subject = objectSubject(t, spec.name);
  let obj;
  try {
    obj = await t.reader.get({ ...refOf(t), name: spec.name });
  } catch (e) {
    if (!isUnknownKind(e)) throw e;
    return [{ ok: false, subject, expected: aNamed(t, spec.name), seen: `no such ${t.kind}: the cluster has no ${t.kind} type (${t.apiVersion}) yet` }];
  }
  if (!obj) return [{ ok: false, subject, expected: aNamed(t, spec.name), seen: await missingSeen(t, spec.name) }];
  if (spec.where.length === 0) return [{ ok: true, subject, expected: aNamed(t, spec.name), seen: 'it exists' }];
  return spec.where.map((c) => evaluateCondition(obj, c, subject));
}

/**
 * `no such Deployment (deployments in namespace shop: api, db)`, noticing the same name in another
 * namespace (a learner who forgot `-n`).
 */
async function missingSeen(t: Target, name: string): Promise<string> {
  const here = await t.reader.list(refOf(t));
  const names = here.map(nameOf).sort();
  let elsewhere = '';
  if (t.namespace !== undefined) {
    const all = await t.reader.list({ kind: t.kind, apiVersion: t.apiVersion });
    const namespaces = all.filter((o) => nameOf(o) === name && o.metadata?.namespace !== t.namespace).map((o) => String(o.metadata?.namespace));
    if (namespaces.length > 0) elsewhere = `; there is one named ${name} in namespace ${nameList(namespaces, 3)}`;
  }
  const list = names.length > 0 ? `${collection(t)}: ${nameList(names)}` : `there are no ${collection(t)}`;
  return `no such ${t.kind} (${list}${elsewhere})`;
}
