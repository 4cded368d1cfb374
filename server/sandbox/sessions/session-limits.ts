/** Bounds of one terminal session, so its memory and the server's CPU stay bounded. */
import type { FlowControlOptions } from './flow-control.ts';
import type { OutputBudgetOptions } from './output-budget.ts';

export interface SessionLimits {
  /** Characters of one input message (a paste); larger ones are refused with a notice. */
  maxInput: number;
  /** Clients attached to one session at once (the learner's tabs and instructors' views). */
  maxClients: number;
  /** Lines kept above the screen in the server's mirror. */
  scrollback: number;
  /** Lines above the screen kept when a screen is saved for later. */
  savedScrollback: number;
  /** Characters a shell may print while nobody is attached before it is paused until someone is. */
  detachedOutput: number;
  flow: FlowControlOptions;
  budget: OutputBudgetOptions;
}

export const DEFAULT_SESSION_LIMITS: SessionLimits = {
  maxInput: 64 * 1024,
  maxClients: 8,
  scrollback: 1000,
  savedScrollback: 300,
  detachedOutput: 1024 * 1024,
  flow: {},
  budget: {},
};
