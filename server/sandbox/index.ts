/**
 * Learners' shells. Entry points for the server:
 * - `createBubblewrapDriver(options)`: the SandboxDriver that runs shells and checks' commands under bubblewrap;
 * - `TerminalSessions`: one shell per (learner, lab) shared by the clients attached to it;
 * - `PROMPT_MARKER` / `PromptMarkerFilter` / `stripPromptMarkers`: the shell's "prompt shown" signal;
 * - `FlowControl`: the pure watermark logic the sessions use.
 */
export type { Disposable, ExecResult, Sandbox, SandboxDriver, SandboxSpec } from './driver.ts';
export { BubblewrapDriver, createBubblewrapDriver, type BubblewrapDriverOptions } from './bubblewrap/driver.ts';
export type { Bind } from './bubblewrap/bwrap-args.ts';
export { defaultLimits, type SandboxLimits } from './bubblewrap/limits.ts';
export { SANDBOX_API_PORT, SANDBOX_API_SOCKET, SANDBOX_API_URL, SANDBOX_HOME, SANDBOX_UID, SANDBOX_USER } from './bubblewrap/layout.ts';
export { readHomeFile, ensureHome } from './bubblewrap/home.ts';
export type { Logger } from './bubblewrap/logger.ts';
export { PROMPT_MARKER, PromptMarkerFilter, stripPromptMarkers, type MarkerScan } from './prompt-marker.ts';
export * from './sessions/index.ts';
