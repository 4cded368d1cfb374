/**
 * autoscaling/v1's hidden metric types (kept in annotations) ↔ autoscaling/v2 metric specs and statuses,
 * following upstream's v1 conversion functions. Objects are built in Go field order, so that their JSON
 * text matches what upstream writes into the annotations.
 */
import { isNil, isObj, rec, str, type Json } from '../strategies/shared/json.ts';

const defined = (o: Json): Json => Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
const ref = (r: unknown): Json => defined({ kind: str(rec(r).kind), name: str(rec(r).name), apiVersion: rec(r).apiVersion || undefined });

export function specToV1(m: Json): Json {
  const out: Json = { type: m.type };
  if (isObj(m.object)) {
    const o = m.object;
    const t = rec(o.target);
    out.object = defined({
      target: ref(o.describedObject),
      metricName: str(rec(o.metric).name),
      targetValue: t.value ?? '0',
      selector: rec(o.metric).selector,
      averageValue: t.averageValue,
    });
  }
  if (isObj(m.pods)) {
    const p = m.pods;
    out.pods = defined({ metricName: str(rec(p.metric).name), targetAverageValue: rec(p.target).averageValue ?? '0', selector: rec(p.metric).selector });
  }
  if (isObj(m.resource)) {
    const t = rec(m.resource.target);
    out.resource = defined({ name: m.resource.name, targetAverageUtilization: t.averageUtilization, targetAverageValue: t.averageValue });
  }
  if (isObj(m.containerResource)) {
    const c = m.containerResource;
    const t = rec(c.target);
    out.containerResource = defined({ name: c.name, targetAverageUtilization: t.averageUtilization, targetAverageValue: t.averageValue, container: str(c.container) });
  }
  if (isObj(m.external)) {
    const e = m.external;
    const t = rec(e.target);
    out.external = defined({ metricName: str(rec(e.metric).name), metricSelector: rec(e.metric).selector, targetValue: t.value, targetAverageValue: t.averageValue });
  }
  return out;
}

export function specFromV1(m: Json): Json {
  const out: Json = { type: m.type };
  if (isObj(m.object)) {
    const o = m.object;
    out.object = {
      describedObject: ref(o.target),
      target: defined({ type: isNil(o.averageValue) ? 'Value' : 'AverageValue', value: o.targetValue, averageValue: o.averageValue }),
      metric: defined({ name: str(o.metricName), selector: o.selector }),
    };
  }
  if (isObj(m.pods)) {
    const p = m.pods;
    out.pods = { metric: defined({ name: str(p.metricName), selector: p.selector }), target: { type: 'AverageValue', averageValue: p.targetAverageValue } };
  }
  for (const key of ['resource', 'containerResource']) {
    const r = m[key];
    if (!isObj(r)) continue;
    const utilization = r.targetAverageUtilization;
    out[key] = defined({
      name: r.name,
      target: defined({ type: isNil(utilization) ? 'AverageValue' : 'Utilization', averageUtilization: utilization, averageValue: r.targetAverageValue }),
      container: key === 'containerResource' ? r.container : undefined,
    });
  }
  if (isObj(m.external)) {
    const e = m.external;
    out.external = {
      metric: defined({ name: str(e.metricName), selector: e.metricSelector }),
      target: defined({ type: isNil(e.targetValue) ? 'AverageValue' : 'Value', value: e.targetValue, averageValue: e.targetAverageValue }),
    };
  }
  return out;
}

export function statusToV1(m: Json): Json {
  const out: Json = { type: m.type };
  if (isObj(m.object)) {
    const o = m.object;
    const c = rec(o.current);
    out.object = defined({ target: ref(o.describedObject), metricName: str(rec(o.metric).name), currentValue: c.value ?? '0', selector: rec(o.metric).selector, averageValue: c.averageValue });
  }
  if (isObj(m.pods)) {
    const p = m.pods;
    out.pods = defined({ metricName: str(rec(p.metric).name), currentAverageValue: rec(p.current).averageValue ?? '0', selector: rec(p.metric).selector });
  }
  for (const key of ['resource', 'containerResource']) {
    const r = m[key];
    if (!isObj(r)) continue;
    const c = rec(r.current);
    out[key] = defined({
      name: r.name,
      currentAverageUtilization: c.averageUtilization,
      currentAverageValue: c.averageValue ?? '0',
      container: key === 'containerResource' ? str(r.container) : undefined,
    });
  }
  if (isObj(m.external)) {
    const e = m.external;
    const c = rec(e.current);
    out.external = defined({ metricName: str(rec(e.metric).name), metricSelector: rec(e.metric).selector, currentValue: c.value ?? '0', currentAverageValue: c.averageValue });
  }
  return out;
}

export function statusFromV1(m: Json): Json {
  const out: Json = { type: m.type };
  if (isObj(m.object)) {
    const o = m.object;
    out.object = { metric: defined({ name: str(o.metricName), selector: o.selector }), current: defined({ value: o.currentValue, averageValue: o.averageValue }), describedObject: ref(o.target) };
  }
  if (isObj(m.pods)) {
    const p = m.pods;
    out.pods = { metric: defined({ name: str(p.metricName), selector: p.selector }), current: { averageValue: p.currentAverageValue } };
  }
  for (const key of ['resource', 'containerResource']) {
    const r = m[key];
    if (!isObj(r)) continue;
    out[key] = defined({
      name: r.name,
      current: defined({ averageValue: r.currentAverageValue, averageUtilization: r.currentAverageUtilization }),
      container: key === 'containerResource' ? r.container : undefined,
    });
  }
  if (isObj(m.external)) {
    const e = m.external;
    out.external = { metric: defined({ name: str(e.metricName), selector: e.metricSelector }), current: defined({ value: e.currentValue, averageValue: e.currentAverageValue }) };
  }
  return out;
}

/** The internal (untagged) JSON of HorizontalPodAutoscalerBehavior, as upstream marshals it into the annotation. */
export function behaviorToAnnotation(behavior: Json): string {
  const rules = (r: unknown) => {
    if (!isObj(r)) return null;
    return {
      StabilizationWindowSeconds: r.stabilizationWindowSeconds ?? null,
      SelectPolicy: r.selectPolicy ?? null,
      Policies: Array.isArray(r.policies) ? r.policies.map((p) => ({ Type: rec(p).type, Value: rec(p).value, PeriodSeconds: rec(p).periodSeconds })) : null,
    };
  };
  return JSON.stringify({ ScaleUp: rules(behavior.scaleUp), ScaleDown: rules(behavior.scaleDown) });
}

export function behaviorFromAnnotation(text: string): Json | undefined {
  try {
    const b = JSON.parse(text) as Json;
    const rules = (r: unknown): Json | undefined => {
      if (!isObj(r)) return undefined;
      const g = (k: string) => r[k] ?? r[k.charAt(0).toLowerCase() + k.slice(1)];
      return defined({
        stabilizationWindowSeconds: g('StabilizationWindowSeconds') ?? undefined,
        selectPolicy: g('SelectPolicy') ?? undefined,
        policies: Array.isArray(g('Policies'))
          ? (g('Policies') as unknown[]).map((p) => ({ type: rec(p).Type ?? rec(p).type, value: rec(p).Value ?? rec(p).value, periodSeconds: rec(p).PeriodSeconds ?? rec(p).periodSeconds }))
          : undefined,
      });
    };
    return defined({ scaleUp: rules(b.ScaleUp ?? b.scaleUp), scaleDown: rules(b.ScaleDown ?? b.scaleDown) });
  } catch {
    return undefined;
  }
}
