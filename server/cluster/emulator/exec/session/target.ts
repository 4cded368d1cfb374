/**
 * Which container an exec, attach or port-forward addresses, checked as kube-apiserver checks it before it
 * connects to the kubelet (`pkg/registry/core/pod/strategy.go` streamLocation): these failures are HTTP 400s.
 */
import { errors, type ApiError } from '../../meta/errors.ts';
import { arr, rec, str, type Obj } from '../container/cluster-reader.ts';

export type TargetResult = { ok: true; container: string } | { ok: false; error: ApiError };

const names = (list: unknown) => arr(list).map((c) => str(c.name));

export function execTarget(pod: Obj, query: URLSearchParams): TargetResult {
  const spec = rec(pod.spec);
  const name = str(rec(pod.metadata).name);
  let container = query.get('container') ?? '';
  if (!container) {
    const containers = names(spec.containers);
    if (containers.length === 1) container = containers[0]!;
    else if (containers.length === 0) return { ok: false, error: errors.badRequest(`a container name must be specified for pod ${name}`) };
    else {
      const inits = names(spec.initContainers);
      const more = inits.length ? ` or one of the init containers: [${inits.join(' ')}]` : '';
      return { ok: false, error: errors.badRequest(`a container name must be specified for pod ${name}, choose one of: [${containers.join(' ')}]${more}`) };
    }
  } else if (![...names(spec.containers), ...names(spec.initContainers), ...names(spec.ephemeralContainers)].includes(container)) {
    return { ok: false, error: errors.badRequest(`container ${container} is not valid for pod ${name}`) };
  }
  if (!str(spec.nodeName)) return { ok: false, error: errors.badRequest(`pod ${name} does not have a host assigned`) };
  return { ok: true, container };
}

/** Exec options the API server rejects before connecting. */
export function execOptionsError(query: URLSearchParams, subresource: string): ApiError | undefined {
  const flag = (n: string) => ['true', '1'].includes(query.get(n) ?? '');
  if (!flag('stdin') && !flag('stdout') && !flag('stderr')) return errors.badRequest('you must specify at least 1 of stdin, stdout, stderr');
  if (subresource === 'exec' && query.getAll('command').length === 0) return errors.badRequest('you must specify at least one command for the container');
  return undefined;
}

export function portForwardTarget(pod: Obj): ApiError | undefined {
  const spec = rec(pod.spec);
  if (!str(spec.nodeName)) return errors.badRequest(`pod ${str(rec(pod.metadata).name)} does not have a host assigned`);
  return undefined;
}
