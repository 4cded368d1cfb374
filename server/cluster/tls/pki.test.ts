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
