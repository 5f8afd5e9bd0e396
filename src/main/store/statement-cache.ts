import type { Database, Statement } from 'better-sqlite3';

/**
 * A statement for each SQL text, prepared once: code that runs the same SQL thousands of times
 * (inference, a sync import) would otherwise spend most of its time in prepare().
 */
export function statementCache(db: Database): (sql: string) => Statement {
  const statements = new Map<string, Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      statements.set(sql, statement);
    }
    return statement;
  };
}
