/**
 * networking.k8s.io/v1 Ingresses (the DefaultIngressClass admission plugin, rules, paths and backends
 * validated as upstream does, including its habit of reporting every rule's errors under `rules[0]`) and
 * IngressClasses.
 */
import type { Strategy, StrategyContext } from '../../registry/strategy.ts';
import { fe, type FieldError } from '../shared/errors.ts';
import { isNil, isObj, objects, rec, str, type Json } from '../shared/json.ts';
import { isDNS1035Label, isDNS1123Subdomain, isValidIP, isValidPathSegmentName, isValidPortName, isValidPortNum } from '../shared/names.ts';

const PATH_TYPES = ['Exact', 'ImplementationSpecific', 'Prefix'];
const BAD_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const BAD_SUFFIXES = ['/..', '/.'];
const DEFAULT_CLASS = 'ingressclass.kubernetes.io/is-default-class';

function validateBackend(b: Json, field: string): FieldError[] {
  const errs: FieldError[] = [];
  const hasResource = isObj(b.resource);
  const hasService = isObj(b.service);
  if (hasResource && hasService) return [fe.invalid(field, '', 'cannot set both resource and service backends')];
  if (hasResource) {
    const r = rec(b.resource);
    if (!isNil(r.apiGroup)) errs.push(...isDNS1123Subdomain(str(r.apiGroup)).map((m) => fe.invalid(`${field}.resource.apiGroup`, str(r.apiGroup), m)));
    if (!str(r.kind)) errs.push(fe.required(`${field}.resource.kind`, 'kind is required'));
    if (!str(r.name)) errs.push(fe.required(`${field}.resource.name`, 'name is required'));
    return errs;
  }
  if (!hasService) return [fe.invalid(field, '', 'resource or service backend is required')];
  const svc = rec(b.service);
  const name = str(svc.name);
  if (!name) errs.push(fe.required(`${field}.service.name`));
  else errs.push(...isDNS1035Label(name).map((m) => fe.invalid(`${field}.service.name`, name, m)));
  const port = rec(svc.port);
  const hasName = str(port.name) !== '';
  const hasNumber = Number(port.number ?? 0) !== 0;
  if (hasName && hasNumber) errs.push(fe.invalid(`${field}.service.port`, '', 'cannot set both port name & port number'));
  else if (hasName) errs.push(...isValidPortName(str(port.name)).map((m) => fe.invalid(`${field}.service.port.name`, str(port.name), m)));
  else if (hasNumber) errs.push(...isValidPortNum(Number(port.number)).map((m) => fe.invalid(`${field}.service.port.number`, Number(port.number), m)));
  else errs.push(fe.required(`${field}.service.port`, 'port name or number is required'));
  return errs;
}

function validatePath(p: Json, field: string): FieldError[] {
  if (isNil(p.pathType)) return [fe.required(`${field}.pathType`, 'pathType must be specified')];
  const errs: FieldError[] = [];
  const path = str(p.path);
  switch (str(p.pathType)) {
    case 'Exact':
    case 'Prefix':
      if (!path.startsWith('/')) errs.push(fe.invalid(`${field}.path`, path, 'must be an absolute path'));
      if (path) {
        for (const seq of BAD_SEQUENCES) if (path.includes(seq)) errs.push(fe.invalid(`${field}.path`, path, `must not contain '${seq}'`));
        for (const suffix of BAD_SUFFIXES) if (path.endsWith(suffix)) errs.push(fe.invalid(`${field}.path`, path, `cannot end with '${suffix}'`));
      }
      break;
    case 'ImplementationSpecific':
      if (path && !path.startsWith('/')) errs.push(fe.invalid(`${field}.path`, path, 'must be an absolute path'));
      break;
    default:
      errs.push(fe.notSupported(`${field}.pathType`, str(p.pathType), PATH_TYPES));
  }
  errs.push(...validateBackend(rec(p.backend), `${field}.backend`));
  return errs;
}

function validateIngress(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const rules = objects(spec.rules);
  if (rules.length === 0 && !isObj(spec.defaultBackend)) errs.push(fe.invalidRaw('spec', '[]networking.IngressRule(nil)', 'either `defaultBackend` or `rules` must be specified'));
  if (isObj(spec.defaultBackend)) errs.push(...validateBackend(spec.defaultBackend, 'spec.defaultBackend'));
  rules.forEach((rule, i) => {
    const host = str(rule.host);
    if (host) {
      if (isValidIP(host)) errs.push(fe.invalid(`spec.rules[${i}].host`, host, 'must be a DNS name, not an IP address'));
      if (host.includes('*')) {
        const ok = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(host);
        if (!ok) {
          errs.push(
            fe.invalid(
              `spec.rules[${i}].host`,
              host,
              "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
            ),
          );
        }
      } else errs.push(...isDNS1123Subdomain(host).map((m) => fe.invalid(`spec.rules[${i}].host`, host, m)));
    }
    const http = rule.http;
    if (!isObj(http)) return;
    const paths = objects(http.paths);
    if (paths.length === 0) errs.push(fe.required('spec.rules[0].http.paths'));
    paths.forEach((p, j) => errs.push(...validatePath(p, `spec.rules[0].http.paths[${j}]`)));
  });
  objects(spec.tls).forEach((t, i) => {
    for (const host of Array.isArray(t.hosts) ? t.hosts : []) {
      const h = str(host);
      if (!h.includes('*')) errs.push(...isDNS1123Subdomain(h).map((m) => fe.invalid(`spec.tls[${i}].hosts`, h, m)));
    }
  });
  if (!isNil(spec.ingressClassName)) {
    const c = str(spec.ingressClassName);
    errs.push(...isDNS1123Subdomain(c).map((m) => fe.invalid('spec.ingressClassName', c, m)));
  }
  return errs;
}

function defaultIngressClass(ctx: StrategyContext): string | undefined {
  const classes = ctx.store
    .list({ group: 'networking.k8s.io', resource: 'ingressclasses' })
    .filter((c) => c.metadata.annotations?.[DEFAULT_CLASS] === 'true')
    .sort((a, b) => (a.metadata.creationTimestamp < b.metadata.creationTimestamp ? 1 : -1));
  return classes[0]?.metadata.name;
}

export function ingressStrategy(): Strategy {
  return {
    statusSubresource: true,
    tracksGeneration: true,
    prepareForCreate(obj, ctx) {
      obj.status = { loadBalancer: {} };
      const spec = rec(obj.spec);
      if (isNil(spec.ingressClassName) && obj.metadata.annotations?.['kubernetes.io/ingress.class'] === undefined) {
        const c = defaultIngressClass(ctx);
        if (c) (obj.spec as Json).ingressClassName = c;
      }
    },
    validate(obj) {
      return validateIngress(rec(obj.spec));
    },
  };
}

export function ingressClassStrategy(): Strategy {
  return {
    tracksGeneration: true,
    validate(obj, old) {
      const spec = rec(obj.spec);
      const errs: FieldError[] = [];
      const controller = str(spec.controller);
      if (controller.length > 250) errs.push(fe.tooLong('spec.controller', 250));
      if (!controller) errs.push(fe.required('spec.controller'));
      else {
        const [host, ...rest] = controller.split('/');
        const path = rest.join('/');
        if (!host || !path) errs.push(fe.invalid('spec.controller', controller, 'must be a domain-prefixed path (such as "acme.io/foo")'));
        else errs.push(...isDNS1123Subdomain(host).map((m) => fe.invalid('spec.controller', host, m)));
      }
      const params = spec.parameters;
      if (isObj(params)) {
        if (!str(params.kind)) errs.push(fe.required('spec.parameters.kind', 'kind is required'));
        else errs.push(...isValidPathSegmentName(str(params.kind)).map((m) => fe.invalid('spec.parameters.kind', str(params.kind), m)));
        if (!str(params.name)) errs.push(fe.required('spec.parameters.name', 'name is required'));
      }
      if (old && str(rec(old.spec).controller) !== controller) errs.push(fe.invalid('spec.controller', controller, 'field is immutable'));
      return errs;
    },
  };
}
