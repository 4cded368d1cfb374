import { generateKeyPair } from 'node:crypto';
import { generateSigningKey, signingKeyOf, type SigningKey } from './signing-key.ts';

/**
 * RS256 signing keys, as EKS signs ServiceAccount tokens with, made ahead of need: an RSA key takes
 * 50–250 ms of CPU, so the pool generates them on libuv's thread pool and a new cluster takes a ready
 * one without stalling the event loop. Only when the pool is empty (the first cluster of a process) is a
 * key generated on the spot.
 */
export class SigningKeyPool {
  private readonly ready: SigningKey[] = [];
  private pending = 0;

  constructor(private readonly size = 2) {}

  /** Starts generating keys in the background until `size` are ready or under way. */
  fill(): void {
    while (this.ready.length + this.pending < this.size) {
      this.pending++;
      generateKeyPair('rsa', { modulusLength: 2048 }, (err, _publicKey, privateKey) => {
        this.pending--;
        if (!err) this.ready.push(signingKeyOf('RS256', privateKey));
      });
    }
  }

  /** A key now; the pool refills behind it. */
  take(): SigningKey {
    const key = this.ready.shift() ?? generateSigningKey('RS256');
    this.fill();
    return key;
  }

  get available(): number {
    return this.ready.length;
  }
}
