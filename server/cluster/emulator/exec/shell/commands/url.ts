/** URLs as curl and wget take them: scheme optional (http), host, port, path. */

export interface Target {
  scheme: string;
  host: string;
  port: number;
  /** Path and query, at least `/`. */
  path: string;
  /** `Host` header value: the port only when not the scheme's default. */
  hostHeader: string;
}

export function parseTarget(url: string): Target | { error: 'scheme'; scheme: string } | undefined {
  const m = /^(?:([a-zA-Z][a-zA-Z0-9+.-]*):\/\/)?([^/:?#@]+@)?(\[[^\]]+\]|[^/:?#]+)(?::(\d*))?([/?#].*)?$/.exec(url);
  if (!m) return undefined;
  const scheme = (m[1] ?? 'http').toLowerCase();
  if (scheme !== 'http' && scheme !== 'https') return { error: 'scheme', scheme: m[1]! };
  const host = m[3]!.replace(/^\[|\]$/g, '');
  const defaultPort = scheme === 'https' ? 443 : 80;
  const port = m[4] ? Number(m[4]) : defaultPort;
  const path = (m[5] ?? '/').replace(/#.*$/, '') || '/';
  return { scheme, host, port, path: path.startsWith('/') ? path : `/${path}`, hostHeader: port === defaultPort ? host : `${host}:${port}` };
}

export const isIp = (host: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(host);
