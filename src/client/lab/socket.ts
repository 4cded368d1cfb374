import { backoffDelay } from './backoff.ts';

export type SocketState = 'connecting' | 'open' | 'reconnecting' | 'closed';

export interface SocketOptions {
  url: () => string;
  /** `reconnected`: the socket was open before and dropped. */
  onOpen?: (reconnected: boolean) => void;
  onMessage: (event: MessageEvent) => void;
  onState?: (state: SocketState, detail: { attempt: number; retryInMs?: number; code?: number; reason?: string }) => void;
  /** Whether a close should be followed by a new connection (default: yes). */
  shouldReconnect?: (event: CloseEvent) => boolean;
}

/**
 * A WebSocket that comes back: after a drop it reconnects with back-off (and at once when the
 * browser goes back online), until `close()`.
 */
export class ReconnectingSocket {
  private ws: WebSocket | undefined;
  private attempt = 0;
  private opened = false;
  private stopped = false;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly online = () => {
    if (!this.stopped && this.timer !== undefined) this.retryNow();
  };

  constructor(private readonly options: SocketOptions) {
    window.addEventListener('online', this.online);
  }

  connect(): void {
    this.stopped = false;
    if (this.ws && this.ws.readyState <= WebSocket.OPEN) return;
    this.options.onState?.(this.opened ? 'reconnecting' : 'connecting', { attempt: this.attempt });
    const ws = new WebSocket(this.options.url());
    ws.binaryType = 'arraybuffer';
    this.ws = ws;
    ws.addEventListener('open', () => {
      if (this.ws !== ws) return;
      const reconnected = this.opened;
      this.opened = true;
      this.attempt = 0;
      this.options.onState?.('open', { attempt: 0 });
      this.options.onOpen?.(reconnected);
    });
    ws.addEventListener('message', (event) => {
      if (this.ws === ws) this.options.onMessage(event);
    });
    ws.addEventListener('close', (event) => {
      if (this.ws !== ws) return;
      this.ws = undefined;
      if (this.stopped || this.options.shouldReconnect?.(event) === false) {
        this.options.onState?.('closed', { attempt: this.attempt, code: event.code, reason: event.reason });
        return;
      }
      const retryInMs = backoffDelay(this.attempt++);
      this.options.onState?.('reconnecting', { attempt: this.attempt, retryInMs, code: event.code });
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.connect();
      }, retryInMs);
    });
  }

  /** Reconnect now instead of waiting for the back-off. */
  retryNow(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.connect();
  }

  get isOpen(): boolean {
    return this.ws?.readyState === WebSocket.OPEN;
  }

  send(data: string | ArrayBufferView | ArrayBuffer): boolean {
    if (!this.isOpen) return false;
    this.ws!.send(data as ArrayBuffer);
    return true;
  }

  close(): void {
    this.stopped = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.ws?.close(1000);
  }

  dispose(): void {
    this.close();
    window.removeEventListener('online', this.online);
  }
}
