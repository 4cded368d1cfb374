import type { LabState, LiveMessage, StepState } from '../../lib/labs/api.ts';
import { socketUrl } from './http.ts';
import { ReconnectingSocket } from './socket.ts';

export interface LiveHandlers {
  state(state: LabState): void;
  step(step: StepState, current: number, phase: LabState['phase']): void;
  notice(level: 'info' | 'warning', text: string): void;
  /** The connection came back after a drop: what was missed should be fetched. */
  reconnected(): void;
}

/** Live updates of the learner's lab over `/live`, reconnecting with back-off. */
export function connectLive(lab: string, handlers: LiveHandlers): ReconnectingSocket {
  const socket = new ReconnectingSocket({
    url: () => socketUrl('/live', { lab }),
    onOpen: (reconnected) => {
      if (reconnected) handlers.reconnected();
    },
    onMessage: (event) => {
      if (typeof event.data !== 'string') return;
      let message: LiveMessage;
      try {
        message = JSON.parse(event.data) as LiveMessage;
      } catch {
        return;
      }
      if (message.type === 'state') handlers.state(message.state);
      else if (message.type === 'step') handlers.step(message.step, message.current, message.phase);
      else if (message.type === 'notice') handlers.notice(message.level, message.text);
    },
    shouldReconnect: (event) => event.code !== 4401 && event.code !== 4403,
  });
  socket.connect();
  return socket;
}
