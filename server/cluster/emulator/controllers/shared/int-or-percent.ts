/** `intstr.GetScaledValueFromIntOrPercent`: an int as is, `N%` of a total rounded up or down. */
import type { IntOrString } from './types.ts';

export function scaledValue(value: IntOrString | undefined, total: number, roundUp: boolean, fallback: IntOrString): number {
  const v = value ?? fallback;
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  if (!m) {
    // A bare integer in a string is not accepted upstream; validation rejects it. Read it as the number.
    const n = Number(v);
    return Number.isFinite(n) ? n : 0;
  }
  const scaled = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}
