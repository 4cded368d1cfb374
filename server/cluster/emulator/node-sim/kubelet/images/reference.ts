/** Image references as containerd normalizes them: `nginx` → `docker.io/library/nginx:latest`. */

export interface ImageReference {
  /** As written in the pod spec. */
  raw: string;
  domain: string;
  /** Repository path inside the registry: `library/nginx`. */
  path: string;
  tag: string;
  digest?: string;
  /** `docker.io/library/nginx:1.27` (or `…@sha256:…`). */
  normalized: string;
  /** `docker.io/library/nginx`. */
  repository: string;
}

export class InvalidReference extends Error {}

const COMPONENT = /^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*$/;

export function parseReference(raw: string): ImageReference {
  let rest = raw;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
    if (!/^sha256:[a-f0-9]{64}$/.test(digest)) throw new InvalidReference('invalid reference format');
  }
  let tag = '';
  const lastSlash = rest.lastIndexOf('/');
  const colon = rest.lastIndexOf(':');
  if (colon > lastSlash) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
    if (!/^[\w][\w.-]{0,127}$/.test(tag)) throw new InvalidReference('invalid reference format');
  }
  const parts = rest.split('/');
  let domain = 'docker.io';
  if (parts.length > 1 && (parts[0]!.includes('.') || parts[0]!.includes(':') || parts[0] === 'localhost')) {
    domain = parts.shift()!;
  }
  if (domain === 'index.docker.io') domain = 'docker.io';
  if (domain === 'docker.io' && parts.length === 1) parts.unshift('library');
  const path = parts.join('/');
  if (path !== path.toLowerCase()) {
    throw new InvalidReference(`invalid reference format: repository name (${path}) must be lowercase`);
  }
  if (parts.some((p) => !COMPONENT.test(p))) throw new InvalidReference('invalid reference format');
  if (!tag && !digest) tag = 'latest';
  const repository = `${domain}/${path}`;
  return {
    raw,
    domain,
    path,
    tag,
    ...(digest ? { digest } : {}),
    repository,
    normalized: digest ? `${repository}@${digest}` : `${repository}:${tag}`,
  };
}
