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

describe('a name suggested from a long prompt', () => {
  it('is cut at the last word that fits, as a name rather than a prompt', () => {
    const prompt =
      'Please look into why the nightly export to the billing warehouse drops rows when two invoices share a timestamp and fix it';
    const name = commonTitle([prompt])!;
    expect(name.length).toBeLessThanOrEqual(60);
    expect(name).toBe('Please look into why the nightly export to the billing…');
    expect(prompt.startsWith(name.slice(0, -1))).toBe(true);
  });

  it('leaves a short title whole', () => {
    expect(commonTitle(['Fix the parser'])).toBe('Fix the parser');
  });
});
