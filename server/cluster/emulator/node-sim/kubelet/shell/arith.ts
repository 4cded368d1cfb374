/** Shell arithmetic (`$((…))`, `expr`): integers, + - * / %, comparisons, && || !, parentheses. */
export function evaluateArith(expr: string, lookup: (name: string) => string | undefined): number {
  const tokens = expr.match(/\d+|[A-Za-z_][A-Za-z0-9_]*|&&|\|\||==|!=|<=|>=|[-+*/%()<>!]/g) ?? [];
  let i = 0;
  const peek = () => tokens[i];
  const num = (name: string) => Math.trunc(Number(lookup(name) ?? 0) || 0);
  const primary = (): number => {
    const t = tokens[i++];
    if (t === undefined) return 0;
    if (t === '(') {
      const v = or();
      if (peek() === ')') i++;
      return v;
    }
    if (t === '-') return -primary();
    if (t === '+') return primary();
    if (t === '!') return primary() === 0 ? 1 : 0;
    if (/^\d+$/.test(t)) return Number(t);
    if (/^[A-Za-z_]/.test(t)) return num(t);
    return 0;
  };
  const binary = (next: () => number, ops: Record<string, (a: number, b: number) => number>) => () => {
    let v = next();
    while (peek() !== undefined && ops[peek()!]) {
      const op = ops[tokens[i++]!]!;
      v = op(v, next());
    }
    return v;
  };
  const mul = binary(primary, {
    '*': (a, b) => a * b,
    '/': (a, b) => (b === 0 ? 0 : Math.trunc(a / b)),
    '%': (a, b) => (b === 0 ? 0 : a % b),
  });
  const add = binary(mul, { '+': (a, b) => a + b, '-': (a, b) => a - b });
  const cmp = binary(add, {
    '<': (a, b) => +(a < b),
    '>': (a, b) => +(a > b),
    '<=': (a, b) => +(a <= b),
    '>=': (a, b) => +(a >= b),
  });
  const eq = binary(cmp, { '==': (a, b) => +(a === b), '!=': (a, b) => +(a !== b) });
  const and = binary(eq, { '&&': (a, b) => +(a !== 0 && b !== 0) });
  const or = binary(and, { '||': (a, b) => +(a !== 0 || b !== 0) });
  return or();
}
