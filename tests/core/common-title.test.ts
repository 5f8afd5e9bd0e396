import { describe, expect, it } from 'vitest';
import { commonTitle } from '../../src/shared/stream-name';

describe('commonTitle: a name for a stream made from sessions', () => {
  it('is the title most of them share, the earliest listed on a tie', () => {
    expect(commonTitle(['Fix the parser', 'Tidy the report', 'Fix the parser'])).toBe('Fix the parser');
    expect(commonTitle(['Tidy the report', 'Fix the parser'])).toBe('Tidy the report');
  });

  it('reads titles as one line, ignores sessions without one, and is null when none has one', () => {
    expect(commonTitle([null, 'Fix\nthe   parser', '', 'Fix the parser'])).toBe('Fix the parser');
    expect(commonTitle([null, '  '])).toBeNull();
    expect(commonTitle([])).toBeNull();
  });

  it('keeps a long title within a stream name’s bound', () => {
    expect(commonTitle(['x'.repeat(500)])!.length).toBeLessThanOrEqual(120);
  });
});
