// One owner per table family (README, "Where SQL lives"), checked where CI looks: `npm test`.
// Only the files below may prepare or run SQL; a query anywhere else goes through one of them,
// so a newcomer finds every statement on a table in its family's one file.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './source-files';

/** The files that may call `.prepare(` or `.exec(` on a database, each with why. */
const SQL_OWNERS = [
  'src/main/sessions/session-repo.ts', // sessions, prompts, activity, turns, indexed_files
  'src/main/events/event-repo.ts', // events and the spool offsets
  'src/main/streams/stream-repo.ts', // streams, assignments, proposals, the edit log
  'src/main/settings/settings-repo.ts', // settings
  'src/main/store/sources-repo.ts', // sources
  'src/main/time/time-read-model.ts', // the time views' read-only joins across the families
  'src/main/store/database.ts', // opening, migrating, counting rows
  'src/main/store/migrations/005-session-identity.ts', // a migration written in code
  'src/main/store/migrations/011-machines-and-sync.ts', // a migration written in code
  'src/main/store/statement-cache.ts', // prepares once the statements the repositories hand it
  'src/main/sync/machine-repo.ts', // machines
  'src/main/sync/person-ops.ts', // the person's clock-stamped edits (ops) that sync carries
  'src/main/sync/sync-state.ts', // what sync has exported and imported, per machine
  // The sessions and events families' rows as sync segments carry them, apart from the indexer's
  // and the spool's writes by size; still the only other SQL on those tables.
  'src/main/sessions/session-sync-rows.ts',
  'src/main/events/event-sync-rows.ts',
  'src/main/sessions/sources/opencode-db.ts', // OpenCode's database, not tt's
  'src/main/sessions/sources/opencode-layouts.ts', // OpenCode's database, not tt's
];

/** "file:line" of every `.prepare(`/`.exec(` call, but a regular expression's exec. */
function sqlCalls(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      ['prepare', 'exec'].includes(node.expression.name.text) &&
      !ts.isRegularExpressionLiteral(node.expression.expression)
    ) {
      const line = file.getLineAndCharacterOfPosition(node.expression.name.getStart()).line;
      found.push(`${relative(ROOT, path)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('src/main', () => {
  it('prepares SQL only in the files that own the tables', () => {
    const files = sourceFiles(join(ROOT, 'src/main'));
    expect(files.length).toBeGreaterThan(50);
    const calls = files.flatMap(sqlCalls);
    expect(calls.length).toBeGreaterThan(20);
    expect(calls.filter((call) => !SQL_OWNERS.includes(call.split(':')[0]!))).toEqual([]);
  });
});
