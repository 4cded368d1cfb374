/** π to `digits` significant digits, rounded as Perl's `bpi(digits)` prints it, by Machin's formula on BigInt. */
export function piDigits(digits: number): string {
  const extra = 10;
  const scale = 10n ** BigInt(digits + extra);
  const arctanInv = (x: bigint): bigint => {
    let sum = 0n;
    let term = scale / x;
    const x2 = x * x;
    for (let n = 1n, sign = 1n; term !== 0n; n += 2n, sign = -sign) {
      sum += (sign * term) / n;
      term /= x2;
    }
    return sum;
  };
  // pi × 10^(digits+extra); keep `digits` significant digits (one before the point), rounding half up.
  const pi = 4n * (4n * arctanInv(5n) - arctanInv(239n));
  const drop = 10n ** BigInt(extra + 1);
  const rounded = (pi + drop / 2n) / drop;
  const text = rounded.toString();
  return `${text[0]}.${text.slice(1)}`;
}
