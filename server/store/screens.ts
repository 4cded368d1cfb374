import type { Db } from './database.ts';

/** The last screen of each learner's terminal, so a restarted server can show it again. */
export class Screens {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare('SELECT screen FROM terminal_screens WHERE learner = ? AND lab = ?').pluck(),
      set: db.prepare(
        'INSERT INTO terminal_screens (learner, lab, screen, saved_at) VALUES (?, ?, ?, ?) ON CONFLICT (learner, lab) DO UPDATE SET screen = excluded.screen, saved_at = excluded.saved_at',
      ),
    };
  }

  get(learner: string, lab: string): string | undefined {
    return this.stmts.get.get(learner, lab) as string | undefined;
  }

  save(learner: string, lab: string, screen: string): void {
    this.stmts.set.run(learner, lab, screen, Date.now());
  }
}
