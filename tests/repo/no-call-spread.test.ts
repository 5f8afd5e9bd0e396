// The eslint rule against spreading arrays into calls (eslint.config.js), checked where CI
// looks: `npm test`. Math.max(...rows) and push(...intervals) overflow the stack past ~100k
// elements, so no call in src/ may spread, except where a disable comment says it is bounded.
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { ROOT, sourceFiles } from './source-files';

const ALLOWED = /eslint-disable-next-line no-restricted-syntax -- \S/;

/** "file:line" of every spread argument in a call or `new` that no disable comment explains. */
function callSpreads(path: string): string[] {
  const text = readFileSync(path, 'utf8');
  const lines = text.split('\n');
  const file = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isSpreadElement(node) && (ts.isCallExpression(node.parent) || ts.isNewExpression(node.parent))) {
      const line = file.getLineAndCharacterOfPosition(node.getStart()).line;
      if (!ALLOWED.test(lines[line - 1] ?? '')) found.push(`${relative(ROOT, path)}:${line + 1}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('src/', () => {
  it('spreads no array into a call, so a big table cannot overflow the stack', () => {
    const files = sourceFiles(join(ROOT, 'src'));
    expect(files.length).toBeGreaterThan(50);
    expect(files.flatMap(callSpreads)).toEqual([]);
  });
});
