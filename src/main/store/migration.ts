import type { Database } from 'better-sqlite3';

/** One numbered, forward-only schema change. Versions are 1, 2, 3, … without gaps. */
export interface Migration {
  version: number;
  name: string;
  up: string | ((db: Database) => void);
}
