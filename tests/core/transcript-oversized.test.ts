import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { OversizedLineFold } from '../../src/core/transcript/oversized-line';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);

function fold(line: string, pieces: number[]): unknown {
  const bytes = encode(line);
  const folder = new OversizedLineFold();
  let at = 0;
  for (const size of pieces) {
    folder.feed(bytes, at, Math.min(bytes.length, at + size));
    at = Math.min(bytes.length, at + size);
  }
  folder.feed(bytes, at, bytes.length);
  const out = folder.result();
  return out === null ? null : JSON.parse(new TextDecoder().decode(out));
}

describe('folding a line too long to hold', () => {
  it('keeps small top-level members and turns big values into null, however the bytes arrive', () => {
    const big = 'x"\\'.repeat(10_000); // 30,000 characters, more once escaped
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.string({ maxLength: 8 }),
          fc.oneof(
            fc.string({ maxLength: 20 }),
            fc.integer(),
            fc.boolean(),
            fc.constant(null),
            fc.constant(big),
            fc.constant({ nested: [big, { a: '}]"{[' }] }),
            fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
          ),
        ),
        fc.array(fc.integer({ min: 1, max: 5_000 }), { maxLength: 30 }),
        (record, pieces) => {
          const expected = Object.fromEntries(
            Object.entries(record).map(([k, v]) => [k, JSON.stringify(v).length > 16 * 1024 ? null : v]),
          );
          expect(fold(JSON.stringify(record), pieces)).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('keeps the timestamp that sits between two huge values of a tool result', () => {
    const output = 'y'.repeat(100_000);
    const line = JSON.stringify({
      type: 'user',
      message: { role: 'user', content: [{ type: 'tool_result', content: output }] },
      timestamp: '2026-02-10T10:00:00Z',
      toolUseResult: { stdout: output },
    });
    expect(fold(line, [777])).toEqual({
      type: 'user',
      message: null,
      timestamp: '2026-02-10T10:00:00Z',
      toolUseResult: null,
    });
  });

  it('gives up on what is not one object', () => {
    for (const bad of ['{"a":1', '}{', '[1,2]x', '']) expect(fold(bad, []), bad).toBeNull();
  });
});
