/**
 * What the lab page and the server say to each other: REST bodies and WebSocket messages.
 * Shared by the browser client (src/client) and the server (server/labs); types only.
 */

/** One line of a check's verdict: what was expected, what was seen, and the author's message. */
export interface SubResult {
  ok: boolean;
  /** Short description of what was looked at: `deployment/web in shop: spec.replicas`. */
  subject: string;
  expected: string;
  seen: string;
  message?: string;
}

export type CheckStatus = 'passed' | 'failed' | 'error';

export interface CheckResult {
  /** Index of the check in the step. */
  index: number;
  title: string;
  status: CheckStatus;
  /** The author's message, shown when the check fails. */
  message: string;
  results: SubResult[];
}

/** A step's status as a value (never an exception). */
export type StepStatus = 'pending' | 'current' | 'passed' | 'failed';

export interface StepState {
  id: string;
  title: string;
  status: StepStatus;
  /** Results of the last evaluation (empty before the first). */
  checks: CheckResult[];
  /** Hints revealed so far (the server sends only those). */
  hints: string[];
  hintsTotal: number;
  /** Present once revealed; `solutionAvailable` tells whether it may be. */
  solution?: string[];
  solutionAvailable: boolean;
  /** ISO time the step was completed. */
  completedAt?: string;
  /** ISO time of the last evaluation. */
  checkedAt?: string;
}

export interface LabState {
  lab: string;
  learner: { id: string; name: string };
  /** 'starting' while clusters and the sandbox are being prepared. */
  phase: 'not-started' | 'starting' | 'ready' | 'completed' | 'failed';
  /** Why starting failed, for the learner. */
  error?: string;
  steps: StepState[];
  /** Index of the first step not yet passed (steps.length when all are). */
  current: number;
}

/** The learner's session, from `GET /api/me`. */
export interface Me {
  id: string;
  name: string;
  workshop: { code: string; title: string };
  /** Shown to the learner: another browser must enter it to take this seat. */
  seatCode: string;
}

/** `POST /api/join` */
export interface JoinRequest {
  code: string;
  name: string;
  /** When the name is taken in this workshop: the seat code the first browser shows. */
  seatCode?: string;
}

export type JoinResponse =
  | { ok: true; me: Me }
  | { ok: false; reason: 'unknown-workshop' | 'invalid-name' | 'seat-taken' | 'wrong-seat-code'; message: string };

/** Messages on the `/live` WebSocket (server → browser). */
export type LiveMessage =
  | { type: 'state'; state: LabState }
  | { type: 'step'; step: StepState; current: number; phase: LabState['phase'] }
  | { type: 'notice'; level: 'info' | 'warning'; text: string };

/**
 * The `/term` WebSocket: binary frames carry terminal bytes both ways; text frames carry these
 * control messages (browser → server).
 */
export type TermClientMessage =
  | { type: 'resize'; cols: number; rows: number }
  /** Flow control: the browser has written this many more bytes to the screen. */
  | { type: 'ack'; bytes: number };

/** Text frames from the server on `/term`. */
export type TermServerMessage =
  | { type: 'ready'; restored: boolean }
  | { type: 'exit'; code: number | null; message: string };
