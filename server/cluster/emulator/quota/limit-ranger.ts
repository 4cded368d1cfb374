/**
 * The LimitRanger admission plugin for pods: the `default` limits and `defaultRequest` requests of a
 * namespace's LimitRanges (items of type Container) fill in what a container leaves out, with the
 * `kubernetes.io/limit-ranger` annotation saying what was set; then a container outside an item's `min` or
 * `max` is refused (403) in upstream's words.
 */
import { errors } from '../meta/errors.ts';
import type { KubeObject } from '../meta/types.ts';
import type { ResourceDef } from '../registry/types.ts';
import type { ObjectStore } from '../storage/object-store.ts';
import { compareQuantity, parseQuantity, quantityString } from '../strategies/shared/quantity.ts';

type Json = Record<string, unknown>;
const rec = (v: unknown): Json => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {});
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.map(rec) : []);

export const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';
const LIMIT_RANGES = { group: '', resource: 'limitranges' };

function containerItems(store: ObjectStore, namespace: string | undefined): Json[] {
  return store.list(LIMIT_RANGES, namespace).flatMap((lr) => list(rec((lr as Json).spec).limits).filter((i) => i.type === 'Container'));
}

/** Mutating half: fills defaults into a pod about to be created; returns nothing, changes `pod` in place. */
export function applyLimitRangeDefaults(store: ObjectStore, def: ResourceDef, pod: KubeObject): void {
  if (def.group !== '' || def.resource !== 'pods') return;
  const items = containerItems(store, pod.metadata.namespace);
  if (items.length === 0) return;
  const limits: Json = {};
  const requests: Json = {};
  for (const item of items) {
    Object.assign(limits, rec(item.default));
    Object.assign(requests, rec(item.defaultRequest));
  }
  const notes: string[] = [];
  const spec = rec(pod.spec);
  const merge = (c: Json, prefix: string) => {
    const resources = (c.resources = { ...rec(c.resources) }) as Json;
    const set = (field: 'limits' | 'requests', defaults: Json) => {
      const current = { ...rec(resources[field]) };
      const added = Object.keys(defaults).filter((k) => !(k in current)).sort();
      for (const k of added) current[k] = defaults[k];
      if (added.length > 0) resources[field] = current;
      return added;
    };
    const setRequests = set('requests', requests);
    const setLimits = set('limits', limits);
    if (setRequests.length > 0) notes.push(`${setRequests.join(', ')} request for ${prefix} ${String(c.name)}`);
    if (setLimits.length > 0) notes.push(`${setLimits.join(', ')} limit for ${prefix} ${String(c.name)}`);
  };
  for (const c of list(spec.initContainers)) merge(c, 'init container');
  for (const c of list(spec.containers)) merge(c, 'container');
  if (notes.length > 0) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
}

/** Validating half: every container within each item's min and max; 403 listing what is out of bounds. */
export function checkLimitRanges(store: ObjectStore, def: ResourceDef, pod: KubeObject, name: string): void {
  if (def.group !== '' || def.resource !== 'pods') return;
  const items = containerItems(store, pod.metadata.namespace);
  if (items.length === 0) return;
  const problems: string[] = [];
  const spec = rec(pod.spec);
  for (const c of [...list(spec.initContainers), ...list(spec.containers)]) {
    const resources = rec(c.resources);
    for (const item of items) {
      for (const [resource, bound] of Object.entries(rec(item.min))) {
        const request = parseQuantity(rec(resources.requests)[resource]);
        const min = parseQuantity(bound)!;
        const limit = parseQuantity(rec(resources.limits)[resource]);
        if (!request) problems.push(`minimum ${resource} usage per Container is ${quantityString(min)}.  No request is specified`);
        else if (compareQuantity(request, min) < 0) problems.push(`minimum ${resource} usage per Container is ${quantityString(min)}, but request is ${quantityString(request)}`);
        else if (limit && compareQuantity(limit, min) < 0) problems.push(`minimum ${resource} usage per Container is ${quantityString(min)}, but limit is ${quantityString(limit)}`);
      }
      for (const [resource, bound] of Object.entries(rec(item.max))) {
        const limit = parseQuantity(rec(resources.limits)[resource]);
        const max = parseQuantity(bound)!;
        const request = parseQuantity(rec(resources.requests)[resource]);
        if (!limit) problems.push(`maximum ${resource} usage per Container is ${quantityString(max)}.  No limit is specified`);
        else if (compareQuantity(limit, max) > 0) problems.push(`maximum ${resource} usage per Container is ${quantityString(max)}, but limit is ${quantityString(limit)}`);
        else if (request && compareQuantity(request, max) > 0) problems.push(`maximum ${resource} usage per Container is ${quantityString(max)}, but request is ${quantityString(request)}`);
      }
    }
  }
  if (problems.length === 0) return;
  throw errors.forbiddenFor(def, name, problems.length === 1 ? problems[0]! : `[${problems.join(', ')}]`);
}
