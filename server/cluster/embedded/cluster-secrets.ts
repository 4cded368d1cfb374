import { randomBytes } from 'node:crypto';
import { generateSigningKey, type SigningKey } from '../emulator/auth/index.ts';

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

export function createClusterSecrets(): ClusterSecrets {
  return {
    adminToken: token(),
    ownerToken: token(),
    serviceAccountKey: generateSigningKey('ES256'),
    oidcId: randomBytes(16).toString('hex').toUpperCase(),
  };
}

function token(): string {
  return randomBytes(32).toString('base64url');
}
