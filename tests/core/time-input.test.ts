import { describe, expect, it } from 'vitest';
import { parseTimeInput } from '../../src/core/typed-time';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('times typed on the command line', () => {
  it('reads durations back from now', () => {
    expect(parseTimeInput('2d', NOW)).toBe(NOW - 2 * 86_400_000);
    expect(parseTimeInput('12h', NOW)).toBe(NOW - 12 * 3_600_000);
    expect(parseTimeInput('90m', NOW)).toBe(NOW - 90 * 60_000);
    expect(parseTimeInput('1w', NOW)).toBe(NOW - 7 * 86_400_000);
    expect(parseTimeInput(' 1.5h ', NOW)).toBe(NOW - 5_400_000);
  });

  it('reads ISO 8601 dates and times, with and without a zone', () => {
    expect(parseTimeInput('2026-02-10T21:00:00Z', NOW)).toBe(Date.parse('2026-02-10T21:00:00Z'));
    expect(parseTimeInput('2026-02-10T21:00+02:00', NOW)).toBe(Date.parse('2026-02-10T19:00:00Z'));
    // Without a zone: local time, like a person means it.
    expect(parseTimeInput('2026-02-10', NOW)).toBe(new Date(2026, 1, 10).getTime());
    expect(parseTimeInput('2026-02-10 08:30', NOW)).toBe(new Date(2026, 1, 10, 8, 30).getTime());
  });

  it('rejects anything else', () => {
    for (const bad of ['', 'yesterday', '2x', '-2d', '2026-13-45', '2026/02/10', '10:00']) {
      expect(parseTimeInput(bad, NOW), bad).toBeNull();
    }
  });

  it('rejects dates that are not on the calendar instead of rolling them over', () => {
    for (const bad of [
      '2026-02-30',
      '2026-02-29',
      '2026-04-31',
      '2026-00-10',
      '2026-02-10T24:00',
      '2026-02-10T23:60',
    ]) {
      expect(parseTimeInput(bad, NOW), bad).toBeNull();
    }
    expect(parseTimeInput('2028-02-29', NOW)).toBe(new Date(2028, 1, 29).getTime());
    expect(parseTimeInput('2026-02-28T23:59:59Z', NOW)).toBe(Date.parse('2026-02-28T23:59:59Z'));
  });

  it('rejects a duration so long that the time it names cannot be shown', () => {
    expect(parseTimeInput('99999999999d', NOW)).toBeNull();
    expect(parseTimeInput('1e400d', NOW)).toBeNull();
    expect(new Date(parseTimeInput('500w', NOW)!).toISOString()).toBe('2016-08-09T12:00:00.000Z');
  });
});
