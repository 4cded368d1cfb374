import type { LabState, StepState } from '../../src/lib/labs/api.ts';
import type { Learner } from '../store/learners.ts';

/** What the HTTP layer asks of the labs: one learner's view of one lab. */
export interface LabApi {
  exists(lab: string): boolean;
  state(learner: Learner, lab: string): Promise<LabState>;
  /** Prepares clusters, home and shell (idempotent: a started lab stays as it is). */
  start(learner: Learner, lab: string): Promise<LabState>;
  check(learner: Learner, lab: string, step: string): Promise<StepState>;
  hint(learner: Learner, lab: string, step: string): Promise<StepState>;
  solution(learner: Learner, lab: string, step: string): Promise<StepState>;
}

/** A learner-facing refusal (unknown step, solution not allowed…): answered 4xx with this text. */
export class LabError extends Error {
  constructor(
    readonly status: 400 | 403 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}
