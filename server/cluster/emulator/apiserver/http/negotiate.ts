/** What a client asked for in its Accept header, in the forms kube-apiserver serves. */
export interface Accepts {
  /** `as=Table` (kubectl get's human output): the version asked for. */
  table?: 'v1' | 'v1beta1';
  /** Aggregated discovery: the version asked for. */
  discovery?: 'v2' | 'v2beta1';
  /** Plain JSON is acceptable (explicitly or by wildcard or by absence). */
  json: boolean;
}

export function parseAccept(header: string | undefined): Accepts {
  if (!header) return { json: true };
  const result: Accepts = { json: false };
  for (const part of header.split(',')) {
    const [type, ...paramList] = part.split(';').map((s) => s.trim());
    const params = Object.fromEntries(paramList.map((p) => p.split('=').map((s) => s.trim()) as [string, string]));
    const media = (type ?? '').toLowerCase();
    if (media !== 'application/json' && media !== '*/*' && media !== 'application/*') continue;
    if (params.as === 'Table' && params.g === 'meta.k8s.io' && (params.v === 'v1' || params.v === 'v1beta1')) {
      result.table ??= params.v;
    } else if (params.as === 'APIGroupDiscoveryList' && params.g === 'apidiscovery.k8s.io' && (params.v === 'v2' || params.v === 'v2beta1')) {
      result.discovery ??= params.v;
    } else if (!params.as) {
      result.json = true;
    }
  }
  return result;
}

export function discoveryContentType(version: 'v2' | 'v2beta1'): string {
  return `application/json;g=apidiscovery.k8s.io;v=${version};as=APIGroupDiscoveryList`;
}
