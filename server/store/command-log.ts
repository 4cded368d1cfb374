import type { Db } from './database.ts';

/** What each learner's kubectl sent to their clusters (the `Kubectl-Command` header), for `ran` checks. */
export class CommandLogStore {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      insert: db.prepare('INSERT INTO kubectl_commands (learner, cluster, command, session, at) VALUES (?, ?, ?, ?, ?)'),
      last: db.prepare('SELECT session FROM kubectl_commands WHERE learner = ? AND cluster = ? ORDER BY id DESC LIMIT 1').pluck(),
      // The clusters come as one JSON array, so one statement serves any number of them.
      forClusters: db.prepare('SELECT command FROM kubectl_commands WHERE learner = ? AND cluster IN (SELECT value FROM json_each(?)) ORDER BY id').pluck(),
    };
  }

  /** Records one kubectl invocation (its first request; later requests of the same session are not repeated). */
  record(learner: string, cluster: string, command: string, session: string | undefined, at: number): void {
    if (session && this.stmts.last.get(learner, cluster) === session) return;
    this.stmts.insert.run(learner, cluster, command, session ?? null, at);
  }

  /** The learner's kubectl commands against some of their clusters (a lab's), oldest first. */
  commandsFor(learner: string, clusters: string[]): string[] {
    if (clusters.length === 0) return [];
    return this.stmts.forClusters.all(learner, JSON.stringify(clusters)) as string[];
  }
}
