/** `ValidateService` and `ValidateServiceUpdate`, with upstream's paths and messages. */
import { fe, type FieldError } from '../shared/errors.ts';
import { goIntOrString, goQuote, goStrSlice, goStruct } from '../shared/go.ts';
import { isNil, isObj, list, objects, rec, str, type Json } from '../shared/json.ts';
import { validateLabels } from '../shared/meta.ts';
import { invalidIPMessage, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidIP, isValidPortName, isValidPortNum } from '../shared/names.ts';
import { externallyAccessible } from './defaults.ts';
import { isHeadless, validateClusterIPFields } from './cluster-ips.ts';

const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
const PROTOCOLS = ['SCTP', 'TCP', 'UDP'];

function portNumOrName(v: unknown, field: string): FieldError[] {
  if (typeof v === 'string') return isValidPortName(v).map((m) => fe.invalid(field, v, m));
  const n = Number(v ?? 0);
  return isValidPortNum(n).map((m) => fe.invalid(field, n, m));
}

function servicePortRepr(p: Json): string {
  return goStruct('core.ServicePort', [
    ['Name', '""'],
    ['Protocol', goQuote(str(p.protocol))],
    ['AppProtocol', '(*string)(nil)'],
    ['Port', String(Number(p.port ?? 0))],
    ['TargetPort', goIntOrString(0)],
    ['NodePort', '0'],
  ]);
}

function validatePorts(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const ports = objects(spec.ports);
  const names = new Set<string>();
  ports.forEach((p, i) => {
    const base = `spec.ports[${i}]`;
    const name = str(p.name);
    if (ports.length > 1 && !name) errs.push(fe.required(`${base}.name`));
    else if (name) {
      errs.push(...isDNS1123Label(name).map((m) => fe.invalid(`${base}.name`, name, m)));
      if (names.has(name)) errs.push(fe.duplicate(`${base}.name`, name));
      else names.add(name);
    }
    const port = Number(p.port ?? 0);
    errs.push(...isValidPortNum(port).map((m) => fe.invalid(`${base}.port`, port, m)));
    const protocol = str(p.protocol);
    if (!protocol) errs.push(fe.required(`${base}.protocol`));
    else if (!PROTOCOLS.includes(protocol)) errs.push(fe.notSupported(`${base}.protocol`, protocol, PROTOCOLS));
    errs.push(...portNumOrName(p.targetPort, `${base}.targetPort`));
    if (!isNil(p.appProtocol)) errs.push(...isQualifiedName(str(p.appProtocol)).map((m) => fe.invalid(`${base}.appProtocol`, str(p.appProtocol), m)));
  });
  return errs;
}

export function validateService(spec: Json): FieldError[] {
  const errs: FieldError[] = [];
  const type = str(spec.type);
  const headless = isHeadless(spec);
  if (list(spec.ports).length === 0 && !headless && type !== 'ExternalName') errs.push(fe.required('spec.ports'));
  if (type === 'LoadBalancer') {
    objects(spec.ports).forEach((p, i) => {
      if (Number(p.port) === 10250) errs.push(fe.invalid(`spec.ports[${i}]`, 10250, 'may not expose port 10250 externally since it is used by kubelet'));
    });
    if (headless) errs.push(fe.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for LoadBalancer services"));
  } else if (type === 'NodePort' && headless) {
    errs.push(fe.invalid('spec.clusterIPs[0]', 'None', "may not be set to 'None' for NodePort services"));
  } else if (type === 'ExternalName') {
    if (list(spec.clusterIPs).length > 0) errs.push(fe.forbidden('spec.clusterIPs', 'may not be set for ExternalName services'));
    if (list(spec.ipFamilies).length > 0) errs.push(fe.forbidden('spec.ipFamilies', 'may not be set for ExternalName services'));
    if (!isNil(spec.ipFamilyPolicy)) errs.push(fe.forbidden('spec.ipFamilyPolicy', 'may not be set for ExternalName services'));
    const cname = str(spec.externalName).replace(/\.$/, '');
    if (cname) errs.push(...isDNS1123Subdomain(cname).map((m) => fe.invalid('spec.externalName', cname, m)));
    else errs.push(fe.required('spec.externalName'));
  }
  errs.push(...validatePorts(spec));
  if (isObj(spec.selector)) errs.push(...validateLabels(spec.selector, 'spec.selector'));
  const affinity = str(spec.sessionAffinity);
  if (!affinity) errs.push(fe.required('spec.sessionAffinity'));
  else if (affinity !== 'ClientIP' && affinity !== 'None') errs.push(fe.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  if (affinity === 'ClientIP') {
    const timeout = rec(rec(spec.sessionAffinityConfig).clientIP).timeoutSeconds;
    if (!isNil(timeout) && (Number(timeout) <= 0 || Number(timeout) > 86400)) {
      errs.push(fe.invalid('spec.sessionAffinityConfig.clientIP.timeoutSeconds', Number(timeout), 'must be greater than 0 and less than 86400'));
    }
  } else if (affinity === 'None' && !isNil(spec.sessionAffinityConfig)) {
    errs.push(fe.forbidden('spec.sessionAffinityConfig', 'must not be set when session affinity is None'));
  }
  errs.push(...validateClusterIPFields(spec));
  list(spec.externalIPs).forEach((ip, i) => {
    if (!isValidIP(str(ip))) errs.push(fe.invalid(`spec.externalIPs[${i}]`, str(ip), invalidIPMessage));
  });
  if (!type) errs.push(fe.required('spec.type'));
  else if (!TYPES.includes(type)) errs.push(fe.notSupported('spec.type', type, TYPES));
  if (type === 'ClusterIP') {
    objects(spec.ports).forEach((p, i) => {
      if (Number(p.nodePort ?? 0) !== 0) errs.push(fe.forbidden(`spec.ports[${i}].nodePort`, "may not be used when `type` is 'ClusterIP'"));
    });
  }
  const nodePorts = new Set<string>();
  objects(spec.ports).forEach((p, i) => {
    const np = Number(p.nodePort ?? 0);
    if (np === 0) return;
    const key = `${str(p.protocol)}/${np}`;
    if (nodePorts.has(key)) errs.push(fe.duplicate(`spec.ports[${i}].nodePort`, np));
    nodePorts.add(key);
  });
  const portKeys = new Set<string>();
  objects(spec.ports).forEach((p, i) => {
    const key = `${str(p.protocol)}/${Number(p.port ?? 0)}`;
    if (portKeys.has(key)) errs.push(fe.duplicateRaw(`spec.ports[${i}]`, servicePortRepr(p)));
    portKeys.add(key);
  });
  if (list(spec.loadBalancerSourceRanges).length > 0 && type !== 'LoadBalancer') {
    errs.push(fe.forbidden('spec.LoadBalancerSourceRanges', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (!isNil(spec.allocateLoadBalancerNodePorts) && type !== 'LoadBalancer') {
    errs.push(fe.forbidden('spec.allocateLoadBalancerNodePorts', "may only be used when `type` is 'LoadBalancer'"));
  }
  if (type === 'LoadBalancer' && isNil(spec.allocateLoadBalancerNodePorts)) errs.push(fe.required('allocateLoadBalancerNodePorts'));
  if (!isNil(spec.loadBalancerClass) && type !== 'LoadBalancer') {
    errs.push(fe.forbidden('spec.loadBalancerClass', "may only be used when `type` is 'LoadBalancer'"));
  }
  const etp = str(spec.externalTrafficPolicy);
  if (!externallyAccessible(spec)) {
    if (etp) errs.push(fe.invalid('spec.externalTrafficPolicy', etp, 'may only be set for externally-accessible services'));
  } else if (!etp) errs.push(fe.required('spec.externalTrafficPolicy'));
  else if (etp !== 'Cluster' && etp !== 'Local') errs.push(fe.notSupported('spec.externalTrafficPolicy', etp, ['Cluster', 'Local']));
  const hc = Number(spec.healthCheckNodePort ?? 0);
  const needsHC = type === 'LoadBalancer' && etp === 'Local';
  if (!needsHC && hc !== 0) errs.push(fe.invalid('spec.healthCheckNodePort', hc, "may only be set when `type` is 'LoadBalancer' and `externalTrafficPolicy` is 'Local'"));
  const itp = spec.internalTrafficPolicy;
  if (isNil(itp)) {
    if (type === 'NodePort' || type === 'LoadBalancer' || type === 'ClusterIP') errs.push(fe.required('spec.internalTrafficPolicy'));
  } else if (itp !== 'Cluster' && itp !== 'Local') errs.push(fe.notSupported('spec.internalTrafficPolicy', str(itp), ['Cluster', 'Local']));
  if (!isNil(spec.trafficDistribution) && spec.trafficDistribution !== 'PreferClose') {
    errs.push(fe.notSupported('spec.trafficDistribution', str(spec.trafficDistribution), ['PreferClose']));
  }
  return errs;
}

export function validateServiceUpdate(spec: Json, old: Json): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.type === 'ExternalName' || old.type === 'ExternalName') return errs;
  if (isHeadless(spec) && isHeadless(old)) return errs;
  const now = list(spec.clusterIPs).map(str);
  const before = list(old.clusterIPs).map(str);
  if (now.length === before.length) {
    before.forEach((ip, i) => {
      if (ip !== now[i]) errs.push(fe.invalidRaw(`spec.clusterIPs[${i}]`, goStrSlice(spec.clusterIPs), 'may not change once set'));
    });
  } else if (before.length > now.length) {
    if (now.length === 0) errs.push(fe.invalidRaw('spec.clusterIPs[0]', goStrSlice(spec.clusterIPs), 'primary clusterIP can not be unset'));
    else if (now[0] !== before[0]) errs.push(fe.invalidRaw('spec.clusterIPs[0]', goStrSlice(spec.clusterIPs), 'may not change once set'));
  } else if (before.length > 0 && now[0] !== before[0]) {
    errs.push(fe.invalidRaw('spec.clusterIPs[0]', goStrSlice(spec.clusterIPs), 'may not change once set'));
  }
  return errs;
}
