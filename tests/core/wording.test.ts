import { describe, expect, it } from 'vitest';
import {
  SESSION_LABEL_CHARS,
  indexRunSummary,
  inferRunSummary,
  sessionLabel,
  sessionTitle,
} from '../../src/shared/wording';

describe('how a session is named in a line of text', () => {
  it('takes its title, else the summary, else the first prompt', () => {
    expect(sessionTitle({ customTitle: null, summary: 'Sum', firstPrompt: 'Fix it' })).toBe('Sum');
    expect(sessionTitle({ customTitle: null, summary: null, firstPrompt: 'Fix it' })).toBe('Fix it');
    expect(sessionTitle({ customTitle: null, summary: null, firstPrompt: null })).toBeNull();
  });

  it('puts the title on one line and cuts it at the same length everywhere', () => {
    expect(sessionLabel('Fix the\n  login bug', 'abc')).toBe('Fix the login bug');
    expect(sessionLabel('Fix it', 'abc', true)).toBe('"Fix it"');
    const long = sessionLabel('x'.repeat(200), 'abc');
    expect(long).toHaveLength(SESSION_LABEL_CHARS);
    expect(long.endsWith('…')).toBe(true);
  });

  it('falls back to the start of the id when the session has no words', () => {
    expect(sessionLabel(null, 'b7e1c0de-1234-5678-9abc-def012345678')).toBe('session b7e1c0de…');
    expect(sessionLabel('  ', 'short')).toBe('session short');
  });
});

describe('what a run did, in the same words in the CLI, the app and the tray', () => {
  it('counts an index run and an inference run', () => {
    expect(indexRunSummary({ filesIndexed: 12, filesUnchanged: 3, filesSkipped: 1 })).toBe(
      '12 indexed, 3 unchanged, 1 skipped',
    );
    expect(
      inferRunSummary({
        streamsCreated: 4,
        streamsUpdated: 1,
        streamsRemoved: 0,
        sessionsAssigned: 12,
        eventsAssigned: 3,
      }),
    ).toBe('4 created, 1 updated, 0 removed; 12 sessions and 3 focus events placed');
  });
});
