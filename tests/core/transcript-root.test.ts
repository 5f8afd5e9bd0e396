import { describe, expect, it } from 'vitest';
import { transcriptRoot } from '../../src/core/transcript/transcript-root';

describe('the projects root a transcript was read from', () => {
  it('is two folders up from a session, four from a subagent in its session folder', () => {
    expect(transcriptRoot('/home/u/.claude/projects/-home-u-work-api/0d1e.jsonl')).toBe(
      '/home/u/.claude/projects',
    );
    expect(transcriptRoot('/home/u/.claude/projects/-home-u-work-api/0d1e/subagents/agent-a1.jsonl')).toBe(
      '/home/u/.claude/projects',
    );
    // An older subagent file beside the sessions.
    expect(transcriptRoot('/data/claude/-srv-app/agent-b2.jsonl')).toBe('/data/claude');
  });
});
