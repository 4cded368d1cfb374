import { describe, expect, it } from 'vitest';
import { X509Certificate } from 'node:crypto';
import { createServer, connect } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { createCertificateAuthority, issueServingCertificate } from './pki.ts';

describe('pki', () => {
  it('issues a serving certificate that a TLS client verifies against the CA', async () => {
    const ca = await createCertificateAuthority();
    const serving = await issueServingCertificate(ca, { dns: ['localhost'], ips: ['127.0.0.1'] });
    const cert = new X509Certificate(serving.certPem);
    expect(cert.checkIssued(new X509Certificate(ca.certPem))).toBe(true);
    expect(cert.subjectAltName).toContain('IP Address:127.0.0.1');
    // The CA looks like an EKS cluster's: RSA 2048, CN and SAN kubernetes, an 8-byte serial.
    const caCert = new X509Certificate(ca.certPem);
    expect([caCert.subject, caCert.subjectAltName, caCert.serialNumber.length, caCert.ca]).toEqual(['CN=kubernetes', 'DNS:kubernetes', 16, true]);
    expect(caCert.publicKey.asymmetricKeyType).toBe('rsa');
    expect(caCert.publicKey.asymmetricKeyDetails?.modulusLength).toBe(2048);
    expect(ca.certPem.split('\n')[1]).toMatch(/^MIID/);

    const server = createServer({ cert: serving.certPem, key: serving.keyPem }, (s) => s.end('ok'));
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const reply = await new Promise<string>((resolve, reject) => {
      const socket = connect({ host: '127.0.0.1', port, ca: ca.certPem }, () => {
        socket.on('data', (d) => resolve(d.toString()));
      });
      socket.on('error', reject);
    });
    server.close();
    expect(reply).toBe('ok');
  });
});
