import type { Db } from './database.ts';

export interface Learner {
  id: string;
  workshop: string;
  name: string;
  seatCode: string;
  /** Host Unix user id of the learner's sandboxes. */
  uid: number;
  createdAt: number;
}

/** The first Unix user id given to a learner; well away from system and login users. */
export const FIRST_LEARNER_UID = 20000;

const columns = 'id, workshop, name, seat_code AS seatCode, uid, created_at AS createdAt';

export class Learners {
  private readonly stmts;

  constructor(private readonly db: Db) {
    this.stmts = {
      get: db.prepare(`SELECT ${columns} FROM learners WHERE id = ?`),
      byName: db.prepare(`SELECT ${columns} FROM learners WHERE workshop = ? AND name_key = ?`),
      byWorkshop: db.prepare(`SELECT ${columns} FROM learners WHERE workshop = ? ORDER BY created_at`),
      nextUid: db.prepare('SELECT COALESCE(MAX(uid), ?) + 1 FROM learners').pluck(),
      insert: db.prepare(
        'INSERT INTO learners (id, workshop, name, name_key, seat_code, uid, created_at) VALUES (@id, @workshop, @name, @nameKey, @seatCode, @uid, @createdAt)',
      ),
      seen: db.prepare('UPDATE learners SET last_seen = ? WHERE id = ?'),
    };
  }

  get(id: string): Learner | undefined {
    return this.stmts.get.get(id) as Learner | undefined;
  }

  byName(workshop: string, name: string): Learner | undefined {
    return this.stmts.byName.get(workshop, nameKey(name)) as Learner | undefined;
  }

  inWorkshop(workshop: string): Learner[] {
    return this.stmts.byWorkshop.all(workshop) as Learner[];
  }

  /** Adds a learner with the next free Unix user id. */
  create(learner: Omit<Learner, 'uid' | 'createdAt'>): Learner {
    return this.db.transaction(() => {
      const uid = this.stmts.nextUid.get(FIRST_LEARNER_UID - 1) as number;
      const row = { ...learner, nameKey: nameKey(learner.name), uid, createdAt: Date.now() };
      this.stmts.insert.run(row);
      return this.get(learner.id)!;
    })();
  }

  touch(id: string): void {
    this.stmts.seen.run(Date.now(), id);
  }
}

/** Names are unique per workshop regardless of case, accents' composition and spacing. */
export function nameKey(name: string): string {
  return name.normalize('NFKC').trim().replace(/\s+/g, ' ').toLowerCase();
}
