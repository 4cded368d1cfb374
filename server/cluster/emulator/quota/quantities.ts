/** ResourceList arithmetic as upstream's quota helpers do it (`quota.Add`, `LessThanOrEqual`, pretty printing). */
import { compareQuantity, parseQuantity, quantityString, type Quantity } from '../strategies/shared/quantity.ts';

export type Usage = Map<string, Quantity>;

const ZERO: Quantity = { mant: 0n, scale: 0, format: 'DecimalSI' };

/** `Quantity.Add`: exact; a zero takes the other's format (0 + 128Mi prints as 128Mi). */
export function addQuantity(a: Quantity, b: Quantity): Quantity {
  const scale = Math.min(a.scale, b.scale);
  const mant = a.mant * 10n ** BigInt(a.scale - scale) + b.mant * 10n ** BigInt(b.scale - scale);
  return { mant, scale, format: a.mant === 0n ? b.format : a.format };
}

/** Adds `b` into `a` for the keys `a` holds (the resources a quota tracks). */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map(a);
  for (const [k, v] of b) if (out.has(k)) out.set(k, addQuantity(out.get(k)!, v));
  return out;
}

export function zeroUsage(keys: Iterable<string>): Usage {
  return new Map([...keys].map((k) => [k, ZERO]));
}

export function quantity(value: unknown): Quantity {
  return parseQuantity(value) ?? ZERO;
}

/** The resources whose usage would exceed the hard limit. */
export function exceeded(used: Usage, hard: Usage): string[] {
  return [...used].filter(([k, v]) => hard.has(k) && compareQuantity(v, hard.get(k)!) > 0).map(([k]) => k);
}

/** `pods=1,requests.cpu=500m`: sorted by name. */
export function prettyPrint(usage: Usage, keys: string[]): string {
  return [...keys].sort().map((k) => `${k}=${quantityString(usage.get(k) ?? ZERO)}`).join(',');
}

export function toJson(usage: Usage): Record<string, string> {
  return Object.fromEntries([...usage].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => [k, quantityString(v)]));
}

export function fromJson(list: unknown): Usage {
  const out: Usage = new Map();
  if (list && typeof list === 'object') for (const [k, v] of Object.entries(list)) out.set(k, quantity(v));
  return out;
}
