/**
 * Flow control between one shell and the clients watching it (pure: time is passed in).
 *
 * Every character of output sent to a client is unacknowledged until the client acks it (it has
 * rendered it). When any client has more than `high` unacknowledged characters the shell is paused;
 * it resumes once every client is at or below `low`. So the slowest client sets the pace, but a client
 * that stays above `high` for `stallMs` (it stopped acking, or is hopelessly slow) is dropped, so
 * `yes` can never freeze the others, the server or the page.
 */

export interface FlowControlOptions {
  /** Pause above this many unacknowledged characters (default 128 Ki). */
  high?: number;
  /** Resume at or below this many (default 16 Ki). */
  low?: number;
  /** Drop a client that stays above `high` this long (default 10 s). */
  stallMs?: number;
}

export interface FlowDecision {
  /** Whether the shell should be paused now. */
  paused: boolean;
  /** Whether that differs from before this call. */
  changed: boolean;
  /** Clients to drop (already forgotten here). */
  drop: string[];
}

interface ClientState {
  unacked: number;
  /** Since when it has been above `high`, or undefined. */
  overSince: number | undefined;
  /** False for the server's own screen mirror, which is never dropped. */
  droppable: boolean;
}

export class FlowControl {
  readonly high: number;
  readonly low: number;
  readonly stallMs: number;
  private readonly clients = new Map<string, ClientState>();
  private paused = false;

  constructor(opts: FlowControlOptions = {}) {
    this.high = opts.high ?? 128 * 1024;
    this.low = opts.low ?? 16 * 1024;
    this.stallMs = opts.stallMs ?? 10_000;
    if (!(this.low >= 0 && this.low < this.high)) throw new Error(`flow control needs 0 <= low < high (low ${this.low}, high ${this.high})`);
  }

  get isPaused(): boolean {
    return this.paused;
  }

  add(id: string, opts: { droppable?: boolean } = {}): void {
    this.clients.set(id, { unacked: 0, overSince: undefined, droppable: opts.droppable ?? true });
  }

  remove(id: string): FlowDecision {
    this.clients.delete(id);
    return this.decide([]);
  }

  unacked(id: string): number | undefined {
    return this.clients.get(id)?.unacked;
  }

  /** `n` characters were sent to client `id`, or to every client when `id` is undefined. */
  sent(n: number, now: number, id?: string): FlowDecision {
    if (id === undefined) for (const c of this.clients.values()) this.charge(c, n, now);
    else {
      const c = this.clients.get(id);
      if (c) this.charge(c, n, now);
    }
    return this.decide([]);
  }

  /** Client `id` has processed `n` more characters. Nonsense (negative, too many) is clamped. */
  acked(id: string, n: number, now: number): FlowDecision {
    const c = this.clients.get(id);
    if (c && Number.isFinite(n) && n > 0) {
      c.unacked = Math.max(0, c.unacked - Math.floor(n));
      if (c.unacked <= this.high) c.overSince = undefined;
      else c.overSince = now;
    }
    return this.decide([]);
  }

  /** Drops clients stalled for `stallMs`. Call it at {@link nextCheck}. */
  check(now: number): FlowDecision {
    const drop: string[] = [];
    for (const [id, c] of this.clients) {
      if (c.droppable && c.overSince !== undefined && now - c.overSince >= this.stallMs) drop.push(id);
    }
    for (const id of drop) this.clients.delete(id);
    return this.decide(drop);
  }

  /** When {@link check} may next drop someone, or undefined if nobody is over `high`. */
  nextCheck(): number | undefined {
    let next: number | undefined;
    for (const c of this.clients.values()) {
      if (c.droppable && c.overSince !== undefined) next = Math.min(next ?? Infinity, c.overSince + this.stallMs);
    }
    return next;
  }

  private charge(c: ClientState, n: number, now: number): void {
    c.unacked += n;
    if (c.unacked > this.high) c.overSince ??= now;
  }

  private decide(drop: string[]): FlowDecision {
    // Runs for every chunk of output and every ack: one pass, no copies.
    const before = this.paused;
    let over = false;
    let allLow = true;
    for (const c of this.clients.values()) {
      if (c.unacked > this.high) over = true;
      if (c.unacked > this.low) allLow = false;
    }
    if (over) this.paused = true;
    else if (allLow) this.paused = false;
    return { paused: this.paused, changed: before !== this.paused, drop };
  }
}
