import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The project's root folder (where package.json, slides/ and labs/ live). */
export const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface ServerConfig {
  /** TCP port of the workshop site. */
  port: number;
  /** Interface to listen on. */
  host: string;
  /** Folder of the static site built by Astro. */
  siteDir: string;
  /** Where the server keeps its state: the SQLite store, learners' homes. */
  dataDir: string;
  /** The labs' folder. */
  labsDir: string;
  /** The workshop learners join: its code (shown to the class) and title. */
  workshop: { code?: string; title: string };
  /** TCP port of the embedded clusters' API (0: any free port). */
  apiPort: number;
}

export function readServerConfig(env: NodeJS.ProcessEnv, overrides: Partial<ServerConfig> = {}): ServerConfig {
  const port = overrides.port ?? parsePort(env.PORT, 4321);
  return {
    port,
    host: overrides.host ?? env.HOST ?? '0.0.0.0',
    siteDir: overrides.siteDir ?? path.join(projectRoot, 'dist'),
    dataDir: overrides.dataDir ?? defaultDataDir(env),
    labsDir: overrides.labsDir ?? path.resolve(env.PODIUM_LABS_DIR ?? path.join(projectRoot, 'labs')),
    workshop: overrides.workshop ?? {
      ...(env.PODIUM_WORKSHOP_CODE ? { code: env.PODIUM_WORKSHOP_CODE } : {}),
      title: env.PODIUM_WORKSHOP_TITLE ?? 'Kubernetes and Amazon EKS workshop',
    },
    apiPort: overrides.apiPort ?? parsePort(env.PODIUM_API_PORT, 0),
  };
}

export function parsePort(value: string | undefined, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`PORT must be a whole number from 0 to 65535, not "${value}"`);
  }
  return port;
}

/** `$PODIUM_DATA_DIR`, or `.podium/` in the project. */
export function defaultDataDir(env: NodeJS.ProcessEnv): string {
  return path.resolve(env.PODIUM_DATA_DIR ?? path.join(projectRoot, '.podium'));
}
