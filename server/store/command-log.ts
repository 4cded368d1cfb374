import type { Db } from './database.ts';

/** What each learner's kubectl sent to their clusters (the `Kubectl-Command` header), for `ran` checks. */
export class CommandLogStore {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      insert: db.prepare('INSERT INTO kubectl_commands (learner, cluster, command, session, at) VALUES (?, ?, ?, ?, ?)'),
      since: db.prepare('SELECT command FROM kubectl_commands WHERE learner = ? AND at >= ? ORDER BY id').pluck(),
      last: db.prepare('SELECT session FROM kubectl_commands WHERE learner = ? AND cluster = ? ORDER BY id DESC LIMIT 1').pluck(),
    };
  }

  /** Records one kubectl invocation (its first request; later requests of the same session are not repeated). */
  record(learner: string, cluster: string, command: string, session: string | undefined, at: number): void {
    if (session && this.stmts.last.get(learner, cluster) === session) return;
    this.stmts.insert.run(learner, cluster, command, session ?? null, at);
  }

  commandsSince(learner: string, since: number): string[] {
    return this.stmts.since.all(learner, since) as string[];
  }

  /** The learner's kubectl commands against some of their clusters (a lab's), oldest first. */
  commandsFor(learner: string, clusters: string[]): string[] {
    if (clusters.length === 0) return [];
    const placeholders = clusters.map(() => '?').join(', ');
    return this.db.prepare(`SELECT command FROM kubectl_commands WHERE learner = ? AND cluster IN (${placeholders}) ORDER BY id`).pluck().all(learner, ...clusters) as string[];
  }
}
