import { generateKeyPair, randomBytes } from 'node:crypto';
import { signingKeyOf, type SigningKey } from '../emulator/auth/signing-key.ts';

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

/**
 * A cluster's secrets. ServiceAccount tokens are signed with a key the platform shares between its
 * clusters (RS256, as EKS signs them): each cluster still only accepts tokens of its own issuer and of
 * ServiceAccounts that exist in it, and an RSA key costs 50–250 ms of CPU, too much for every lab start.
 */
export function createClusterSecrets(serviceAccountKey: SigningKey): ClusterSecrets {
  return {
    adminToken: token(),
    ownerToken: token(),
    serviceAccountKey,
    oidcId: randomBytes(16).toString('hex').toUpperCase(),
  };
}

/** A new RS256 signing key, made on libuv's thread pool so the event loop goes on. */
export function generateServiceAccountKey(): Promise<SigningKey> {
  return new Promise((resolve, reject) => {
    generateKeyPair('rsa', { modulusLength: 2048 }, (err, _publicKey, privateKey) => {
      if (err) reject(err);
      else resolve(signingKeyOf('RS256', privateKey));
    });
  });
}

function token(): string {
  return randomBytes(32).toString('base64url');
}
