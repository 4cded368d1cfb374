import type { Db } from './database.ts';

/** Small named values the server keeps across restarts (the clusters' CA, the cookie secret…). */
export class Settings {
  private readonly getStmt;
  private readonly setStmt;

  constructor(db: Db) {
    this.getStmt = db.prepare('SELECT value FROM settings WHERE key = ?').pluck();
    this.setStmt = db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value');
  }

  get<T>(key: string): T | undefined {
    const raw = this.getStmt.get(key) as string | undefined;
    return raw === undefined ? undefined : (JSON.parse(raw) as T);
  }

  set(key: string, value: unknown): void {
    this.setStmt.run(key, JSON.stringify(value));
  }

  /** The stored value, or `create()`'s result stored first. */
  async getOrCreate<T>(key: string, create: () => Promise<T> | T): Promise<T> {
    const existing = this.get<T>(key);
    if (existing !== undefined) return existing;
    const value = await create();
    this.set(key, value);
    return value;
  }
}
