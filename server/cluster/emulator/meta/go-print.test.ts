import { describe, expect, it } from 'vitest';
import { goPrint, goSyntax, goTypeOf } from './go-print.ts';

describe('Go formatting of decoded JSON', () => {
  const value = { spec: { replicas: 'abc', paused: true }, metadata: { labels: null }, list: [1, 'a', { b: 2.5 }] };

  it('prints %v with sorted keys and bare strings', () => {
    expect(goPrint(value)).toBe('map[list:[1 a map[b:2.5]] metadata:map[labels:<nil>] spec:map[paused:true replicas:abc]]');
  });

  it('prints %#v with Go type names and quoted strings', () => {
    expect(goSyntax(value)).toBe(
      'map[string]interface {}{"list":[]interface {}{1, "a", map[string]interface {}{"b":2.5}}, "metadata":map[string]interface {}{"labels":interface {}(nil)}, "spec":map[string]interface {}{"paused":true, "replicas":"abc"}}',
    );
  });

  it('names types as %T does', () => {
    expect([goTypeOf('a'), goTypeOf(1), goTypeOf(1.5), goTypeOf(true), goTypeOf([]), goTypeOf({})]).toEqual([
      'string',
      'int64',
      'float64',
      'bool',
      '[]interface {}',
      'map[string]interface {}',
    ]);
  });
});
