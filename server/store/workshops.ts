import type { Db } from './database.ts';

export interface Workshop {
  code: string;
  title: string;
  createdAt: number;
}

/** Workshops learners join by code. Codes compare case-insensitively (stored lower case). */
export class Workshops {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      get: db.prepare('SELECT code, title, created_at AS createdAt FROM workshops WHERE code = ?'),
      list: db.prepare('SELECT code, title, created_at AS createdAt FROM workshops ORDER BY created_at'),
      upsert: db.prepare('INSERT INTO workshops (code, title, created_at) VALUES (?, ?, ?) ON CONFLICT (code) DO UPDATE SET title = excluded.title'),
    };
  }

  get(code: string): Workshop | undefined {
    return this.stmts.get.get(normalizeCode(code)) as Workshop | undefined;
  }

  list(): Workshop[] {
    return this.stmts.list.all() as Workshop[];
  }

  /** Creates the workshop, or renames it if it exists. */
  ensure(code: string, title: string): Workshop {
    this.stmts.upsert.run(normalizeCode(code), title, Date.now());
    return this.get(code)!;
  }
}

export function normalizeCode(code: string): string {
  return code.trim().toLowerCase();
}
