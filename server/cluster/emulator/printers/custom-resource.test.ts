import { describe, expect, it } from 'vitest';
import { customResourcePrinter } from './custom-resource.ts';
import { ago, ctx, obj } from './test-fixtures.ts';

const certificate = (conditions: unknown[]) =>
  obj('cert-manager.io/v1', 'Certificate', { name: 'shop-tls', namespace: 'default' }, {
    spec: { secretName: 'shop-tls', dnsNames: ['shop.example.com'], issuerRef: { name: 'letsencrypt', kind: 'ClusterIssuer' } },
    status: { conditions, revision: 2, notAfter: '2025-08-30T12:00:00Z' },
  }, '3h');

// cert-manager's Certificate printer columns.
const certColumns = [
  { name: 'Ready', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].status' },
  { name: 'Secret', type: 'string', jsonPath: '.spec.secretName' },
  { name: 'Issuer', type: 'string', jsonPath: '.spec.issuerRef.name', priority: 1 },
  { name: 'Status', type: 'string', jsonPath: '.status.conditions[?(@.type=="Ready")].message', priority: 1 },
  { name: 'Age', type: 'date', description: 'CreationTimestamp is a timestamp representing the server time when this object was created.', jsonPath: '.metadata.creationTimestamp' },
];

// apiextensions-apiserver tableconvertor.New and ConvertToTable.
describe('custom resource columns', () => {
  it('start with Name and copy each column, with the default description', () => {
    const p = customResourcePrinter(certColumns);
    expect(p.columns.map((c) => [c.name, c.type, c.format, c.priority])).toEqual([
      ['Name', 'string', 'name', 0],
      ['Ready', 'string', '', 0],
      ['Secret', 'string', '', 0],
      ['Issuer', 'string', '', 1],
      ['Status', 'string', '', 1],
      ['Age', 'date', '', 0],
    ]);
    expect(p.columns[1]!.description).toBe('Custom resource definition column (in JSONPath format): .status.conditions[?(@.type=="Ready")].status');
    expect(p.columns[5]!.description).toBe('CreationTimestamp is a timestamp representing the server time when this object was created.');
  });

  it('serve Age alone when the version declares none', () => {
    for (const p of [customResourcePrinter(), customResourcePrinter([])]) {
      expect(p.columns.map((c) => [c.name, c.type])).toEqual([
        ['Name', 'string'],
        ['Age', 'date'],
      ]);
      expect(p.columns[1]!.description).toMatch(/^CreationTimestamp is a timestamp/);
      expect(p.cells(obj('example.com/v1', 'Widget', { name: 'w1' }, {}, '4m'), ctx)).toEqual(['w1', '4m']);
    }
  });
});

describe('custom resource cells', () => {
  it('evaluate filters, plain fields and dates', () => {
    const p = customResourcePrinter(certColumns);
    const ready = certificate([
      { type: 'Issuing', status: 'False' },
      { type: 'Ready', status: 'True', message: 'Certificate is up to date and has not expired', lastTransitionTime: ago('2h') },
    ]);
    expect(p.cells(ready, ctx)).toEqual(['shop-tls', 'True', 'shop-tls', 'letsencrypt', 'Certificate is up to date and has not expired', '3h']);
    expect(p.cells(certificate([]), ctx)).toEqual(['shop-tls', null, 'shop-tls', 'letsencrypt', null, '3h']);
  });

  it('type cells by column type, and print other JSON in string columns as Go does', () => {
    const p = customResourcePrinter([
      { name: 'Replicas', type: 'integer', jsonPath: '.spec.replicas' },
      { name: 'Ratio', type: 'number', jsonPath: '.spec.ratio' },
      { name: 'Paused', type: 'boolean', jsonPath: '.spec.paused' },
      { name: 'Labels', type: 'string', jsonPath: '.metadata.labels' },
      { name: 'Ratio text', type: 'string', jsonPath: '.spec.ratio' },
      { name: 'Big', type: 'string', jsonPath: '.spec.big' },
      { name: 'Flag', type: 'string', jsonPath: '.spec.paused' },
      { name: 'Wrong', type: 'integer', jsonPath: '.spec.name' },
      { name: 'Expires', type: 'date', jsonPath: '.status.expires' },
      { name: 'Instance', type: 'string', jsonPath: '.metadata.labels.node\\.kubernetes\\.io/instance-type' },
      { name: 'First', type: 'string', jsonPath: '.spec.items[0].name' },
      { name: 'Last', type: 'string', jsonPath: '.spec.items[-1].name' },
      { name: 'Any', type: 'string', jsonPath: '.spec.items[*].name' },
    ]);
    const w = obj('example.com/v1', 'Widget', { name: 'w', labels: { z: '1', 'node.kubernetes.io/instance-type': 'm5.large', a: '<b>' } }, {
      spec: { replicas: 3.7, ratio: 0.25, paused: false, big: 1234567.5, name: 'x', items: [{ name: 'one' }, { name: 'two' }] },
      status: { expires: 'not a date' },
    });
    expect(p.cells(w, ctx)).toEqual([
      'w',
      3,
      0.25,
      false,
      '{"a":"\\u003cb\\u003e","node.kubernetes.io/instance-type":"m5.large","z":"1"}',
      '0.25',
      '1.2345675e+06',
      'false',
      null,
      '<invalid>',
      'm5.large',
      'one',
      'two',
      'one',
    ]);
  });
});
