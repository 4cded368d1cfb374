/** The scheduling parts of a pod spec: tolerations, affinity, topology spread constraints, DNS config. */
import { fe, path, type FieldError } from '../shared/errors.ts';
import { isObj, list, objects, rec, str, type Json } from '../shared/json.ts';
import { validateLabelName, validateLabelSelector } from '../shared/meta.ts';
import { isDNS1123Subdomain, isValidIP, isValidLabelValue, invalidIPMessage } from '../shared/names.ts';

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function validateTolerations(tolerations: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objects(tolerations).forEach((t, i) => {
    const ip = path.index(field, i);
    const key = str(t.key);
    const op = str(t.operator);
    const effect = str(t.effect);
    if (key) errs.push(...validateLabelName(key, path.child(ip, 'key')));
    if (!key && op !== 'Exists') {
      errs.push(fe.invalid(path.child(ip, 'operator'), op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(fe.invalid(path.child(ip, 'effect'), effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
    if (op === 'Equal' || op === '') {
      const msgs = isValidLabelValue(str(t.value));
      if (msgs.length > 0) errs.push(fe.invalid(path.child(ip, 'operator'), str(t.value), msgs.join(';')));
    } else if (op === 'Exists') {
      if (str(t.value)) errs.push(fe.invalidRaw(path.child(ip, 'operator'), tolerationRepr(t), "value must be empty when `operator` is 'Exists'"));
    } else {
      errs.push(fe.notSupported(path.child(ip, 'operator'), op, ['Equal', 'Exists']));
    }
    if (effect && !TAINT_EFFECTS.includes(effect)) errs.push(fe.notSupported(path.child(ip, 'effect'), effect, TAINT_EFFECTS));
  });
  return errs;
}

function tolerationRepr(t: Json): string {
  const secs = t.tolerationSeconds === undefined || t.tolerationSeconds === null ? '(*int64)(nil)' : `(*int64)(${String(t.tolerationSeconds)})`;
  return `core.Toleration{Key:${JSON.stringify(str(t.key))}, Operator:${JSON.stringify(str(t.operator))}, Value:${JSON.stringify(str(t.value))}, Effect:${JSON.stringify(str(t.effect))}, TolerationSeconds:${secs}}`;
}

function validateNodeSelectorRequirement(r: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const n = list(r.values).length;
  switch (str(r.operator)) {
    case 'In':
    case 'NotIn':
      if (n === 0) errs.push(fe.required(path.child(field, 'values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (n > 0) errs.push(fe.forbidden(path.child(field, 'values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
      break;
    case 'Gt':
    case 'Lt':
      if (n !== 1) errs.push(fe.required(path.child(field, 'values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errs.push(fe.invalid(path.child(field, 'operator'), str(r.operator), 'not a valid selector operator'));
  }
  errs.push(...validateLabelName(str(r.key), path.child(field, 'key')));
  return errs;
}

function validateNodeSelectorTerm(term: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  objects(term.matchExpressions).forEach((r, j) => errs.push(...validateNodeSelectorRequirement(r, path.index(path.child(field, 'matchExpressions'), j))));
  objects(term.matchFields).forEach((r, j) => {
    const p = path.index(path.child(field, 'matchFields'), j);
    const op = str(r.operator);
    if (op === 'In' || op === 'NotIn') {
      if (list(r.values).length !== 1) errs.push(fe.required(path.child(p, 'values'), "must be only one value when `operator` is 'In' or 'NotIn' for node field selector"));
    } else errs.push(fe.invalid(path.child(p, 'operator'), op, 'not a valid selector operator'));
    if (str(r.key) !== 'metadata.name') errs.push(fe.invalid(path.child(p, 'key'), str(r.key), 'not a valid field selector key'));
  });
  return errs;
}

function validatePodAffinityTerms(terms: unknown, field: string, weighted: boolean): FieldError[] {
  const errs: FieldError[] = [];
  objects(terms).forEach((t, i) => {
    const ip = path.index(field, i);
    const term = weighted ? rec(t.podAffinityTerm) : t;
    const tp = weighted ? path.child(ip, 'podAffinityTerm') : ip;
    if (weighted) {
      const w = Number(t.weight ?? 0);
      if (w <= 0 || w > 100) errs.push(fe.invalid(path.child(ip, 'weight'), w, 'must be in the range 1-100'));
    }
    errs.push(...validateLabelSelector(term.labelSelector, path.child(tp, 'labelSelector')));
    errs.push(...validateLabelSelector(term.namespaceSelector, path.child(tp, 'namespaceSelector')));
    for (const ns of list(term.namespaces)) {
      for (const m of isDNS1123Subdomain(str(ns))) errs.push(fe.invalid(path.child(tp, 'namespace'), str(ns), m));
    }
    if (!str(term.topologyKey)) errs.push(fe.required(path.child(tp, 'topologyKey'), 'can not be empty'));
    else errs.push(...validateLabelName(str(term.topologyKey), path.child(tp, 'topologyKey')));
  });
  return errs;
}

export function validateAffinity(affinity: unknown, field: string): FieldError[] {
  if (!isObj(affinity)) return [];
  const errs: FieldError[] = [];
  const node = affinity.nodeAffinity;
  if (isObj(node)) {
    const np = path.child(field, 'nodeAffinity');
    const required = node.requiredDuringSchedulingIgnoredDuringExecution;
    if (isObj(required)) {
      const tp = path.child(np, 'requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
      const terms = objects(required.nodeSelectorTerms);
      if (terms.length === 0) errs.push(fe.required(tp, 'must have at least one node selector term'));
      terms.forEach((t, i) => errs.push(...validateNodeSelectorTerm(t, path.index(tp, i))));
    }
    objects(node.preferredDuringSchedulingIgnoredDuringExecution).forEach((p, i) => {
      const ip = path.index(path.child(np, 'preferredDuringSchedulingIgnoredDuringExecution'), i);
      const w = Number(p.weight ?? 0);
      if (w <= 0 || w > 100) errs.push(fe.invalid(path.child(ip, 'weight'), w, 'must be in the range 1-100'));
      errs.push(...validateNodeSelectorTerm(rec(p.preference), path.child(ip, 'preference')));
    });
  }
  for (const kind of ['podAffinity', 'podAntiAffinity']) {
    const a = affinity[kind];
    if (!isObj(a)) continue;
    const ap = path.child(field, kind);
    errs.push(...validatePodAffinityTerms(a.requiredDuringSchedulingIgnoredDuringExecution, path.child(ap, 'requiredDuringSchedulingIgnoredDuringExecution'), false));
    errs.push(...validatePodAffinityTerms(a.preferredDuringSchedulingIgnoredDuringExecution, path.child(ap, 'preferredDuringSchedulingIgnoredDuringExecution'), true));
  }
  return errs;
}

export function validateTopologySpread(constraints: unknown, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const items = objects(constraints);
  items.forEach((c, i) => {
    const ip = path.index(field, i);
    const skew = Number(c.maxSkew ?? 0);
    if (skew <= 0) errs.push(fe.invalid(path.child(ip, 'maxSkew'), skew, 'must be greater than zero'));
    if (!str(c.topologyKey)) errs.push(fe.required(path.child(ip, 'topologyKey'), 'can not be empty'));
    const when = str(c.whenUnsatisfiable);
    if (when !== 'DoNotSchedule' && when !== 'ScheduleAnyway') errs.push(fe.notSupported(path.child(ip, 'whenUnsatisfiable'), when, ['DoNotSchedule', 'ScheduleAnyway']));
    const dup = items.slice(i + 1).some((o) => str(o.topologyKey) === str(c.topologyKey) && str(o.whenUnsatisfiable) === when);
    if (dup) errs.push(fe.duplicate(path.child(ip, '{topologyKey, whenUnsatisfiable}'), `{${str(c.topologyKey)}, ${when}}`));
    errs.push(...validateLabelSelector(c.labelSelector, path.child(ip, 'labelSelector')));
  });
  return errs;
}

export function validateDnsConfig(config: unknown, dnsPolicy: string, field: string): FieldError[] {
  const errs: FieldError[] = [];
  if (dnsPolicy === 'None') {
    if (!isObj(config)) return [fe.required(field, 'must provide `dnsConfig` when `dnsPolicy` is None')];
    if (list(config.nameservers).length === 0) return [fe.required(path.child(field, 'nameservers'), 'must provide at least one DNS nameserver when `dnsPolicy` is None')];
  }
  if (!isObj(config)) return errs;
  list(config.nameservers).forEach((ns, i) => {
    if (!isValidIP(str(ns))) errs.push(fe.invalid(path.index(path.child(field, 'nameservers'), i), str(ns), invalidIPMessage));
  });
  list(config.searches).forEach((s, i) => {
    const search = str(s).replace(/\.$/, '');
    for (const m of isDNS1123Subdomain(search)) errs.push(fe.invalid(path.index(path.child(field, 'searches'), i), search, m));
  });
  objects(config.options).forEach((o, i) => {
    if (!str(o.name)) errs.push(fe.required(path.index(path.child(field, 'options'), i), 'must not be empty'));
  });
  return errs;
}
