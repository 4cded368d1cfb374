/**
 * client-go's flowcontrol.Backoff as the kubelet uses it (no jitter): a duration that starts at `initial`,
 * doubles on each `next` up to `max`, and is forgotten when the event it is asked about comes more than
 * twice `max` after the last update.
 */
export class Backoff {
  duration: number | undefined;
  lastUpdate = 0;

  constructor(
    readonly initial: number,
    readonly max: number,
  ) {}

  private expired(eventTime: number): boolean {
    return eventTime - this.lastUpdate > 2 * this.max;
  }

  next(eventTime: number, now: number): void {
    if (this.duration === undefined || this.expired(eventTime)) this.duration = this.initial;
    else this.duration = Math.min(this.duration * 2, this.max);
    this.lastUpdate = now;
  }

  /** Whether something that happened at `eventTime` must still wait at `now` (IsInBackOffSince). */
  inBackOffSince(eventTime: number, now: number): boolean {
    if (this.duration === undefined || this.expired(eventTime)) return false;
    return now - eventTime < this.duration;
  }

  /** Whether `now` is within the back-off of the last update (IsInBackOffSinceUpdate). */
  inBackOffSinceUpdate(now: number): boolean {
    if (this.duration === undefined || this.expired(now)) return false;
    return now - this.lastUpdate < this.duration;
  }
}
