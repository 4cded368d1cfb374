import type { IncomingMessage } from 'node:http';
import type { ClusterRuntime } from '../emulator/apiserver/http/runtime.ts';

/** How many credentials → cluster answers a router remembers. */
const REMEMBERED = 256;

/**
 * Finds which of a learner's clusters a request without a `/clusters/<id>` prefix is for: the one that
 * accepts its credentials (bearer token or ServiceAccount token). A learner's kubeconfig can then name
 * the API server as EKS does, `https://host:port` with no path, and `kubectl get --raw /readyz` (which
 * ignores the server URL's path) still reaches their cluster. A request no cluster authenticates goes to
 * the first cluster, which answers it as an anonymous one (health and version, else 401).
 */
export function createCredentialRouter(
  clusterIds: () => string[],
  runtime: (id: string) => ClusterRuntime | undefined,
): (req: IncomingMessage) => ClusterRuntime | undefined {
  const known = new Map<string, string>();
  return (req) => {
    const ids = clusterIds();
    const credential = req.headers.authorization ?? '';
    if (credential) {
      const id = known.get(credential);
      if (id !== undefined && ids.includes(id)) {
        const cached = runtime(id);
        if (cached) return cached;
      }
      for (const candidate of ids) {
        const rt = runtime(candidate);
        if (!rt || !accepts(rt, req)) continue;
        if (known.size >= REMEMBERED) known.delete(known.keys().next().value!);
        known.set(credential, candidate);
        return rt;
      }
    }
    return ids.length > 0 ? runtime(ids[0]!) : undefined;
  };
}

function accepts(rt: ClusterRuntime, req: IncomingMessage): boolean {
  try {
    return rt.authenticate(req).username !== 'system:anonymous';
  } catch {
    return false;
  }
}
