import { randomBytes } from 'node:crypto';
import type { SigningKey } from '../emulator/auth/index.ts';
import { SigningKeyPool } from '../emulator/auth/key-pool.ts';

/** What a cluster keeps secret and the store persists with it. */
export interface ClusterSecrets {
  /** Bearer token of the platform's own identity (validators, the instructor view). */
  adminToken: string;
  /** Bearer token of the cluster's owner, the learner (the EKS cluster creator: system:masters). */
  ownerToken: string;
  /** Signs and verifies the cluster's ServiceAccount tokens. */
  serviceAccountKey: SigningKey;
  /** The id in the cluster's OIDC issuer URL, as EKS shows it. */
  oidcId: string;
}

/** Filled from the start, so that the first cluster of the process rarely waits for its key. */
const serviceAccountKeys = new SigningKeyPool();
serviceAccountKeys.fill();

export function createClusterSecrets(): ClusterSecrets {
  return {
    adminToken: token(),
    ownerToken: token(),
    serviceAccountKey: serviceAccountKeys.take(),
    oidcId: randomBytes(16).toString('hex').toUpperCase(),
  };
}

function token(): string {
  return randomBytes(32).toString('base64url');
}
