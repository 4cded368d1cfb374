/** The small interfaces terminal sessions need from the rest of the server (fakes in tests). */
import type { Disposable } from '../driver.ts';

/** The one thing sessions need of a WebSocket: text frames both ways, and its end. */
export interface TerminalSocket {
  send(frame: string): void;
  close(code: number, reason: string): void;
  onMessage(listener: (frame: string) => void): Disposable;
  onClose(listener: () => void): Disposable;
}

/** Keeps each session's last screen across reaps and server restarts (the store, in the server). */
export interface ScreenStore {
  load(learnerId: string, lab: string): Promise<string | undefined>;
  save(learnerId: string, lab: string, screen: string): Promise<void>;
}

/** Time, injected so grace periods and flow control can be tested without sleeping. */
export interface Timers {
  now(): number;
  /** Runs `fn` after `ms`; disposing cancels it. */
  schedule(ms: number, fn: () => void): Disposable;
}

export const realTimers: Timers = {
  now: () => performance.now(),
  schedule(ms, fn) {
    const handle = setTimeout(fn, ms);
    // A pending reap must not keep the process alive.
    handle.unref();
    return { dispose: () => clearTimeout(handle) };
  },
};

export interface SessionKey {
  learnerId: string;
  lab: string;
}
