import 'reflect-metadata';
import * as x509 from '@peculiar/x509';
import { webcrypto } from 'node:crypto';

x509.cryptoProvider.set(webcrypto as unknown as Crypto);

/** Serving keys: ECDSA P-256, cheap to create and fast in every TLS handshake. */
const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** The CA, as EKS's: RSA 2048 with SHA-256 (its PEM is what kubeconfig and `kube-root-ca.crt` show). */
const caAlg = { name: 'RSASSA-PKCS1-v1_5', modulusLength: 2048, publicExponent: new Uint8Array([1, 0, 1]), hash: 'SHA-256' } as const;

export interface CertificateAuthority {
  certPem: string;
  keyPem: string;
}

export interface ServingCertificate {
  certPem: string;
  keyPem: string;
  /** The CA that signed it, for `certificate-authority-data`. */
  caPem: string;
}

const YEAR_MS = 365 * 24 * 3600 * 1000;

/**
 * A self-signed CA for the embedded clusters, shaped as an EKS cluster CA: RSA 2048, CN and SAN `kubernetes`,
 * an 8-byte serial, ten years. Generated asynchronously (off the event loop) once per data directory.
 */
export async function createCertificateAuthority(commonName = 'kubernetes', now = Date.now()): Promise<CertificateAuthority> {
  const keys = (await webcrypto.subtle.generateKey(caAlg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: randomSerial(8),
    name: `CN=${commonName}`,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 10 * YEAR_MS),
    keys,
    signingAlgorithm: caAlg,
    extensions: [
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment | x509.KeyUsageFlags.keyCertSign, true),
      new x509.BasicConstraintsExtension(true, undefined, true),
      await x509.SubjectKeyIdentifierExtension.create(keys.publicKey),
      new x509.SubjectAlternativeNameExtension([{ type: 'dns', value: commonName }]),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey) };
}

/** A server certificate for the API's listener, valid for the given DNS names and IP addresses. */
export async function issueServingCertificate(
  ca: CertificateAuthority,
  hosts: { dns: string[]; ips: string[] },
  now = Date.now(),
): Promise<ServingCertificate> {
  const caCert = new x509.X509Certificate(ca.certPem);
  // CAs made before the switch to RSA are ECDSA: sign with whatever the CA's key is.
  const signing = caCert.publicKey.algorithm.name === 'ECDSA' ? alg : caAlg;
  const caKey = await webcrypto.subtle.importKey('pkcs8', pemToDer(ca.keyPem), signing, false, ['sign']);
  const keys = (await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify'])) as CryptoKeyPair;
  const cert = await x509.X509CertificateGenerator.create({
    serialNumber: randomSerial(),
    subject: 'CN=kube-apiserver',
    issuer: caCert.subject,
    notBefore: new Date(now - 60_000),
    notAfter: new Date(now + 2 * YEAR_MS),
    signingKey: caKey,
    publicKey: keys.publicKey,
    signingAlgorithm: signing,
    extensions: [
      new x509.BasicConstraintsExtension(false, undefined, true),
      new x509.KeyUsagesExtension(x509.KeyUsageFlags.digitalSignature | x509.KeyUsageFlags.keyEncipherment, true),
      new x509.ExtendedKeyUsageExtension([x509.ExtendedKeyUsage.serverAuth], false),
      new x509.SubjectAlternativeNameExtension([
        ...hosts.dns.map((value) => ({ type: 'dns' as const, value })),
        ...hosts.ips.map((value) => ({ type: 'ip' as const, value })),
      ]),
      await x509.AuthorityKeyIdentifierExtension.create(caCert),
    ],
  });
  return { certPem: cert.toString('pem'), keyPem: await keyToPem(keys.privateKey), caPem: ca.certPem };
}

async function keyToPem(key: CryptoKey): Promise<string> {
  const der = Buffer.from(await webcrypto.subtle.exportKey('pkcs8', key));
  const body = der.toString('base64').replace(/.{64}/g, '$&\n').replace(/\n$/, '');
  return `-----BEGIN PRIVATE KEY-----\n${body}\n-----END PRIVATE KEY-----\n`;
}

function pemToDer(pem: string): ArrayBuffer {
  const b64 = pem.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');
  const buf = Buffer.from(b64, 'base64');
  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength) as ArrayBuffer;
}

function randomSerial(length = 16): string {
  const bytes = webcrypto.getRandomValues(new Uint8Array(length));
  // Positive (top bit clear) and never a leading zero byte, so the serial keeps its full length.
  bytes[0] = (bytes[0]! & 0x7f) || 1;
  return Buffer.from(bytes).toString('hex');
}
