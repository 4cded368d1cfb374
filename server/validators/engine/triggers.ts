/**
 * What makes a check worth evaluating again. Cluster changes (watch events) can change object,
 * absent and count checks, validators and commands (which often run kubectl); only the shell
 * changes files and history, so file and ran checks wait for a prompt.
 */
import { checkKind, type Check, type CheckKind } from '../../../src/schemas/check.ts';

export type Trigger = 'cluster' | 'prompt' | 'explicit';

export function affects(trigger: Trigger, check: Check): boolean {
  if (trigger !== 'cluster') return true;
  const kind = checkKind(check);
  return kind !== 'file' && kind !== 'ran';
}

/** Cheapest first, so an automatic evaluation can stop at the first failure before spawning anything. */
const cost: Record<CheckKind, number> = { ran: 0, file: 1, object: 2, absent: 2, count: 2, validator: 3, command: 4 };

export function byCost(checks: Check[]): number[] {
  return checks.map((_, i) => i).sort((a, b) => cost[checkKind(checks[a]!)] - cost[checkKind(checks[b]!)] || a - b);
}
