/**
 * Decoded JSON values (`map[string]interface{}` and friends in Go) printed as Go's fmt verbs print them,
 * for error messages that quote a value the way kube-apiserver does. Go prints map keys sorted.
 */

const sortedEntries = (value: object) => Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

/** `%v` / `%+v`: `map[spec:map[replicas:abc]]`, `[1 a]`, `<nil>`. */
export function goPrint(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (Array.isArray(value)) return `[${value.map(goPrint).join(' ')}]`;
  if (typeof value === 'object') return `map[${sortedEntries(value).map(([k, v]) => `${k}:${goPrint(v)}`).join(' ')}]`;
  return String(value);
}

/** `%#v` of a value held in an `interface{}`: `"abc"`, `5`, `map[string]interface {}{"a":1}`. */
export function goSyntax(value: unknown): string {
  if (value === null || value === undefined) return 'interface {}(nil)';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[]interface {}{${value.map(goSyntax).join(', ')}}`;
  if (typeof value === 'object') return `map[string]interface {}{${sortedEntries(value).map(([k, v]) => `${JSON.stringify(k)}:${goSyntax(v)}`).join(', ')}}`;
  return String(value);
}

/** `%T` of a decoded JSON value. */
export function goTypeOf(value: unknown): string {
  if (value === null || value === undefined) return '<nil>';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'bool';
  if (typeof value === 'number') return Number.isInteger(value) ? 'int64' : 'float64';
  return Array.isArray(value) ? '[]interface {}' : 'map[string]interface {}';
}
