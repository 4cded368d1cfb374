/** Terminal sessions: what the server's /term WebSocket route uses. */
export { TerminalSessions, type TerminalSessionsOptions, type SessionAttachOptions } from './terminal-sessions.ts';
export { type Attachment, RESTARTED_NOTICE, EXITED_NOTICE } from './session.ts';
export { FlowControl, type FlowControlOptions, type FlowDecision } from './flow-control.ts';
export { OutputBudget, type OutputBudgetOptions } from './output-budget.ts';
export { DEFAULT_SESSION_LIMITS, type SessionLimits } from './session-limits.ts';
export { decodeClientMessage, encodeOutput, encodeStatus, CloseCode, type ClientMessage, type SessionStatus } from './protocol.ts';
export { ScreenMirror } from './screen-mirror.ts';
export { realTimers, type ScreenStore, type SessionKey, type TerminalSocket, type Timers } from './types.ts';
