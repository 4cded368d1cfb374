import { describe, expect, it } from 'vitest';
import { configMapPrinter, secretPrinter, serviceAccountPrinter } from './config.ts';
import { ctx, obj } from './test-fixtures.ts';

// printers.go printConfigMap, printSecret, printServiceAccount.
describe('config kinds', () => {
  it('counts configmap keys, binary ones included', () => {
    const rootCA = obj('v1', 'ConfigMap', { name: 'kube-root-ca.crt', namespace: 'default' }, { data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\n…' } }, '5d');
    expect(configMapPrinter.cells(rootCA, ctx)).toEqual(['kube-root-ca.crt', 1, '5d']);
    const mixed = obj('v1', 'ConfigMap', { name: 'assets' }, { data: { 'index.html': '<h1>hi</h1>', 'app.js': '' }, binaryData: { 'logo.png': 'iVBORw0KGgo=' } });
    expect(configMapPrinter.cells(mixed, ctx)[1]).toBe(3);
    expect(configMapPrinter.cells(obj('v1', 'ConfigMap', { name: 'empty' }), ctx)[1]).toBe(0);
    expect(configMapPrinter.columns.map((c) => `${c.name}:${c.type}`)).toEqual(['Name:string', 'Data:string', 'Age:string']);
  });

  it('prints secret type and key count', () => {
    const tls = obj('v1', 'Secret', { name: 'shop-tls', namespace: 'default' }, { type: 'kubernetes.io/tls', data: { 'tls.crt': 'LS0t', 'tls.key': 'LS0t' } }, '4h');
    expect(secretPrinter.cells(tls, ctx)).toEqual(['shop-tls', 'kubernetes.io/tls', 2, '4h']);
    const opaque = obj('v1', 'Secret', { name: 'db-password' }, { type: 'Opaque', data: { password: 'czNjcjN0' } });
    expect(secretPrinter.cells(opaque, ctx).slice(1, 3)).toEqual(['Opaque', 1]);
  });

  it('counts service account secrets (none since 1.24)', () => {
    expect(serviceAccountPrinter.cells(obj('v1', 'ServiceAccount', { name: 'default', namespace: 'default' }), ctx)).toEqual(['default', 0, '10d']);
    const legacy = obj('v1', 'ServiceAccount', { name: 'build-robot' }, { secrets: [{ name: 'build-robot-token-x7k2p' }] });
    expect(serviceAccountPrinter.cells(legacy, ctx)[1]).toBe(1);
  });
});
