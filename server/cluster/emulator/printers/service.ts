/** Services, Endpoints and EndpointSlices: upstream `printService`, `printEndpoints`, `printEndpointSlice`. */
import type { StoredObject } from '../meta/types.ts';
import { age, ageColumn, col, nameColumn, wide } from './columns.ts';
import { int, list, rec, records, str, type Json } from './fields.ts';
import { formatLabels, joinHostPort, listWithMore, loadBalancerIngress } from './format.ts';
import type { PrintContext, TablePrinter } from './types.ts';

/** `getServiceExternalIP`. A missing type is the API server's default, ClusterIP. */
function externalIP(spec: Json, status: Json): string {
  const externalIPs = list(spec.externalIPs).map(str);
  switch (str(spec.type) || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return externalIPs.length ? externalIPs.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = loadBalancerIngress(status.loadBalancer);
      if (externalIPs.length) return [...(lb ? lb.split(',') : []), ...externalIPs].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return str(spec.externalName);
    default:
      return '<unknown>';
  }
}

/** `makePortString`: `80/TCP`, or `80:30080/TCP` with a node port. Protocol defaults to TCP. */
function ports(spec: Json): string {
  const pieces = records(spec.ports).map((p) => {
    const proto = str(p.protocol) || 'TCP';
    return int(p.nodePort) > 0 ? `${int(p.port)}:${int(p.nodePort)}/${proto}` : `${int(p.port)}/${proto}`;
  });
  return pieces.join(',') || '<none>';
}

export const servicePrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('Type', 'string', 'core_v1.ServiceSpec.type'),
    col('Cluster-IP', 'string', 'core_v1.ServiceSpec.clusterIP'),
    col('External-IP', 'string', 'core_v1.ServiceSpec.externalIPs'),
    col('Port(s)', 'string', 'core_v1.ServiceSpec.ports'),
    ageColumn(),
    col('Selector', 'string', 'core_v1.ServiceSpec.selector', wide),
  ],
  cells(svc: StoredObject, ctx: PrintContext) {
    const spec = rec(svc.spec);
    const clusterIP = str(list(spec.clusterIPs)[0]) || str(spec.clusterIP) || '<none>';
    return [svc.metadata.name, str(spec.type) || 'ClusterIP', clusterIP, externalIP(spec, rec(svc.status)), ports(spec), age(svc, ctx), formatLabels(spec.selector)];
  },
};

/** `formatEndpoints`: `ip:port` for every address and port of every subset, at most three, then ` + N more...`. */
function formatEndpoints(subsets: unknown): string {
  const all = records(subsets);
  if (!all.length) return '<none>';
  const items: string[] = [];
  for (const ss of all) {
    const addresses = records(ss.addresses).map((a) => str(a.ip));
    const portList = records(ss.ports);
    if (!portList.length) items.push(...addresses);
    for (const p of portList) items.push(...addresses.map((ip) => joinHostPort(ip, int(p.port))));
  }
  return listWithMore(items, 3, '');
}

export const endpointsPrinter: TablePrinter = {
  columns: [nameColumn(), col('Endpoints', 'string', 'core_v1.Endpoints.subsets'), ageColumn()],
  cells: (ep, ctx) => [ep.metadata.name, formatEndpoints(ep.subsets), age(ep, ctx)],
};

export const endpointSlicePrinter: TablePrinter = {
  columns: [
    nameColumn(),
    col('AddressType', 'string', 'discovery_v1beta1.EndpointSlice.addressType'),
    col('Ports', 'string', 'discovery_v1beta1.EndpointSlice.ports'),
    col('Endpoints', 'string', 'discovery_v1beta1.EndpointSlice.endpoints'),
    ageColumn(),
  ],
  cells(slice: StoredObject, ctx: PrintContext) {
    const portNames = records(slice.ports).map((p) => (typeof p.port === 'number' ? String(int(p.port)) : typeof p.name === 'string' ? p.name : '*'));
    const addresses = records(slice.endpoints).flatMap((e) => list(e.addresses).map(str));
    return [slice.metadata.name, str(slice.addressType), listWithMore(portNames), listWithMore(addresses), age(slice, ctx)];
  },
};
