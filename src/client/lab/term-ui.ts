import type { LabState } from '../../lib/labs/api.ts';
import type { TermState } from './term-connection.ts';

/** What the terminal side shows: the lab's phase over the screen, and the connection in the toolbar. */
export class TerminalView {
  private readonly overlay: HTMLElement;
  private readonly title: HTMLElement;
  private readonly text: HTMLElement;
  private readonly action: HTMLButtonElement;
  private readonly badge: HTMLElement;
  private readonly badgeLabel: HTMLElement;
  private onAction: () => void = () => {};

  constructor(private readonly root: HTMLElement) {
    this.overlay = root.querySelector('[data-term-overlay]')!;
    this.title = root.querySelector('[data-overlay-title]')!;
    this.text = root.querySelector('[data-overlay-text]')!;
    this.action = root.querySelector('[data-overlay-action]')!;
    this.badge = root.querySelector('[data-term-state]')!;
    this.badgeLabel = root.querySelector('[data-term-state-label]')!;
    this.action.addEventListener('click', () => this.onAction());
  }

  /** Over the screen: preparing, failed, ended; nothing once the shell is there. */
  private show(state: string, title: string, text: string, action?: { label: string; run: () => void }): void {
    this.overlay.hidden = false;
    this.overlay.dataset.state = state;
    this.title.textContent = title;
    this.text.textContent = text;
    this.action.hidden = !action;
    if (action) {
      this.action.textContent = action.label;
      this.onAction = action.run;
    }
  }

  hide(): void {
    this.overlay.hidden = true;
  }

  phase(phase: LabState['phase'], error: string | undefined, retry: () => void): void {
    if (phase === 'starting' || phase === 'not-started') {
      this.show('starting', 'Preparing your cluster…', 'Your own cluster and shell are being set up. This takes a moment.');
      this.connection('waiting', 'Preparing…');
    } else if (phase === 'failed') {
      this.show('failed', 'Your lab could not start', error ?? 'Something went wrong while preparing your cluster.', { label: 'Try again', run: retry });
      this.connection('error', 'Not started');
    }
  }

  term(state: TermState, restart: () => void): void {
    switch (state.kind) {
      case 'connecting':
        this.show('connecting', 'Connecting to your shell…', '');
        this.connection('waiting', 'Connecting…');
        break;
      case 'ready':
        this.hide();
        this.connection('ok', 'Connected');
        break;
      case 'reconnecting':
        this.connection('warn', 'Reconnecting…');
        this.overlay.hidden = true;
        this.overlay.dataset.state = 'reconnecting';
        break;
      case 'exited':
        this.show('exited', 'The shell has ended', state.message || 'Your shell exited.', { label: 'Start a new shell', run: restart });
        this.connection('error', 'Ended');
        break;
      case 'refused':
        this.show('failed', 'The terminal could not connect', state.reason || 'The server closed the connection.', { label: 'Try again', run: restart });
        this.connection('error', 'Disconnected');
        break;
      case 'unauthorized':
        this.connection('error', 'Signed out');
        break;
    }
  }

  private connection(kind: 'ok' | 'warn' | 'error' | 'waiting', label: string): void {
    this.badge.dataset.termState = kind;
    this.badgeLabel.textContent = label;
    this.root.setAttribute('data-connection', kind);
  }
}
