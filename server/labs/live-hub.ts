import type { LiveMessage } from '../../src/lib/labs/api.ts';

type Listener = (message: LiveMessage) => void;

/** Fan-out of lab updates to the pages a learner has open (the `/live` WebSockets). */
export class LiveHub {
  private readonly listeners = new Map<string, Set<Listener>>();

  subscribe(learner: string, lab: string, listener: Listener): () => void {
    const key = `${learner}/${lab}`;
    let set = this.listeners.get(key);
    if (!set) {
      set = new Set();
      this.listeners.set(key, set);
    }
    set.add(listener);
    return () => {
      set.delete(listener);
      if (set.size === 0) this.listeners.delete(key);
    };
  }

  publish(learner: string, lab: string, message: LiveMessage): void {
    for (const listener of this.listeners.get(`${learner}/${lab}`) ?? []) {
      try {
        listener(message);
      } catch (err) {
        console.error('live listener failed:', err);
      }
    }
  }

  watching(learner: string, lab: string): boolean {
    return (this.listeners.get(`${learner}/${lab}`)?.size ?? 0) > 0;
  }
}
